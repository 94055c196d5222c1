"""Facet counts for the case-study finder, from an in-memory bitmap index of published case studies.

Counting "how many results would this option give, together with the other active filters" for a
dozen facets with SQL would take a GROUP BY per facet over every matching row: too slow at 100,000
case studies. Instead each worker process keeps, for every option of every facet, the set of
published case studies that have it, as a Python int used as a bitmap (bit i = the i-th published
case study by id). A count is then `(option & base).bit_count()`, a few microseconds.

The index is rebuilt when anything it reads changes: database triggers move a stamp on every
change to published case studies and their links, to police forces and partners of published case
studies, and to regions, themes and population groups, renames included; not on changes to drafts
(partnerships/change_stamp.py). Each use compares the stamp, a one-row read.

The index also holds what a case-study card shows besides the row itself, the themes and the lead
partners of each published case study, so that a page of results needs one query for its rows.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import router
from django.urls import reverse

from partnerships import change_stamp
from partnerships.models import Organisation, Partnership, PartnershipMember, Region
from themes.models import PopulationGroup, Theme

YEAR_MIN, YEAR_MAX = 1950, 2100
LEAD = PartnershipMember.Role.LEAD.value


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


class CardTheme(NamedTuple):
    name: str
    is_priority: bool
    slug: str  # cards link each theme tag to the theme's page

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", args=[self.slug])


@dataclass
class FacetIndex:
    stamp: int
    ids: list[int]  # position -> partnership id
    position: dict[int, int]  # partnership id -> position
    masks: dict[str, dict[str, int]]  # facet key -> option value -> bitmap
    years: dict[int, int]  # start year -> bitmap
    orders: dict[str, list[int]]  # sort key -> positions in that order
    facets: dict[str, Facet] = field(default_factory=dict)
    # position -> themes in theme order, and lead partners' names (equal tuples are one object)
    themes_at: list[tuple[CardTheme, ...]] = field(default_factory=list)
    leads_at: list[tuple[str, ...]] = field(default_factory=list)

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


def add_card_details(partnerships: list[Partnership], index: FacetIndex | None = None) -> None:
    """Set `card_themes` and `lead_names` on each case study: what a card shows besides the row's
    own fields (templates/includes/partnership_card.html). They come from `index` (the finder's
    pages have one); a case study it does not hold (published since it was built), or every one
    when there is none, is looked up in the database, in two queries."""
    position = index.position if index else {}
    missing = [p.pk for p in partnerships if p.pk not in position]
    themes_of, leads_of = _card_details(missing) if missing else ({}, {})
    for partnership in partnerships:
        pk = partnership.pk
        if pk in position:
            partnership.card_themes = index.themes_at[position[pk]]
            partnership.lead_names = index.leads_at[position[pk]]
        else:
            partnership.card_themes = themes_of.get(pk, ())
            partnership.lead_names = leads_of.get(pk, ())


def current_stamp() -> int:
    """The change stamp now (partnerships/change_stamp.py): it moves on every change the index
    would see."""
    return change_stamp.current(router.db_for_read(Partnership))


def _positions_by(pairs: Iterable[tuple[int, object]], position: dict[int, int]) -> dict:
    grouped: dict[object, list[int]] = defaultdict(list)
    for partnership_id, value in pairs:
        p = position.get(partnership_id)
        if p is not None:
            grouped[value].append(p)
    return grouped


def build_index(stamp: int | None = None) -> FacetIndex:
    """The index of what is published now. `stamp` is the change stamp read before building: a
    change made while the index is being built then moves the stamp past it."""
    if stamp is None:
        stamp = current_stamp()
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

    theme_rows = list(Theme.objects.values_list("pk", "slug", "name", "is_priority"))
    theme_slugs = {pk: slug for pk, slug, _, _ in theme_rows}
    theme_links = list(themes.values_list("partnership_id", "theme_id"))
    group_slugs = dict(PopulationGroup.objects.values_list("pk", "slug"))
    force_rows = Organisation.objects.police_forces().values_list("pk", "slug", "region__slug")
    force_slugs = {pk: slug for pk, slug, _ in force_rows}
    force_region = {slug: region for _, slug, region in force_rows}
    # Organisations are few and memberships many: each membership row carries the id only.
    organisations = {
        pk: (slug, kind, name)
        for pk, slug, kind, name in Organisation.objects.values_list("pk", "slug", "kind", "name")
    }
    member_rows = list(
        members.order_by("pk").values_list("partnership_id", "organisation_id", "role")
    )

    masks = {
        "theme": bitmaps(
            _positions_by(
                ((p, theme_slugs[t]) for p, t in theme_links),
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
        "partner": bitmaps(
            _positions_by(((p, organisations[o][0]) for p, o, _ in member_rows), position)
        ),
        "partner_kind": bitmaps(
            _positions_by(((p, organisations[o][1]) for p, o, _ in member_rows), position)
        ),
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
        stamp=stamp,
        ids=ids,
        position=position,
        masks=masks,
        years=years,
        facets=_facets(masks),
        themes_at=_by_position(_themes_of(theme_rows, theme_links), ids),
        leads_at=_by_position(
            _leads_of((p, organisations[o][2]) for p, o, role in member_rows if role == LEAD), ids
        ),
    )


def _by_position(by_id: dict[int, tuple], ids: list[int]) -> list[tuple]:
    """by_id's tuples in position order, () where there is none, each distinct tuple kept once:
    most case studies share their combination of themes with many others."""
    shared: dict[tuple, tuple] = {}
    return [shared.setdefault(value, value) for value in (by_id.get(pk, ()) for pk in ids)]


def _themes_of(
    theme_rows: list[tuple], links: Iterable[tuple[int, int]]
) -> dict[int, tuple[CardTheme, ...]]:
    """Each case study's themes, in the themes' own order. `theme_rows` are (pk, slug, name,
    is_priority) in that order; `links` are (partnership id, theme id)."""
    case_studies_of: dict[int, list[int]] = defaultdict(list)
    for partnership_id, theme_id in links:
        case_studies_of[theme_id].append(partnership_id)
    grouped: dict[int, list[CardTheme]] = defaultdict(list)
    for pk, slug, name, is_priority in theme_rows:  # theme by theme, so no sorting
        card = CardTheme(name, is_priority, slug)
        for partnership_id in case_studies_of.get(pk, ()):
            grouped[partnership_id].append(card)
    return {p: tuple(themes) for p, themes in grouped.items()}


def _leads_of(pairs: Iterable[tuple[int, str]]) -> dict[int, tuple[str, ...]]:
    """Each case study's lead partners' names, from (partnership id, name) in membership order."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for partnership_id, name in pairs:
        grouped[partnership_id].append(name)
    return {p: tuple(names) for p, names in grouped.items()}


def _card_details(ids: list[int]) -> tuple[dict, dict]:
    """What _themes_of and _leads_of give, for these case studies only, from the database."""
    links = Partnership.themes.through.objects.filter(partnership_id__in=ids)
    in_theme_order = [  # Theme's own ordering, through the link
        f"-theme__{field[1:]}" if field.startswith("-") else f"theme__{field}"
        for field in Theme._meta.ordering
    ]
    themes_of: dict[int, list[CardTheme]] = defaultdict(list)
    for partnership_id, name, is_priority, slug in links.order_by(*in_theme_order).values_list(
        "partnership_id", "theme__name", "theme__is_priority", "theme__slug"
    ):
        themes_of[partnership_id].append(CardTheme(name, is_priority, slug))
    leads = PartnershipMember.objects.filter(partnership_id__in=ids, role=LEAD).order_by("pk")
    return (
        {p: tuple(themes) for p, themes in themes_of.items()},
        _leads_of(leads.values_list("partnership_id", "organisation__name")),
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
