"""E-mail at every step: editors hear of submissions, the submitter of every decision.

Mail goes after the transaction commits, and a mail failure never undoes a decision."""

import logging

import pytest
from django.core import mail
from django.db import transaction

from partnerships import services
from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db
S = Partnership.Status


@pytest.fixture
def submitted(contributor_user):
    p = factories.complete_draft(submitted_by=contributor_user, title="Liaison & diversion")
    Partnership.objects.filter(pk=p.pk).update(status=S.SUBMITTED)
    p.refresh_from_db()
    return p


def test_editors_hear_of_a_new_submission(
    contributor_user, editor_user, superuser_user, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://partnerships.example.org"
    contributor_user.full_name = "Casey Contributor"
    contributor_user.save()
    p = factories.complete_draft(submitted_by=contributor_user, title="Liaison & diversion")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(p, by=contributor_user)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor_user.email, superuser_user.email])
    message = mail.outbox[0]
    assert message.subject == "New case study to review: Liaison & diversion"
    assert "Casey Contributor has submitted a new case study" in message.body
    assert f"https://partnerships.example.org/moderation/{p.pk}/" in message.body
    assert contributor_user.email not in [m.to[0] for m in mail.outbox]


def test_no_mail_before_the_transaction_commits(contributor_user, editor_user):
    p = factories.complete_draft(submitted_by=contributor_user)
    with transaction.atomic():
        services.submit(p, by=contributor_user)
        assert mail.outbox == []


def test_no_mail_for_a_decision_that_is_rolled_back(submitted, editor_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.reject(submitted, by=editor_user, reason="Duplicate")
        raise RuntimeError("something later failed")
    assert Partnership.objects.get(pk=submitted.pk).status == S.SUBMITTED
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("decide", "kwargs", "subject", "body_has"),
    [
        (
            services.request_changes,
            {"comment": "Please add the 2019 evaluation."},
            "Changes requested: Liaison & diversion",
            ["Please add the 2019 evaluation.", "/your-case-studies/{pk}/"],
        ),
        (
            services.reject,
            {"reason": "It is not a partnership with health services."},
            "Not published: Liaison & diversion",
            ["It is not a partnership with health services.", "/your-case-studies/{pk}/"],
        ),
        (
            services.publish,
            {"evidence_rating": 2, "comment": "Lovely work."},
            "Published: Liaison & diversion",
            ["Lovely work.", "/partnerships/liaison-diversion/"],
        ),
    ],
)
def test_the_submitter_hears_of_every_decision(
    submitted,
    contributor_user,
    editor_user,
    settings,
    django_capture_on_commit_callbacks,
    decide,
    kwargs,
    subject,
    body_has,
):
    settings.SITE_URL = "https://partnerships.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        decide(submitted, by=editor_user, **kwargs)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [contributor_user.email]
    assert message.subject == subject
    for text in body_has:
        assert "https://partnerships.example.org" + text.format(
            pk=submitted.pk
        ) in message.body or (
            text.format(pk=submitted.pk) in message.body and not text.startswith("/")
        )


def test_the_submitter_hears_when_their_case_study_is_archived(
    contributor_user, editor_user, django_capture_on_commit_callbacks
):
    p = factories.full_partnership(submitted_by=contributor_user, title="Old scheme")
    with django_capture_on_commit_callbacks(execute=True):
        services.archive(p, by=editor_user, comment="The scheme closed in 2020.")
    assert mail.outbox[0].subject == "Archived: Old scheme"
    assert "The scheme closed in 2020." in mail.outbox[0].body


def test_approved_changes_are_announced_as_changes(
    contributor_user, editor_user, django_capture_on_commit_callbacks
):
    live = factories.full_partnership(submitted_by=contributor_user, title="Triage")
    Partnership.objects.filter(pk=live.pk).update(
        no_personal_data=True, conflict_of_interest="none", problem="p", approach="a", outcomes="o"
    )
    live.refresh_from_db()
    revision = live.start_revision(by=contributor_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(revision, by=contributor_user)
    assert mail.outbox[-1].subject == "Changes to review: Triage"
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(revision, by=editor_user, evidence_rating=1)
    assert mail.outbox[-1].subject == "Your changes are published: Triage"
    assert mail.outbox[-1].to == [contributor_user.email]
    assert live.get_absolute_url() in mail.outbox[-1].body


def test_a_mail_failure_is_logged_and_the_decision_stands(
    submitted, editor_user, settings, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.failing_mail.DownBackend"}}
    with caplog.at_level(logging.ERROR, logger="partnerships.services"):
        with django_capture_on_commit_callbacks(execute=True):
            event = services.request_changes(submitted, by=editor_user, comment="More detail")
    assert Partnership.objects.get(pk=submitted.pk).status == S.CHANGES_REQUESTED
    assert event.pk is not None
    assert "Could not send 1 e-mail" in caplog.text
