"""The signed links in alert e-mail: confirm, unsubscribe (RFC 8058 one click), manage.
Tampered, expired and reused links give a clear GOV.UK page, never a 500."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.jobs import delete_unconfirmed
from alerts.models import Frequency, Subscription
from tests.alerts.helpers import link_to, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirm_link(anonymous):
    subscribe(anonymous)
    return link_to(mail.outbox[-1], "confirm")


def test_confirming_starts_the_alert_and_a_reused_link_says_so(anonymous, confirm_link):
    page = anonymous.get(confirm_link)
    assert page.status_code == 200 and "Confirm your e-mail alert" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None  # a GET changes nothing
    done = anonymous.post(confirm_link)
    assert "Your alert is confirmed" in done.content.decode()
    assert Subscription.objects.get().confirmed_at is not None
    again = anonymous.get(confirm_link)
    assert again.status_code == 200
    assert "already confirmed" in again.content.decode()


def test_a_tampered_confirm_link_is_a_clear_page(anonymous, confirm_link):
    response = anonymous.get(confirm_link[:-5] + "xxxx/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert anonymous.post(confirm_link[:-5] + "xxxx/").status_code == 400
    assert Subscription.objects.get().confirmed_at is None


def test_an_expired_confirm_link_is_a_clear_page(anonymous, confirm_link):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = anonymous.post(confirm_link)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_unconfirmed_subscriptions_are_deleted_after_7_days(anonymous, confirm_link):
    subscribe(Client(), email="other@example.org")
    anonymous.post(confirm_link)
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        assert delete_unconfirmed() == 0
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert delete_unconfirmed() == 1
    assert list(Subscription.objects.values_list("email", flat=True)) == ["reader@example.org"]


def confirmed(client, email="reader@example.org", **params) -> Subscription:
    subscribe(client, email=email, **params)
    client.post(link_to(mail.outbox[-1], "confirm"))
    return Subscription.objects.get(email=email, params=Subscription.objects.latest("pk").params)


def _unsubscribe_url(subscription):
    from alerts.emails import unsubscribe_url

    return unsubscribe_url(subscription).split("8000", 1)[-1]


def test_one_click_unsubscribe_works_without_a_cookie_or_csrf_token(anonymous):
    subscription = confirmed(anonymous)
    url = _unsubscribe_url(subscription)
    mail_client = Client(enforce_csrf_checks=True)  # a mail client: no cookie, no token
    response = mail_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    again = mail_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200  # reused: the same answer, nothing to delete
    assert "You have unsubscribed" in anonymous.get(url).content.decode()


def test_unsubscribe_by_browser_asks_first(anonymous):
    subscription = confirmed(anonymous)
    url = _unsubscribe_url(subscription)
    assert "Unsubscribe" in anonymous.get(url).content.decode()
    assert Subscription.objects.exists()
    anonymous.post(url)
    assert not Subscription.objects.exists()


def test_a_tampered_unsubscribe_link_is_a_clear_page(anonymous):
    subscription = confirmed(anonymous)
    url = _unsubscribe_url(subscription)
    response = Client().post(url.replace("/unsubscribe/", "/unsubscribe/x"))
    assert response.status_code == 400
    assert Subscription.objects.exists()


def _manage_url(email):
    from alerts.emails import manage_url

    return manage_url(email).split("8000", 1)[-1]


def test_the_manage_page_changes_frequency_and_removes_alerts(anonymous):
    first = confirmed(anonymous, q="triage")
    second = confirmed(anonymous, q="diversion")
    someone_else = confirmed(Client(), email="someone@example.org", q="triage")
    url = _manage_url("reader@example.org")
    page = anonymous.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Search: triage" in html and "Search: diversion" in html
    assert "someone@example.org" not in html

    changed = anonymous.post(
        url, {"action": f"frequency:{first.pk}", f"{first.pk}-frequency": "weekly"}
    )
    assert changed.status_code == 302
    first.refresh_from_db()
    assert first.frequency == Frequency.WEEKLY

    bad = anonymous.post(
        url, {"action": f"frequency:{first.pk}", f"{first.pk}-frequency": "hourly"}
    )
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()

    # Someone else's alert cannot be touched through this address's page.
    assert anonymous.post(url, {"action": f"remove:{someone_else.pk}"}).status_code == 404
    assert anonymous.post(url, {"action": "remove:abc"}).status_code == 404
    assert Subscription.objects.filter(pk=someone_else.pk).exists()

    anonymous.post(url, {"action": f"remove:{second.pk}"})
    assert not Subscription.objects.filter(pk=second.pk).exists()
    anonymous.post(url, {"action": "remove-all"})
    assert list(Subscription.objects.all()) == [someone_else]


def test_a_tampered_or_expired_manage_link_is_a_clear_page(anonymous):
    url = _manage_url("reader@example.org")
    assert anonymous.get(url[:-3] + "x/").status_code == 400
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = anonymous.get(url)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()


def test_signed_in_people_see_their_own_alerts_only(contributor, contributor_user, anonymous):
    confirmed(anonymous, email=contributor_user.email, q="triage")
    confirmed(Client(), email="someone@example.org", q="secret-search")
    page = contributor.get(reverse("alerts:yours"))
    assert page.status_code == 200
    assert "Search: triage" in page.content.decode()
    assert "secret-search" not in page.content.decode()
    assert Client().get(reverse("alerts:yours")).status_code == 302  # sign in first
