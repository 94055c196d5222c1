"""Published case studies as open-data records (plain dicts, the JSON download's items), read a
chunk of ids at a time so that memory stays flat however many are exported.

A chunk costs two queries: one for the case studies' own columns and one for all their related
lists (themes, population groups, force areas, partners, sources: opendata.related.lists). The
rows come through `Partnership.objects.published()`: a case study unpublished while a download
is streaming drops out of it, and an open revision (a separate, unpublished row) never appears.

A page of the API reads its records through `remembered_records`: a record is the same on every
page and for every filter until something published changes, so each is kept per process
(MEMO_SIZE of them, the least recently used forgotten first), keyed by the change stamp
(partnerships/change_stamp.py, which moves on every change to a published case study, its
links, partners, themes and places: an approved revision shows at once). A case study's sources
are not watched by the stamp, so a record is also kept at most settings.PAGE_CACHE_SECONDS, as
whole pages are by the page cache. The downloads read every record once and keep none.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from django.conf import settings

from opendata.dictionary import CASE_STUDY_FIELDS, PARTNER_COLUMNS, ROW_SOURCES
from opendata.fields import Related
from opendata.related import lists
from partnerships.memory import Memo
from partnerships.models import Partnership

CHUNK = 500
RELATED = tuple(item for item in CASE_STUDY_FIELDS if isinstance(item, Related))
MEMO_SIZE = 1000  # records kept per process (about 13 KB each)

_memo = Memo(MEMO_SIZE)


def chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def records_for(ids: list[int]) -> list[dict]:
    """The records of these published case studies, in the order given (unpublished ids are left
    out)."""
    rows = {
        row["id"]: row
        for row in Partnership.objects.published()
        .filter(pk__in=ids)
        .order_by()
        .values(*ROW_SOURCES)
    }
    present = [pk for pk in ids if pk in rows]
    related = lists(present, [item.name for item in RELATED])
    return [
        {item.name: item.json(rows[pk], related) for item in CASE_STUDY_FIELDS} for pk in present
    ]


def remembered_records(ids: list[int], stamp: int) -> list[dict]:
    """records_for(ids), each record remembered for the change stamp `stamp` (read before the
    records are: the finder's `stamp`). Records are shared: callers must not change them."""
    period = int(time.time() // max(1, getattr(settings, "PAGE_CACHE_SECONDS", 300)))
    keys = [(stamp, period, pk) for pk in ids]

    def read(missing: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], dict | None]:
        found = {record["id"]: record for record in records_for([key[2] for key in missing])}
        return {key: found.get(key[2]) for key in missing}  # None: not published

    records = _memo.get_many(keys, read)
    return [record for key in keys if (record := records[key]) is not None]


def forget() -> None:
    """Empty the memo of records (the benchmark's first-time figures)."""
    _memo.clear()


def record_chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[dict]]:
    """The records of these published case studies, a chunk at a time, in the order given."""
    for chunk in chunks(ids, size):
        yield records_for(chunk)


def iter_records(ids: list[int], size: int = CHUNK) -> Iterator[dict]:
    for records in record_chunks(ids, size):
        yield from records


def case_study_cells(record: dict) -> list[str]:
    """A record's CSV cells, in CASE_STUDY_COLUMNS order (not yet neutralised)."""
    return [cell for item in CASE_STUDY_FIELDS for cell in item.cells(record[item.name])]


def partner_cells(records: Iterable[dict]) -> Iterator[list]:
    """partners.csv rows for these records: one per case study and organisation."""
    for record in records:
        for member in record["partners"]:
            yield [value(record, member) for _, value in PARTNER_COLUMNS]
