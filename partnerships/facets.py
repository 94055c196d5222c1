"""Facet counts for the case-study finder, from an in-memory bitmap index of published case studies.

Counting "how many results would this option give, together with the other active filters" for a
dozen facets with SQL would take a GROUP BY per facet over every matching row: too slow at 100,000
case studies. Instead each worker process keeps, for every option of every facet, the set of
published case studies that have it, as a Python int used as a bitmap (bit i = the i-th published
case study by id). A count is then `(option & base).bit_count()`, a few microseconds.

The index is rebuilt when what is published changes: a cheap stamp query (how many published case
studies, their id range and the latest `updated_at`) is compared on every use. Every change to a
published case study goes through a save that bumps `updated_at` (the admin, the moderation
methods), so the stamp moves with it. Renaming a theme or an organisation does not move it: its
label in the filter panel updates with the next change to a published case study.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import F, Func, QuerySet, Subquery

from partnerships.models import Organisation, Partnership, PartnershipMember, Region
from themes.models import PopulationGroup, Theme

YEAR_MIN, YEAR_MAX = 1950, 2100


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    key: str  # the GET parameter
    label: str
    multiple: bool  # several options OR'ed together, or one
    options: tuple[Option, ...]


@dataclass
class FacetIndex:
    stamp: tuple
    ids: list[int]  # position -> partnership id
    position: dict[int, int]  # partnership id -> position
    masks: dict[str, dict[str, int]]  # facet key -> option value -> bitmap
    years: dict[int, int]  # start year -> bitmap
    orders: dict[str, list[int]]  # sort key -> positions in that order
    facets: dict[str, Facet] = field(default_factory=dict)

    @property
    def everything(self) -> int:
        return (1 << len(self.ids)) - 1

    def mask_of_ids(self, ids: Iterable[int]) -> int:
        return bits_from_positions(
            [p for p in (self.position.get(i) for i in ids) if p is not None], len(self.ids)
        )

    def option_mask(self, key: str, value: str) -> int:
        if key == "rating_min":
            return self.masks["rating_min"].get(value, 0)
        return self.masks[key].get(value, 0)

    def facet_mask(self, key: str, values: list[str]) -> int:
        """Case studies matching a facet's selected options (OR), or everything when none are."""
        if not values:
            return self.everything
        result = 0
        for value in values:
            result |= self.option_mask(key, value)
        return result

    def ids_of(self, mask: int) -> list[int]:
        """The ids of the case studies a bitmap holds, in id order."""
        ids, found = self.ids, []
        for index, byte in enumerate(mask.to_bytes((len(ids) + 7) // 8, "little")):
            if byte:
                base = index * 8
                found.extend(ids[base + bit] for bit in range(8) if byte >> bit & 1)
        return found

    def page_ids(self, mask: int, sort: str, start: int, stop: int) -> list[int]:
        """Ids of the matches numbered start..stop-1 (from 0) in `sort` order, where `mask` says
        which case studies match. Walks the precomputed order only as far as the page needs."""
        order = self.orders[sort]
        if mask == self.everything:
            return [self.ids[p] for p in order[start:stop]]
        bits = mask.to_bytes((len(self.ids) + 7) // 8, "little")
        found, seen = [], 0
        for p in order:
            if bits[p >> 3] >> (p & 7) & 1:
                if seen >= start:
                    found.append(self.ids[p])
                    if len(found) == stop - start:
                        break
                seen += 1
        return found

    def years_mask(self, start_from: int | None, start_to: int | None) -> int:
        if start_from is None and start_to is None:
            return self.everything
        low, high = start_from or YEAR_MIN, start_to or YEAR_MAX
        result = 0
        for year, mask in self.years.items():
            if low <= year <= high:
                result |= mask
        return result


def bits_from_positions(positions: list[int], size: int) -> int:
    """A bitmap with the given bit positions set (fast for hundreds of thousands of positions)."""
    buffer = bytearray((size + 7) // 8)
    for p in positions:
        buffer[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buffer, "little")


def current_stamp() -> tuple:
    """Changes whenever the set of published case studies or any of them changes.

    The id range is part of it because fixtures load with the `updated_at` they carry: deleting
    and reloading the same data gives the same count and latest time, but new ids.
    """
    alias = router.db_for_read(Partnership)
    if alias not in _stamp_sql:
        _stamp_sql[alias] = _stamp_query().query.sql_with_params()
    with connections[alias].cursor() as cursor:
        cursor.execute(*_stamp_sql[alias])
        row = cursor.fetchone()
    return tuple(row) if row else (0, None, None, None)


# The stamp is asked for on every finder page: its SQL is compiled once per database.
_stamp_sql: dict[str, tuple[str, tuple]] = {}


def _stamp_query() -> QuerySet:
    """One query of four scalar subqueries, each answered by an index on its own (the count by an
    index-only scan of the status index, the others by one index lookup). As one aggregate, the
    count, the latest time and the id range would be computed together row by row: eight times
    slower on SQLite."""
    published = Partnership.objects.published().order_by()
    latest = published.order_by("-updated_at").values("updated_at")[:1]
    first = published.order_by("pk").values("pk")[:1]
    count = published.annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return (
        published.order_by("-pk")
        .annotate(n=Subquery(count), latest=Subquery(latest), first=Subquery(first))
        .values_list("n", "latest", "first", "pk")[:1]
    )


def _positions_by(pairs: Iterable[tuple[int, object]], position: dict[int, int]) -> dict:
    grouped: dict[object, list[int]] = defaultdict(list)
    for partnership_id, value in pairs:
        p = position.get(partnership_id)
        if p is not None:
            grouped[value].append(p)
    return grouped


def build_index(stamp: tuple | None = None) -> FacetIndex:
    published = Partnership.objects.published()
    rows = list(
        published.order_by("pk").values_list(
            "pk",
            "evaluation_type",
            "evaluation_finding",
            "evidence_rating",
            "work_state",
            "scale",
            "start_year",
            "published_at",
            "title",
        )
    )
    ids = [row[0] for row in rows]
    position = {pk: i for i, pk in enumerate(ids)}
    size = len(ids)

    def bitmaps(grouped: dict) -> dict[str, int]:
        return {str(value): bits_from_positions(ps, size) for value, ps in grouped.items()}

    def scalar(column: int) -> dict[str, int]:
        return bitmaps(_positions_by(((row[0], row[column]) for row in rows), position))

    themes = Partnership.themes.through.objects.filter(partnership__in=published)
    forces = Partnership.police_force_areas.through.objects.filter(partnership__in=published)
    groups = Partnership.population_groups.through.objects.filter(partnership__in=published)
    members = PartnershipMember.objects.filter(partnership__in=published)

    theme_slugs = dict(Theme.objects.values_list("pk", "slug"))
    group_slugs = dict(PopulationGroup.objects.values_list("pk", "slug"))
    force_rows = Organisation.objects.police_forces().values_list("pk", "slug", "region__slug")
    force_slugs = {pk: slug for pk, slug, _ in force_rows}
    force_region = {slug: region for _, slug, region in force_rows}
    member_rows = list(
        members.values_list("partnership_id", "organisation__slug", "organisation__kind")
    )

    masks = {
        "theme": bitmaps(
            _positions_by(
                ((p, theme_slugs[t]) for p, t in themes.values_list("partnership_id", "theme_id")),
                position,
            )
        ),
        "population": bitmaps(
            _positions_by(
                (
                    (p, group_slugs[g])
                    for p, g in groups.values_list("partnership_id", "populationgroup_id")
                ),
                position,
            )
        ),
        "force": bitmaps(
            _positions_by(
                (
                    (p, force_slugs[o])
                    for p, o in forces.values_list("partnership_id", "organisation_id")
                    if o in force_slugs
                ),
                position,
            )
        ),
        "partner": bitmaps(_positions_by(((p, slug) for p, slug, _ in member_rows), position)),
        "partner_kind": bitmaps(_positions_by(((p, kind) for p, _, kind in member_rows), position)),
        "evaluation": scalar(1),
        "finding": scalar(2),
        "work_state": scalar(4),
        "scale": scalar(5),
    }
    regions: dict[str, int] = defaultdict(int)
    for slug, mask in masks["force"].items():
        if force_region.get(slug):
            regions[force_region[slug]] |= mask
    masks["region"] = dict(regions)

    by_rating = scalar(3)
    at_least: dict[str, int] = {}
    running = 0
    for level in range(5, 0, -1):
        running |= by_rating.get(str(level), 0)
        at_least[str(level)] = running
    masks["rating_min"] = at_least

    years = {int(year): mask for year, mask in scalar(6).items() if year not in ("None", "")}
    return FacetIndex(
        orders=_orders(rows),
        stamp=stamp if stamp is not None else current_stamp(),
        ids=ids,
        position=position,
        masks=masks,
        years=years,
        facets=_facets(masks),
    )


def _orders(rows: list[tuple]) -> dict[str, list[int]]:
    """Positions in each sort order of the finder (rows are in position order: by id).

    newest: published first-to-last reversed, then title; started: start year, latest first and
    unknown last, then title; title: A to Z ignoring case. Ties end on the id, so paging is stable.
    """
    positions = range(len(rows))

    def title(p: int) -> str:
        return rows[p][8].casefold()

    by_title = sorted(positions, key=lambda p: (title(p), p))
    rank = {p: i for i, p in enumerate(by_title)}
    return {
        "title": by_title,
        "newest": sorted(positions, key=lambda p: (-rows[p][7].timestamp(), rank[p])),
        "started": sorted(
            positions,
            key=lambda p: (rows[p][6] is None, -(rows[p][6] or 0), rank[p]),
        ),
    }


def _facets(masks: dict[str, dict[str, int]]) -> dict[str, Facet]:
    """The facets in the order the filter panel shows them, with the options that exist."""
    choice = Partnership

    def options(pairs: Iterable[tuple[str, str]]) -> tuple[Option, ...]:
        return tuple(Option(str(value), str(label)) for value, label in pairs)

    used_partners = set(masks["partner"])
    return {
        facet.key: facet
        for facet in [
            Facet("theme", "Theme", True, options(Theme.objects.values_list("slug", "name"))),
            Facet(
                "population",
                "Who it is for",
                True,
                options(PopulationGroup.objects.values_list("slug", "name")),
            ),
            Facet("region", "Region", True, options(Region.objects.values_list("slug", "name"))),
            Facet(
                "force",
                "Police force area",
                True,
                options(Organisation.objects.police_forces().values_list("slug", "name")),
            ),
            Facet(
                "partner",
                "Partner organisation",
                False,
                options(
                    (slug, name)
                    for slug, name in Organisation.objects.filter(
                        slug__in=used_partners
                    ).values_list("slug", "name")
                ),
            ),
            Facet("partner_kind", "Kind of partner", True, options(Organisation.Kind.choices)),
            Facet(
                "evaluation", "Evaluation (reported)", True, options(choice.EvaluationType.choices)
            ),
            Facet(
                "rating_min",
                "Evidence rating (checked by editors)",
                False,
                options((str(level), f"Level {level} or above") for level in range(1, 6)),
            ),
            Facet("finding", "What the evaluation found", True, options(choice.Finding.choices)),
            Facet("work_state", "State of the work", False, options(choice.WorkState.choices)),
            Facet("scale", "Scale", False, options(choice.Scale.choices)),
        ]
    }


_lock = threading.Lock()
_cached: FacetIndex | None = None


def get_index() -> FacetIndex:
    """The index for what is published now: rebuilt only when the stamp has moved."""
    global _cached
    stamp = current_stamp()
    cached = _cached
    if cached is not None and cached.stamp == stamp:
        return cached
    with _lock:
        if _cached is None or _cached.stamp != stamp:
            _cached = build_index(stamp)
        return _cached
