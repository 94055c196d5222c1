"""What a finder URL asks for: reading and checking the GET parameters, and the django-filter
FilterSet that turns a checked selection into the SQL for a page of results.

Options within a facet are OR'ed; facets are AND'ed with each other. Every parameter the page
cannot use (an unknown slug, a year that is not a year, a repeated single value) is dropped with a
notice saying so: the page never fails and never silently changes what was asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django.db.models import Exists, OuterRef
from django.http import QueryDict

from partnerships.facets import YEAR_MAX, YEAR_MIN, Facet
from partnerships.models import Partnership, PartnershipMember

SORTS = {
    "relevance": "Relevance",
    "newest": "Newest published",
    "started": "Most recently started",
    "title": "Title A to Z",
}
YEAR_PARAMS = {"start_from": "Started from", "start_to": "Started up to"}
MAX_VALUE_SHOWN = 40


def shown(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= MAX_VALUE_SHOWN else value[:MAX_VALUE_SHOWN] + "…"


@dataclass
class Selection:
    values: dict[str, list[str]]  # facet key -> selected options, in the order given
    start_from: int | None = None
    start_to: int | None = None
    q: str = ""
    sort: str = ""
    notices: list[str] = field(default_factory=list)

    def params(self, drop: tuple[str, str] | None = None, **replace) -> list[tuple[str, str]]:
        """This selection as GET parameters, optionally without one (key, value)."""
        pairs = [
            (key, value)
            for key, values in self.values.items()
            for value in values
            if (key, value) != drop
        ]
        for key in YEAR_PARAMS:
            year = getattr(self, key)
            if year is not None and (key, str(year)) != drop:
                pairs.append((key, str(year)))
        if self.q and drop != ("q", self.q):
            pairs.append(("q", self.q))
        if self.sort:
            pairs.append(("sort", self.sort))
        pairs = [(k, v) for k, v in pairs if k not in replace]
        pairs += [(k, v) for k, v in replace.items() if v]
        return pairs

    def url_without(self, key: str, value: str) -> str:
        return "?" + urlencode(self.params(drop=(key, value)))

    @property
    def has_filters(self) -> bool:
        return any(self.values.values()) or self.start_from is not None or self.start_to is not None


def read_selection(params: QueryDict, facets: dict[str, Facet]) -> Selection:
    selection = Selection(values={key: [] for key in facets})
    notices = selection.notices
    for key, facet in facets.items():
        known = {option.value for option in facet.options}
        given = [v.strip() for v in params.getlist(key) if v.strip()]
        chosen: list[str] = []
        for value in given:
            if value not in known:
                notices.append(
                    f"“{shown(value)}” is not one of the options for {facet.label.lower()}, "
                    "so it was left out."
                )
            elif value not in chosen:
                chosen.append(value)
        if not facet.multiple and len(chosen) > 1:
            notices.append(
                f"Only one {facet.label.lower()} can be chosen: “{facet_label(facet, chosen[0])}” "
                "was used and the others were left out."
            )
            chosen = chosen[:1]
        selection.values[key] = chosen

    for key, label in YEAR_PARAMS.items():
        given = [v.strip() for v in params.getlist(key) if v.strip()]
        if not given:
            continue
        raw = given[0]
        if len(set(given)) > 1:
            notices.append(f"{label} was given more than once: “{shown(raw)}” was used.")
        if raw.isascii() and raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX:
            setattr(selection, key, int(raw))
        else:
            notices.append(
                f"{label} must be a year such as 2016, not “{shown(raw)}”, so it was left out."
            )
    if (
        selection.start_from is not None
        and selection.start_to is not None
        and selection.start_from > selection.start_to
    ):
        notices.append(
            f"The years were the wrong way round ({selection.start_from} to "
            f"{selection.start_to}), so neither was used."
        )
        selection.start_from = selection.start_to = None

    queries = params.getlist("q")
    selection.q = queries[0] if queries else ""
    if len({q for q in queries if q.strip()}) > 1:
        notices.append("More than one search was given: only the first was used.")

    sorts = [s for s in params.getlist("sort") if s]
    if sorts:
        if sorts[0] in SORTS:
            selection.sort = sorts[0]
        else:
            notices.append(f"“{shown(sorts[0])}” is not a way to sort, so the default was used.")
    return selection


def facet_label(facet, value: str) -> str:
    return next((o.label for o in facet.options if o.value == value), value)


def _exists(model, **lookups):
    return Exists(model.objects.filter(partnership=OuterRef("pk"), **lookups))


class PartnershipFilter(django_filters.FilterSet):
    """SQL for the finder's results, over Partnership.objects.published(). The selection it is
    given has been checked by read_selection, so every value is a known one."""

    theme = django_filters.CharFilter(method="filter_theme")
    population = django_filters.CharFilter(method="filter_population")
    region = django_filters.CharFilter(method="filter_region")
    force = django_filters.CharFilter(method="filter_force")
    partner = django_filters.CharFilter(method="filter_partner")
    partner_kind = django_filters.CharFilter(method="filter_partner_kind")
    evaluation = django_filters.CharFilter(method="filter_in", field_name="evaluation_type")
    finding = django_filters.CharFilter(method="filter_in", field_name="evaluation_finding")
    rating_min = django_filters.NumberFilter(field_name="evidence_rating", lookup_expr="gte")
    work_state = django_filters.CharFilter(field_name="work_state")
    scale = django_filters.CharFilter(field_name="scale")
    start_from = django_filters.NumberFilter(field_name="start_year", lookup_expr="gte")
    start_to = django_filters.NumberFilter(field_name="start_year", lookup_expr="lte")

    class Meta:
        model = Partnership
        fields: list[str] = []

    def __init__(self, selection: Selection, queryset=None):
        data = QueryDict(mutable=True)
        for key, value in selection.params():
            data.appendlist(key, value)
        self.selection = selection
        super().__init__(data, queryset=queryset)

    def values(self, name: str) -> list[str]:
        return self.selection.values.get(name, [])

    def filter_in(self, queryset, name, value):
        values = self.values(
            {"evaluation_type": "evaluation", "evaluation_finding": "finding"}[name]
        )
        return queryset.filter(**{f"{name}__in": values}) if values else queryset

    def filter_theme(self, queryset, name, value):
        through = Partnership.themes.through
        return queryset.filter(_exists(through, theme__slug__in=self.values("theme")))

    def filter_population(self, queryset, name, value):
        through = Partnership.population_groups.through
        return queryset.filter(
            _exists(through, populationgroup__slug__in=self.values("population"))
        )

    def filter_region(self, queryset, name, value):
        through = Partnership.police_force_areas.through
        return queryset.filter(
            _exists(through, organisation__region__slug__in=self.values("region"))
        )

    def filter_force(self, queryset, name, value):
        through = Partnership.police_force_areas.through
        return queryset.filter(_exists(through, organisation__slug__in=self.values("force")))

    def filter_partner(self, queryset, name, value):
        return queryset.filter(
            _exists(PartnershipMember, organisation__slug__in=self.values("partner"))
        )

    def filter_partner_kind(self, queryset, name, value):
        return queryset.filter(
            _exists(PartnershipMember, organisation__kind__in=self.values("partner_kind"))
        )
