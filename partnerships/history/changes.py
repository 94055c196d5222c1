"""Which sections of a case study a revision changes, by section key (partnerships.sections).

Recorded when an editor approves a revision, so the public history can say "Changed: Partners;
Outcomes" without keeping or showing the private draft.
"""

from partnerships.models.revisions import CONTENT_FIELDS, TAG_FIELDS

# Every contributor-written field, and the section of the submission pages it is asked in.
FIELD_SECTIONS = {
    "title": "about",
    "summary": "about",
    "start_year": "about",
    "end_year": "about",
    "work_state": "about",
    "scale": "about",
    "themes": "tags",
    "population_groups": "tags",
    "police_force_areas": "tags",
    "problem": "work",
    "approach": "work",
    "outcomes": "work",
    "learning": "work",
    "evaluation_type": "evaluation",
    "evaluation_finding": "evaluation",
    "evaluation_report": "evaluation",
    "contact_name": "contact",
    "contact_role": "contact",
    "contact_email": "contact",
    "contact_consent": "contact",
    "no_personal_data": "contact",
    "conflict_of_interest": "contact",
    "conflict_details": "contact",
    "funding": "replication",
    "cost_band": "replication",
    "staffing": "replication",
    "prevention_level": "replication",
    "referral_route": "replication",
    "replication_needs": "replication",
}
# Changes that are not a contributor's section: the editors' own rating.
OTHER_SECTION_TITLES = {"rating": "Evidence rating (checked by editors)"}
# The order sections are named in: the task list's.
SECTION_ORDER = [
    "about",
    "partners",
    "tags",
    "work",
    "evaluation",
    "contact",
    "replication",
    "rating",
]


def _field_value(partnership, name: str):
    if name == "evaluation_report":
        return partnership.evaluation_report.name or ""
    return getattr(partnership, name)


def _members(partnership) -> set[tuple]:
    return {(m.organisation_id, m.role, m.description) for m in partnership.members.all()}


def _sources(partnership) -> set[tuple]:
    return {(s.title, s.url, s.kind) for s in partnership.sources.all()}


def changed_sections(live, revision) -> list[str]:
    """The keys of the sections in which `revision` differs from `live`, in task-list order."""
    changed = set()
    for name in CONTENT_FIELDS:
        if _field_value(live, name) != _field_value(revision, name):
            changed.add(FIELD_SECTIONS[name])
    for name in TAG_FIELDS:
        old = set(getattr(live, name).values_list("pk", flat=True))
        if old != set(getattr(revision, name).values_list("pk", flat=True)):
            changed.add(FIELD_SECTIONS[name])
    if _members(live) != _members(revision):
        changed.add("partners")
    if _sources(live) != _sources(revision):
        changed.add("evaluation")
    return [key for key in SECTION_ORDER if key in changed]


def section_title(key: str) -> str:
    """A section's name as the history shows it (a key no longer known is shown as it is)."""
    from partnerships.sections import SECTIONS_BY_KEY

    if key in SECTIONS_BY_KEY:
        return SECTIONS_BY_KEY[key].title
    return OTHER_SECTION_TITLES.get(key, key)
