"""Writing CSV a chunk of rows at a time, for a streamed response or a file: CRLF line ends
(RFC 4180), and every cell neutralised against formula injection.

Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
(OWASP, "CSV injection"). Such a cell is written with an apostrophe in front, which spreadsheets
show as text; so is a cell that already starts with an apostrophe, so that taking away one
leading apostrophe always gives back exactly what was published (`restore`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

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


_WRITER = csv.writer(_Echo(), lineterminator="\r\n")


def header(names: Iterable[str]) -> str:
    return _WRITER.writerow(list(names))


def lines(rows: Iterable[Iterable[object]]) -> str:
    """These rows as CSV text, each cell neutralised."""
    return "".join(_WRITER.writerow([neutralise(cell) for cell in row]) for row in rows)
