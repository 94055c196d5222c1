"""Editors work through the queue, review a case study and decide."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Organisation, Partnership
from tests import factories

pytestmark = pytest.mark.django_db
S = Partnership.Status


def submitted(user, **fields):
    p = factories.complete_draft(submitted_by=user, **fields)
    p.submit(by=user)
    return p


def test_queue_shows_submissions_oldest_first_with_their_age(editor, contributor_user):
    old = submitted(contributor_user, title="Old one")
    Partnership.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=3)
    )
    submitted(contributor_user, title="New one")
    factories.complete_draft(submitted_by=contributor_user, title="Still a draft")
    response = editor.get(reverse("moderation:queue"))
    assert [p.title for p in response.context["page_obj"]] == ["Old one", "New one"]
    html = response.content.decode()
    assert "3\xa0days" in html and "Still a draft" not in html


def test_queue_filters_by_status_and_explains_a_bad_one(editor, contributor_user):
    submitted(contributor_user, title="Waiting")
    factories.full_partnership(title="Live one")
    published = editor.get(reverse("moderation:queue"), {"status": "published"})
    assert [p.title for p in published.context["page_obj"]] == ["Live one"]
    bad = editor.get(reverse("moderation:queue"), {"status": "<nope>"})
    assert bad.status_code == 200
    assert "Choose a status from the list" in bad.content.decode()
    assert [p.title for p in bad.context["page_obj"]] == ["Waiting"]


def test_review_shows_the_case_study_as_it_will_be_published(editor, contributor_user):
    p = submitted(contributor_user, title="Review me", summary="What it does.")
    html = editor.get(reverse("moderation:review", args=[p.pk])).content.decode()
    assert "How it will look when published" in html
    assert "What it does." in html and "(checked by editors)" in html
    assert "Publish</button>" in html and "Request changes</button>" in html


def test_editor_publishes_and_the_case_study_goes_public(
    editor, contributor_user, anonymous, django_capture_on_commit_callbacks
):
    p = submitted(contributor_user, title="Going live")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("moderation:publish", args=[p.pk]), {"publish-evidence_rating": "2"}
        )
    assert response["Location"] == reverse("moderation:review", args=[p.pk])
    p.refresh_from_db()
    assert p.status == S.PUBLISHED and p.evidence_rating == 2
    assert anonymous.get(p.get_absolute_url()).status_code == 200
    assert mail.outbox[-1].to == [contributor_user.email]


def test_publishing_needs_a_rating_and_the_new_organisations_confirmed(editor, contributor_user):
    p = submitted(contributor_user)
    new = factories.organisation(name="New Org", is_confirmed=False)
    factories.member(p, new, role="funder")
    response = editor.post(reverse("moderation:publish", args=[p.pk]), {})
    html = response.content.decode()
    assert "Select the evidence rating you checked" in html
    assert "Confirm the new organisations, or merge them first" in html
    assert Partnership.objects.get(pk=p.pk).status == S.SUBMITTED
    editor.post(
        reverse("moderation:publish", args=[p.pk]),
        {"publish-evidence_rating": "0", "publish-confirm_organisations": "on"},
    )
    assert Organisation.objects.get(pk=new.pk).is_confirmed


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("request_changes", "Say what the contributor needs to change"),
        ("reject", "Give the reason for rejecting the case study"),
    ],
)
def test_a_comment_is_required_to_send_back_or_reject(editor, contributor_user, action, message):
    p = submitted(contributor_user)
    response = editor.post(reverse(f"moderation:{action}", args=[p.pk]), {f"{action}-comment": " "})
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert Partnership.objects.get(pk=p.pk).status == S.SUBMITTED


def test_editor_requests_changes_and_rejects(editor, contributor_user):
    p = submitted(contributor_user)
    editor.post(
        reverse("moderation:request_changes", args=[p.pk]), {"request_changes-comment": "More"}
    )
    assert Partnership.objects.get(pk=p.pk).status == S.CHANGES_REQUESTED
    q = submitted(contributor_user)
    editor.post(reverse("moderation:reject", args=[q.pk]), {"reject-comment": "Out of scope"})
    assert Partnership.objects.get(pk=q.pk).status == S.REJECTED


def test_a_decision_that_is_no_longer_possible_is_explained(editor, contributor_user):
    p = submitted(contributor_user)
    p.reject(by=None, reason="Already decided")
    response = editor.post(
        reverse("moderation:publish", args=[p.pk]), {"publish-evidence_rating": "1"}
    )
    assert response.status_code == 409
    assert "cannot be published" in response.content.decode()
    assert Partnership.objects.get(pk=p.pk).status == S.REJECTED


def test_editor_archives_a_published_case_study(editor, anonymous):
    p = factories.full_partnership()
    editor.post(reverse("moderation:archive", args=[p.pk]), {"archive-comment": "Closed"})
    assert Partnership.objects.get(pk=p.pk).status == S.ARCHIVED
    assert anonymous.get(p.get_absolute_url()).status_code == 404


def test_editor_merges_a_new_organisation_into_an_existing_one(editor, contributor_user):
    p = submitted(contributor_user)
    existing = factories.organisation(name="Cleveland Police")
    duplicate = factories.organisation(name="cleveland police force", is_confirmed=False)
    factories.member(p, duplicate, role="funder")
    response = editor.post(
        reverse("moderation:merge", args=[p.pk, duplicate.pk]),
        {f"merge-{duplicate.pk}-into": existing.pk},
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert p.members.filter(organisation=existing, role="funder").exists()


def test_review_of_a_revision_compares_it_field_by_field(editor, contributor_user):
    live = factories.full_partnership(
        submitted_by=contributor_user, title="Triage", summary="Old summary"
    )
    Partnership.objects.filter(pk=live.pk).update(
        no_personal_data=True, conflict_of_interest="none", problem="p", approach="a", outcomes="o"
    )
    live.refresh_from_db()
    revision = live.start_revision(by=contributor_user)
    revision.summary = "New summary"
    revision.save()
    revision.submit(by=contributor_user)
    html = editor.get(reverse("moderation:review", args=[revision.pk])).content.decode()
    assert "What these changes do" in html
    assert "Old summary" in html and "New summary" in html
    response = editor.post(
        reverse("moderation:publish", args=[revision.pk]), {"publish-evidence_rating": "1"}
    )
    assert response["Location"] == reverse("moderation:review", args=[live.pk])
    assert Partnership.objects.get(pk=live.pk).summary == "New summary"


def test_report_downloads_are_attachments_and_never_public_before_publication(
    editor, contributor, contributor_user, anonymous, other_contributor
):
    p = factories.complete_draft(submitted_by=contributor_user, slug="with-report")
    p.evaluation_report.save("x.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    public = reverse("partnerships:report", args=[p.slug])
    assert anonymous.get(public).status_code == 404
    assert other_contributor.get(reverse("contribute:report", args=[p.pk])).status_code == 404
    own = contributor.get(reverse("contribute:report", args=[p.pk]))
    assert own.status_code == 200
    assert own["Content-Disposition"].startswith("attachment;")
    assert own["Content-Type"] == "application/pdf"
    assert own["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in own["Content-Security-Policy"]
    assert b"".join(own.streaming_content) == b"%PDF-1.4 test"
    assert editor.get(reverse("moderation:report", args=[p.pk])).status_code == 404  # a draft
    Partnership.objects.filter(pk=p.pk).update(status=S.SUBMITTED)
    assert editor.get(reverse("moderation:report", args=[p.pk])).status_code == 200
    assert anonymous.get(public).status_code == 404
    Partnership.objects.filter(pk=p.pk).update(status=S.PUBLISHED, published_at=timezone.now())
    response = anonymous.get(public)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert (
        'href="/partnerships/with-report/report/"'
        in anonymous.get(p.get_absolute_url()).content.decode()
    )


def test_a_case_study_without_a_report_has_no_download(anonymous):
    p = factories.full_partnership()
    assert anonymous.get(reverse("partnerships:report", args=[p.slug])).status_code == 404
