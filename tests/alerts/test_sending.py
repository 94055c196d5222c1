"""Alert e-mails: what the finder matches, newly published, once, with unsubscribe headers."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.http import QueryDict
from django.utils import timezone

from alerts.jobs import send_alerts
from alerts.models import AlertDelivery, Frequency, Subscription
from partnerships.finder import find
from tests import factories
from tests.alerts.helpers import link_to, publish, subscribe_and_confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def mental_health(db):
    return factories.theme(name="Mental health", slug="mental-health")


def test_nothing_is_sent_before_the_address_is_confirmed(anonymous, editor_user, mental_health):
    from tests.alerts.helpers import subscribe

    subscribe(anonymous, theme="mental-health")
    mail.outbox.clear()
    publish(editor_user, themes=[mental_health])
    mail.outbox.clear()
    assert send_alerts() == 0
    assert not mail.outbox


def test_a_confirmed_alert_sends_new_matches_once(anonymous, editor_user, mental_health):
    old = factories.partnership(title="Published before the alert")
    old.themes.add(mental_health)
    subscribe_and_confirm(anonymous, theme="mental-health")
    match = publish(editor_user, title="Street triage in Leeds", themes=[mental_health])
    publish(editor_user, title="Not about mental health", themes=[factories.theme()])
    mail.outbox.clear()

    assert send_alerts() == 1
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "Street triage in Leeds" in message.subject
    assert "Street triage in Leeds" in message.body
    assert "Not about mental health" not in message.body
    assert "Published before the alert" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Street triage in Leeds" in html
    unsubscribe = link_to(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"].endswith(unsubscribe + ">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert list(AlertDelivery.objects.values_list("partnership", flat=True)) == [match.pk]

    # The digest job run again (or by a second worker later) sends nothing more.
    assert send_alerts() == 0
    assert len(mail.outbox) == 1


def test_alert_matches_equal_the_finders_results(anonymous, editor_user, mental_health):
    drugs = factories.theme(name="Drugs", slug="drugs")
    cases = [
        ("/partnerships/", {"theme": "mental-health"}),
        ("/partnerships/", {"q": "triage"}),
        ("/partnerships/", {"theme": ["mental-health", "drugs"], "q": "nurses"}),
        ("/themes/drugs/", {"q": "triage -naloxone"}),
    ]
    for n, (page, params) in enumerate(cases):
        subscribe_and_confirm(anonymous, email=f"r{n}@example.org", page=page, **params)
    texts = ["Street triage nurses", "Naloxone kits", "Custody nurses", "Triage for drugs", "Other"]
    for n, title in enumerate(texts):
        publish(
            editor_user,
            title=title,
            themes=[[mental_health], [drugs], [mental_health, drugs], [drugs], []][n],
        )
    send_alerts()
    for subscription in Subscription.objects.all():
        finder = find(QueryDict(subscription.params), scope=subscription.scope_pair)
        expected = set(finder.ordered_ids())
        sent = set(subscription.sent.values_list("partnership_id", flat=True))
        assert sent == expected, subscription.description
        assert sent, subscription.description  # each case matched something


def test_a_weekly_alert_waits_a_week_and_gathers_what_was_published(
    anonymous, editor_user, mental_health
):
    subscribe_and_confirm(anonymous, frequency=Frequency.WEEKLY, theme="mental-health")
    start = timezone.now()
    first = publish(editor_user, title="First", themes=[mental_health])
    with time_machine.travel(start + timedelta(days=3)):
        second = publish(editor_user, title="Second", themes=[mental_health])
        mail.outbox.clear()
        assert send_alerts() == 0
    with time_machine.travel(start + timedelta(days=7, minutes=1)):
        assert send_alerts() == 1
        assert send_alerts() == 0
    (message,) = mail.outbox
    assert "2 new case studies" in message.subject
    assert "First" in message.body and "Second" in message.body
    sent = set(AlertDelivery.objects.values_list("partnership", flat=True))
    assert sent == {first.pk, second.pk}
    with time_machine.travel(start + timedelta(days=9)):
        publish(editor_user, title="Third", themes=[mental_health])
        mail.outbox.clear()
        assert send_alerts() == 0  # the next summary is a week after the last
    with time_machine.travel(start + timedelta(days=14, minutes=2)):
        assert send_alerts() == 1


def test_unsubscribing_deletes_the_address_and_what_was_sent(anonymous, editor_user, mental_health):
    subscribe_and_confirm(anonymous, theme="mental-health")
    publish(editor_user, themes=[mental_health])
    mail.outbox.clear()
    send_alerts()
    from django.test import Client

    Client().post(link_to(mail.outbox[0], "unsubscribe"), {"List-Unsubscribe": "One-Click"})
    assert not Subscription.objects.exists()
    assert not AlertDelivery.objects.exists()
