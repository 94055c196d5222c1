"""The rows of a coverage table as HTML, written in Python: the tables of /practice/ have
hundreds of cells, and the template engine is slow over that many (figures in bench/README.md).
What the markup says is in the comment of templates/practice/includes/table.html; everything
from the data is escaped here."""

from __future__ import annotations

from html import escape  # the standard library's: no lazy-string check per call

from django.utils.safestring import SafeString, mark_safe

from practice.tables import Cell, Row, Table


def _count_text(count: int) -> str:
    return "case study" if count == 1 else "case studies"


def _cell(cell: Cell, shaded: bool) -> str:
    classes = "govuk-table__cell govuk-table__cell--numeric"
    if shaded:
        classes += f" app-shade-{cell.shade:d}"
    if cell.count is None:
        inner = f'<span class="app-muted">{escape(cell.text)}</span>'
    elif cell.count == 0:
        inner = '<span class="app-muted">None submitted</span>'
    elif cell.url:
        inner = (
            f'<a class="govuk-link" href="{escape(cell.url)}">{cell.count:d}'
            f'<span class="govuk-visually-hidden"> {_count_text(cell.count)}</span></a>'
        )
    else:
        inner = f"{cell.count:d}"
    return f'<td class="{classes}">{inner}</td>'


def _row(row: Row, shaded: bool, total: bool = False) -> str:
    label = escape(row.label)
    if row.url:
        label = f'<a class="govuk-link" href="{escape(row.url)}">{label}</a>'
    cells = "".join(_cell(cell, shaded and not total) for cell in row.cells)
    css = "govuk-table__row app-coverage-table__totals" if total else "govuk-table__row"
    return f'<tr class="{css}"><th scope="row" class="govuk-table__header">{label}</th>{cells}</tr>'


def table_body(table: Table) -> SafeString:
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
    return mark_safe("".join(rows))
