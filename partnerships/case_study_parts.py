"""A case study's tags, partners and sources as plain data: what its page
(includes/partnership_body.html, partnerships/case_study_html.py), its related case studies
(partnerships.related) and its schema.org description (opendata.jsonld) read besides its row.

Two ways to the same CaseStudyParts, so the templates and the JSON-LD have one code path:

- `read_parts(pk, index)`, for the public page: three small queries read as values, with no
  model instances and no prefetching. Given the finder's facet index (partnerships.facet_index)
  built at the current change stamp, its themes and population groups are what the index holds
  for it, then its police force areas, its partners with their organisations and its sources are
  the queries; without one, its themes, population groups and police force areas are one query
  (a `union`);
- `parts_of(partnership)`, from a model instance, for the editors' preview of a submission or
  revision and for anything that has one with its relations prefetched
  (Partnership.objects.for_detail()).

Each list is in the order the models' Meta.ordering gives it (partners: lead, partner, funder,
evaluator, then the order they were added; tests/partnerships/test_case_study_parts.py checks
both ways agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import F, IntegerField, Value

from partnerships.addresses import address
from partnerships.models import Organisation, PartnershipMember, Source
from themes.models import PopulationGroup, Theme

if TYPE_CHECKING:
    from partnerships.facet_index import FacetIndex

# PartnershipMember's Meta.ordering (ROLE_ORDER, then id), as a sort key.
ROLE_RANK = {"lead": 0, "partner": 1, "funder": 2, "evaluator": 3}


@dataclass(frozen=True, slots=True)
class ThemeTag:
    name: str
    slug: str
    is_priority: bool

    def get_absolute_url(self) -> str:
        return address("themes:detail", self.slug)


@dataclass(frozen=True, slots=True)
class GroupTag:
    """A population group ("who it is for")."""

    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class ForceArea:
    """A police force area the work covers (an Organisation of kind police force)."""

    name: str
    slug: str
    pfa_code: str

    def get_absolute_url(self) -> str:
        return address("partnerships:organisation", self.slug)


@dataclass(frozen=True, slots=True)
class Partner:
    """An organisation taking part."""

    name: str
    slug: str
    kind: str
    is_confirmed: bool
    external_id: str

    def get_absolute_url(self) -> str:
        return address("partnerships:organisation", self.slug)


@dataclass(frozen=True, slots=True)
class Member:
    """An organisation's part in the case study."""

    organisation: Partner
    role: str
    description: str


@dataclass(frozen=True, slots=True)
class SourceLink:
    title: str
    url: str
    kind: str


@dataclass(frozen=True, slots=True)
class CaseStudyParts:
    themes: tuple[ThemeTag, ...]
    population_groups: tuple[GroupTag, ...]
    police_force_areas: tuple[ForceArea, ...]
    members: tuple[Member, ...]
    sources: tuple[SourceLink, ...]


def parts_of(partnership) -> CaseStudyParts:
    """The parts of a model instance (its prefetched relations, if it has them)."""
    return CaseStudyParts(
        themes=tuple(ThemeTag(t.name, t.slug, t.is_priority) for t in partnership.themes.all()),
        population_groups=tuple(
            GroupTag(g.name, g.slug) for g in partnership.population_groups.all()
        ),
        police_force_areas=tuple(
            ForceArea(f.name, f.slug, f.pfa_code) for f in partnership.police_force_areas.all()
        ),
        members=tuple(
            Member(_partner(m.organisation), m.role, m.description)
            for m in partnership.members.all()
        ),
        sources=tuple(SourceLink(s.title, s.url, s.kind) for s in partnership.sources.all()),
    )


def _partner(o) -> Partner:
    return Partner(o.name, o.slug, o.kind, o.is_confirmed, o.external_id)


THEMES, GROUPS, FORCES = 0, 1, 2


