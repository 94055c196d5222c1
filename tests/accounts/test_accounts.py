"""Accounts through allauth on GOV.UK pages: sign up, verify, sign in and out, reset, limits."""

import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Pat Lead",
    "email": "Pat.Lead@Example.org",
    "password1": "a-long-unusual-password",
    "password2": "a-long-unusual-password",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_sends_a_verification_link_that_signs_you_in(client):
    response = client.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.full_name) == ("pat.lead@example.org", "Pat Lead")
    assert not EmailAddress.objects.get(user=user).verified
    # Not verified yet: submitting is not possible.
    assert client.get(reverse("contribute:start"))["Location"].startswith("/accounts/login/")
    (message,) = mail.outbox
    assert message.to == ["pat.lead@example.org"]
    assert "Hello Pat Lead" in message.body
    confirm = client.get(link_in(message))
    assert confirm.status_code == 200
    assert "Confirm email address" in confirm.content.decode()
    client.post(link_in(message))
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("contribute:start")).status_code == 200


def test_sign_up_errors_are_shown_in_a_gov_uk_error_summary(client):
    response = client.post(
        reverse("account_signup"), {"email": "not-an-email", "password1": "short"}
    )
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "<title>Error: Create an account – Police and public health partnerships</title>" in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_full_name">Enter your full name</a>' in html
    assert 'value="not-an-email"' in html
    assert "placeholder" not in html
    assert not User.objects.exists()


