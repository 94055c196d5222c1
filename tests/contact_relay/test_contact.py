"""The contact relay: consented contacts only, spam defences, a copy to the sender, nothing
stored but a count, which the submitter and editors see."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contact_relay.models import MessageCount
from jobs.periodic import prune_task_results
from tests import factories
from tests.alerts.helpers import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study(contributor_user):
    return factories.partnership(
        title="Liaison and diversion",
        submitted_by=contributor_user,
        contact_name="Dana Contact",
        contact_email="dana@example.org",
        contact_consent=True,
    )


def started(client, url) -> str:
    return client.get(url).context["form"].initial["started"]


def send(client, case_study, wait=5, **fields):
    url = reverse("contact_relay:contact", args=[case_study.slug])
    token = started(client, url)
    data = {
        "name": "Robin Reader",
        "email": "robin@example.org",
        "organisation": "Leeds Council",
        "message": "How did you fund the nurses?",
        "started": token,
        **fields,
    }
    with time_machine.travel(timezone.now() + timedelta(seconds=wait)), committed():
        return client.post(url, data)


def test_the_case_study_page_offers_contact_only_where_the_contact_consented(anonymous, case_study):
    page = anonymous.get(case_study.get_absolute_url()).content.decode()
    assert "Contact the people behind this work" in page
    no_consent = factories.partnership(contact_email="x@example.org", contact_consent=False)
    assert (
        "Contact the people behind this work"
        not in anonymous.get(no_consent.get_absolute_url()).content.decode()
    )
    url = reverse("contact_relay:contact", args=[no_consent.slug])
    assert anonymous.get(url).status_code == 404


def test_a_message_is_relayed_with_a_copy_to_the_sender_and_only_counted(anonymous, case_study):
    response = send(anonymous, case_study)
    assert response.status_code == 200
    assert "Message sent" in response.content.decode()
    to_contact, copy = mail.outbox
    assert to_contact.to == ["dana@example.org"]
    assert to_contact.reply_to == ["robin@example.org"]
    assert "How did you fund the nurses?" in to_contact.body
    assert copy.to == ["robin@example.org"]
    assert (
        "dana@example.org" not in copy.body and "dana@example.org" not in response.content.decode()
    )
    assert MessageCount.of(case_study.pk) == 1


def test_the_count_is_shown_to_the_submitter_and_editors(
    contributor, editor, case_study, anonymous
):
    send(anonymous, case_study)
    send(anonymous, case_study)
    for client, url in [
        (contributor, reverse("contribute:overview", args=[case_study.pk])),
        (editor, reverse("moderation:review", args=[case_study.pk])),
    ]:
        page = client.get(url).content.decode()
        assert "Messages sent to the contact through this directory: 2" in page


def test_the_honeypot_looks_sent_but_sends_nothing(anonymous, case_study):
    response = send(anonymous, case_study, website="http://spam.example")
    assert "Message sent" in response.content.decode()
    assert not mail.outbox and MessageCount.of(case_study.pk) == 0


def test_too_quick_is_refused_with_what_was_typed_kept(anonymous, case_study):
    response = send(anonymous, case_study, wait=0)
    assert response.status_code == 200
    html = response.content.decode()
    assert "That was very quick" in html
    assert "How did you fund the nurses?" in html and 'value="Robin Reader"' in html
    assert not mail.outbox


def test_a_tampered_timestamp_is_refused(anonymous, case_study):
    response = send(anonymous, case_study, started="12345")
    assert "The form has expired" in response.content.decode()
    assert not mail.outbox


def test_too_many_links_and_too_long_are_errors(anonymous, case_study):
    links = send(
        anonymous, case_study, message="see http://a.example www.b.example https://c.example"
    )
    assert "at most 2 web addresses" in links.content.decode()
    long = send(anonymous, case_study, message="x" * 3001, name="")
    assert "3,000 characters or fewer" in long.content.decode()
    assert "Enter your name" in long.content.decode()
    assert not mail.outbox


def test_rate_limits_per_ip_and_per_case_study(anonymous, case_study, settings, client):
    settings.CONTACT_RATE_LIMIT_PER_IP = 2
    settings.CONTACT_RATE_LIMIT_PER_CASE_STUDY = 100
    assert "Message sent" in send(anonymous, case_study).content.decode()
    assert "Message sent" in send(anonymous, case_study).content.decode()
    assert "too many messages" in send(anonymous, case_study).content.decode()
    settings.CONTACT_RATE_LIMIT_PER_IP = 100
    settings.CONTACT_RATE_LIMIT_PER_CASE_STUDY = 3
    assert "Message sent" in send(anonymous, case_study).content.decode()
    assert "had many messages" in send(anonymous, case_study).content.decode()
    assert MessageCount.of(case_study.pk) == 3


def test_relayed_messages_are_not_kept_in_the_task_queue(case_study):
    DBTaskResult.objects.create(
        args_kwargs={"args": [[{"body": "private"}]], "kwargs": {}},
        task_path="contact_relay.tasks.relay_emails",
        backend_name="default",
        run_after=timezone.now(),
        status="SUCCESSFUL",
        finished_at=timezone.now(),
    )
    assert prune_task_results() == 1
    assert not DBTaskResult.objects.exists()
