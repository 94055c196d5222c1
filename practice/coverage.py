"""The coverage tables of /practice/: themes by region, evidence by theme, partner kinds and their
pairs, and start years; plus the headline figures and the evaluation gaps. Every count comes from
the finder's bitmap index (`finder.mask` and `finder.index`), never from a query per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from partnerships.facet_index import FacetIndex
from partnerships.finder import Finder
from partnerships.memory import Memo
from practice.tables import Cell, Links, Row, Table, shade_rows, shown_options

GAP_THRESHOLD = 5  # a theme with at least this many case studies and none at level 3+ is a gap
GAP_LEVEL = "3"
PAIRS_SHOWN = 10
NOT_EVALUATED = "not_evaluated"
NONE_SUBMITTED = "None submitted"
ALL_KINDS = "partner_kind_all"  # the finder's facet for case studies with every kind given


def _cell(mask: int, links: Links, **replace: str) -> Cell:
    return Cell(mask.bit_count(), links.url(**replace))


def _row_cells(row: int, masks: list[tuple[str, int]], urls: list[str]) -> list[Cell]:
    """A row's cells: `row` (the finder's matches in the row's option) with each column's
    option, linked to `urls` (Links.urls, in the columns' order)."""
    return [Cell((row & m).bit_count(), url) for (_, m), url in zip(masks, urls, strict=True)]


def _masks(finder: Finder, key: str, options: list[tuple[str, str]]) -> list[tuple[str, int]]:
    return [(value, finder.index.option_mask(key, value)) for value, _ in options]


def themes_by_region(finder: Finder, links: Links) -> Table:
    index, selection, mask = finder.index, finder.selection, finder.mask
    regions = shown_options(index, selection, "region")
    region_masks = _masks(finder, "region", regions)
    region_values = [r for r, _ in regions]
    rows = []
    for theme, theme_label in shown_options(index, selection, "theme"):
        row = mask & index.option_mask("theme", theme)  # each cell ANDs one bitmap more
        cells = _row_cells(row, region_masks, links.urls("region", region_values, theme=theme))
        cells.append(_cell(row, links, theme=theme))
        rows.append(Row(theme_label, cells))
    shade_rows(rows)
    totals = Row(
        "All themes",
        _row_cells(mask, region_masks, links.urls("region", region_values))
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
    evaluation_masks = _masks(finder, "evaluation", evaluations)
    level_masks = _masks(finder, "rating_min", levels)
    evaluation_values = [e for e, _ in evaluations]
    level_values = [n for n, _ in levels]
    rows = []
    for theme, theme_label in shown_options(index, selection, "theme"):
        row = finder.mask & index.option_mask("theme", theme)
        cells = _row_cells(
            row, evaluation_masks, links.urls("evaluation", evaluation_values, theme=theme)
        ) + _row_cells(row, level_masks, links.urls("rating_min", level_values, theme=theme))
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
        Row(
            label,
            [_cell(finder.mask & index.option_mask("partner_kind", k), links, partner_kind=k)],
        )
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


_everyone = Memo(4)  # change stamp -> organisations with any published case study


def _organisations_involved(index: FacetIndex, mask: int) -> int:
    """How many partners the case studies in `mask` have between them: a walk over every
    partner's bitmap, so for the unfiltered page (every case study) it is kept per change stamp."""

    def count() -> int:
        return sum(1 for m in index.masks["partner"].values() if m & mask)

    if mask == index.everything:
        return _everyone.get(index.stamp, count)
    return count()


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
    organisations = _organisations_involved(index, mask)

    def share(part: int) -> str:
        return f"{round(100 * part / total)}%" if total else "–"

    return [
        Figure("published case studies", f"{total:,}", links.url()),
        Figure(f"police force areas with at least one (of {areas_total})", f"{areas_with_any}"),
        Figure("organisations involved", f"{organisations:,}"),
        Figure("report an evaluation of any kind", share(evaluated)),
        Figure("checked by editors at level 3 or above", share(checked)),
    ]
