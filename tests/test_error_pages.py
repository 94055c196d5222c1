"""GOV.UK error pages: 400, 403 (and a failed CSRF check), 413, 414, 500 and 503."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def gov_uk_page(response, heading: str) -> str:
    html = response.content.decode()
    assert 'class="govuk-template"' in html and "build/main.css" in html
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    return html


def test_a_bad_host_header_gets_the_gov_uk_400_page():
    response = Client().get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    gov_uk_page(response, "Sorry, there is a problem with the request")


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_the_database_unavailable_in_a_view_gets_a_503_with_retry_after(error):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "partnerships.models.Partnership.objects.published",
        side_effect=error("connection refused"),
    ):
        response = client.get(reverse("partnerships:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = gov_uk_page(response, "Sorry, the service is unavailable")
    assert "Anything you saved before this page appeared is kept" in html


def test_the_database_unavailable_before_the_view_gets_a_503_too(contributor):
    contributor.raise_request_exception = False
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = contributor.get(reverse("contribute:mine"))
    assert response.status_code == 503
    gov_uk_page(response, "Sorry, the service is unavailable")


def test_any_other_crash_gets_the_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("partnerships.models.Partnership.objects.published", side_effect=ValueError):
        response = client.get(reverse("partnerships:list"))
    assert response.status_code == 500
    gov_uk_page(response, "Sorry, there is a problem with the service")


def test_a_web_address_over_the_limit_gets_the_414_page(settings):
    settings.MAX_URL_LENGTH = 100
    assert Client().get("/partnerships/?q=" + "a" * 80).status_code == 200
    response = Client().get("/partnerships/?q=" + "a" * 120)
    assert response.status_code == 414
    gov_uk_page(response, "The web address is too long")


def test_a_body_over_the_limit_is_refused_before_it_is_read(contributor, draft, settings):
    settings.MAX_REQUEST_BYTES = 1000
    url = reverse("contribute:sources", args=[draft.pk])
    with mock.patch("django.http.request.HttpRequest.read") as read:
        response = contributor.post(url, {"action": "report", "report-report": "x" * 2000})
    assert response.status_code == 413
    assert not read.called
    gov_uk_page(response, "What you sent is too big")
    draft.refresh_from_db()
    assert not draft.evaluation_report


def test_too_many_form_fields_in_memory_is_a_400(contributor, draft, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    contributor.raise_request_exception = False
    response = contributor.post(
        reverse("contribute:about", args=[draft.pk]), {"summary": "x" * 2000}
    )
    assert response.status_code == 400
    gov_uk_page(response, "Sorry, there is a problem with the request")


def test_a_failed_csrf_check_from_our_own_page_offers_to_send_it_again(contributor_user, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor_user)
    url = reverse("contribute:about", args=[draft.pk])
    response = client.post(
        url,
        {"title": "Typed <title>", "summary": "Kept", "password": "never-echoed"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    html = gov_uk_page(response, "Your session may have expired")
    assert 'name="title" value="Typed &lt;title&gt;"' in html
    assert 'name="summary" value="Kept"' in html
    assert "never-echoed" not in html
    assert f'action="{url}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert response["Cache-Control"] == "private, no-store"
    assert Partnership.objects.get(pk=draft.pk).title != "Typed <title>"


def test_a_failed_csrf_check_from_another_site_offers_nothing_to_resend(contributor_user, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor_user)
    response = client.post(
        reverse("contribute:about", args=[draft.pk]),
        {"title": "Forged"},
        HTTP_ORIGIN="https://attacker.example",
    )
    assert response.status_code == 403
    html = gov_uk_page(response, "Your session may have expired")
    assert "Forged" not in html and "Try again" not in html


def test_permission_denied_gets_the_gov_uk_403_page():
    # allauth refuses a sign-in whose client address it cannot tell (PermissionDenied).
    response = Client().post(
        reverse("account_login"), {"login": "a@example.org", "password": "x"}, REMOTE_ADDR=""
    )
    assert response.status_code == 403
    gov_uk_page(response, "You cannot do that")
