"""Published case studies as open-data records (plain dicts, the JSON download's items), read a
chunk of ids at a time so that memory stays flat however many are exported.

A chunk costs one query for the case studies' own columns and one for each related field
(themes, population groups, force areas, partners, sources). The rows come through
`Partnership.objects.published()`: a case study unpublished while a download is streaming drops
out of it, and an open revision (a separate, unpublished row) never appears.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from opendata.dictionary import CASE_STUDY_FIELDS, PARTNER_COLUMNS, ROW_SOURCES
from opendata.fields import Related
from partnerships.models import Partnership

CHUNK = 500
RELATED = tuple(item for item in CASE_STUDY_FIELDS if isinstance(item, Related))


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
    related = {item.name: item.fetch(present) for item in RELATED}
    return [
        {item.name: item.json(rows[pk], related) for item in CASE_STUDY_FIELDS} for pk in present
    ]


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
