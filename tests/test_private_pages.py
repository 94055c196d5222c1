"""Pages that show a person's own data say `Cache-Control: private, no-store`; anonymous public
pages are left alone."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


def test_contributors_pages_are_never_stored(contributor, draft):
    for url in [
        reverse("contribute:mine"),
        reverse("contribute:start"),
        reverse("contribute:overview", args=[draft.pk]),
        reverse("contribute:about", args=[draft.pk]),
        reverse("contribute:partners", args=[draft.pk]),
        reverse("contribute:check", args=[draft.pk]),
    ]:
        response = contributor.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_moderation_and_account_pages_are_never_stored(editor):
    for url in [
        reverse("moderation:queue"),
        reverse("account_email"),
        reverse("account_change_password"),
    ]:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_public_pages_seen_signed_in_are_not_stored_either(contributor):
    factories.partnership(title="Seen signed in")
    response = contributor.get(reverse("partnerships:list"))
    assert response["Cache-Control"] == PRIVATE


def test_the_sign_in_page_is_not_stored(anonymous):
    assert anonymous.get(reverse("account_login"))["Cache-Control"] == PRIVATE


def test_anonymous_public_pages_are_left_to_public_caching(anonymous):
    factories.partnership()
    response = anonymous.get(reverse("partnerships:list"))
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.cookies
