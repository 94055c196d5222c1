"""The finder's facets, each declared once in `FACETS`.

A facet is a key (its GET parameter, and its key in the index's masks), a label, single or multiple
choice, how its options are listed, how each published case study's values are read, and how the
panel shows it. From `FACETS` come the bitmap index and its counts (partnerships/facet_index.py),
the filter panel (templates/partnerships/includes/facet.html), the Django form that reads the GET
parameters (partnerships/filters.py) and the links that remove a choice (partnerships/finder.py).
Adding a facet is one `FacetDefinition` here plus a test (CONTRIBUTING.md, "Add a filter facet").

`Published` reads what the definitions need about published case studies, each thing once per
index build and only if some facet asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from partnerships.models import Organisation, Partnership, PartnershipMember, Region
from themes.models import PopulationGroup, Theme

YEAR_MIN, YEAR_MAX = 1950, 2100
LEAD = PartnershipMember.Role.LEAD.value
EVALUATED = "evaluated"  # the evaluation option that means any kind of evaluation


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    """A facet as the index built it: its definition's key, label and kind, with its options."""

    key: str  # the GET parameter
    label: str
    multiple: bool  # several options OR'ed together (AND'ed with `all_of`), or one
    options: tuple[Option, ...]
    # "choices": checkboxes or radios; "search": a text field to type in; "hidden": not offered in
    # the panel, its choices kept as hidden fields (shown and removable in the selected filters)
    widget: str = "choices"
    all_of: bool = False  # several options: case studies having every one of them


@dataclass(frozen=True)
class FacetDefinition:
    """One facet, declared once.

    options(published) gives (value, label) pairs in the order the panel lists them;
    values(published) gives (partnership id, value) pairs, one per value a published case study
    has. With `at_least`, the options are levels and option "n" holds every case study whose value
    is n or more (the evidence rating). With `all_of`, choosing several options gives the case
    studies that have every one of them, not any (kinds of partner working together); a facet
    whose `values` is the same function as another's shares that facet's bitmaps."""

    key: str
    label: str
    multiple: bool
    options: Callable[[Published], Iterable[tuple[str, str]]]
    values: Callable[[Published], Iterable[tuple[int, object]]]
    widget: str = "choices"
    at_least: bool = False
    all_of: bool = False


