"""Downloads of any finder view (CSV, partners CSV, JSON), the /data/ page and csv-metadata.json.

A download holds every match of the finder's filters and words, in the page's order: the ids come
from the finder (`ordered_ids`), the rows from the database a chunk at a time
(opendata.records), and the response is streamed, so memory stays flat however many there are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from opendata import csvw
from opendata.dictionary import (
    CASE_STUDY_COLUMNS,
    LICENCE,
    LICENCE_NAME,
    LICENCE_URL,
    PARTNER_COLUMNS,
)
from opendata.records import case_study_cells, iter_records, partner_cells
from opendata.related import absolute
from opendata.scope import scoped_find
from partnerships.models import Partnership

ATTRIBUTION = (
    "Contains information from the Police and public health partnerships directory, licensed "
    "under the Open Government Licence v3.0."
)


def _download(body: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _describedby(response: HttpResponse) -> HttpResponse:
    response["Link"] = (
        f'<{reverse("opendata:csv_metadata")}>; rel="describedby"; type="application/csvm+json"'
    )
    return response


@require_safe
def case_studies_csv(request: HttpRequest) -> StreamingHttpResponse:
    ids = scoped_find(request).ordered_ids()
    rows = (case_study_cells(record) for record in iter_records(ids))
    body = csvw.stream_table(CASE_STUDY_COLUMNS, rows)
    return _describedby(_download(body, "text/csv; charset=utf-8", "case-studies.csv"))


@require_safe
def partners_csv(request: HttpRequest) -> StreamingHttpResponse:
    ids = scoped_find(request).ordered_ids()
    header = [column for column, _ in PARTNER_COLUMNS]
    body = csvw.stream_table(header, partner_cells(iter_records(ids)))
    return _describedby(_download(body, "text/csv; charset=utf-8", "partners.csv"))


def _json_body(ids: list[int], source: str) -> Iterator[str]:
    head = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "source": source,
        "generated_at": timezone.now().isoformat(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "case_studies": ['
    for number, record in enumerate(iter_records(ids)):
        yield ("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"


@require_safe
def case_studies_json(request: HttpRequest) -> StreamingHttpResponse:
    ids = scoped_find(request).ordered_ids()
    body = _json_body(ids, absolute(request.get_full_path()))
    return _download(body, "application/json", "case-studies.json")


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
