"""Downloads of any finder view (CSV, partners CSV, JSON), the /data/ page and csv-metadata.json.

A download holds every match of the finder's filters and words, in the page's order: the ids come
from the finder (`ordered_ids`), the rows from the database a chunk at a time
(opendata.records), and the response is streamed, so memory stays flat however many there are.

The full downloads (no parameters at all) are served from files built in the background for
what is published now (opendata.prebuilt); when there is none yet, they are streamed live like
any other, and a build is asked for.
"""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from opendata import csvw, prebuilt
from opendata.dictionary import (
    CASE_STUDY_COLUMNS,
    LICENCE,
    LICENCE_NAME,
    LICENCE_URL,
    PARTNER_COLUMNS,
)
from opendata.downloads import ATTRIBUTION, BY_NAME, Download
from opendata.related import absolute
from opendata.scope import scoped_find
from partnerships.models import Partnership


def _respond(request: HttpRequest, download: Download) -> HttpResponseBase:
    if not request.GET:
        served = prebuilt.serve(request, download)
        if served is not None:
            return served
    ids = scoped_find(request).ordered_ids()
    body = download.body(ids, absolute(request.get_full_path()))
    return download.headers(StreamingHttpResponse(body, content_type=download.content_type))


@require_safe
def case_studies_csv(request: HttpRequest) -> HttpResponseBase:
    return _respond(request, BY_NAME["csv"])


@require_safe
def partners_csv(request: HttpRequest) -> HttpResponseBase:
    return _respond(request, BY_NAME["partners_csv"])


@require_safe
def case_studies_json(request: HttpRequest) -> HttpResponseBase:
    return _respond(request, BY_NAME["json"])


@require_safe
def csv_metadata(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        csvw.metadata(absolute(reverse("opendata:page"))),
        json_dumps_params={"indent": 2, "ensure_ascii": False},
        content_type="application/csvm+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/data.html",
        {
            "published_count": Partnership.objects.published().count(),
            "case_study_columns": CASE_STUDY_COLUMNS,
            "partner_columns": [column for column, _ in PARTNER_COLUMNS],
            "licence": LICENCE,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "attribution": ATTRIBUTION,
        },
    )
