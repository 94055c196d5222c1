"""/api/v1/case-studies: the finder's results (the same filters, words, sort and validation as
/partnerships/) a page at a time, and one case study by slug."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from ninja import Query, Router, Schema
from pydantic import Field

from api.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page_body
from api.problems import bad_parameters, nul_characters, problem
from api.schemas import CaseStudyOut, CaseStudyPage, Problem
from opendata.dictionary import LICENCE
from opendata.records import records_for, remembered_records
from partnerships.finder import Finder, find
from partnerships.models import Partnership

router = Router(tags=["Case studies"])
ERRORS = {400: Problem, 404: Problem, 429: Problem}
PAGING = {"page", "page_size"}
SEARCH_PARAMS = {"start_from", "start_to", "q", "sort"}


def _many(description: str):
    return Field(default_factory=list, description=description)


class CaseStudyFilters(Schema):
    """The finder's parameters, as /partnerships/ takes them."""

    theme: list[str] = _many("Theme slugs; any of them")
    population: list[str] = _many("Population group slugs; any of them")
    region: list[str] = _many("Region slugs; any of them")
    force: list[str] = _many("Police force slugs (the areas covered); any of them")
    partner: list[str] = _many("One organisation's slug: it takes part")
    partner_kind: list[str] = _many("Kinds of partner organisation (codes); any of them")
    partner_kind_all: list[str] = _many(
        "Kinds of partner organisation (codes); every one of them, working together"
    )
    evaluation: list[str] = _many("Evaluation types as reported (codes); any of them")
    rating_min: list[str] = _many("One evidence rating, 1 to 5: at least this level")
    finding: list[str] = _many("What the evaluation found (codes); any of them")
    work_state: list[str] = _many("One state of the work (code)")
    scale: list[str] = _many("One scale (code)")
    start_from: list[str] = _many("One year: started in or after it")
    start_to: list[str] = _many("One year: started in or before it")
    q: str | None = Field(None, description="Words to search for, as the finder's search box")
    sort: str | None = Field(None, description="relevance, newest, started or title")
    page: int = Field(1, ge=1, description="The page, from 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def finder_keys(finder: Finder | None = None) -> set[str]:
    """Every parameter the finder reads: its facets' keys and the search parameters."""
    return set((finder or find(QueryDict())).index.facets) | SEARCH_PARAMS


def without_paging(params: QueryDict) -> QueryDict:
    kept = params.copy()
    for key in PAGING:
        kept.pop(key, None)
    return kept


def invalid_parameters(params: QueryDict, finder: Finder) -> list[tuple[str, str]]:
    """Each parameter the finder could not use, with the finder's own words for why. `finder`
    is the finder for these parameters. The finder drops such a parameter with a notice: a
    parameter is at fault when taking it away takes away a notice. (Other notices, such as how
    many a search ranks, are not errors.)"""
    known = finder_keys(finder) | PAGING
    invalid = [(key, "Not a parameter of this API.") for key in params if key not in known]
    if len([q for q in params.getlist("q") if q.strip()]) > 1:
        invalid.append(("q", "Give at most one search."))
    if invalid:
        return invalid
    notices = set(finder.selection.notices)
    if not notices:
        return []
    finder_params = without_paging(params)
    for key in finder_params:
        if key == "q":
            continue
        without = finder_params.copy()
        without.pop(key)
        for notice in notices - set(find(without).selection.notices):
            invalid.append((key, notice))
    return invalid


@router.get(
    "/case-studies",
    response={200: CaseStudyPage, **ERRORS},
    summary="Case studies matching the finder's filters and words",
    operation_id="list_case_studies",
)
def list_case_studies(request: HttpRequest, filters: Query[CaseStudyFilters]):
    invalid = nul_characters(request.GET)
    if invalid:
        return bad_parameters(request, invalid)
    finder = find(without_paging(request.GET))
    invalid = invalid_parameters(request.GET, finder)
    if invalid:
        return bad_parameters(request, invalid)
    body = page_body(request, finder.total, filters.page, filters.page_size)
    if filters.page > body["pages"]:
        return bad_parameters(request, [("page", f"There are {body['pages']} pages.")])
    start = (filters.page - 1) * filters.page_size
    ids = finder.ordered_slice(start, start + filters.page_size)
    return {
        **body,
        "notices": finder.notices,
        "licence": LICENCE,
        "results": remembered_records(ids, finder.stamp),
    }


@router.get(
    "/case-studies/{slug}",
    response={200: CaseStudyOut, **ERRORS},
    summary="One published case study",
    operation_id="get_case_study",
)
def get_case_study(request: HttpRequest, slug: str) -> HttpResponse | dict:
    if "\x00" in slug:  # no slug has one (and PostgreSQL refuses to compare text with one)
        return problem(request, 404, "No published case study has this slug.")
    pk = Partnership.objects.published().filter(slug=slug).values_list("pk", flat=True).first()
    records = records_for([pk]) if pk else []
    if not records:
        return problem(request, 404, "No published case study has this slug.")
    return records[0]
