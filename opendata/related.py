"""What is linked to a chunk of published case studies, read in one query per kind of link.

Each function takes case-study ids and returns {id: [JSON item, …]} in the order the case study's
own page shows them. Only public columns are read: nothing here can reach a contact, a draft or an
unconfirmed organisation's page.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from django.conf import settings
from django.urls import reverse

from partnerships.models import Organisation, Partnership, PartnershipMember, Source
from partnerships.models.members import ROLE_ORDER

KIND_LABELS = dict(Organisation.Kind.choices)
ROLE_LABELS = dict(PartnershipMember.Role.choices)
SOURCE_LABELS = dict(Source.Kind.choices)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


@cache
def _address_pattern(url_name: str) -> tuple[str, str]:
    before, _, after = reverse(url_name, args=["slug-goes-here"]).partition("slug-goes-here")
    return before, after


def address_of(url_name: str, slug: str) -> str:
    """The absolute address of the page `url_name` (which takes one slug) for `slug`. Worked out
    once per URL name: reverse() costs more than the rest of an exported row."""
    before, after = _address_pattern(url_name)
    return f"{settings.SITE_URL}{before}{slug}{after}"


def _grouped(rows, item) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(item(*row[1:]))
    return grouped


def themes(ids: list[int]) -> dict[int, list[dict]]:
    rows = (
        Partnership.themes.through.objects.filter(partnership_id__in=ids)
        .order_by("-theme__is_priority", "theme__position", "theme__name")
        .values_list("partnership_id", "theme__slug", "theme__name")
    )
    return _grouped(rows, lambda slug, name: {"slug": slug, "name": name})


def population_groups(ids: list[int]) -> dict[int, list[dict]]:
    rows = (
        Partnership.population_groups.through.objects.filter(partnership_id__in=ids)
        .order_by("populationgroup__position", "populationgroup__name")
        .values_list("partnership_id", "populationgroup__slug", "populationgroup__name")
    )
    return _grouped(rows, lambda slug, name: {"slug": slug, "name": name})


def police_force_areas(ids: list[int]) -> dict[int, list[dict]]:
    rows = (
        Partnership.police_force_areas.through.objects.filter(partnership_id__in=ids)
        .order_by("organisation__name")
        .values_list(
            "partnership_id",
            "organisation__slug",
            "organisation__name",
            "organisation__pfa_code",
            "organisation__region__slug",
            "organisation__region__name",
            "organisation__region__ons_code",
        )
    )

    def item(slug, name, code, region_slug, region_name, region_code):
        region = (
            {"slug": region_slug, "name": region_name, "ons_code": region_code}
            if region_slug
            else None
        )
        return {"slug": slug, "name": name, "ons_code": code, "region": region}

    return _grouped(rows, item)


def partners(ids: list[int]) -> dict[int, list[dict]]:
    rows = (
        PartnershipMember.objects.filter(partnership_id__in=ids)
        .order_by(ROLE_ORDER, "id")
        .values_list(
            "partnership_id",
            "organisation_id",
            "organisation__slug",
            "organisation__name",
            "organisation__kind",
            "organisation__external_id",
            "organisation__pfa_code",
            "organisation__region__ons_code",
            "organisation__is_confirmed",
            "role",
            "description",
        )
    )

    def item(pk, slug, name, kind, external_id, pfa_code, region_code, confirmed, role, what):
        url = address_of("partnerships:organisation", slug) if confirmed else None
        organisation = {
            "id": pk,
            "slug": slug,
            "name": name,
            "kind": {"code": kind, "label": str(KIND_LABELS.get(kind, kind))},
            "external_id": external_id,
            "ons_code": pfa_code,
            "region_ons_code": region_code or "",
            "url": url,
        }
        return {
            "organisation": organisation,
            "role": {"code": role, "label": str(ROLE_LABELS.get(role, role))},
            "description": what,
        }

    return _grouped(rows, item)


def sources(ids: list[int]) -> dict[int, list[dict]]:
    rows = (
        Source.objects.filter(partnership_id__in=ids)
        .order_by("position", "id")
        .values_list("partnership_id", "title", "url", "kind")
    )

    def item(title, url, kind):
        return {
            "title": title,
            "url": url,
            "kind": {"code": kind, "label": str(SOURCE_LABELS.get(kind, kind))},
        }

    return _grouped(rows, item)
