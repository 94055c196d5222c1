"""/api/v1/themes, /api/v1/force-areas and /api/v1/organisations: what case studies are tagged
with, each with how many published case studies it has.

The counts come from the finder's bitmap index of published case studies
(partnerships.facet_index), which holds, for each theme, police force area and organisation, the
case studies that have it: a count is a bit count, never a GROUP BY over every case study's
tags, so a list costs the change stamp and its own rows whatever the numbers. They are the
counts the finder's panel shows for the same option."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from api.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page_body
from api.problems import bad_parameters, nul_characters, problem
from api.schemas import ForceAreaOut, OrganisationOut, OrganisationPage, Problem, ThemeOut
from opendata.dictionary import LICENCE
from opendata.related import KIND_LABELS, absolute
from partnerships.facet_index import get_index
from partnerships.models import Organisation, Region
from themes.models import Theme

router = Router()
ERRORS = {400: Problem, 404: Problem, 429: Problem}


def _region(region: Region | None) -> dict | None:
    if region is None:
        return None
    return {"slug": region.slug, "name": region.name, "ons_code": region.ons_code}


def _counts(key: str) -> Callable[[str], int]:
    """slug -> how many published case studies have that option of the finder's facet `key`."""
    masks = get_index().masks[key]
    return lambda slug: masks.get(slug, 0).bit_count()


def _unknown(request: HttpRequest, allowed: set[str]):
    invalid = [(key, "Not a parameter of this API.") for key in request.GET if key not in allowed]
    return bad_parameters(request, invalid) if invalid else None


@router.get(
    "/themes",
    response={200: list[ThemeOut], **ERRORS},
    tags=["Themes"],
    summary="Every theme",
    operation_id="list_themes",
)
def list_themes(request: HttpRequest):
    if error := _unknown(request, set()):
        return error
    count = _counts("theme")
    return [
        {
            "slug": theme.slug,
            "name": theme.name,
            "summary": theme.summary,
            "is_priority": theme.is_priority,
            "url": absolute(theme.get_absolute_url()),
            "case_studies": count(theme.slug),
        }
        for theme in Theme.objects.all()
    ]


@router.get(
    "/force-areas",
    response={200: list[ForceAreaOut], **ERRORS},
    tags=["Police force areas"],
    summary="Every police force area, with its ONS code",
    operation_id="list_force_areas",
)
def list_force_areas(request: HttpRequest):
    if error := _unknown(request, set()):
        return error
    count = _counts("force")
    forces = Organisation.objects.police_forces().filter(is_confirmed=True).select_related("region")
    return [
        {
            "slug": force.slug,
            "name": force.name,
            "ons_code": force.pfa_code,
            "region": _region(force.region),
            "url": absolute(force.get_absolute_url()),
            "case_studies": count(force.slug),
        }
        for force in forces
    ]


def _organisation(organisation: Organisation, count: Callable[[str], int]) -> dict:
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": {"code": organisation.kind, "label": str(KIND_LABELS[organisation.kind])},
        "external_id": organisation.external_id,
        "ons_code": organisation.pfa_code,
        "region": _region(organisation.region),
        "website": organisation.website,
        "url": absolute(organisation.get_absolute_url()),
        "case_studies": count(organisation.slug),
    }


def _organisations():
    return Organisation.objects.filter(is_confirmed=True).select_related("region")


class OrganisationFilters(Schema):
    kind: str | None = Field(None, description="A kind of organisation (code)")
    region: str | None = Field(None, description="A region's slug")
    page: int = Field(1, ge=1)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@router.get(
    "/organisations",
    response={200: OrganisationPage, **ERRORS},
    tags=["Organisations"],
    summary="Organisations confirmed by editors, with their external identifiers",
    operation_id="list_organisations",
)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]):
    if error := _unknown(request, set(OrganisationFilters.model_fields)):
        return error
    invalid = nul_characters(request.GET)
    if invalid:
        return bad_parameters(request, invalid)
    if filters.kind and filters.kind not in KIND_LABELS:
        invalid.append(("kind", "Not a kind of organisation."))
    if filters.region and not Region.objects.filter(slug=filters.region).exists():
        invalid.append(("region", "No region has this slug."))
    if invalid:
        return bad_parameters(request, invalid)
    condition = Q()
    if filters.kind:
        condition &= Q(kind=filters.kind)
    if filters.region:
        condition &= Q(region__slug=filters.region)
    organisations = _organisations().filter(condition).order_by("name", "pk")
    total = organisations.count()
    body = page_body(request, total, filters.page, filters.page_size)
    if filters.page > body["pages"]:
        return bad_parameters(request, [("page", f"There are {body['pages']} pages.")])
    start = (filters.page - 1) * filters.page_size
    page = organisations[start : start + filters.page_size]
    count = _counts("partner")
    results = [_organisation(o, count) for o in page]
    return {**body, "licence": LICENCE, "results": results}


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, **ERRORS},
    tags=["Organisations"],
    summary="One organisation",
    operation_id="get_organisation",
)
def get_organisation(request: HttpRequest, slug: str):
    organisation = None if "\x00" in slug else _organisations().filter(slug=slug).first()
    if organisation is None:
        return problem(request, 404, "No confirmed organisation has this slug.")
    return _organisation(organisation, _counts("partner"))
