"""`manage.py createeditor`: an editor made on the command line can sign in on the site at once."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-password"


def sign_in(email: str, password: str = PASSWORD):
    return Client().post(reverse("account_login"), {"login": email, "password": password})


def test_new_editor_is_verified_and_signs_in_on_the_site(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    out = StringIO()
    call_command("createeditor", "Ed@Example.org", "--name", "Ed Itor", "--no-input", stdout=out)

    user = User.objects.get(email="ed@example.org")
    assert user.is_editor and not user.is_superuser
    assert user.full_name == "Ed Itor"
    assert EmailAddress.objects.get(user=user).verified
    assert "can sign in now" in out.getvalue()
    response = sign_in("ed@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("contribute:mine")


def test_superuser_made_with_createeditor_signs_in_too(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("createeditor", "root@example.org", "--superuser", "--no-input", stdout=StringIO())
    user = User.objects.get(email="root@example.org")
    assert user.is_superuser and user.is_staff and user.is_editor
    assert sign_in("root@example.org").status_code == 302


def test_existing_contributor_becomes_an_editor_keeping_their_password(contributor_user):
    contributor_user.set_password(PASSWORD)
    contributor_user.save()
    call_command("createeditor", contributor_user.email, "--no-input", stdout=StringIO())
    contributor_user.refresh_from_db()
    assert contributor_user.is_editor
    assert EmailAddress.objects.filter(user=contributor_user, verified=True).count() == 1
    assert sign_in(contributor_user.email).status_code == 302


def test_weak_or_missing_password_creates_nobody(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="EDITOR_PASSWORD"):
        call_command("createeditor", "ed@example.org", "--no-input")
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createeditor", "ed@example.org", "--no-input")
    assert not User.objects.filter(email__iexact="ed@example.org").exists()
