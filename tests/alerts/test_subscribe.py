"""Anyone subscribes to a finder view: double opt-in, the same answer whoever asks, rate limits."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alerts.models import Subscription
from tests import factories
from tests.alerts.helpers import link_to, subscribe

pytestmark = pytest.mark.django_db


def test_anonymous_finder_pages_link_to_alerts_and_set_no_cookie(anonymous):
    theme = factories.theme(slug="mental-health")
    factories.partnership().themes.add(theme)
    listing = anonymous.get(reverse("partnerships:list"), {"q": "triage"})
    assert not listing.cookies
    assert "csrfmiddlewaretoken" not in listing.content.decode()
    assert "Get e-mails when new case studies like these are published" in listing.content.decode()
    assert "/alerts/new/?page=%2Fpartnerships%2F&amp;q=triage" in listing.content.decode()
    page = anonymous.get(theme.get_absolute_url())
    assert not page.cookies
    assert "/alerts/new/?page=%2Fthemes%2Fmental-health%2F" in page.content.decode()


def test_anonymous_subscribes_and_only_a_confirmation_is_sent(anonymous):
    theme = factories.theme(name="Mental health", slug="mental-health")
    factories.partnership().themes.add(theme)
    page = anonymous.get(
        reverse("alerts:subscribe"), {"page": "/partnerships/", "theme": "mental-health"}
    )
    assert "Theme: Mental health" in page.content.decode()
    response = subscribe(anonymous, email="Reader@Example.org", theme="mental-health")
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:check_email")
    subscription = Subscription.objects.get()
    assert subscription.email == "Reader@example.org"  # Django normalises the domain only
    assert subscription.params == "theme=mental-health"
    assert subscription.page == "/partnerships/" and subscription.scope == ""
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["Reader@example.org"]
    assert "Confirm" in message.subject
    assert link_to(message, "confirm").startswith("/alerts/confirm/")
    assert message.alternatives[0][1] == "text/html"


def test_a_theme_page_subscription_keeps_the_theme_as_its_scope(anonymous):
    theme = factories.theme(slug="drugs")
    subscribe(anonymous, page=theme.get_absolute_url(), q="naloxone")
    subscription = Subscription.objects.get()
    assert subscription.scope == "theme:drugs"
    assert subscription.params == "q=naloxone"


def test_a_page_that_is_not_a_finder_is_not_found(anonymous):
    for page in ["/about/", "//evil.example.org/", "/nowhere/", "https://example.org/"]:
        response = anonymous.get(reverse("alerts:subscribe"), {"page": page})
        assert response.status_code == 404, page
    assert not Subscription.objects.exists()


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(anonymous):
    first = subscribe(anonymous, email="known@example.org")
    Subscription.objects.update(confirmed_at="2026-11-01T00:00:00Z")
    second = subscribe(Client(), email="known@example.org")
    third = subscribe(Client(), email="unknown@example.org")
    assert first["Location"] == second["Location"] == third["Location"]

    def page(url):  # without the per-request CSP nonce
        return re.sub(r'nonce="[^"]*"', "", Client().get(url).content.decode())

    assert page(first["Location"]) == page(third["Location"])


def test_a_wrong_address_is_an_error_with_what_was_typed_kept(anonymous):
    response = subscribe(anonymous, email="not an address", frequency="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'value="not an address"' in html
    assert "Select how often you want e-mails" in html
    assert not Subscription.objects.exists() and not mail.outbox


def test_too_many_from_one_address_sends_no_more_but_says_the_same(anonymous, settings):
    settings.ALERT_RATE_LIMIT_PER_ADDRESS = 2
    settings.ALERT_RATE_LIMIT_PER_IP = 100
    responses = [subscribe(anonymous, email="flood@example.org") for _ in range(4)]
    assert {r.status_code for r in responses} == {302}
    assert len(mail.outbox) == 2
    assert Subscription.objects.count() == 2


def test_too_many_from_one_ip_is_refused_on_the_form(anonymous, settings):
    settings.ALERT_RATE_LIMIT_PER_IP = 2
    for n in range(2):
        assert subscribe(anonymous, email=f"r{n}@example.org").status_code == 302
    response = subscribe(anonymous, email="r3@example.org")
    assert response.status_code == 200
    assert "too many alerts" in response.content.decode()
    assert 'value="r3@example.org"' in response.content.decode()
    assert Subscription.objects.count() == 2


def test_a_theme_or_organisation_that_does_not_exist_is_not_found(anonymous):
    for page in ["/themes/no-such-theme/", "/organisations/no-such-organisation/"]:
        response = anonymous.get(reverse("alerts:subscribe"), {"page": page})
        assert response.status_code == 404, page


def test_a_search_too_long_to_save_is_an_error_not_a_crash(anonymous):
    words = " ".join(f"word{n}" for n in range(400))
    response = subscribe(anonymous, q=words)
    assert response.status_code == 200
    assert "too long to save" in response.content.decode()
    assert not Subscription.objects.exists()
