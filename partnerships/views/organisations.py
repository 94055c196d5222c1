"""The organisations index and an organisation's page."""

from django import forms
from django.db import router
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

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
    list_key = None  # the tables' markup is remembered under it (the template's memo)
    if form.is_bound and not form.is_valid():
        groups = []
    else:
        chosen = form.cleaned_data if form.is_bound else {}
        kind, region, remembered = (
            chosen.get("kind", ""),
            chosen.get("region"),
            is_anonymous(request),
        )
        groups = organisation_index.grouped(stamp, kind, region, remembered=remembered)
        if remembered:
            list_key = organisation_index.list_key(stamp, kind, region)
    return render(
        request,
        "partnerships/organisation_list.html",
        # stamp: the filters' region choices are remembered for it (the template's memo)
        {
            "form": form,
            "groups": groups,
            "total": sum(len(members) for _, members in groups),
            "stamp": stamp,
            "list_key": list_key,
        },
    )


def _confirmed(slug: str) -> Organisation:
    organisation = (
        Organisation.objects.filter(is_confirmed=True, slug=slug).select_related("region").first()
    )
    if organisation is None:
        raise Http404("No Organisation matches the given query.")
    return organisation


def organisation_page(stamp: int, slug: str) -> dict:
    """`organisation` (confirmed, with its region), `organisation_url` and `organisation_key`
    (what markup of it may be remembered under, or None) for the organisation
    `slug` at change stamp `stamp`; Http404 if there is none (a miss is not remembered).

    The stamp watches an organisation's row only while it is a police force or a partner in a
    published case study (partnerships/change_stamp.py WATCHED): such an organisation is
    remembered for the stamp, so a change to it shows at once. Any other is read on every
    request (it is in no published case study: its page lists none). Shared between requests:
    callers must not change it."""
    fresh = []

    def read() -> dict:
        organisation = _confirmed(slug)
        fresh.append(organisation)
        return {
            "organisation": organisation,
            "organisation_url": organisation.get_absolute_url(),
            "watched": organisation.kind == Organisation.Kind.POLICE_FORCE
            or Partnership.objects.published().filter(members__organisation=organisation).exists(),
        }

    key = (stamp, "organisation", slug)
    page = _memo.get(key, read)
    if not page["watched"] and not fresh:
        page = {**page, "organisation": _confirmed(slug)}
    # What the page's markup of the organisation itself may be remembered under (the template's
    # memo): only while the organisation is the one remembered for the stamp.
    return {**page, "organisation_key": key if page["watched"] else None}


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    labels = dict(PartnershipMember.Role.choices)

    # Its roles in the page's case studies and the case studies in its area are published data
    # the change stamp watches (memberships, force areas): remembered for the stamp, as the cards
    # are (partnerships/cards.py), so a change shows at once.
    def roles(ids: list[int], stamp: int) -> dict[int, str]:
        if not ids:  # nothing to read (and a missing organisation's page must not be remembered)
            return {}

        def read() -> dict[int, str]:
            found = PartnershipMember.objects.filter(organisation__slug=slug, partnership__in=ids)
            return {
                pk: labels.get(role, "") for pk, role in found.values_list("partnership", "role")
            }

        return _memo.get((stamp, "roles", slug, tuple(ids)), read)

    # The finder first: the organisation is remembered for the stamp it read. A partner nobody
    # has (a missing organisation) finds nothing; the page is then a 404.
    context = finder_context(request, scope=("partner", slug), roles=roles)
    finder = context["finder"]
    page = organisation_page(finder.stamp, slug)
    organisation = page["organisation"]
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
        {
            "organisation": organisation,
            "organisation_url": page["organisation_url"],
            "organisation_key": page["organisation_key"],
            "in_area": in_area,
            **context,
        },
    )
