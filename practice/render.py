"""A coverage table of /practice/ (a practice.tables.Table) as HTML, and the page's short lists,
written in Python: the tables have hundreds of cells, and the template engine is slow over that
many. Everything from the data is escaped here.

The markup: the table in its own scrolling container (a region named by the caption, focusable so
that it scrolls from the keyboard), a caption, a row header per row (linked where the row has a
page), each count linked to the finder for those case studies with "case studies" for screen
readers, "None submitted" for none, shaded cells (app-shade-N) for scanning, the table's notes,
and a link to its CSV.
"""

from __future__ import annotations

from html import escape  # the standard library's: no lazy-string check per call

from django.utils.safestring import SafeString, mark_safe

from practice.areas import Force, LegendItem
from practice.coverage import Figure
from practice.tables import Cell, Row, Table

_TD = '<td class="govuk-table__cell govuk-table__cell--numeric'
_NONE = '<span class="app-muted">None submitted</span></td>'


def _cell(cell: Cell, shaded: bool) -> str:
    start = f'{_TD} app-shade-{cell.shade:d}">' if shaded else f'{_TD}">'
    count = cell.count
    if count is None:
        return f'{start}<span class="app-muted">{escape(cell.text)}</span></td>'
    if count == 0:
        return start + _NONE
    if cell.url:
        return (
            f'{start}<a class="govuk-link" href="{escape(cell.url)}">{count:d}'
            '<span class="govuk-visually-hidden"> '
            f"{'case study' if count == 1 else 'case studies'}</span></a></td>"
        )
    return f"{start}{count:d}</td>"


def _row(row: Row, shaded: bool, total: bool = False) -> str:
    label = escape(row.label)
    if row.url:
        label = f'<a class="govuk-link" href="{escape(row.url)}">{label}</a>'
    shaded = shaded and not total
    cells = "".join([_cell(cell, shaded) for cell in row.cells])
    css = "govuk-table__row app-coverage-table__totals" if total else "govuk-table__row"
    return f'<tr class="{css}"><th scope="row" class="govuk-table__header">{label}</th>{cells}</tr>'


def table_html(table: Table) -> SafeString:
    """The whole table: `{{ table|coverage_table }}` in a template."""
    slug = escape(table.slug)
    shaded = " app-coverage-table--shaded" if table.shaded else ""
    columns = "".join(
        f'<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
        f"{escape(column)}</th>"
        for column in table.columns
    )
    notes = "".join(f'<p class="govuk-body-s">{escape(note)}</p>' for note in table.notes)
    return mark_safe(
        f'\n<div class="app-table-scroll" role="region" aria-labelledby="{slug}-caption" '
        'tabindex="0">\n'
        f'  <table class="govuk-table app-coverage-table{shaded}" id="table-{slug}">\n'
        f'    <caption class="govuk-table__caption govuk-table__caption--s" id="{slug}-caption">'
        f"{escape(table.caption)}</caption>\n"
        '    <thead class="govuk-table__head">\n'
        '      <tr class="govuk-table__row">\n'
        f'        <th scope="col" class="govuk-table__header">{escape(table.row_header)}</th>\n'
        f"        {columns}\n"
        "      </tr>\n"
        "    </thead>\n"
        f'    <tbody class="govuk-table__body">{table_body(table)}\n'
        "    </tbody>\n"
        "  </table>\n"
        "</div>\n"
        f"{notes}\n"
        f'<p class="govuk-body-s"><a class="govuk-link" href="{escape(table.csv_url)}" download>'
        'Download this table as CSV<span class="govuk-visually-hidden"> '
        f"({escape(table.title.lower())})</span></a></p>\n"
    )


def table_body(table: Table) -> str:
    """The <tbody> rows: one per row of the table, then its totals, or "None submitted"."""
    rows = [_row(row, table.shaded) for row in table.rows]
    if not rows:
        span = len(table.columns) + 1
        rows.append(
            f'<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{span}">'
            "None submitted.</td></tr>"
        )
    if table.totals:
        rows.append(_row(table.totals, table.shaded, total=True))
    return "".join(rows)


# The page's short lists, which the template engine spent more on than on a whole table: the
# headline figures, the map's key, London's two forces and the orders of the areas table.


def figure_items(figures: list[Figure]) -> SafeString:
    """The headline figures' <li>s, each value linked to its case studies where it has a link."""
    items = []
    for figure in figures:
        value = escape(figure.value)
        if figure.url:
            value = f'<a class="govuk-link" href="{escape(figure.url)}">{value}</a>'
        items.append(
            f'<li class="app-figures__item"><span class="app-figures__value">{value}</span> '
            f'<span class="app-figures__label">{escape(figure.label)}</span></li>'
        )
    return mark_safe("\n      ".join(items))


def legend_items(legend: list[LegendItem]) -> SafeString:
    """The map key's <li>s: a swatch of each class, what it means and how many areas are in it."""
    return mark_safe(
        "\n      ".join(
            '<li class="app-map-legend__item"><svg class="app-map-legend__swatch" '
            'viewBox="0 0 20 14" aria-hidden="true" focusable="false"><rect class="app-map__area '
            f'app-map__area--{escape(item.shade)}" width="20" height="14"/></svg>'
            f"{escape(item.label)}: {item.areas:d} area{'' if item.areas == 1 else 's'}</li>"
            for item in legend
        )
    )


def london_links(london: list[tuple[Force, Cell]]) -> SafeString:
    """London's two forces (enlarged in the map's inset), each linked with its count."""
    links = []
    for force, cell in london:
        if cell.count is None:
            what = escape(cell.text.lower())
        else:
            what = f"{cell.count:d} case stud{'y' if cell.count == 1 else 'ies'}"
        links.append(
            f'<a class="govuk-link" href="{escape(cell.url or force.area_url)}">'
            f"{escape(force.name)}</a> ({what})"
        )
    return mark_safe(" and ".join(links))


def order_choices(orders: list[tuple[str, str, str]], chosen: str) -> SafeString:
    """The areas table's orders, (key, label, url) each: the chosen one in bold, the others
    links back to the table."""
    choices = []
    for key, label, url in orders:
        text = escape(label.lower())
        if key == chosen:
            choices.append(f"<strong>{text}</strong>")
        else:
            choices.append(f'<a class="govuk-link" href="{escape(url)}#areas-order">{text}</a>')
    return mark_safe(" or ".join(choices))
