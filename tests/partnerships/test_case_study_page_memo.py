"""A case study's page data is remembered per change stamp
(partnerships/views/case_study_extras.py): publishing, an approved revision, a confirmation,
archiving and renaming a partner all show at once."""

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evidence.models import EvidenceResource
from partnerships.views import case_study_extras
from reminders.schedule import confirm
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(contributor_user, editor_user):
    p = factories.complete_draft(submitted_by=contributor_user, title="The first title")
    p.submit(by=contributor_user)
    p.publish(by=editor_user, evidence_rating=2)
    return p


def page(client, p) -> str:
    response = client.get(p.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_request_reads_only_the_change_stamp(anonymous, live):
    page(anonymous, live)
    with CaptureQueriesContext(connection) as captured:
        page(anonymous, live)
    assert len(captured) == 1


def test_an_approved_revision_shows_at_once(anonymous, live, contributor_user, editor_user):
    assert "The first title" in page(anonymous, live)
    revision = live.start_revision(by=contributor_user)
    revision.title = "A better title"
    revision.outcomes = "Fewer people were taken to a cell."
    revision.save()
    factories.source(revision, title="The new evaluation")
    revision.submit(by=contributor_user)
    revision.publish(by=editor_user, evidence_rating=3)
    html = page(anonymous, live)
    assert "A better title" in html and "The first title" not in html
    assert "Fewer people were taken to a cell." in html
    assert "The new evaluation" in html
    assert "Changes approved by the editors" in html  # its public history


def test_a_confirmation_shows_at_once(anonymous, live):
    assert "Confirmed as still accurate" not in page(anonymous, live)
    confirm(live, via="editor")
    assert "Confirmed as still accurate" in page(anonymous, live)


def test_an_archived_case_study_is_gone_at_once(anonymous, live, editor_user):
    page(anonymous, live)
    live.archive(by=editor_user)
    assert anonymous.get(live.get_absolute_url()).status_code == 404


def test_a_partner_renamed_shows_at_once(anonymous, live):
    member = factories.member(live, role="lead")
    assert member.organisation.name in page(anonymous, live)
    member.organisation.name = "Renamed Trust"
    member.organisation.save()
    assert "Renamed Trust" in page(anonymous, live)


def test_a_missing_case_study_is_not_remembered(anonymous, live):
    """Addresses nobody published must not push real pages out of the memo."""
    page(anonymous, live)
    kept = len(case_study_extras._memo._answers)
    for n in range(5):
        assert anonymous.get(f"/partnerships/no-such-case-study-{n}/").status_code == 404
    assert len(case_study_extras._memo._answers) == kept


def test_evidence_kept_in_the_admin_shows_within_the_page_cache_period(anonymous, live):
    """Evidence resources are not watched by the change stamp: like a whole page in the page
    cache, the page's data is kept at most PAGE_CACHE_SECONDS."""
    theme = live.themes.first() or factories.theme()
    live.themes.add(theme)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        page(anonymous, live)
        EvidenceResource.objects.create(
            name="Street triage",
            publisher="College of Policing",
            url="https://example.org/street-triage",
            covers="What street triage does.",
            date_read=timezone.localdate(),
        ).themes.add(theme)
        traveller.shift(settings.PAGE_CACHE_SECONDS + 1)
        assert "Street triage</a> – College of Policing" in page(anonymous, live)
