"""The three downloads (case-studies.csv, partners.csv, case-studies.json): what each is called,
its content type, and how its text is written: a start, then a part for each chunk of records
(opendata.records reads them a chunk of ids at a time, so memory stays flat however many case
studies there are), then an end.

The same parts make a download streamed live (`Download.body`, opendata.views) and the prebuilt
files of the full downloads (opendata.prebuilt, which reads each chunk once for all three), so
the two hold the same bytes (but for the JSON's generated_at).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import batched

from django.http import HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from opendata import csvfiles
from opendata.dictionary import CASE_STUDY_COLUMNS, LICENCE, LICENCE_URL, PARTNER_COLUMNS
from opendata.records import case_study_cells, partner_cells, record_chunks

ATTRIBUTION = (
    "Contains information from the Police and public health partnerships directory, licensed "
    "under the Open Government Licence v3.0."
)


def _case_studies_start(source: str) -> str:
    return csvfiles.header(column.name for column in CASE_STUDY_COLUMNS)


def _csv_pieces(rows: Iterable[list]) -> Iterator[str]:
    """CSV text a few hundred rows at a time: fewer, larger pieces for the server to send than
    one a row, and never a whole chunk's text at once."""
    for rows_ in batched(rows, ROWS_PER_PIECE):
        yield csvfiles.lines(rows_)


def _case_studies_part(records: list[dict], before: int) -> Iterator[str]:
    return _csv_pieces(case_study_cells(record) for record in records)


def _partners_start(source: str) -> str:
    return csvfiles.header(column.name for column, _ in PARTNER_COLUMNS)


def _partners_part(records: list[dict], before: int) -> Iterator[str]:
    return _csv_pieces(partner_cells(records))


def _json_start(source: str) -> str:
    """The JSON's head: licence, attribution, where it came from and when it was made."""
    head = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "source": source,
        "generated_at": timezone.now().isoformat(),
    }
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "case_studies": ['


def _json_part(records: list[dict], before: int) -> Iterator[str]:
    """The records, one a line, a comma before each but the very first."""
    for number, record in enumerate(records):
        yield ("," if before + number else "") + "\n" + json.dumps(record, ensure_ascii=False)


@dataclass(frozen=True)
class Download:
    url_name: str  # in the opendata namespace
    filename: str
    content_type: str
    start: Callable[[str], str]  # (the download's absolute address) -> its first text
    # (a chunk of records, how many came before) -> its text, in pieces
    part: Callable[[list[dict], int], Iterable[str]]
    end: str = ""
    described_by_csvw: bool = False  # a Link header to csv-metadata.json

    def body(self, ids: list[int], source: str) -> Iterator[str]:
        """The whole download of these case studies, a chunk at a time."""
        return (text for _, text in texts([self], ids, [source]))

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


def texts(
    downloads: Sequence[Download], ids: list[int], sources: Sequence[str]
) -> Iterator[tuple[int, str]]:
    """Several downloads of the same case studies at once, as (which download, its next text):
    each chunk of records is read once for all of them."""
    for which, download in enumerate(downloads):
        yield which, download.start(sources[which])
    before = 0
    for records in record_chunks(ids):
        for which, download in enumerate(downloads):
            for text in download.part(records, before):
                yield which, text
        before += len(records)
    for which, download in enumerate(downloads):
        if download.end:
            yield which, download.end


ROWS_PER_PIECE = 200
CSV = "text/csv; charset=utf-8"
DOWNLOADS = (
    Download(
        "csv",
        "case-studies.csv",
        CSV,
        _case_studies_start,
        _case_studies_part,
        described_by_csvw=True,
    ),
    Download(
        "partners_csv", "partners.csv", CSV, _partners_start, _partners_part, described_by_csvw=True
    ),
    Download("json", "case-studies.json", "application/json", _json_start, _json_part, "\n]}\n"),
)
BY_NAME = {download.url_name: download for download in DOWNLOADS}
