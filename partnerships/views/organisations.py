"""The organisations index and an organisation's page."""

from django import forms
from django.db import router
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from partnerships import change_stamp, organisation_index
from partnerships.cards import cards
from partnerships.memory import Memo
from partnerships.models import Organisation, Partnership, PartnershipMember, Region
from partnerships.page_cache import is_anonymous
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


IN_AREA_SHOWN = 6
# An organisation's page's answers from the database, per change stamp (organisation_detail).
_memo = Memo(1024)


def organisation_list(request: HttpRequest) -> HttpResponse:
    """The lists are remembered for anonymous visitors (partnerships/organisation_index.py)."""
    form = OrganisationFilterForm(request.GET or None)
    stamp = change_stamp.current(router.db_for_read(Partnership))
    if form.is_bound and not form.is_valid():
        groups = []
    else:
        chosen = form.cleaned_data if form.is_bound else {}
        groups = organisation_index.grouped(
            stamp,
            chosen.get("kind", ""),
            chosen.get("region"),
            remembered=is_anonymous(request),
        )
    return render(
        request,
        "partnerships/organisation_list.html",
        # stamp: the filters' region choices are remembered for it (the template's memo)
        {
            "form": form,
            "groups": groups,
            "total": sum(len(members) for _, members in groups),
            "stamp": stamp,
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.filter(is_confirmed=True).select_related("region"), slug=slug
    )
    labels = dict(PartnershipMember.Role.choices)

    # Its roles in the page's case studies and the case studies in its area are published data
    # the change stamp watches (memberships, force areas): remembered for the stamp, as the cards
    # are (partnerships/cards.py), so a change shows at once.
    def roles(ids: list[int], stamp: int) -> dict[int, str]:
        def read() -> dict[int, str]:
            found = PartnershipMember.objects.filter(organisation=organisation, partnership__in=ids)
            return {
                pk: labels.get(role, "") for pk, role in found.values_list("partnership", "role")
            }

        return _memo.get((stamp, "roles", organisation.pk, tuple(ids)), read)

    context = finder_context(request, scope=("partner", organisation.slug), roles=roles)
    finder = context["finder"]
    in_area = []
    if organisation.kind == Organisation.Kind.POLICE_FORCE:
        in_area_ids = _memo.get(
            (finder.stamp, "in_area", organisation.pk),
            lambda: list(
                Partnership.objects.published()
                .filter(police_force_areas=organisation)
                .exclude(members__organisation=organisation)
                .order_by("-published_at", "title")
                .values_list("pk", flat=True)[:IN_AREA_SHOWN]
            ),
        )
        in_area = cards(in_area_ids, finder.index, stamp=finder.stamp)
    return render(
        request,
        "partnerships/organisation_detail.html",
        {"organisation": organisation, "in_area": in_area, **context},
    )
