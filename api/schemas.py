"""The API's response shapes (pydantic, through django-ninja), from which the OpenAPI document is
generated. A case study's shape is built from opendata.dictionary.CASE_STUDY_FIELDS, so a field
added there appears in the API and its document with no change here.

The shapes are plain pydantic models (`Out`), not ninja's `Schema`: the views return dicts, which
pydantic checks in its compiled core, whereas a `Schema` reads every field of every nested object
through a Python wrapper (ninja's DjangoGetter, for ORM objects), which cost more than building
the records themselves. The OpenAPI document is the same either way."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, create_model

from opendata.dictionary import CASE_STUDY_FIELDS
from opendata.fields import Choice, Computed, Moment, Plain, Related
from partnerships.models import Partnership


class Out(BaseModel):
    """A response shape, validated from plain dicts."""


class Code(Out):
    code: str
    label: str


class NumberCode(Out):
    code: int
    label: str


class Named(Out):
    slug: str
    name: str


class RegionOut(Out):
    slug: str
    name: str
    ons_code: str = Field(description="ONS code (E12…, W92…)")


class ForceAreaRef(Out):
    slug: str
    name: str
    ons_code: str = Field(description="ONS code of the police force area (E23…, W15…)")
    region: RegionOut | None


class OrganisationRef(Out):
    id: int
    slug: str
    name: str
    kind: Code
    external_id: str = Field(description="360Giving org-id style identifier, or empty")
    ons_code: str = Field(description="For a police force, its area's ONS code; else empty")
    region_ons_code: str
    url: str | None = Field(description="Its page here; null until editors confirm it")


class PartnerOut(Out):
    organisation: OrganisationRef
    role: Code
    description: str


class SourceOut(Out):
    title: str
    url: str
    kind: Code


RELATED_ITEMS: dict[str, type[Out]] = {
    "themes": Named,
    "population_groups": Named,
    "police_force_areas": ForceAreaRef,
    "partners": PartnerOut,
    "sources": SourceOut,
}


def _annotation(item) -> Any:
    if isinstance(item, Related):
        return list[RELATED_ITEMS[item.name]]
    if isinstance(item, Choice):
        code = NumberCode if item.choices is Partnership.EvidenceRating else Code
        return code if item.required else code | None
    if isinstance(item, Moment):
        return str if item.required else str | None
    if isinstance(item, Plain) and item.datatype == "integer":
        return int if item.required else int | None
    if isinstance(item, Plain | Computed):
        return str
    raise TypeError(f"No API type for {item!r}")


def _described(item) -> Any:
    description = getattr(item, "description", "") or ", ".join(
        column.description for column in item.columns
    )
    return (_annotation(item), Field(description=description))


CaseStudyOut = create_model(
    "CaseStudy",
    __base__=Out,
    **{item.name: _described(item) for item in CASE_STUDY_FIELDS},
)


class CaseStudyPage(Out):
    total: int = Field(description="How many case studies match, on every page")
    page: int
    pages: int
    next: str | None = Field(description="The next page's address, or null on the last")
    previous: str | None
    notices: list[str] = Field(description="What the finder says about the search, if anything")
    licence: str
    results: list[CaseStudyOut]  # type: ignore[valid-type]


class ThemeOut(Out):
    slug: str
    name: str
    summary: str
    is_priority: bool
    url: str
    case_studies: int = Field(description="How many published case studies have it")


class ForceAreaOut(Out):
    slug: str
    name: str
    ons_code: str
    region: RegionOut | None
    url: str
    case_studies: int = Field(description="How many published case studies cover the area")


class OrganisationOut(Out):
    id: int
    slug: str
    name: str
    kind: Code
    external_id: str
    ons_code: str
    region: RegionOut | None
    website: str
    url: str
    case_studies: int = Field(description="How many published case studies it takes part in")


class OrganisationPage(Out):
    total: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    licence: str
    results: list[OrganisationOut]


class InvalidParam(Out):
    name: str
    reason: str


class Problem(Out):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    invalid_params: list[InvalidParam] = Field(
        default_factory=list, description="Each parameter that could not be used, and why"
    )
