"""The kinds of thing an export says about a case study, and how each becomes JSON and CSV.

A field is one entry in `opendata.dictionary.CASE_STUDY_FIELDS`. It knows which database columns
it reads (`sources`), its value in the JSON record (`json`), and the CSV columns it fills
(`columns`, with the cells worked out from that JSON value by `cells`), so the JSON download,
the API, the CSV, the data dictionary on /data/ and csv-metadata.json are all read off one list
and cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.db import models

CELL_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """One CSV column: its name (also its header), what it means, its CSV on the Web datatype and,
    where the values are a fixed list, what they may be."""

    name: str
    description: str
    datatype: str = "string"  # CSVW / XML Schema: string, integer, dateTime, anyURI
    allowed: tuple[str, ...] = ()
    required: bool = False
    separator: str = ""  # set when a cell holds several values joined with "; "


@dataclass(frozen=True)
class Plain:
    """A value stored on the case study as it is: text, a year or a number."""

    name: str
    description: str
    datatype: str = "string"
    required: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def columns(self) -> tuple[Column, ...]:
        return (Column(self.name, self.description, self.datatype, required=self.required),)

    def json(self, row: dict, related: dict) -> Any:
        return row[self.name]

    def cells(self, value: Any) -> list[str]:
        return ["" if value is None else str(value)]


@dataclass(frozen=True)
class Choice:
    """One of a fixed list (a Django choices class): JSON {"code", "label"} (null when empty), and
    two CSV columns, the code and its label."""

    name: str
    description: str
    choices: type[models.Choices]
    required: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def columns(self) -> tuple[Column, ...]:
        codes = tuple(str(value) for value in self.choices.values)
        datatype = "integer" if issubclass(self.choices, models.IntegerChoices) else "string"
        return (
            Column(self.name, self.description + " (code)", datatype, codes, self.required),
            Column(
                f"{self.name}_label",
                self.description + " (in words)",
                allowed=tuple(str(label) for label in self.choices.labels),
                required=self.required,
            ),
        )

    def json(self, row: dict, related: dict) -> dict | None:
        code = row[self.name]
        if code in ("", None):
            return None
        return {"code": code, "label": _labels(self.choices)[code]}

    def cells(self, value: dict | None) -> list[str]:
        return ["", ""] if value is None else [str(value["code"]), value["label"]]


@dataclass(frozen=True)
class Moment:
    """A date and time, as ISO 8601 with its offset from UTC."""

    name: str
    description: str
    required: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def columns(self) -> tuple[Column, ...]:
        return (Column(self.name, self.description, "dateTime", required=self.required),)

    def json(self, row: dict, related: dict) -> str | None:
        value: datetime | None = row[self.name]
        return value.isoformat() if value else None

    def cells(self, value: str | None) -> list[str]:
        return [value or ""]


@dataclass(frozen=True)
class Computed:
    """A value worked out from the row, such as the canonical web address or the licence."""

    name: str
    description: str
    value: Callable[[dict], Any]
    datatype: str = "string"
    allowed: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return (Column(self.name, self.description, self.datatype, self.allowed, True),)

    def json(self, row: dict, related: dict) -> Any:
        return self.value(row)

    def cells(self, value: Any) -> list[str]:
        return [str(value)]


@dataclass(frozen=True)
class Related:
    """A list of related things (themes, partners…), read for a chunk of case studies at once,
    every kind in one query, by opendata.related.lists (its KINDS say how, under the same name).
    Its CSV columns join what each item gives with "; " (`parts` maps a column's name to the
    item's value for it)."""

    name: str
    parts: tuple[tuple[Column, Callable[[dict], str]], ...] = field(default=())
    sources: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(column for column, _ in self.parts)

    def json(self, row: dict, related: dict) -> list[dict]:
        return related[self.name].get(row["id"], [])

    def cells(self, items: list[dict]) -> list[str]:
        return [
            CELL_SEPARATOR.join(value for item in items if (value := part(item)))
            for _, part in self.parts
        ]


@cache
def _labels(choices: type[models.Choices]) -> dict:
    return {value: str(label) for value, label in choices.choices}


def joined(name: str, description: str, datatype: str = "string", **kwargs) -> Column:
    """A column whose cell holds several values joined with "; "."""
    return Column(name, description, datatype, separator=CELL_SEPARATOR, **kwargs)
