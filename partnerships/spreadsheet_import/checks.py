"""The dry run: every row and cell of an uploaded file checked against the template.

Nothing is written. The result lists each row (ready, empty, or its problems) and each problem
with the spreadsheet's row number (the header is row 1), the column, the value as typed and what
is wrong; plus the organisations the import would create, unconfirmed, because no organisation
has that exact name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from opendata.csvfiles import FORMULA_STARTS
from partnerships.models import Organisation
from partnerships.spreadsheet_import.columns import (
    COLUMNS,
    COLUMNS_BY_NAME,
    LIST_SEPARATOR,
    open_data_note,
)
from partnerships.spreadsheet_import.reader import Sheet, UnsavedFormula
from themes.models import PopulationGroup, Theme

YEAR_MIN, YEAR_MAX = 1950, 2099


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: str
    message: str


@dataclass
class RowResult:
    number: int
    title: str = ""
    empty: bool = False
    problems: list[Problem] = field(default_factory=list)
    values: dict = field(default_factory=dict)  # what the importer writes, when no problems


@dataclass
class CheckResult:
    rows: list[RowResult] = field(default_factory=list)
    header_problems: list[Problem] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)  # names, in first-seen order

    @property
    def problems(self) -> list[Problem]:
        return self.header_problems + [p for row in self.rows for p in row.problems]

    @property
    def importable(self) -> list[RowResult]:
        return [row for row in self.rows if not row.empty]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.importable)


class _Lookups:
    """Everything rows are matched against, read once (a handful of queries per file)."""

    def __init__(self) -> None:
        self.themes = {}
        for pk, slug, name in Theme.objects.values_list("pk", "slug", "name"):
            self.themes[slug] = self.themes[name.casefold()] = pk
        self.groups = {}
        for pk, slug, name in PopulationGroup.objects.values_list("pk", "slug", "name"):
            self.groups[slug] = self.groups[name.casefold()] = pk
        self.forces = {}
        for pk, name, code in Organisation.objects.police_forces().values_list(
            "pk", "name", "pfa_code"
        ):
            self.forces[name.casefold()] = pk
            if code:
                self.forces[code.casefold()] = pk
        # Partners are matched by exact name, or by the external identifier editors set
        # (360Giving org-id style, e.g. GB-CHC-1112223).
        self.organisations = dict(Organisation.objects.values_list("name", "pk"))
        for external_id, pk in Organisation.objects.exclude(external_id="").values_list(
            "external_id", "pk"
        ):
            self.organisations.setdefault(external_id, pk)


def check(sheet: Sheet) -> CheckResult:
    """Check every row of `sheet`; see the module's docstring."""
    result = CheckResult()
    positions = _check_header(sheet.header, result)
    lookups = _Lookups()
    for index, cells in enumerate(sheet.rows):
        number = index + 2
        row = RowResult(number=number)
        typed = {name: (cells[c] if c < len(cells) else "") for name, c in positions.items()}
        if all(not isinstance(v, UnsavedFormula) and not v.strip() for v in typed.values()):
            row.empty = True
            result.rows.append(row)
            continue
        title = typed.get("title", "")
        row.title = "" if isinstance(title, UnsavedFormula) else title
        for name, value in typed.items():
            _check_cell(COLUMNS_BY_NAME[name], value, row, lookups, result)
        start, end = row.values.get("start_year"), row.values.get("end_year")
        if start and end and end < start:
            row.problems.append(
                Problem(
                    number,
                    "end_year",
                    typed["end_year"],
                    "The year the work ended is before the year it started.",
                )
            )
        result.rows.append(row)
    if not result.importable and not result.header_problems:
        result.header_problems.append(
            Problem(1, "", "", "The file has no rows of case studies under the column names.")
        )
    return result


