"""Changes to a published case study, made on a copy so the public page stays as it is.

A revision is a Partnership row whose `revision_of` is the live case study. It starts as a copy
of the live one (fields, tags, partners and sources), goes through the same draft -> submitted
flow, and is never published itself: publishing it copies everything back onto the live row
(Partnership.publish), which keeps its slug, web address and publication date.
"""

import uuid

from django.db import transaction

# Fields a contributor writes: copied into a revision and back onto the live case study.
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
    "evaluation_report",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_consent",
    "no_personal_data",
    "conflict_of_interest",
    "conflict_details",
    "funding",
    "cost_band",
    "staffing",
    "prevention_level",
    "referral_route",
    "replication_needs",
]
TAG_FIELDS = ["themes", "population_groups", "police_force_areas"]


def _copy_related(source, target) -> None:
    for name in TAG_FIELDS:
        getattr(target, name).set(getattr(source, name).all())
    target.members.all().delete()
    target.sources.all().delete()
    Member = source.members.model
    Member.objects.bulk_create(
        Member(
            partnership=target,
            organisation_id=m.organisation_id,
            role=m.role,
            description=m.description,
        )
        for m in source.members.all()
    )
    Source = source.sources.model
    Source.objects.bulk_create(
        Source(partnership=target, title=s.title, url=s.url, kind=s.kind, position=s.position)
        for s in source.sources.all()
    )


def start_revision(live, *, by):
    """A new draft revision of the published case study `live`, copied from it."""
    from partnerships.models.moderation import ModerationEvent, PartnershipStatus

    Partnership = type(live)
    with transaction.atomic():
        revision = Partnership.objects.create(
            **{name: getattr(live, name) for name in CONTENT_FIELDS},
            slug=f"revision-{uuid.uuid4().hex[:12]}",
            revision_of=live,
            submitted_by=by,
            status=PartnershipStatus.DRAFT,
            evidence_rating=live.evidence_rating,
        )
        _copy_related(live, revision)
        ModerationEvent.objects.create(
            partnership=revision,
            actor=by,
            from_status=PartnershipStatus.PUBLISHED,
            to_status=PartnershipStatus.DRAFT,
            is_revision=True,
        )
    return revision


def apply_revision(revision, *, onto) -> None:
    """Copy the revision's content, tags, partners and sources onto the live case study.

    Called by Partnership.publish inside its transaction, with both rows locked.
    """
    for name in CONTENT_FIELDS:
        setattr(onto, name, getattr(revision, name))
    onto.save(update_fields=[*CONTENT_FIELDS, "updated_at"])
    _copy_related(revision, onto)


def _shown(partnership, name: str) -> str:
    """A field as an editor reads it: choices by their label, files and booleans in words."""
    field = partnership._meta.get_field(name)
    value = getattr(partnership, name)
    if field.choices:
        return str(getattr(partnership, f"get_{name}_display")())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "evaluation_report":
        return "A PDF report" if value else ""
    return "" if value is None else str(value)


def _related_lines(partnership) -> dict[str, str]:
    return {
        "Themes": "; ".join(t.name for t in partnership.themes.all()),
        "Population groups": "; ".join(g.name for g in partnership.population_groups.all()),
        "Police force areas": "; ".join(f.name for f in partnership.police_force_areas.all()),
        "Partners": "\n".join(
            f"{m.organisation.name} ({m.get_role_display().lower()})"
            + (f": {m.description}" if m.description else "")
            for m in partnership.members.all()
        ),
        "Sources": "\n".join(f"{s.title} – {s.url}" for s in partnership.sources.all()),
    }


def differences(live, revision) -> list[dict]:
    """What a revision changes, field by field: [{"label", "live", "revision"}], changed only.

    Both should come from Partnership.objects.for_detail() so that this runs no queries.
    """
    rows = []
    for name in CONTENT_FIELDS:
        old, new = _shown(live, name), _shown(revision, name)
        if name == "evaluation_report":
            if live.evaluation_report.name != revision.evaluation_report.name:
                old, new = old or "None", "A new PDF report" if new else "None"
            else:
                continue
        if old != new:
            label = live._meta.get_field(name).verbose_name
            rows.append({"label": label[:1].upper() + label[1:], "live": old, "revision": new})
    old_related, new_related = _related_lines(live), _related_lines(revision)
    for label, old in old_related.items():
        if old != new_related[label]:
            rows.append({"label": label, "live": old, "revision": new_related[label]})
    return rows
