"""The open data's columns, declared once: the JSON records, the two CSVs, the data dictionary on
/data/ and csv-metadata.json are all read off these lists.

To publish a new field of the case study, add one entry to CASE_STUDY_FIELDS: `Plain` for text or a
number, `Choice` for a field with choices, `Moment` for a date and time. Never add a contact's name,
e-mail or role (consent covers the case study's page, not bulk data): tests/opendata checks that
no export holds them.
"""

from __future__ import annotations

from opendata import related
from opendata.fields import Choice, Column, Computed, Moment, Plain, Related, joined
from partnerships.models import Organisation, Partnership, PartnershipMember

LICENCE = "OGL-UK-3.0"
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _url(row: dict) -> str:
    return related.address_of("partnerships:detail", row["slug"])


def _region_names(area: dict) -> str:
    return area["region"]["name"] if area["region"] else ""


def _region_codes(area: dict) -> str:
    return area["region"]["ons_code"] if area["region"] else ""


CASE_STUDY_FIELDS = (
    Plain("id", "The case study's number in this directory. It never changes.", "integer", True),
    Plain("slug", "The case study's name in its web address.", required=True),
    Computed("url", "The case study's page (its canonical web address).", _url, "anyURI"),
    Plain("title", "The case study's title.", required=True),
    Plain(
        "summary",
        "What the partnership does and for whom, in at most 300 characters.",
        required=True,
    ),
    Plain("problem", "The problem it addressed."),
    Plain("approach", "What was done."),
    Plain("outcomes", "What came of it."),
    Plain("learning", "Learning for others: what someone replicating it should know."),
    Plain("start_year", "The year the work started, if known.", "integer"),
    Plain("end_year", "The year the work ended; empty if it is still going on.", "integer"),
    Choice("work_state", "The state of the work", Partnership.WorkState, True),
    Choice("scale", "The scale of the work", Partnership.Scale, True),
    Related(
        "themes",
        (
            (joined("themes", "The themes it is tagged with (names)."), lambda t: t["name"]),
            (joined("theme_codes", "The same themes, as codes (slugs)."), lambda t: t["slug"]),
        ),
    ),
    Related(
        "population_groups",
        (
            (joined("population_groups", "Groups of people it serves."), lambda g: g["name"]),
            (joined("population_group_codes", "The same, as codes."), lambda g: g["slug"]),
        ),
    ),
    Related(
        "police_force_areas",
        (
            (joined("police_force_areas", "Police force areas it covers."), lambda a: a["name"]),
            (
                joined("police_force_area_codes", "The same areas' ONS codes (E23…, W15…)."),
                lambda a: a["ons_code"],
            ),
            (joined("regions", "The regions of those areas."), _region_names),
            (joined("region_codes", "The regions' ONS codes (E12…, W92…)."), _region_codes),
        ),
    ),
    Related(
        "partners",
        (
            (
                joined("partners", "The organisations taking part, lead partners first."),
                lambda m: m["organisation"]["name"],
            ),
            (
                joined("partner_codes", "The same organisations, as codes (slugs)."),
                lambda m: m["organisation"]["slug"],
            ),
        ),
    ),
    Related(
        "sources",
        ((joined("source_urls", "Where to read more.", "anyURI"), lambda s: s["url"]),),
    ),
    Choice(
        "evaluation_type",
        "Evidence label 1, as reported by the partnership: how the work was evaluated",
        Partnership.EvaluationType,
        True,
    ),
    Choice("evaluation_finding", "What the evaluation found", Partnership.Finding),
    Choice(
        "evidence_rating",
        "Evidence label 2, checked by editors: the Maryland Scientific Methods Scale level of "
        "the strongest evaluation, 0 when not rated",
        Partnership.EvidenceRating,
        True,
    ),
    Plain("contested_note", "A neutral note on what is contested about this work, if anything."),
    Plain("funding", "Who funds the work, and the amount if it is public."),
    Choice("cost_band", "Roughly what the work costs a year", Partnership.CostBand),
    Plain("staffing", "The roles and numbers of staff, in plain words."),
    Choice("prevention_level", "The level of prevention", Partnership.PreventionLevel),
    Plain("referral_route", "How people are referred or found."),
    Plain("replication_needs", "What someone would need to replicate the work."),
    Moment("published_at", "When it was first published.", True),
    Moment("last_reviewed_at", "When an editor last checked it."),
    Moment("updated_at", "When it last changed.", True),
    Computed(
        "licence",
        f"The licence: {LICENCE_NAME} ({LICENCE_URL}).",
        lambda row: LICENCE,
        allowed=(LICENCE,),
    ),
)

