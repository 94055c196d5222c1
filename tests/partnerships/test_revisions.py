"""Changing a published case study: a revision is a private copy, applied on approval."""

import re

import pytest
from django.db import IntegrityError

from partnerships.models import ModerationEvent, Partnership, TransitionNotAllowed
from partnerships.models.revisions import differences
from tests import factories

pytestmark = pytest.mark.django_db
S = Partnership.Status


def page(client, url) -> str:
    """The page's HTML without its per-request CSP nonce."""
    return re.sub(r'nonce="[^"]+"', "", client.get(url).content.decode())


@pytest.fixture
def live(contributor_user):
    p = factories.full_partnership(
        title="Street triage", slug="street-triage", submitted_by=contributor_user
    )
    p.no_personal_data, p.conflict_of_interest = True, "none"
    p.problem, p.approach, p.outcomes = "Problem", "Approach", "Outcomes"
    p.save()
    return p


def test_a_revision_copies_the_case_study_with_its_partners_sources_and_tags(
    live, contributor_user
):
    revision = live.start_revision(by=contributor_user)
    assert revision.revision_of == live
    assert revision.status == S.DRAFT
    assert revision.slug != live.slug
    assert revision.title == "Street triage"
    assert set(revision.themes.all()) == set(live.themes.all())
    assert set(revision.police_force_areas.all()) == set(live.police_force_areas.all())
    assert [(m.organisation_id, m.role) for m in revision.members.all()] == [
        (m.organisation_id, m.role) for m in live.members.all()
    ]
    assert [s.url for s in revision.sources.all()] == [s.url for s in live.sources.all()]
    assert revision not in Partnership.objects.published()


def test_the_public_page_stays_the_same_until_the_revision_is_approved(
    live, contributor_user, editor_user, anonymous
):
    before = page(anonymous, live.get_absolute_url())
    revision = live.start_revision(by=contributor_user)
    revision.title = "Street triage, now county-wide"
    revision.save()
    revision.members.filter(role="partner").delete()
    revision.themes.clear()
    revision.themes.add(factories.theme(name="Road safety"))
    revision.submit(by=contributor_user)
    revision.request_changes(by=editor_user, comment="Say which county")
    revision.submit(by=contributor_user)
    assert page(anonymous, live.get_absolute_url()) == before
    assert anonymous.get(f"/partnerships/{revision.slug}/").status_code == 404


def test_approving_a_revision_copies_it_onto_the_live_case_study(
    live, contributor_user, editor_user
):
    published_at = live.published_at
    revision = live.start_revision(by=contributor_user)
    revision.title = "Street triage, now county-wide"
    revision.save()
    revision.members.filter(role="partner").delete()
    new_theme = factories.theme(name="Road safety")
    revision.themes.set([new_theme])
    factories.source(revision, url="https://example.org/new-evaluation")
    revision.submit(by=contributor_user)

    event = revision.publish(by=editor_user, evidence_rating=4)

    live.refresh_from_db()
    assert live.title == "Street triage, now county-wide"
    assert live.slug == "street-triage" and live.published_at == published_at
    assert live.evidence_rating == 4 and live.status == S.PUBLISHED
    assert list(live.themes.all()) == [new_theme]
    assert [m.role for m in live.members.all()] == ["lead"]
    assert "https://example.org/new-evaluation" in [s.url for s in live.sources.all()]
    assert not Partnership.objects.filter(revision_of=live).exists()
    assert event.partnership == live and event.is_revision
    # The revision's history is now the live case study's.
    assert [e.to_status for e in live.events.all()] == ["draft", "submitted", "published"]


def test_a_live_case_study_has_one_open_revision_at_a_time(live, contributor_user):
    live.start_revision(by=contributor_user)
    with pytest.raises(IntegrityError):
        live.start_revision(by=contributor_user)


def test_a_revision_can_never_be_published_as_itself(live, contributor_user):
    revision = live.start_revision(by=contributor_user)
    with pytest.raises(IntegrityError):
        Partnership.objects.filter(pk=revision.pk).update(status=S.PUBLISHED)


def test_a_revision_of_an_archived_case_study_cannot_be_approved(
    live, contributor_user, editor_user
):
    revision = live.start_revision(by=contributor_user)
    revision.submit(by=contributor_user)
    live.archive(by=editor_user)
    with pytest.raises(TransitionNotAllowed):
        revision.publish(by=editor_user, evidence_rating=1)
    assert Partnership.objects.get(pk=revision.pk).status == S.SUBMITTED
    assert Partnership.objects.get(pk=live.pk).status == S.ARCHIVED


def test_only_a_published_case_study_gets_a_revision(contributor_user):
    draft = factories.complete_draft(submitted_by=contributor_user)
    with pytest.raises(TransitionNotAllowed):
        draft.start_revision(by=contributor_user)
    assert not ModerationEvent.objects.exists()


def test_differences_lists_only_what_changed(live, contributor_user):
    revision = live.start_revision(by=contributor_user)
    revision.summary = "A new summary."
    revision.work_state = "ended"
    revision.save()
    revision.themes.clear()
    live = Partnership.objects.for_detail().get(pk=live.pk)
    revision = Partnership.objects.for_detail().get(pk=revision.pk)
    rows = {row["label"]: (row["live"], row["revision"]) for row in differences(live, revision)}
    assert rows["Summary"][1] == "A new summary."
    assert rows["State of the work"] == ("Ongoing", "Ended")
    assert rows["Themes"][1] == ""
    assert "Title" not in rows and "Partners" not in rows
