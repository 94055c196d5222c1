"""The organisations index and an organisation's page."""

from itertools import groupby
from typing import NamedTuple

from django import forms
from django.db import router
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from partnerships import change_stamp
from partnerships.addresses import addresses
from partnerships.cards import cards_of
from partnerships.memory import Memo
from partnerships.models import Organisation, Partnership, PartnershipMember, Region, published_q
from partnerships.views.public import finder_context


class OrganisationFilterForm(forms.Form):
    """The organisations index's filters: a kind and a region, both optional."""

    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *Organisation.Kind.choices],
        required=False,
        label="Kind of organisation",
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label="All regions",
        required=False,
        label="Region",
    )

    def filter(self, organisations):
        if self.cleaned_data.get("kind"):
            organisations = organisations.filter(kind=self.cleaned_data["kind"])
        if self.cleaned_data.get("region"):
            organisations = organisations.filter(region=self.cleaned_data["region"])
        return organisations


IN_AREA_SHOWN = 6


class OrganisationRow(NamedTuple):
    """What the organisations index shows of one organisation."""

    slug: str
    name: str
    kind: str
    region: str | None  # its region's name
    published_count: int  # published case studies it takes part in
    url: str  # its page


_counts = Memo(4)  # published_counts per change stamp


def published_counts(stamp: int) -> dict[int, int]:
    """Organisation id -> the published case studies it takes part in, remembered for the change
    stamp (which moves on every change to a published case study or its partners)."""
    return _counts.get(
        stamp,
        lambda: dict(
            PartnershipMember.objects.filter(published_q("partnership__"))
            .order_by()
            .values("organisation")
            .annotate(count=Count("pk"))
            .values_list("organisation", "count")
        ),
    )


def public_organisations(organisations, stamp: int) -> list[OrganisationRow]:
    """The confirmed ones of a queryset of organisations, with their published case studies."""
    counts = published_counts(stamp)
    found = list(
        organisations.filter(is_confirmed=True)
        .order_by()
        .values_list("pk", "slug", "name", "kind", "region__name")
    )
    urls = addresses("partnerships:organisation", [(slug,) for _, slug, *_ in found])
    return [
        OrganisationRow(slug, name, kind, region, counts.get(pk, 0), url)
        for (pk, slug, name, kind, region), url in zip(found, urls, strict=True)
    ]


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    if not form.is_bound:
        organisations = Organisation.objects.all()
    elif form.is_valid():
        organisations = form.filter(Organisation.objects.all())
    else:
        organisations = Organisation.objects.none()
    stamp = change_stamp.current(router.db_for_read(Partnership))
    kind_labels = dict(Organisation.Kind.choices)
    kind_order = {kind: position for position, kind in enumerate(kind_labels)}
    ordered = sorted(
        public_organisations(organisations, stamp),
        key=lambda org: (kind_order[org.kind], org.name, org.slug),
    )
    groups = [
        (kind_labels[kind], list(members))
        for kind, members in groupby(ordered, key=lambda org: org.kind)
    ]
    return render(
        request,
        "partnerships/organisation_list.html",
        # stamp: the filters' region choices are remembered for it (the template's memo)
        {"form": form, "groups": groups, "total": len(ordered), "stamp": stamp},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.filter(is_confirmed=True).select_related("region"), slug=slug
    )
    labels = dict(PartnershipMember.Role.choices)

    def roles(ids: list[int]) -> dict[int, str]:
        found = PartnershipMember.objects.filter(organisation=organisation, partnership__in=ids)
        return {pk: labels.get(role, "") for pk, role in found.values_list("partnership", "role")}

    context = finder_context(request, scope=("partner", organisation.slug), roles=roles)
    in_area = []
    if organisation.kind == Organisation.Kind.POLICE_FORCE:
        in_area = cards_of(
            Partnership.objects.published()
            .filter(police_force_areas=organisation)
            .exclude(members__organisation=organisation)
            .order_by("-published_at", "title")[:IN_AREA_SHOWN],
            context["finder"].index,
        )
    return render(
        request,
        "partnerships/organisation_detail.html",
        {"organisation": organisation, "in_area": in_area, **context},
    )
