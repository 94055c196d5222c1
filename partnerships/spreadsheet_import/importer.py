"""The import: every checked row becomes a draft case study belonging to the importing editor,
all of them or none, in one transaction. Partners are matched by exact name (police forces also
by their ONS code); a name that matches none becomes a new, unconfirmed organisation."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.text import slugify

from partnerships.models import ModerationEvent, Organisation, Partnership, PartnershipMember
from partnerships.models.members import Source
from partnerships.spreadsheet_import.checks import CheckResult

TEXT_FIELDS = [
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
    "funding",
    "cost_band",
    "staffing",
    "prevention_level",
    "referral_route",
    "replication_needs",
    "contact_name",
    "contact_role",
    "contact_email",
]


class NothingToImport(Exception):
    """The check found problems (or no rows): nothing was imported."""


def _organisation(name: str, cache: dict[str, Organisation], created: list[Organisation]):
    if name not in cache:
        found = (
            Organisation.objects.filter(name=name).order_by("pk").first()
            or Organisation.objects.filter(external_id=name).exclude(external_id="").first()
        )
        if found is None:
            base = slugify(name)[:180].strip("-") or "organisation"
            slug, n = base, 1
            while Organisation.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            found = Organisation.objects.create(
                name=name, slug=slug, kind=Organisation.Kind.OTHER, is_confirmed=False
            )
            created.append(found)
        cache[name] = found
    return cache[name]


def import_rows(checked: CheckResult, *, by) -> tuple[list[Partnership], list[Organisation]]:
    """Create the drafts; returns them and the organisations created. Raises NothingToImport
    (changing nothing) unless the check passed."""
    if not checked.ok:
        raise NothingToImport("The file has problems, so nothing was imported.")
    drafts: list[Partnership] = []
    created: list[Organisation] = []
    cache: dict[str, Organisation] = {}
    with transaction.atomic():
        for row in checked.importable:
            values = row.values
            draft = Partnership.objects.create(
                **{name: values[name] for name in TEXT_FIELDS if name in values},
                slug=f"draft-{uuid.uuid4().hex[:12]}",
                submitted_by=by,
                status=Partnership.Status.DRAFT,
            )
            ModerationEvent.objects.create(
                partnership=draft,
                actor=by,
                to_status=Partnership.Status.DRAFT,
                comment=f"Imported from a spreadsheet (row {row.number}).",
            )
            draft.themes.set(values.get("themes", []))
            draft.population_groups.set(values.get("population_groups", []))
            draft.police_force_areas.set(values.get("police_force_areas", []))
            members = {}
            for role, column in [("lead", "lead_partners"), ("partner", "other_partners")]:
                for name in values.get(column, []):
                    organisation = _organisation(name, cache, created)
                    members.setdefault(organisation.pk, (organisation, role))
            PartnershipMember.objects.bulk_create(
                PartnershipMember(partnership=draft, organisation=org, role=role)
                for org, role in members.values()
            )
            Source.objects.bulk_create(
                Source(partnership=draft, title=url, url=url, position=i)
                for i, url in enumerate(values.get("source_urls", []))
            )
            drafts.append(draft)
    return drafts, created
