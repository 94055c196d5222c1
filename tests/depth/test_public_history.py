"""The public change log: first published, approved revisions with the sections they changed,
archived; never editors' comments or draft text."""

import pytest

from partnerships.history import public as history_module
from partnerships.history.public import HistoryEntry, public_history
from partnerships.models import ModerationEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(contributor_user, editor_user):
    p = factories.complete_draft(submitted_by=contributor_user)
    p.submit(by=contributor_user)
    p.publish(by=editor_user, evidence_rating=2, comment="SECRET EDITOR NOTE")
    return p


def revise(live, contributor_user, editor_user, **changes):
    revision = live.start_revision(by=contributor_user)
    for name, value in changes.items():
        setattr(revision, name, value)
    revision.save()
    revision.submit(by=contributor_user)
    revision.request_changes(by=editor_user, comment="PRIVATE REQUEST")
    revision.submit(by=contributor_user)
    revision.publish(by=editor_user, evidence_rating=3, comment="PRIVATE APPROVAL")


def test_an_approved_revision_records_the_sections_it_changed(live, contributor_user, editor_user):
    revise(live, contributor_user, editor_user, outcomes="DRAFT OUTCOMES TEXT", cost_band="over_1m")
    event = ModerationEvent.objects.filter(partnership=live, is_revision=True).last()
    assert event.changed_sections == ["work", "replication", "rating"]
    entries = public_history(live)
    assert [e.kind for e in entries] == ["published", "revised"]
    assert entries[1].sections == (
        "What was done and the outcomes",
        "Cost, staffing and what it takes to replicate (optional)",
        "Evidence rating (checked by editors)",
    )


def test_partners_and_tags_changes_are_named(live, contributor_user, editor_user):
    revision = live.start_revision(by=contributor_user)
    factories.member(revision)
    revision.themes.add(factories.theme())
    revision.submit(by=contributor_user)
    revision.publish(by=editor_user, evidence_rating=live.evidence_rating)
    event = ModerationEvent.objects.filter(partnership=live, is_revision=True).last()
    assert event.changed_sections == ["partners", "tags"]


def test_page_shows_history_without_comments_or_draft_text(
    anonymous, live, contributor_user, editor_user
):
    revise(live, contributor_user, editor_user, outcomes="DRAFT OUTCOMES TEXT")
    live.refresh_from_db()
    html = anonymous.get(live.get_absolute_url()).content.decode()
    assert "History of this case study" in html
    assert "First published" in html
    assert "Changes approved by the editors" in html
    assert "Sections changed: What was done and the outcomes" in html
    for secret in ["SECRET EDITOR NOTE", "PRIVATE REQUEST", "PRIVATE APPROVAL", "Submitted for"]:
        assert secret not in html


def test_archived_is_an_entry(live, editor_user):
    live.archive(by=editor_user, comment="HIDDEN")
    assert [e.kind for e in public_history(live)] == ["published", "archived"]


def test_another_kind_of_entry_slots_in(live, monkeypatch):
    extra = HistoryEntry(live.published_at, "confirmed", "Confirmed as still accurate")
    monkeypatch.setattr(
        history_module, "ENTRY_SOURCES", [*history_module.ENTRY_SOURCES, lambda p: [extra]]
    )
    assert "confirmed" in [e.kind for e in public_history(live)]


def test_a_case_study_loaded_as_published_still_says_when(anonymous):
    p = factories.full_partnership()
    entries = public_history(p)
    assert [(e.kind, e.when) for e in entries] == [("published", p.published_at)]


def test_every_contributor_field_belongs_to_a_section():
    from partnerships.history.changes import FIELD_SECTIONS
    from partnerships.models.revisions import CONTENT_FIELDS, TAG_FIELDS

    assert set(CONTENT_FIELDS) | set(TAG_FIELDS) <= set(FIELD_SECTIONS)


def test_a_confirmation_from_a_review_reminder_is_an_entry_without_who_confirmed(
    anonymous, live, contributor_user
):
    from reminders.models import ReviewConfirmation

    ReviewConfirmation.objects.create(
        partnership=live,
        confirmed_by=contributor_user,
        confirmed_by_name="Casey Contact",
        via=ReviewConfirmation.Via.values[0],
        due_on=live.published_at.date(),
    )
    assert [e.kind for e in public_history(live)] == ["published", "confirmed"]
    html = anonymous.get(live.get_absolute_url()).content.decode()
    assert "Confirmed as still accurate" in html
    assert "Casey Contact" not in html and contributor_user.email not in html
