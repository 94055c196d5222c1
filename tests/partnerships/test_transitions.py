"""Each workflow step is a Partnership method: allowed moves change the row and record an event;
forbidden ones raise and change nothing."""

import pytest
from django.utils import timezone

from partnerships.models import (
    CommentRequired,
    IncompleteCaseStudy,
    InvalidEvidenceRating,
    ModerationEvent,
    Partnership,
    TransitionNotAllowed,
)
from tests import factories

pytestmark = pytest.mark.django_db
S = Partnership.Status


def snapshot(p: Partnership) -> tuple:
    p = Partnership.objects.get(pk=p.pk)
    return (p.status, p.published_at, p.last_reviewed_at, p.evidence_rating, p.slug, p.submitted_at)


def test_contributor_submits_a_finished_draft(contributor_user):
    p = factories.complete_draft(submitted_by=contributor_user)
    event = p.submit(by=contributor_user)
    p.refresh_from_db()
    assert p.status == S.SUBMITTED
    assert p.submitted_at is not None
    assert (event.from_status, event.to_status, event.actor) == (
        "draft",
        "submitted",
        contributor_user,
    )


def test_resubmitting_after_changes_were_requested(contributor_user, editor_user):
    p = factories.complete_draft(submitted_by=contributor_user, status=S.CHANGES_REQUESTED)
    p.submit(by=contributor_user)
    assert Partnership.objects.get(pk=p.pk).status == S.SUBMITTED


def test_an_unfinished_draft_cannot_be_submitted(contributor_user):
    p = factories.partnership(status=S.DRAFT, submitted_by=contributor_user, title="Half done")
    before = snapshot(p)
    with pytest.raises(IncompleteCaseStudy) as raised:
        p.submit(by=contributor_user)
    assert "Partners" in raised.value.sections
    assert snapshot(p) == before
    assert not ModerationEvent.objects.exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.PUBLISHED, S.REJECTED, S.ARCHIVED])
def test_only_drafts_and_sent_back_case_studies_can_be_submitted(contributor_user, status):
    p = factories.complete_draft(submitted_by=contributor_user, status=status)
    if status in (S.PUBLISHED, S.ARCHIVED):
        Partnership.objects.filter(pk=p.pk).update(published_at=timezone.now())
    before = snapshot(p)
    with pytest.raises(TransitionNotAllowed):
        p.submit(by=contributor_user)
    assert snapshot(p) == before
    assert not ModerationEvent.objects.exists()


def test_editor_publishes_with_a_checked_rating_and_confirms_new_organisations(editor_user):
    p = factories.complete_draft(status=S.SUBMITTED, title="Street Triage: Cleveland")
    new = factories.organisation(is_confirmed=False)
    factories.member(p, new, role="funder")
    event = p.publish(by=editor_user, evidence_rating=3, comment="Thank you")
    p.refresh_from_db()
    new.refresh_from_db()
    assert p.status == S.PUBLISHED and p.evidence_rating == 3
    assert p.published_at is not None and p.last_reviewed_at is not None
    assert p.slug == "street-triage-cleveland"
    assert new.is_confirmed
    assert (event.from_status, event.to_status, event.comment) == (
        "submitted",
        "published",
        "Thank you",
    )
    assert p in Partnership.objects.published()


def test_a_published_slug_never_clashes(editor_user):
    factories.partnership(slug="checkpoint")
    p = factories.complete_draft(status=S.SUBMITTED, title="Checkpoint", slug="draft-abc")
    p.publish(by=editor_user, evidence_rating=0)
    assert Partnership.objects.get(pk=p.pk).slug == "checkpoint-2"


@pytest.mark.parametrize(
    "status", [S.DRAFT, S.CHANGES_REQUESTED, S.PUBLISHED, S.REJECTED, S.ARCHIVED]
)
def test_only_submitted_case_studies_can_be_published(editor_user, status):
    p = factories.complete_draft(status=status)
    if status in (S.PUBLISHED, S.ARCHIVED):
        Partnership.objects.filter(pk=p.pk).update(published_at=timezone.now())
    before = snapshot(p)
    with pytest.raises(TransitionNotAllowed):
        p.publish(by=editor_user, evidence_rating=2)
    assert snapshot(p) == before
    assert not ModerationEvent.objects.exists()


