"""The columns of the import template, in order, and the templates to download.

Column names are the model's field names (as the open-data CSV uses them); lists of things
(themes, partners, links) are separated by semicolons.
"""

import csv
import io
from dataclasses import dataclass

from partnerships.models.choices import (
    CostBand,
    PartnershipEvaluationType,
    PartnershipFinding,
    PartnershipScale,
    PartnershipWorkState,
    PreventionLevel,
)

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    explained: str
    required: bool = False
    max_length: int | None = None
    choices: type | None = None  # a TextChoices: its value or its label is accepted
    kind: str = "text"  # text, year, list, email


COLUMNS = [
    Column("title", "The name of the partnership.", required=True, max_length=200),
    Column("summary", "At most 300 characters.", required=True, max_length=300),
    Column("problem", "The problem it addressed."),
    Column("approach", "What was done."),
    Column("outcomes", "The outcomes."),
    Column("learning", "Learning for others."),
    Column("start_year", "The year the work started, 4 digits.", kind="year"),
    Column("end_year", "The year it ended, 4 digits; empty if it goes on.", kind="year"),
    Column("work_state", "State of the work.", choices=PartnershipWorkState),
    Column("scale", "Scale.", choices=PartnershipScale),
    Column("evaluation_type", "How it was evaluated.", choices=PartnershipEvaluationType),
    Column("evaluation_finding", "What the evaluation found.", choices=PartnershipFinding),
    Column("themes", "Theme names or their web-address names, separated by ;", kind="list"),
    Column("population_groups", "Who it is for: group names, separated by ;", kind="list"),
    Column(
        "police_force_areas",
        "Police force names or their ONS codes (like E23000013), separated by ;",
        kind="list",
    ),
    Column("lead_partners", "Lead organisations' exact names, separated by ;", kind="list"),
    Column("other_partners", "Other partners' exact names, separated by ;", kind="list"),
    Column("source_urls", "Web addresses of reports or news, separated by ;", kind="list"),
    Column("funding", "Who funds it, and the amount if it is public."),
    Column("cost_band", "Cost a year.", choices=CostBand),
    Column("staffing", "Roles and numbers of staff."),
    Column("prevention_level", "Level of prevention.", choices=PreventionLevel),
    Column("referral_route", "How people are referred or found."),
    Column("replication_needs", "What you would need to replicate it."),
    Column("contact_name", "A contact (shown only if they agree, set later).", max_length=150),
    Column("contact_role", "The contact's role.", max_length=150),
    Column("contact_email", "The contact's email address.", max_length=254, kind="email"),
]
COLUMNS_BY_NAME = {column.name: column for column in COLUMNS}


def accepted(column: Column) -> str:
    """What a column accepts, in words, for the template's guidance."""
    if column.choices:
        return "One of: " + "; ".join(
            f"{choice.value} ({choice.label})" for choice in column.choices
        )
    return column.explained


def template_csv() -> bytes:
    """The CSV template: the header row only (UTF-8 with a byte order mark, for Excel)."""
    out = io.StringIO()
    csv.writer(out).writerow([column.name for column in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """The XLSX template: a "Case studies" sheet with the header row, and a "Guidance" sheet
    saying what each column accepts."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Case studies"
    sheet.append([column.name for column in COLUMNS])
    guidance = book.create_sheet("Guidance")
    guidance.append(["column", "required", "what it accepts"])
    for column in COLUMNS:
        guidance.append([column.name, "yes" if column.required else "no", accepted(column)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