def read_parts(pk: int, index: FacetIndex | None = None) -> CaseStudyParts:
    """The parts of case study `pk` (three queries). `index`, if given, must be as new as the
    data (built at the current change stamp): pass it only when its stamp is the stamp."""
    tags = _index_tags(index, pk) if index is not None else None
    if tags is None:
        themes, groups, forces = _read_tags(pk)
    else:
        (themes, groups), forces = tags, _read_forces(pk)
    return CaseStudyParts(themes, groups, forces, _read_members(pk), _read_sources(pk))


def _index_tags(index: FacetIndex, pk: int) -> tuple[tuple, tuple] | None:
    """Themes and population groups of a published case study from the index, which holds
    each case study's themes in the themes' order, and every group (in the groups' order) with
    the bitmap of the case studies having it; None for one it does not hold."""
    at = index.position.get(pk)
    if at is None:
        return None
    themes = tuple(ThemeTag(t.name, t.slug, t.is_priority) for t in index.themes_at[at])
    masks = index.masks["population"]
    groups = tuple(
        GroupTag(option.label, option.value)
        for option in index.facets["population"].options
        if masks.get(option.value, 0) >> at & 1
    )
    return themes, groups


def _read_tags(pk: int) -> tuple[tuple, tuple, tuple]:
    """Themes, population groups and force areas in one query. One ORDER BY for the three gives
    each its Meta.ordering: themes by -is_priority, position, name; groups by position, name
    (their flag is always false); forces by name (flag false, position 0). The database
    sorts, so names are in its collation, as they were."""
    columns = ("part", "name", "slug", "flag", "code", "rank")
    number = IntegerField()
    themes = (
        Theme.objects.filter(partnerships=pk)
        .annotate(part=Value(THEMES, number), flag=F("is_priority"), code=Value(""))
        .annotate(rank=F("position"))
        .values_list(*columns)
        .order_by()
    )
    groups = (
        PopulationGroup.objects.filter(partnerships=pk)
        .annotate(part=Value(GROUPS, number), flag=Value(False), code=Value(""))
        .annotate(rank=F("position"))
        .values_list(*columns)
        .order_by()
    )
    forces = (
        Organisation.objects.filter(partnerships_in_area=pk)
        .annotate(part=Value(FORCES, number), flag=Value(False), code=F("pfa_code"))
        .annotate(rank=Value(0, number))
        .values_list(*columns)
        .order_by()
    )
    rows = themes.union(groups, forces, all=True).order_by("part", "-flag", "rank", "name")
    found: tuple[list, list, list] = ([], [], [])
    for part, name, slug, flag, code, _ in rows:
        if part == THEMES:
            found[THEMES].append(ThemeTag(name, slug, bool(flag)))
        elif part == GROUPS:
            found[GROUPS].append(GroupTag(name, slug))
        else:
            found[FORCES].append(ForceArea(name, slug, code))
    return tuple(found[THEMES]), tuple(found[GROUPS]), tuple(found[FORCES])


def _read_forces(pk: int) -> tuple[ForceArea, ...]:
    rows = Organisation.objects.filter(partnerships_in_area=pk).values_list(
        "name", "slug", "pfa_code"
    )
    return tuple(ForceArea(*row) for row in rows)


def _read_members(pk: int) -> tuple[Member, ...]:
    rows = (
        PartnershipMember.objects.filter(partnership_id=pk)
        .order_by("id")
        .values_list(
            "role",
            "description",
            "organisation__name",
            "organisation__slug",
            "organisation__kind",
            "organisation__is_confirmed",
            "organisation__external_id",
        )
    )
    members = [
        Member(Partner(name, slug, kind, is_confirmed, external_id), role, description)
        for role, description, name, slug, kind, is_confirmed, external_id in rows
    ]
    members.sort(key=lambda m: ROLE_RANK.get(m.role, 4))  # stable: then by id
    return tuple(members)


def _read_sources(pk: int) -> tuple[SourceLink, ...]:
    rows = Source.objects.filter(partnership_id=pk).values_list("title", "url", "kind")
    return tuple(SourceLink(*row) for row in rows)