class Published:
    """What facets read about published case studies, fetched on first use, once per build."""

    ROW_FIELDS = (
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

    def __init__(self) -> None:
        self.queryset = Partnership.objects.published()

    @cached_property
    def rows(self) -> list[tuple]:
        """(ROW_FIELDS...) of every published case study, by id."""
        return list(self.queryset.order_by("pk").values_list(*self.ROW_FIELDS))

    def column(self, name: str) -> list[tuple[int, object]]:
        at = self.ROW_FIELDS.index(name)
        return [(row[0], row[at]) for row in self.rows]

    def _links(self, relation: str, column: str) -> list[tuple[int, int]]:
        through = getattr(Partnership, relation).through.objects
        return list(
            through.filter(partnership__in=self.queryset).values_list("partnership_id", column)
        )

    @cached_property
    def themes(self) -> list[tuple[int, str, str, bool]]:
        """(pk, slug, name, is_priority) of every theme, in the themes' own order."""
        return list(Theme.objects.values_list("pk", "slug", "name", "is_priority"))

    @cached_property
    def theme_links(self) -> list[tuple[int, int]]:
        return self._links("themes", "theme_id")

    @cached_property
    def group_links(self) -> list[tuple[int, int]]:
        return self._links("population_groups", "populationgroup_id")

    @cached_property
    def force_links(self) -> list[tuple[int, int]]:
        return self._links("police_force_areas", "organisation_id")

    @cached_property
    def organisations(self) -> dict[int, tuple[str, str, str, str | None]]:
        """pk -> (slug, kind, name, region slug), in the organisations' own order."""
        return {
            pk: rest
            for pk, *rest in Organisation.objects.values_list(
                "pk", "slug", "kind", "name", "region__slug"
            )
        }

    @cached_property
    def members(self) -> list[tuple[int, int, str]]:
        """(partnership id, organisation id, role), in membership order."""
        return list(
            PartnershipMember.objects.filter(partnership__in=self.queryset)
            .order_by("pk")
            .values_list("partnership_id", "organisation_id", "role")
        )

    def forces(self) -> Iterable[tuple[int, tuple]]:
        police = Organisation.Kind.POLICE_FORCE
        return (
            (p, self.organisations[o])
            for p, o in self.force_links
            if self.organisations[o][1] == police
        )


def _theme_values(data: Published):
    slugs = {pk: slug for pk, slug, _, _ in data.themes}
    return ((p, slugs[t]) for p, t in data.theme_links)


def _group_values(data: Published):
    slugs = dict(PopulationGroup.objects.values_list("pk", "slug"))
    return ((p, slugs[g]) for p, g in data.group_links)


def _used_partners(data: Published):
    used = {o for _, o, _ in data.members}
    return ((slug, name) for pk, (slug, _, name, _) in data.organisations.items() if pk in used)


def _evaluation_values(data: Published):
    for pk, kind in data.column("evaluation_type"):
        yield pk, kind
        if kind != Partnership.EvaluationType.NOT_EVALUATED:
            yield pk, EVALUATED


def _evaluation_options(data: Published):
    choices = list(Partnership.EvaluationType.choices)
    return [choices[0], (EVALUATED, "Evaluated (any kind)"), *choices[1:]]


def _kind_values(data: Published):
    return ((p, data.organisations[o][1]) for p, o, _ in data.members)


def _column(name: str):
    return lambda data: data.column(name)


def _choices(choices):
    return lambda data: choices


FACETS: list[FacetDefinition] = [
    FacetDefinition(
        "theme",
        "Theme",
        True,
        options=lambda data: [(slug, name) for _, slug, name, _ in data.themes],
        values=_theme_values,
    ),
    FacetDefinition(
        "population",
        "Who it is for",
        True,
        options=lambda data: PopulationGroup.objects.values_list("slug", "name"),
        values=_group_values,
    ),
    FacetDefinition(
        "region",
        "Region",
        True,
        options=lambda data: Region.objects.values_list("slug", "name"),
        values=lambda data: ((p, org[3]) for p, org in data.forces() if org[3]),
    ),
    FacetDefinition(
        "force",
        "Police force area",
        True,
        options=lambda data: Organisation.objects.police_forces().values_list("slug", "name"),
        values=lambda data: ((p, org[0]) for p, org in data.forces()),
    ),
    FacetDefinition(
        "partner",
        "Partner organisation",
        False,
        options=_used_partners,
        values=lambda data: ((p, data.organisations[o][0]) for p, o, _ in data.members),
        widget="search",
    ),
    FacetDefinition(
        "partner_kind",
        "Kind of partner",
        True,
        options=_choices(Organisation.Kind.choices),
        values=_kind_values,
    ),
    # The same kinds, all of them at once: what "Who works together" on /practice/ links to
    # ("police force + local authority public health"). Not in the panel: a second list of the
    # same kinds beside the one above would be hard to tell apart (CONTRIBUTING.md).
    FacetDefinition(
        "partner_kind_all",
        "Kinds of partner working together",
        True,
        options=_choices(Organisation.Kind.choices),
        values=_kind_values,
        widget="hidden",
        all_of=True,
    ),
    FacetDefinition(
        "evaluation",
        "Evaluation (reported)",
        True,
        options=_evaluation_options,
        values=_evaluation_values,
    ),
    FacetDefinition(
        "rating_min",
        "Evidence rating (checked by editors)",
        False,
        options=_choices([(str(level), f"Level {level} or above") for level in range(1, 6)]),
        values=_column("evidence_rating"),
        at_least=True,
    ),
    FacetDefinition(
        "finding",
        "What the evaluation found",
        True,
        options=_choices(Partnership.Finding.choices),
        values=_column("evaluation_finding"),
    ),
    FacetDefinition(
        "work_state",
        "State of the work",
        False,
        options=_choices(Partnership.WorkState.choices),
        values=_column("work_state"),
    ),
    FacetDefinition(
        "scale",
        "Scale",
        False,
        options=_choices(Partnership.Scale.choices),
        values=_column("scale"),
    ),
]


def __getattr__(name: str):
    """The index used to live here: partnerships.facets.get_index and friends still work."""
    if name in {"FacetIndex", "get_index", "build_index", "current_stamp", "CardTheme"}:
        from partnerships import facet_index

        return getattr(facet_index, name)
    raise AttributeError(name)
