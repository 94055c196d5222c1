"""The three downloads (case-studies.csv, partners.csv, case-studies.json): what each is called,
its content type and how its body is written from a list of case-study ids.

The same `body` writes a download streamed live (opendata.views) and the prebuilt file of the
full download (opendata.prebuilt), so the two hold the same bytes (but for the JSON's
generated_at). Records are read a chunk of ids at a time (opendata.records), so memory stays flat
however many case studies there are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from opendata import csvw
from opendata.dictionary import CASE_STUDY_COLUMNS, LICENCE, LICENCE_URL, PARTNER_COLUMNS
from opendata.records import case_study_cells, iter_records, partner_cells

ATTRIBUTION = (
    "Contains information from the Police and public health partnerships directory, licensed "
    "under the Open Government Licence v3.0."
)


def case_studies_csv(ids: list[int], source: str) -> Iterator[str]:
    rows = (case_study_cells(record) for record in iter_records(ids))
    return csvw.stream_table(CASE_STUDY_COLUMNS, rows)


def partners_csv(ids: list[int], source: str) -> Iterator[str]:
    header = [column for column, _ in PARTNER_COLUMNS]
    return csvw.stream_table(header, partner_cells(iter_records(ids)))


def case_studies_json(ids: list[int], source: str) -> Iterator[str]:
    """The JSON download: a head (licence, attribution, where it came from, when it was made)
    and the records, one a line."""
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


@dataclass(frozen=True)
class Download:
    url_name: str  # in the opendata namespace
    filename: str
    content_type: str
    body: Callable[[list[int], str], Iterator[str]]  # (ids, the download's absolute address)
    described_by_csvw: bool = False  # a Link header to csv-metadata.json

    def headers(self, response: HttpResponseBase) -> HttpResponseBase:
        """The headers every response of this download carries, live or from its file."""
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        response["Access-Control-Allow-Origin"] = "*"
        if self.described_by_csvw:
            response["Link"] = (
                f'<{reverse("opendata:csv_metadata")}>; rel="describedby"; '
                'type="application/csvm+json"'
            )
        return response


CSV = "text/csv; charset=utf-8"
DOWNLOADS = (
    Download("csv", "case-studies.csv", CSV, case_studies_csv, described_by_csvw=True),
    Download("partners_csv", "partners.csv", CSV, partners_csv, described_by_csvw=True),
    Download("json", "case-studies.json", "application/json", case_studies_json),
)
BY_NAME = {download.url_name: download for download in DOWNLOADS}
