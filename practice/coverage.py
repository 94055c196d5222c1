"""The coverage tables of /practice/: themes by region, evidence by theme, partner kinds and their
pairs, and start years; plus the headline figures and the evaluation gaps. Every count comes from
the finder's bitmap index (`finder.mask` and `finder.index`), never from a query per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from partnerships.finder import Finder
from practice.tables import Cell, Links, Row, Table, shade_rows, shown_options

GAP_THRESHOLD = 5  # a theme with at least this many case studies and none at level 3+ is a gap
GAP_LEVEL = "3"
PAIRS_SHOWN = 10
NOT_EVALUATED = "not_evaluated"
NONE_SUBMITTED = "None submitted"
ALL_KINDS = "partner_kind_all"  # the finder's facet for case studies with every kind given


def _cell(finder: Finder, links: Links, masks: list[int], **replace: str) -> Cell:
    mask = finder.mask
    for m in masks:
        mask &= m
    return Cell(mask.bit_count(), links.url(**replace))


def themes_by_region(finder: Finder, links: Links) -> Table:
    index, selection = finder.index, finder.selection
    regions = shown_options(index, selection, "region")
    rows = []
    for theme, theme_label in shown_options(index, selection, "theme"):
        t = index.option_mask("theme", theme)
        cells = [
            _cell(finder, links, [t, index.option_mask("region", r)], theme=theme, region=r)
            for r, _ in regions
        ]
        cells.append(_cell(finder, links, [t], theme=theme))
        rows.append(Row(theme_label, cells))
    shade_rows(rows)
    totals = Row(
        "All themes",
        [_cell(finder, links, [index.option_mask("region", r)], region=r) for r, _ in regions]
        + [Cell(finder.total, links.url())],
    )
    return Table(
        slug="themes-by-region",
        title="Themes by region",
        caption="Published case studies by theme and region",
        row_header="Theme",
        columns=[label for _, label in regions] + ["All regions"],
        rows=rows,
        totals=totals,
        notes=[
            "A case study can have several themes and cover several regions, and national case "
            "studies name no police force area, so totals can differ from the sum of a row or "
            "column.",
        ],
    )


def evidence_by_theme(finder: Finder, links: Links) -> Table:
    index, selection = finder.index, finder.selection
    evaluations = shown_options(index, selection, "evaluation")
    levels = shown_options(index, selection, "rating_min")
    rows = []
    for theme, theme_label in shown_options(index, selection, "theme"):
        t = index.option_mask("theme", theme)
        cells = [
            _cell(finder, links, [t, index.option_mask("evaluation", e)], theme=theme, evaluation=e)
            for e, _ in evaluations
        ] + [
            _cell(finder, links, [t, index.option_mask("rating_min", n)], theme=theme, rating_min=n)
            for n, _ in levels
        ]
        rows.append(Row(theme_label, cells))
    shade_rows(rows)
    return Table(
        slug="evidence-by-theme",
        title="Evidence by theme",
        caption="Published case studies by theme, how they were evaluated (as reported) and the "
        "evidence rating editors checked",
        row_header="Theme",
        columns=[f"Reported: {label}" for _, label in evaluations]
        + [f"Checked: {label.lower()}" for _, label in levels],
        rows=rows,
    )


@dataclass(frozen=True)
class Gap:
    theme: str
    count: int
    url: str


def evaluation_gaps(finder: Finder, links: Links) -> list[Gap]:
    """Themes with at least GAP_THRESHOLD case studies and none checked at level 3 or above."""
    index = finder.index
    checked = index.option_mask("rating_min", GAP_LEVEL)
    gaps = []
    for theme, label in shown_options(index, finder.selection, "theme"):
        mask = finder.mask & index.option_mask("theme", theme)
        count = mask.bit_count()
        if count >= GAP_THRESHOLD and not mask & checked:
            gaps.append(Gap(label, count, links.url(theme=theme)))
    return gaps


def partner_kinds(finder: Finder, links: Links) -> Table:
    index = finder.index
    rows = [
        Row(label, [_cell(finder, links, [index.option_mask("partner_kind", k)], partner_kind=k)])
        for k, label in shown_options(index, finder.selection, "partner_kind")
    ]
    rows.sort(key=lambda row: -(row.cells[0].count or 0))
    shade_rows(rows)
    return Table(
        slug="partner-kinds",
        title="Kinds of partner",
        caption="Published case studies that include each kind of partner",
        row_header="Kind of partner",
        columns=["Case studies"],
        rows=rows,
    )


def partner_pairs(finder: Finder, links: Links) -> Table:
    """The most frequent pairs of partner kinds, each linked to the finder for the case studies
    that include both (`partner_kind_all`, an all-of facet). A pair's link adds its two kinds to
    the kinds already required, so its count, `finder.mask & a & b`, is the finder's total."""
    index = finder.index
    required = finder.selection.values.get(ALL_KINDS) or []
    kinds = [
        (k, label, finder.mask & index.option_mask("partner_kind", k))
        for k, label in ((o.value, o.label) for o in index.facets["partner_kind"].options)
    ]
    pairs = [
        (f"{a_label} + {b_label}", (a_mask & b_mask).bit_count(), (a, b))
        for (a, a_label, a_mask), (b, b_label, b_mask) in combinations(
            [k for k in kinds if k[2]], 2
        )
    ]
    pairs = sorted((p for p in pairs if p[1]), key=lambda p: (-p[1], p[0]))[:PAIRS_SHOWN]
    rows = [
        Row(
            label,
            [Cell(count, links.url(**{ALL_KINDS: tuple(dict.fromkeys([*required, *pair]))}))],
        )
        for label, count, pair in pairs
    ]
    shade_rows(rows)
    return Table(
        slug="partner-pairs",
        title="Who works together",
        caption=f"The most frequent pairs of partner kinds in published case studies (up to "
        f"{PAIRS_SHOWN})",
        row_header="Kinds of partner",
        columns=["Case studies with both"],
        rows=rows,
        notes=["Each count links to the case studies that include both kinds of partner."],
    )


