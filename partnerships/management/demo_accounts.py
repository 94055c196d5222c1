"""Demo sign-ins and a demo moderation queue for development (`make run`), never production.

`seed_demo_data --demo-accounts` calls `create_demo_accounts`: it makes a demo editor and a demo
contributor with verified e-mail addresses and random passwords, and queues the submissions in
fixtures/demo_submissions.json (a new case study and a revision of a published one) from the
contributor. Nothing is created when the accounts already exist, so the passwords are shown once.
"""

import json
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from partnerships.models import Organisation, Partnership, PartnershipMember, Region, Source
from themes.models import PopulationGroup, Theme

EDITOR_EMAIL = "demo.editor@example.org"
CONTRIBUTOR_EMAIL = "demo.contributor@example.org"
SUBMISSIONS = settings.BASE_DIR / "fixtures" / "demo_submissions.json"
CONTENT_FIELDS = [
    "title",
    "summary",
    "problem",
    "approach",
    "outcomes",
    "learning",
    "start_year",
    "end_year",
    "work_state",
    "scale",
    "evaluation_type",
    "evaluation_finding",
]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


def _verified_user(email: str, password: str, **extra) -> User:
    user = User.objects.create_user(email, password, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _add_related(p: Partnership, data: dict, prefix: str = "") -> None:
    p.police_force_areas.add(
        *Organisation.objects.filter(slug__in=data.get(f"{prefix}police_force_areas", []))
    )
    p.themes.add(*Theme.objects.filter(slug__in=data.get(f"{prefix}themes", [])))
    p.population_groups.add(
        *PopulationGroup.objects.filter(slug__in=data.get(f"{prefix}population_groups", []))
    )
    for slug, role, description in data.get(f"{prefix}members", []):
        PartnershipMember.objects.create(
            partnership=p,
            organisation=Organisation.objects.get(slug=slug),
            role=role,
            description=description,
        )
    start = p.sources.count()
    for position, (title, url, kind) in enumerate(data.get(f"{prefix}sources", []), start):
        Source.objects.create(partnership=p, title=title, url=url, kind=kind, position=position)


def _queue_new(data: dict, contributor: User) -> Partnership:
    for org in data.get("new_organisations", []):
        # Organisations a contributor adds stay unconfirmed until an editor checks them.
        Organisation.objects.get_or_create(
            slug=org["slug"],
            defaults={
                "name": org["name"],
                "kind": org["kind"],
                "region": Region.objects.get(slug=org["region"]),
                "is_confirmed": False,
            },
        )
    draft = Partnership.objects.start_draft(by=contributor)
    for field in CONTENT_FIELDS:
        setattr(draft, field, data[field])
    draft.no_personal_data = True
    draft.conflict_of_interest = Partnership.Conflict.NONE
    draft.save()
    _add_related(draft, data)
    draft.submit(by=contributor)
    return draft


def _queue_revision(data: dict, contributor: User) -> Partnership:
    live = Partnership.objects.published().get(slug=data["revision_of"])
    revision = live.start_revision(by=contributor)
    for field, value in data["changes"].items():
        setattr(revision, field, value)
    revision.no_personal_data = True
    revision.conflict_of_interest = Partnership.Conflict.NONE
    revision.save()
    _add_related(revision, data, prefix="add_")
    revision.submit(by=contributor)
    return revision


def create_demo_accounts() -> list[DemoAccount]:
    """The demo editor and contributor, and their queued submissions; [] if they exist."""
    if User.objects.filter(email__in=[EDITOR_EMAIL, CONTRIBUTOR_EMAIL]).exists():
        return []
    accounts = [
        DemoAccount("editor", EDITOR_EMAIL, secrets.token_urlsafe(12)),
        DemoAccount("contributor", CONTRIBUTOR_EMAIL, secrets.token_urlsafe(12)),
    ]
    with transaction.atomic():
        editor = _verified_user(EDITOR_EMAIL, accounts[0].password, is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        contributor = _verified_user(CONTRIBUTOR_EMAIL, accounts[1].password)
        for data in json.loads(SUBMISSIONS.read_text()):
            if not _demo_content_present(data):
                continue
            if data["kind"] == "revision":
                _queue_revision(data, contributor)
            else:
                _queue_new(data, contributor)
    return accounts


def _demo_content_present(data: dict) -> bool:
    """Whether the organisations, themes and case study a demo submission refers to exist (they
    do once the demo data is loaded); a database without them gets the accounts only."""
    added = {org["slug"] for org in data.get("new_organisations", [])}
    organisations = {m[0] for m in data.get("members", []) + data.get("add_members", [])}
    organisations |= set(
        data.get("police_force_areas", []) + data.get("add_police_force_areas", [])
    )
    organisations -= added
    themes = set(data.get("themes", []))
    return (
        Organisation.objects.filter(slug__in=organisations).count() == len(organisations)
        and Theme.objects.filter(slug__in=themes).count() == len(themes)
        and (
            "revision_of" not in data
            or Partnership.objects.published().filter(slug=data["revision_of"]).exists()
        )
    )
