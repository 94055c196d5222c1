"""The sections of the submission task list and how far each has got.

A section's status is worked out from what is saved, so it can never disagree with the case
study: "completed" means everything the section asks for is there. Partnership.submit refuses a
case study with an unfinished section.
"""

from collections.abc import Callable
from dataclasses import dataclass

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"
CANNOT_START = "Cannot start yet"


def _status(started: bool, done: bool) -> str:
    return COMPLETED if done else IN_PROGRESS if started else NOT_STARTED


def _about(p) -> str:
    started = any([p.title, p.summary, p.start_year, p.end_year])
    return _status(started, bool(p.title.strip() and p.summary.strip()))


def _partners(p) -> str:
    members = list(p.members.all())
    return _status(bool(members), any(m.role == "lead" for m in members))


def _tags(p) -> str:
    themes = list(p.themes.all())
    started = bool(themes or p.population_groups.all() or p.police_force_areas.all())
    return _status(started, bool(themes))


def _work(p) -> str:
    texts = [p.problem, p.approach, p.outcomes]
    return _status(any(texts) or bool(p.learning), all(t.strip() for t in texts))


def _evaluation(p) -> str:
    has_sources = bool(p.sources.all()) or bool(p.evaluation_report)
    answered = p.evaluation_type == "not_evaluated" or bool(p.evaluation_finding)
    started = has_sources or p.evaluation_type != "not_evaluated" or bool(p.evaluation_finding)
    return _status(started, has_sources and answered)


def _contact(p) -> str:
    started = any(
        [
            p.contact_name,
            p.contact_email,
            p.contact_role,
            p.no_personal_data,
            p.conflict_of_interest,
        ]
    )
    conflicts_stated = p.conflict_of_interest == "none" or (
        p.conflict_of_interest == "declared" and p.conflict_details.strip()
    )
    contact_given = not p.contact_consent or bool(p.contact_name and p.contact_email)
    return _status(started, bool(p.no_personal_data and conflicts_stated and contact_given))


def _replication(p) -> str:
    # Optional: every answer may be left empty, so the section is never "in progress".
    from partnerships.models.partnership import REPLICATION_FIELDS

    return COMPLETED if any(getattr(p, name) for name in REPLICATION_FIELDS) else NOT_STARTED


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    url_name: str
    status_of: Callable
    optional: bool = False  # an optional section need not be done before submitting


SECTIONS = [
    Section("about", "About the partnership", "contribute:about", _about),
    Section("partners", "Partners", "contribute:partners", _partners),
    Section("tags", "Themes, population groups and police force areas", "contribute:tags", _tags),
    Section("work", "What was done and the outcomes", "contribute:work", _work),
    Section("evaluation", "Evaluation and sources", "contribute:evaluation", _evaluation),
    Section("contact", "Contact and declarations", "contribute:contact", _contact),
    Section(
        "replication",
        "Cost, staffing and what it takes to replicate (optional)",
        "contribute:replication",
        _replication,
        optional=True,
    ),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


def unfinished_sections(partnership) -> list[Section]:
    return [s for s in SECTIONS if not s.optional and s.status_of(partnership) != COMPLETED]


def task_list(partnership) -> list[dict]:
    """Every task with its status, for the task list page (then check answers and submit)."""
    tasks = [
        {"section": s, "title": s.title, "url_name": s.url_name, "status": s.status_of(partnership)}
        for s in SECTIONS
    ]
    ready = all(task["status"] == COMPLETED or task["section"].optional for task in tasks)
    follow_on = NOT_STARTED if ready else CANNOT_START
    tasks.append(
        {"title": "Check your answers", "url_name": "contribute:check", "status": follow_on}
    )
    tasks.append(
        {"title": "Submit for review", "url_name": "contribute:check", "status": follow_on}
    )
    return tasks