CASE_STUDY_COLUMNS: tuple[Column, ...] = tuple(
    column for item in CASE_STUDY_FIELDS for column in item.columns
)

# Database columns read for each case study (the related fields are fetched on their own).
ROW_SOURCES: tuple[str, ...] = tuple(
    dict.fromkeys(source for item in CASE_STUDY_FIELDS for source in item.sources)
)

_KIND_CODES = tuple(Organisation.Kind.values)

# partners.csv: one row per case study and organisation taking part. Each entry is a column and
# how its cell is read from (case study record, partner item).
PARTNER_COLUMNS = (
    (
        Column(
            "case_study_id", "The case study's id (id in case-studies.csv).", "integer", (), True
        ),
        lambda r, m: r["id"],
    ),
    (Column("case_study_slug", "The case study's slug.", required=True), lambda r, m: r["slug"]),
    (Column("case_study_title", "The case study's title.", required=True), lambda r, m: r["title"]),
    (
        Column("organisation_id", "The organisation's number here.", "integer", (), True),
        lambda r, m: m["organisation"]["id"],
    ),
    (
        Column("organisation_slug", "The organisation's code (slug).", required=True),
        lambda r, m: m["organisation"]["slug"],
    ),
    (
        Column("organisation_name", "The organisation's name.", required=True),
        lambda r, m: m["organisation"]["name"],
    ),
    (
        Column(
            "organisation_kind", "The kind of organisation (code).", "string", _KIND_CODES, True
        ),
        lambda r, m: m["organisation"]["kind"]["code"],
    ),
    (
        Column(
            "organisation_kind_label",
            "The kind of organisation (in words).",
            allowed=tuple(str(label) for label in Organisation.Kind.labels),
            required=True,
        ),
        lambda r, m: m["organisation"]["kind"]["label"],
    ),
    (
        Column(
            "organisation_external_id",
            "The organisation's identifier in an official register, in 360Giving's org-id style "
            "(GB-CHC-…, GB-COH-…, GB-NHS-…, GB-LAE-…) or an ONS code; empty if not set.",
        ),
        lambda r, m: m["organisation"]["external_id"],
    ),
    (
        Column("organisation_ons_code", "For a police force, its area's ONS code (E23…, W15…)."),
        lambda r, m: m["organisation"]["ons_code"],
    ),
    (
        Column("organisation_region_code", "The organisation's region's ONS code, if it has one."),
        lambda r, m: m["organisation"]["region_ons_code"],
    ),
    (
        Column(
            "organisation_url",
            "The organisation's page here; empty until editors confirm it.",
            "anyURI",
        ),
        lambda r, m: m["organisation"]["url"] or "",
    ),
    (
        Column("role", "Its part (code).", "string", tuple(PartnershipMember.Role.values), True),
        lambda r, m: m["role"]["code"],
    ),
    (
        Column(
            "role_label",
            "Its part (in words).",
            allowed=tuple(str(label) for label in PartnershipMember.Role.labels),
            required=True,
        ),
        lambda r, m: m["role"]["label"],
    ),
    (Column("description", "What it did, in a few words."), lambda r, m: m["description"]),
    (
        Column("licence", f"The licence: {LICENCE_NAME}.", allowed=(LICENCE,), required=True),
        lambda r, m: LICENCE,
    ),
)