def test_an_unverified_user_cannot_sign_in_until_they_verify(client):
    user = User.objects.create_user("new@example.org", "a-long-unusual-password")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(
        reverse("account_login"),
        {"login": "new@example.org", "password": "a-long-unusual-password"},
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[0].to == ["new@example.org"]


def test_sign_in_and_sign_out(client, contributor_user):
    page = client.get(reverse("account_login")).content.decode()
    assert 'class="govuk-input' in page and "Forgotten your password?" in page
    response = client.post(
        reverse("account_login"),
        {"login": "casey.contributor@example.org", "password": "a-long-password-1"},
    )
    assert response["Location"] == reverse("contribute:mine")
    home = client.get("/").content.decode()
    assert "Your case studies" in home and "Sign out</button>" in home
    assert "Moderation" not in home
    client.post(reverse("account_logout"))
    assert "Sign in</a>" in client.get("/").content.decode()


def test_a_wrong_password_is_explained(client, contributor_user):
    response = client.post(
        reverse("account_login"), {"login": "casey.contributor@example.org", "password": "wrong"}
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "not correct" in html


def test_header_links_for_each_persona(anonymous, contributor, editor):
    factories.full_partnership()
    anonymous_html = anonymous.get("/").content.decode()
    assert 'href="/accounts/login/"' in anonymous_html and "Sign out" not in anonymous_html
    assert "Moderation" not in contributor.get("/").content.decode()
    editor_html = editor.get("/").content.decode()
    assert 'href="/moderation/"' in editor_html and "Your case studies" in editor_html


def test_password_reset_sends_a_link(client, contributor_user):
    response = client.post(
        reverse("account_reset_password"), {"email": "casey.contributor@example.org"}
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["casey.contributor@example.org"]
    page = client.get(link_in(mail.outbox[0]), follow=True)
    assert "New password" in page.content.decode()


def test_account_pages_render_for_a_signed_in_contributor(contributor):
    for name in ["account_email", "account_change_password"]:
        response = contributor.get(reverse(name))
        assert response.status_code == 200
        assert "govuk-grid-column-two-thirds" in response.content.decode()


def test_sign_up_is_rate_limited_with_a_gov_uk_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for n in range(2):
        client.post(reverse("account_signup"), {**SIGN_UP, "email": f"p{n}@example.org"})
    response = client.post(reverse("account_signup"), {**SIGN_UP, "email": "p3@example.org"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have tried too many times" in html and "govuk-template" in html
    assert not User.objects.filter(email="p3@example.org").exists()


def test_sign_in_is_rate_limited_with_a_gov_uk_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _ in range(2):
        client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 429
    assert "You have tried too many times" in response.content.decode()


def test_password_reset_is_rate_limited_with_a_gov_uk_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/h/ip"}
    client.post(reverse("account_reset_password"), {"email": "a@example.org"})
    response = client.post(reverse("account_reset_password"), {"email": "b@example.org"})
    assert response.status_code == 429


def test_editors_are_defined_once(editor_user, superuser_user, contributor_user):
    assert set(User.objects.editors()) == {editor_user, superuser_user}
    assert editor_user.is_editor and superuser_user.is_editor
    assert not contributor_user.is_editor
    editor_user.is_active = False
    editor_user.save()
    assert set(User.objects.editors()) == {superuser_user}


def _sign_in(client, email, password, ip="192.0.2.1"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def test_too_many_failed_sign_ins_get_the_429_page(client, contributor_user):
    for _ in range(5):
        assert _sign_in(client, contributor_user.email, "wrong").status_code == 200
    response = _sign_in(client, contributor_user.email, "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have tried too many times" in html and "govuk-template" in html


def test_a_stranger_cannot_lock_someone_out_of_their_account(contributor_user):
    from django.test import Client

    stranger, owner = Client(), Client()
    for _ in range(8):
        _sign_in(stranger, contributor_user.email, "wrong", ip="198.51.100.7")
    assert _sign_in(stranger, contributor_user.email, "wrong", ip="198.51.100.7").status_code == 429
    response = _sign_in(owner, contributor_user.email, "a-long-password-1", ip="192.0.2.1")
    assert response.status_code == 302
    assert owner.get(reverse("contribute:mine")).status_code == 200


def test_guesses_at_one_address_from_everywhere_are_limited_too(client, contributor_user, settings):
    limits = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_address": "3/h/key"}
    settings.ACCOUNT_RATE_LIMITS = limits
    for n in range(3):
        assert _sign_in(client, contributor_user.email, "x", ip=f"203.0.113.{n}").status_code == 200
    assert _sign_in(client, contributor_user.email, "x", ip="203.0.113.9").status_code == 429


def test_limits_are_checked_before_any_password_is_hashed(client, contributor_user, settings):
    from unittest import mock

    from django.contrib.auth.hashers import MD5PasswordHasher

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/m/ip"}
    with (
        mock.patch.object(MD5PasswordHasher, "verify", autospec=True, return_value=False) as verify,
        mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, return_value="md5$x$y"
        ) as enc,
    ):
        for _ in range(2):
            _sign_in(client, contributor_user.email, "wrong")
        hashed = verify.call_count + enc.call_count
        assert hashed >= 2
        for _ in range(5):
            assert _sign_in(client, contributor_user.email, "wrong").status_code == 429
            assert _sign_in(client, "nobody@example.org", "wrong").status_code == 429
        assert verify.call_count + enc.call_count == hashed


def test_a_successful_sign_in_gives_back_its_attempt(client, contributor_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_address": "2/h/key",
    }
    from django.test import Client

    for _ in range(3):
        assert _sign_in(Client(), contributor_user.email, "a-long-password-1").status_code == 302
    assert _sign_in(client, contributor_user.email, "wrong").status_code == 200


def test_sign_up_pages_and_emails_use_gov_uk_wording(client):
    page = unescape(client.get(reverse("account_signup")).content.decode())
    assert "<title>Create an account – " in page and ">Create an account</h1>" in page
    assert "Signup" not in page and "Sign Up" not in page
    sent = client.post(reverse("account_signup"), SIGN_UP, follow=True).content.decode()
    assert "finalize" not in sent and "finish creating your account" in sent
    (message,) = mail.outbox
    assert message.subject == "Police and public health partnerships: Confirm your email address"
