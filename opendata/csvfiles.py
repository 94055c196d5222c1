"""Writing CSV a row at a time, for StreamingHttpResponse: UTF-8, a header row, CRLF line ends
(RFC 4180), and every cell neutralised against formula injection.

Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
(OWASP, "CSV injection"). Such a cell is written with an apostrophe in front, which spreadsheets
show as text; so is a cell that already starts with an apostrophe, so that taking away one
leading apostrophe always gives back exactly what was published (`restore`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith((*FORMULA_STARTS, "'")):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """What was published, from a cell `neutralise` wrote."""
    return cell[1:] if cell.startswith("'") else cell


class _Echo:
    """A file-like object whose write returns what it was given (Django's streaming CSV recipe)."""

    def write(self, value: str) -> str:
        return value


def stream_rows(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(list(header))
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([neutralise(cell) for cell in row]))
        if len(batch) >= 200:  # fewer, larger chunks for the server to send
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
