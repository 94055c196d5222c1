"""The columns of the import template, in order, and the templates to download.

A column the open-data CSV (/data/case-studies.csv, `opendata.dictionary.CASE_STUDY_FIELDS`) also
has carries its name, its meaning and its values, in the same order: a choice by its code (the
open-data CSV's `work_state`; the words of its `work_state_label` are accepted too), a list as
names separated by semicolons ("; " as the open-data CSV writes them), a year as 4 digits. So a
downloaded open-data CSV trimmed to these columns is an import file (tests/depth/
test_import_columns.py). Only the import has `lead_partners` and `other_partners` (the open-data
CSV's `partners` does not say which lead; partners.csv gives each one's role) and the contact
(never in open data). Columns of the open-data CSV that the import cannot take (ids, addresses,
dates, the editors' rating) are named by `OPEN_DATA_ONLY`, so the dry run can say why.
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
    Column("themes", "Theme names or their web-address names, separated by ;", kind="list"),
    Column("population_groups", "Who it is for: group names, separated by ;", kind="list"),
    Column(
        "police_force_areas",
        "Police force names or their ONS codes (like E23000013), separated by ;",
        kind="list",
    ),
    Column(
        "lead_partners",
        "Lead organisations' exact names or external identifiers (like GB-CHC-1112223), "
        "separated by ;",
        kind="list",
    ),
    Column(
        "other_partners",
        "Other partners' exact names or external identifiers, separated by ;",
        kind="list",
    ),
    Column("source_urls", "Web addresses of reports or news, separated by ;", kind="list"),
    Column("evaluation_type", "How it was evaluated.", choices=PartnershipEvaluationType),
    Column("evaluation_finding", "What the evaluation found.", choices=PartnershipFinding),
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

# Columns of the open-data CSV that an import cannot take, and why (the dry run says so).
_NEW_DRAFTS = "The import makes new drafts, so it cannot take this column of the open-data CSV"
OPEN_DATA_ONLY = {
    **dict.fromkeys(
        ("id", "slug", "url", "published_at", "last_reviewed_at", "updated_at", "licence"),
        _NEW_DRAFTS,
    ),
    **dict.fromkeys(
        ("evidence_rating", "evidence_rating_label", "contested_note"),
        "Editors set this column of the open-data CSV on each case study, after the import",
    ),
    "partners": "The open-data CSV's partners do not say which lead: put them in lead_partners "
    "and other_partners instead",
    "partner_codes": "Partners are read from lead_partners and other_partners",
    "theme_codes": "This column of the open-data CSV repeats themes, which the import reads",
    "population_group_codes": "This column of the open-data CSV repeats population_groups, "
    "which the import reads",
    "police_force_area_codes": "This column of the open-data CSV repeats police_force_areas, "
    "which the import reads (names or these codes)",
    **dict.fromkeys(
        ("regions", "region_codes"),
        "Regions follow from police_force_areas, which the import reads",
    ),
}


def open_data_note(name: str) -> str | None:
    """Why a column of the open-data CSV is not a column of the import, or None if it is not
    one of the open-data CSV's columns."""
    if name in OPEN_DATA_ONLY:
        return OPEN_DATA_ONLY[name]
    base = name.removesuffix("_label")
    if base != name and base in COLUMNS_BY_NAME:
        return (
            f"This column of the open-data CSV repeats {base} in words; the import reads {base}"
            " (its codes or these words)"
        )
    return None


OPEN_DATA_NOTE = (
    "The columns are named, ordered and filled as in the open-data CSV of case studies "
    "(/data/case-studies.csv), where it has them: a download kept to these columns can be "
    "imported. Only the import has lead_partners, other_partners and the contact."
)


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
    guidance.append([])
    guidance.append([OPEN_DATA_NOTE])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
