"""Reading an uploaded CSV or XLSX file into rows of text, within limits.

Formula cells in an XLSX file are read as the value the spreadsheet program saved with the file
(openpyxl's data_only): nothing is ever calculated here. A formula saved without a value is
reported as a problem in that cell rather than guessed. A CSV cell is text, whatever it starts
with.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500  # case studies in one file
MAX_COLUMNS = 60
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks to more


class UnsavedFormula(str):
    """A formula cell saved without its value: the formula's text, reported, never used."""


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet; the message says why, in plain English."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[list[str]]  # cells as text (an UnsavedFormula where there is no value)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # (row index, column)


def read(name: str, content: bytes) -> Sheet:
    """The header and rows of an uploaded file, by its name's ending (.csv or .xlsx)."""
    if not content:
        raise UnreadableFile("The file is empty.")
    if len(content) > MAX_BYTES:
        raise UnreadableFile(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into smaller files."
        )
    lower = name.lower()
    if lower.endswith(".xlsx"):
        sheet = _read_xlsx(content)
    elif lower.endswith(".csv"):
        sheet = _read_csv(content)
    else:
        raise UnreadableFile("The file must be a CSV file (.csv) or an Excel workbook (.xlsx).")
    while sheet.header and not sheet.header[-1].strip():
        sheet.header.pop()
    if not sheet.header:
        raise UnreadableFile("The first row must hold the column names, as in the template.")
    if len(sheet.header) > MAX_COLUMNS:
        raise UnreadableFile(f"The file has more than {MAX_COLUMNS} columns.")
    while sheet.rows and all(_blank(cell) for cell in sheet.rows[-1]):
        sheet.rows.pop()  # empty rows at the end are not rows
    if len(sheet.rows) > MAX_ROWS:
        raise UnreadableFile(
            f"The file has {len(sheet.rows)} rows of case studies; at most {MAX_ROWS} can be "
            "imported at once. Split it into smaller files."
        )
    return sheet


def _blank(cell: str) -> bool:
    return not isinstance(cell, UnsavedFormula) and not cell.strip()


def _read_csv(content: bytes) -> Sheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            "The file is not UTF-8 text. In your spreadsheet program, save it as “CSV UTF-8”."
        ) from error
    if "\x00" in text:
        raise UnreadableFile("The file is not a CSV file: it holds binary data.")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise UnreadableFile(f"The CSV file is not well formed: {error}.") from error
    if not rows:
        raise UnreadableFile("The file is empty.")
    return Sheet(header=rows[0], rows=[list(row) for row in rows[1 : MAX_ROWS + 2]])


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(content: bytes) -> Sheet:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise UnreadableFile("The workbook unpacks to too much data to be read.")
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        value_rows = _rows(values.worksheets[0])
        formula_rows = _rows(formulas.worksheets[0])
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(
            "The file could not be opened as an Excel workbook (.xlsx). Save it again from "
            "your spreadsheet program, or use the CSV template."
        ) from error
    if not value_rows:
        raise UnreadableFile("The file is empty.")
    sheet = Sheet(header=[_as_text(v).strip() for v in value_rows[0]], rows=[])
    for r, row in enumerate(value_rows[1:]):
        cells = []
        formula_row = formula_rows[r + 1] if r + 1 < len(formula_rows) else ()
        for c, value in enumerate(row):
            raw = formula_row[c] if c < len(formula_row) else None
            is_formula = isinstance(raw, str) and raw.startswith("=")
            if is_formula:
                sheet.formula_cells.add((r, c))
            cells.append(UnsavedFormula(raw) if is_formula and value is None else _as_text(value))
        sheet.rows.append(cells)
    return sheet


def _rows(worksheet) -> list[tuple]:
    rows = []
    for row in worksheet.iter_rows(values_only=True):
        row = tuple(row[: MAX_COLUMNS + 1])
        while row and row[-1] is None:  # cells a workbook lists but that hold nothing
            row = row[:-1]
        rows.append(row)
        if len(rows) > MAX_ROWS + 2:
            break
    return rows
