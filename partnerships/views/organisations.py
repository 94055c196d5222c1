"""The organisations index and an organisation's page."""

from itertools import groupby

import django_filters
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from partnerships.models import Organisation, Partnership, PartnershipMember, Region, published_q


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
    memberships = (
        PartnershipMember.objects.filter(organisation=organisation)
        .filter(partnership__in=Partnership.objects.published())
        .select_related("partnership")
        .prefetch_related(
            Prefetch("partnership__themes"),
        )
        .order_by("partnership__title")
    )
    in_area = []
    if organisation.kind == Organisation.Kind.POLICE_FORCE:
        in_area = (
            Partnership.objects.published()
            .filter(police_force_areas=organisation)
            .exclude(members__organisation=organisation)
            .for_listing()
            .order_by("title")
        )
    return render(
        request,
        "partnerships/organisation_detail.html",
        {"organisation": organisation, "memberships": memberships, "in_area": in_area},
    )