def _check_header(header: list[str], result: CheckResult) -> dict[str, int]:
    positions: dict[str, int] = {}
    for c, raw in enumerate(header):
        name = raw.strip()
        if not name:
            continue
        if name not in COLUMNS_BY_NAME:
            note = open_data_note(name)
            message = (
                f"{note}. Remove the column."
                if note
                else "This is not a column of the template. Check its spelling, or remove the "
                "column."
            )
            result.header_problems.append(Problem(1, name, name, message))
        elif name in positions:
            result.header_problems.append(
                Problem(1, name, name, "This column appears more than once.")
            )
        else:
            positions[name] = c
    for column in COLUMNS:
        if column.required and column.name not in positions:
            result.header_problems.append(
                Problem(1, column.name, "", "The file has no such column, and it is needed.")
            )
    return positions


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _check_cell(column, value, row: RowResult, lookups: _Lookups, result: CheckResult) -> None:
    def problem(message: str) -> None:
        row.problems.append(Problem(row.number, column.name, str(value), message))

    if isinstance(value, UnsavedFormula):
        problem("This cell holds a formula with no saved value. Type the value itself.")
        return
    name = column.name
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        problem(
            "This starts with an apostrophe, which the open-data CSV puts before a cell "
            "beginning with =, +, - or @ so that spreadsheets show it as text. Take the "
            "apostrophe away: the import keeps what is typed."
        )
        return
    if not value.strip():
        if column.required:
            problem("This must not be empty.")
        return
    if column.max_length and len(value) > column.max_length:
        problem(f"This has {len(value)} characters; at most {column.max_length} are allowed.")
        return
    if column.choices:
        by_value = {c.value: c.value for c in column.choices}
        by_label = {c.label: c.value for c in column.choices}
        chosen = by_value.get(value.strip()) or by_label.get(value.strip())
        if chosen is None:
            problem("This is not one of: " + ", ".join(by_value) + ".")
        else:
            row.values[name] = chosen
        return
    if column.kind == "year":
        text = value.strip()
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            problem("Enter a year as 4 digits, like 2016.")
        elif not YEAR_MIN <= int(text) <= YEAR_MAX:
            problem(f"Enter a year from {YEAR_MIN} to {YEAR_MAX}.")
        else:
            row.values[name] = int(text)
        return
    if column.kind == "email":
        try:
            EmailValidator()(value.strip())
        except ValidationError:
            problem("This is not an email address, like name@example.org.")
        else:
            row.values[name] = value.strip()
        return
    if column.kind == "list":
        _check_list(name, _items(value), row, lookups, result, problem)
        return
    row.values[name] = value


def _check_list(name, items, row, lookups, result, problem) -> None:
    if name in ("themes", "population_groups", "police_force_areas"):
        table = {
            "themes": lookups.themes,
            "population_groups": lookups.groups,
            "police_force_areas": lookups.forces,
        }[name]
        what = {"themes": "theme", "population_groups": "group", "police_force_areas": "force"}
        unknown = [item for item in items if item.casefold() not in table]
        if unknown:
            problem(
                f"There is no {what[name]} called " + ", ".join(f"“{u}”" for u in unknown) + "."
            )
        else:
            row.values[name] = sorted({table[item.casefold()] for item in items})
    elif name in ("lead_partners", "other_partners"):
        too_long = [item for item in items if len(item) > 200]
        if too_long:
            problem("An organisation's name must be 200 characters or fewer.")
            return
        row.values[name] = items
        for item in items:
            if item not in lookups.organisations and item not in result.new_organisations:
                result.new_organisations.append(item)
    elif name == "source_urls":
        bad = []
        for item in items:
            try:
                URLValidator(schemes=["http", "https"])(item)
            except ValidationError:
                bad.append(item)
        if bad:
            problem("These are not web addresses starting https:// or http://: " + ", ".join(bad))
        elif any(len(item) > 1000 for item in items):
            problem("A web address must be 1,000 characters or fewer.")
        else:
            row.values[name] = list(dict.fromkeys(items))
