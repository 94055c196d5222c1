"""Everything /practice/ shows, for one set of finder filters: assembled once, rendered by
templates/practice/practice.html, and each table downloadable as CSV (views.table_csv).

To add a table: write a function `(finder, links) -> tables.Table` (see coverage.py), add it to
TABLES, and show it in the template with `{{ practice.sections.<slug>|coverage_table }}`
(practice/render.py writes the table and its CSV link).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import QueryDict

from partnerships.filters import shown
from partnerships.finder import Finder, find
from practice import coverage
from practice.areas import ORDERS, AreaMap, Force, area_map, police_forces
from practice.charts import bar_chart
from practice.tables import Links, Table

# slug -> builder, in the order the page shows them (the force areas table comes with the map).
TABLES: dict[str, Callable[[Finder, Links], Table]] = {
    "themes-by-region": coverage.themes_by_region,
    "evidence-by-theme": coverage.evidence_by_theme,
    "partner-kinds": coverage.partner_kinds,
    "partner-pairs": coverage.partner_pairs,
    "start-years": coverage.start_years,
}
AREAS_TABLE = "force-areas"
CSV_NAMES = (AREAS_TABLE, *TABLES)


@dataclass
class PracticePage:
    finder: Finder
    forces: tuple[Force, ...]
    order: str
    notices: list[str]
    map: AreaMap
    tables: dict[str, Table]
    gaps: list[coverage.Gap]
    figures: list[coverage.Figure]

    @property
    def sections(self) -> dict[str, Table]:
        """The tables by name for templates, which cannot say "force-areas"."""
        return {slug.replace("-", "_"): table for slug, table in self.tables.items()}

    @property
    def chart(self):
        return bar_chart(self.tables["start-years"], "Bar chart of case studies by start year")


def read_order(params: QueryDict) -> tuple[str, list[str]]:
    """The force areas table's order (`order=name|count`), with a notice for anything else."""
    given = [v for v in params.getlist("order") if v.strip()]
    if not given:
        return "name", []
    if given[0] in ORDERS:
        return given[0], []
    return "name", [
        f"“{shown(given[0])}” is not a way to order the police force areas, so they are by name."
    ]


def build(params: QueryDict) -> PracticePage:
    finder = find(params)
    order, notices = read_order(params)
    forces = police_forces(finder.index.stamp)
    links = Links(finder.selection)
    the_map = area_map(finder, links, forces, order)
    tables = {AREAS_TABLE: the_map.table} | {
        slug: make(finder, links) for slug, make in TABLES.items()
    }
    for slug, table in tables.items():
        table.csv_url = Links(finder.selection, "practice:csv", [slug]).url()
    mapped = sum(1 for f in forces if f.code)
    return PracticePage(
        finder=finder,
        forces=forces,
        order=order,
        notices=finder.notices + notices,
        map=the_map,
        tables=tables,
        gaps=coverage.evaluation_gaps(finder, links),
        figures=coverage.headline_figures(finder, links, the_map.with_any, mapped),
    )