def start_years(finder: Finder, links: Links) -> Table:
    index = finder.index
    rows = []
    known = 0
    for year in sorted(index.years):
        mask = finder.mask & index.years[year]
        if mask:
            known |= mask
            y = str(year)
            rows.append(
                Row(
                    y,
                    [Cell(mask.bit_count(), links.url(start_from=y, start_to=y))],
                )
            )
    unknown = (finder.mask & ~known).bit_count()
    if unknown:
        rows.append(Row("Not known", [Cell(unknown)]))
    shade_rows(rows)
    return Table(
        slug="start-years",
        title="When the work started",
        caption="Published case studies by the year the work started",
        row_header="Year started",
        columns=["Case studies"],
        rows=rows,
        shaded=False,
    )


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    url: str = ""


def headline_figures(
    finder: Finder, links: Links, areas_with_any: int, areas_total: int
) -> list[Figure]:
    index, mask, total = finder.index, finder.mask, finder.total
    evaluated = 0
    for value, m in index.masks["evaluation"].items():
        if value != NOT_EVALUATED:
            evaluated |= m
    evaluated = (mask & evaluated).bit_count()
    checked = (mask & index.option_mask("rating_min", GAP_LEVEL)).bit_count()
    organisations = sum(1 for m in index.masks["partner"].values() if m & mask)

    def share(part: int) -> str:
        return f"{round(100 * part / total)}%" if total else "–"

    return [
        Figure("published case studies", f"{total:,}", links.url()),
        Figure(f"police force areas with at least one (of {areas_total})", f"{areas_with_any}"),
        Figure("organisations involved", f"{organisations:,}"),
        Figure("report an evaluation of any kind", share(evaluated)),
        Figure("checked by editors at level 3 or above", share(checked)),
    ]
