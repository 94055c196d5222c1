"""/api/v1/themes, /api/v1/force-areas and /api/v1/organisations: what case studies are tagged
with, each with how many published case studies it has."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from api.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page_body
from api.problems import bad_parameters, problem
from api.schemas import ForceAreaOut, OrganisationOut, OrganisationPage, Problem, ThemeOut
from opendata.dictionary import LICENCE
from opendata.related import KIND_LABELS, absolute
from partnerships.models import Organisation, Region, published_q
from themes.models import Theme

router = Router()
ERRORS = {400: Problem, 404: Problem, 429: Problem}


def _region(region: Region | None) -> dict | None:
    if region is None:
        return None
    return {"slug": region.slug, "name": region.name, "ons_code": region.ons_code}


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
    themes = Theme.objects.annotate(
        case_studies=Count("partnerships", filter=published_q("partnerships__"))
    )
    return [
        {
            "slug": theme.slug,
            "name": theme.name,
            "summary": theme.summary,
            "is_priority": theme.is_priority,
            "url": absolute(theme.get_absolute_url()),
            "case_studies": theme.case_studies,
        }
        for theme in themes
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
    forces = (
        Organisation.objects.police_forces()
        .filter(is_confirmed=True)
        .select_related("region")
        .annotate(
            case_studies=Count("partnerships_in_area", filter=published_q("partnerships_in_area__"))
        )
    )
    return [
        {
            "slug": force.slug,
            "name": force.name,
            "ons_code": force.pfa_code,
            "region": _region(force.region),
            "url": absolute(force.get_absolute_url()),
            "case_studies": force.case_studies,
        }
        for force in forces
    ]


def _organisation(organisation: Organisation) -> dict:
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
        "case_studies": organisation.case_studies,
    }


def _organisations():
    return (
        Organisation.objects.filter(is_confirmed=True)
        .select_related("region")
        .annotate(
            case_studies=Count("memberships", filter=published_q("memberships__partnership__"))
        )
    )


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
    invalid = []
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
    return {**body, "licence": LICENCE, "results": [_organisation(o) for o in page]}


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, **ERRORS},
    tags=["Organisations"],
    summary="One organisation",
    operation_id="get_organisation",
)
def get_organisation(request: HttpRequest, slug: str):
    organisation = _organisations().filter(slug=slug).first()
    if organisation is None:
        return problem(request, 404, "No confirmed organisation has this slug.")
    return _organisation(organisation)