@pytest.mark.parametrize("rating", [-1, 6, "3"])
def test_publishing_needs_a_rating_from_0_to_5(editor_user, rating):
    p = factories.complete_draft(status=S.SUBMITTED)
    before = snapshot(p)
    with pytest.raises(InvalidEvidenceRating):
        p.publish(by=editor_user, evidence_rating=rating)
    assert snapshot(p) == before


def test_editor_requests_changes_with_a_comment(editor_user):
    p = factories.complete_draft(status=S.SUBMITTED)
    event = p.request_changes(by=editor_user, comment="Add the evaluation report.")
    assert Partnership.objects.get(pk=p.pk).status == S.CHANGES_REQUESTED
    assert event.comment == "Add the evaluation report."


@pytest.mark.parametrize("method", ["request_changes", "reject"])
def test_requesting_changes_or_rejecting_needs_words(editor_user, method):
    p = factories.complete_draft(status=S.SUBMITTED)
    before = snapshot(p)
    with pytest.raises(CommentRequired):
        if method == "reject":
            p.reject(by=editor_user, reason="   ")
        else:
            p.request_changes(by=editor_user, comment="")
    assert snapshot(p) == before
    assert not ModerationEvent.objects.exists()


def test_editor_rejects_with_a_reason(editor_user):
    p = factories.complete_draft(status=S.SUBMITTED)
    event = p.reject(by=editor_user, reason="Not a police and health partnership.")
    assert Partnership.objects.get(pk=p.pk).status == S.REJECTED
    assert event.to_status == "rejected"


@pytest.mark.parametrize("status", [S.DRAFT, S.CHANGES_REQUESTED, S.PUBLISHED, S.REJECTED])
def test_only_submitted_case_studies_get_changes_requested_or_rejected(editor_user, status):
    p = factories.complete_draft(status=status)
    if status == S.PUBLISHED:
        Partnership.objects.filter(pk=p.pk).update(published_at=timezone.now())
    before = snapshot(p)
    with pytest.raises(TransitionNotAllowed):
        p.request_changes(by=editor_user, comment="More")
    with pytest.raises(TransitionNotAllowed):
        p.reject(by=editor_user, reason="No")
    assert snapshot(p) == before


def test_editor_archives_a_published_case_study(editor_user):
    p = factories.full_partnership()
    p.archive(by=editor_user, comment="The service closed.")
    assert Partnership.objects.get(pk=p.pk).status == S.ARCHIVED
    assert p not in Partnership.objects.published()


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.REJECTED])
def test_only_published_case_studies_can_be_archived(editor_user, status):
    p = factories.complete_draft(status=status)
    before = snapshot(p)
    with pytest.raises(TransitionNotAllowed):
        p.archive(by=editor_user)
    assert snapshot(p) == before


def test_a_stale_object_cannot_repeat_a_decision(editor_user):
    """Two editors on the same page: the second decision finds the row already moved on."""
    p = factories.complete_draft(status=S.SUBMITTED)
    stale = Partnership.objects.get(pk=p.pk)
    p.reject(by=editor_user, reason="Duplicate")
    with pytest.raises(TransitionNotAllowed):
        stale.publish(by=editor_user, evidence_rating=1)
    assert Partnership.objects.get(pk=p.pk).status == S.REJECTED
    assert ModerationEvent.objects.count() == 1


def test_editable_by_is_the_owners_drafts_and_sent_back_case_studies(
    contributor_user, other_contributor_user
):
    mine = {
        status: factories.complete_draft(submitted_by=contributor_user, status=status)
        for status in [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.REJECTED]
    }
    factories.complete_draft(submitted_by=other_contributor_user)
    editable = set(Partnership.objects.editable_by(contributor_user))
    assert editable == {mine[S.DRAFT], mine[S.CHANGES_REQUESTED]}


def test_awaiting_review_is_submitted_oldest_submission_first(contributor_user):
    later = factories.complete_draft(submitted_by=contributor_user)
    earlier = factories.complete_draft(submitted_by=contributor_user)
    earlier.submit(by=contributor_user)
    later.submit(by=contributor_user)
    assert list(Partnership.objects.awaiting_review()) == [earlier, later]
