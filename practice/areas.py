"""Police force areas: the /practice/ map and its table, and what an area's own page shows
(themes covered and not, partner kinds, neighbours and what they have that the area lacks)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString

from partnerships.addresses import address
from partnerships.facets import FacetIndex
from partnerships.finder import Finder
from partnerships.memory import Memo
from partnerships.models import Organisation
from practice.geography import areas, neighbouring_areas
from practice.geography.svg import MapArea, choropleth
from practice.tables import SHADES, Cell, Links, Row, Table

ORDERS = {"name": "Name", "count": "Number of case studies"}
NOT_CHOSEN = "Not in the areas chosen"
NOT_IN_REGIONS = "Not in the regions chosen"


@dataclass(frozen=True)
class Force:
    """A police force (an Organisation of kind police_force) with its area's ONS code."""

    slug: str
    name: str  # the area's ONS name ("Durham"), or the force's own where it has no area code
    code: str  # pfa_code, "" if none
    force_name: str  # the organisation's name ("Durham Constabulary")
    area_url: str  # its page, /practice/areas/<slug>/
    region: str = ""  # its region's slug
    region_name: str = ""
    url: str = ""  # the organisation's own page


_forces = Memo(4)


def police_forces(stamp: int) -> tuple[Force, ...]:
    """Every confirmed police force, by area name, for the finder index's change stamp: one
    query the first time, then none until the stamp moves, which it does on every change to a
    police force or a region (partnerships/change_stamp.py). Shared by callers: never changed.
    The addresses in them depend on the URLconf and script prefix too, so those are in the key."""
    return _forces.get((stamp, get_urlconf(), get_script_prefix()), _read_forces)


def _read_forces() -> tuple[Force, ...]:
    rows = Organisation.objects.police_forces().filter(is_confirmed=True)
    shapes = areas()
    placeholder = "slug-placeholder"
    url = reverse("practice:area", args=[placeholder])  # once, not 43 times
    forces = [
        Force(
            slug,
            shapes[code].name if code in shapes else name,
            code,
            name,
            url.replace(placeholder, slug),
            region or "",
            region_name or "",
            address("partnerships:organisation", slug),
        )
        for slug, name, code, region, region_name in rows.values_list(
            "slug", "name", "pfa_code", "region__slug", "region__name"
        )
    ]
    return tuple(sorted(forces, key=lambda f: f.name.casefold()))


def case_studies(count: int) -> str:
    return f"{count:,} case stud{'y' if count == 1 else 'ies'}"


@dataclass
class LegendItem:
    shade: str
    label: str
    areas: int


@dataclass
class AreaMap:
    svg: SafeString
    legend: list[LegendItem]
    table: Table
    with_any: int
    london: list[tuple[Force, Cell]]


