"""The shapes every table on /practice/ takes, the finder links their cells make, and CSV output.

A cell's count is always `(finder.mask & the options' bitmaps).bit_count()` and its link is the
finder with the same parameters and those options chosen instead. Only options the visitor's
filters allow are shown as rows or columns (all of a facet's options when it has no filter), so
that the count and the finder's total for the link are always equal: with theme A chosen,
"theme B" would count case studies with A and B, which no finder address asks for.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from partnerships.addresses import address
from partnerships.facets import FacetIndex
from partnerships.filters import Selection

SHADES = 4  # cells and areas are shaded in this many classes, plus "none"


@dataclass(slots=True)
class Cell:
    count: int | None  # None: not counted here (e.g. an area the filters leave out)
    url: str = ""  # the finder for exactly these case studies; "" when no finder address is
    text: str = ""  # shown instead of the count when count is None
    shade: int = 0  # 0 for none, 1..SHADES


@dataclass(slots=True)
class Row:
    label: str
    cells: list[Cell]
    url: str = ""  # where the row's label links to
    header: bool = True  # the label is a row header (th)


@dataclass
class Table:
    """One table of the page: `slug` names its CSV (/practice/<slug>.csv) and its id."""

    slug: str
    title: str
    caption: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    totals: Row | None = None
    notes: list[str] = field(default_factory=list)
    shaded: bool = True
    csv_url: str = ""  # set by practice.page.build, with the page's filters

    def csv_rows(self) -> list[list[str]]:
        def counts(row: Row) -> list[str]:
            return [row.label] + ["" if c.count is None else str(c.count) for c in row.cells]

        body = [counts(row) for row in self.rows]
        return [[self.row_header, *self.columns], *body] + (
            [counts(self.totals)] if self.totals else []
        )


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table.csv_rows():
        writer.writerow([_safe_cell(value) for value in row])
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula (names come from contributors)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


Values = str | tuple[str, ...] | None  # one value, several (a repeated parameter), or none


def _each(value: Values) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def query(selection: Selection, **replace: Values) -> list[tuple[str, str]]:
    """The selection's GET parameters, with each key in `replace` set to that value (or those
    values) instead, or removed for None. Years are `start_from`/`start_to`; `sort` is dropped."""
    pairs = [
        (key, value)
        for key, values in selection.values.items()
        if key not in replace
        for value in values
    ]
    for key in ("start_from", "start_to"):
        year = getattr(selection, key)
        if key not in replace and year is not None:
            pairs.append((key, str(year)))
    if selection.q.strip() and "q" not in replace:
        pairs.append(("q", selection.q))
    pairs += [(key, one) for key, value in replace.items() for one in _each(value)]
    return pairs


class Links:
    """Addresses with the selection's parameters and some replaced, for one page's many cells:
    the path is reversed once, the unchanged parameters are encoded once per set of keys
    replaced (a table of 200 cells replaces the same two facets in each), and each replaced
    `key=value` is encoded once per process (_pair)."""

    def __init__(self, selection: Selection, name: str = "partnerships:list", args=None):
        self.selection = selection
        self.path = address(name, *(args or ()))
        self._kept: dict[tuple[str, ...], str] = {}

    def url(self, **replace: Values) -> str:
        parts = self._parts(replace)
        return self.path + "?" + "&".join(parts) if parts else self.path

    def urls(self, key: str, values: Iterable[str], **fixed: Values) -> list[str]:
        """`[self.url(**fixed, key=value) for value in values]`, with all but `key=value`
        encoded once: a row of a table, whose cells differ only in their column's option."""
        parts = self._parts(fixed, (*fixed, key))
        head = self.path + "?" + "".join(part + "&" for part in parts)
        return [head + _pair(key, value) for value in values]

    def _parts(self, replace: dict[str, Values], keys: tuple[str, ...] | None = None) -> list[str]:
        """The encoded parameters kept (unless none are), then those of `replace`, in order.
        `keys`: every key replaced, when more than `replace` holds."""
        keys = tuple(replace) if keys is None else keys
        kept = self._kept.get(keys)
        if kept is None:
            kept = self._kept[keys] = urlencode(query(self.selection, **dict.fromkeys(keys)))
        parts = [kept] if kept else []
        for key, value in replace.items():
            if isinstance(value, str):
                parts.append(_pair(key, value))
            else:
                parts += [_pair(key, one) for one in value or ()]
        return parts


@lru_cache(maxsize=4096)
def _pair(key: str, value: str) -> str:
    return urlencode([(key, value)])


def finder_url(selection: Selection, **replace: str | None) -> str:
    return Links(selection).url(**replace)


def practice_url(
    selection: Selection, name: str = "practice:page", args: list | None = None, **replace
) -> str:
    return Links(selection, name, args).url(**replace)


def shown_options(index: FacetIndex, selection: Selection, key: str) -> list[tuple[str, str]]:
    """(value, label) of the options a table may show for facet `key`: the chosen ones when
    the facet is filtered, else all (see the module docstring)."""
    chosen = selection.values.get(key) or []
    options = [(o.value, o.label) for o in index.facets[key].options]
    if key == "rating_min" and chosen:  # "at least": every level from the chosen one up
        return [(v, label) for v, label in options if int(v) >= int(chosen[0])]
    return [(v, label) for v, label in options if not chosen or v in chosen]


def shade(count: int, top: int) -> int:
    """Which of SHADES classes a count falls in, given the largest on the table (0 for none)."""
    if count <= 0 or top <= 0:
        return 0
    return min(SHADES, 1 + (count - 1) * SHADES // top)


def shade_rows(rows: list[Row]) -> None:
    top = max((c.count or 0 for row in rows for c in row.cells), default=0)
    for row in rows:
        for cell in row.cells:
            cell.shade = shade(cell.count or 0, top)
