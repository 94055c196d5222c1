"""The organisations index and an organisation's page."""

from itertools import groupby

import django_filters
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from partnerships.facets import add_card_details
from partnerships.models import Organisation, Partnership, PartnershipMember, Region, published_q
from partnerships.views.public import finder_context


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, empty_label="All kinds", label="Kind of organisation"
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label="All regions",
        label="Region",
    )

    class Meta:
        model = Organisation
        fields = ["kind", "region"]


IN_AREA_SHOWN = 6


def public_organisations():
    """Confirmed organisations, with how many published case studies each takes part in."""
    return (
        Organisation.objects.filter(is_confirmed=True)
        .select_related("region")
        .annotate(
            published_count=Count(
                "memberships",
                filter=published_q("memberships__partnership__"),
            )
        )
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganisationFilter(request.GET or None, queryset=public_organisations())
    valid = not filterset.is_bound or filterset.is_valid()
    organisations = filterset.qs if valid else public_organisations().none()
    kind_labels = dict(Organisation.Kind.choices)
    kind_order = list(kind_labels)
    ordered = sorted(organisations, key=lambda org: (kind_order.index(org.kind), org.name))
    groups = [
        (kind_labels[kind], list(members))
        for kind, members in groupby(ordered, key=lambda org: org.kind)
    ]
    return render(
        request,
        "partnerships/organisation_list.html",
        {"filter": filterset, "groups": groups, "total": len(ordered)},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.filter(is_confirmed=True).select_related("region"), slug=slug
    )
    context = finder_context(request, scope=("partner", organisation.slug))
    roles = dict(
        PartnershipMember.objects.filter(
            organisation=organisation, partnership__in=[p.pk for p in context["results"]]
        ).values_list("partnership_id", "role")
    )
    labels = dict(PartnershipMember.Role.choices)
    for partnership in context["results"]:
        partnership.role_here = labels.get(roles.get(partnership.pk), "")
    in_area = []
    if organisation.kind == Organisation.Kind.POLICE_FORCE:
        in_area = list(
            Partnership.objects.published()
            .filter(police_force_areas=organisation)
            .exclude(members__organisation=organisation)
            .for_listing()
            .order_by("-published_at", "title")[:IN_AREA_SHOWN]
        )
        add_card_details(in_area, context["finder"].index)
    return render(
        request,
        "partnerships/organisation_detail.html",
        {"organisation": organisation, "in_area": in_area, **context},
    )