def _breaks(counts: list[int]) -> list[int]:
    """Upper bounds of up to SHADES classes for the non-zero counts (quantiles, kept distinct)."""
    values = sorted(c for c in counts if c > 0)
    if not values:
        return []
    distinct = sorted(set(values))
    if len(distinct) <= SHADES:
        return distinct
    bounds = []
    for k in range(1, SHADES + 1):
        bound = values[min(len(values) - 1, (len(values) * k) // SHADES - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    if bounds[-1] != values[-1]:
        bounds.append(values[-1])
    return bounds


def area_map(finder: Finder, links: Links, forces: tuple[Force, ...], order: str) -> AreaMap:
    index, selection = finder.index, finder.selection
    chosen = set(selection.values.get("force") or [])
    regions = set(selection.values.get("region") or [])
    cells: dict[str, Cell] = {}
    slugs = [force.slug for force in forces]
    urls = dict(zip(slugs, links.urls("force", slugs), strict=True))
    for force in forces:
        if chosen and force.slug not in chosen:
            cells[force.slug] = Cell(None, text=NOT_CHOSEN)
            continue
        count = (finder.mask & index.option_mask("force", force.slug)).bit_count()
        if regions and force.region not in regions and not count:
            # Outside the regions chosen: "none submitted" would say more than is known. (A case
            # study covering areas in two regions still counts, and links, here.)
            cells[force.slug] = Cell(None, text=NOT_IN_REGIONS)
        else:
            cells[force.slug] = Cell(count, urls[force.slug])
    counted = [c.count for c in cells.values() if c.count is not None]
    breaks = _breaks(counted)

    def shade_of(cell: Cell) -> str:
        if cell.count is None:
            return "unselected"
        if cell.count == 0:
            return "c0"
        return f"c{bisect_left(breaks, cell.count) + 1}"  # the first class it is within

    areas = []
    for force in forces:
        cell = cells[force.slug]
        shade = shade_of(cell)
        cell.shade = int(shade[1:]) if cell.count is not None else 0
        label = f"{force.name}: " + (
            case_studies(cell.count) if cell.count is not None else cell.text.lower()
        )
        if force.code:
            areas.append(MapArea(force.code, label, shade, cell.url))

    legend = [LegendItem("c0", "None submitted", counted.count(0))]
    low = 1
    for i, bound in enumerate(breaks, 1):
        text = case_studies(bound) if low == bound else f"{low:,} to {case_studies(bound)}"
        legend.append(LegendItem(f"c{i}", text, sum(low <= c <= bound for c in counted)))
        low = bound + 1
    for text in (NOT_CHOSEN, NOT_IN_REGIONS):
        left_out = sum(1 for c in cells.values() if c.count is None and c.text == text)
        if left_out:
            legend.append(LegendItem("unselected", text, left_out))

    ordered = sorted(forces, key=lambda f: f.name.casefold())
    if order == "count":
        ordered.sort(
            key=lambda f: -(cells[f.slug].count if cells[f.slug].count is not None else -1)
        )
    rows = [Row(force.name, [cells[force.slug]], url=force.area_url) for force in ordered]
    table = Table(
        slug="force-areas",
        title="Police force areas",
        caption="Published case studies in each police force area",
        row_header="Police force area",
        columns=["Case studies"],
        rows=rows,
        shaded=True,
    )
    london_codes = ("E23000001", "E23000034")
    london = [(f, cells[f.slug]) for f in forces if f.code in london_codes]
    return AreaMap(
        svg=choropleth(
            areas, f"Map of England and Wales: {case_studies(finder.total)} by police force area"
        ),
        legend=legend,
        table=table,
        with_any=sum(1 for c in counted if c),
        london=london,
    )


@dataclass(frozen=True)
class Suggestion:
    """Something a neighbouring area has that this one does not."""

    neighbour: Force
    theme: str
    count: int
    url: str


@dataclass
class AreaProfile:
    force: Force
    total: int
    covered: list[tuple[str, int, str]]  # theme label, count, finder url
    not_covered: list[str]
    partner_kinds: list[tuple[str, int, str]]
    neighbours: list[tuple[Force, int]]
    suggestions: list[Suggestion]


def area_profile(index: FacetIndex, force: Force, forces: tuple[Force, ...]) -> AreaProfile:
    """What an area's page shows besides its finder, from the whole of what is published."""
    here = index.option_mask("force", force.slug)
    themes = [(o.value, o.label) for o in index.facets["theme"].options]
    finder_path = address("partnerships:list")

    def url(**params: str) -> str:
        return finder_path + "?" + urlencode(params)

    covered, not_covered = [], []
    for slug, label in themes:
        count = (here & index.option_mask("theme", slug)).bit_count()
        if count:
            covered.append((label, count, url(force=force.slug, theme=slug)))
        else:
            not_covered.append(label)
    kinds = []
    for option in index.facets["partner_kind"].options:
        count = (here & index.option_mask("partner_kind", option.value)).bit_count()
        if count:
            kinds.append((option.label, count, url(force=force.slug, partner_kind=option.value)))
    kinds.sort(key=lambda k: -k[1])

    by_code = {f.code: f for f in forces if f.code}
    codes = neighbouring_areas().get(force.code, frozenset())
    neighbours = sorted((by_code[c] for c in codes if c in by_code), key=lambda f: f.name)
    missing = [(slug, label) for slug, label in themes if label in set(not_covered)]
    suggestions = []
    counted = []
    for neighbour in neighbours:
        theirs = index.option_mask("force", neighbour.slug)
        counted.append((neighbour, theirs.bit_count()))
        for slug, label in missing:
            count = (theirs & index.option_mask("theme", slug)).bit_count()
            if count:
                suggestions.append(
                    Suggestion(neighbour, label, count, url(force=neighbour.slug, theme=slug))
                )
    return AreaProfile(force, here.bit_count(), covered, not_covered, kinds, counted, suggestions)
