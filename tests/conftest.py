"""Personas shared by every test: anonymous, contributor, other_contributor, editor, superuser."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.test import Client

from accounts.models import User
from evidence import research
from partnerships import organisation_index
from partnerships.models import Partnership
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits are counted in the cache: each test starts with none used, and with no
    cached pages (partnerships/page_cache.py)."""
    cache.clear()
    caches["pages"].clear()
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _nothing_remembered_across_tests():
    """Each test rolls the change stamp back to where it found it: what the organisations index
    remembers for a stamp (partnerships/organisation_index.py) and the evidence resources a case
    study's page reads for one (evidence/research.py) must not outlive the test."""
    organisation_index.forget()
    research.forget()
    yield
    organisation_index.forget()
    research.forget()


@pytest.fixture(autouse=True)
def _open_data_dir(settings, tmp_path):
    """The full downloads' prebuilt files (opendata/prebuilt.py) go to this test's own folder,
    never into the project."""
    settings.OPEN_DATA_DIR = tmp_path / "open-data"


def verified(user: User) -> User:
    """A user who has followed the link in their verification e-mail (allauth's record)."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def anonymous(client) -> Client:
    return client


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def contributor_user(db) -> User:
    return verified(User.objects.create_user("casey.contributor@example.org", "a-long-password-1"))


@pytest.fixture
def contributor(contributor_user) -> Client:
    return _signed_in(contributor_user)


@pytest.fixture
def draft(contributor_user) -> Partnership:
    """The contributor's own draft."""
    return factories.partnership(status=Partnership.Status.DRAFT, submitted_by=contributor_user)


@pytest.fixture
def other_contributor_user(db) -> User:
    return verified(User.objects.create_user("olly.other@example.org", "a-long-password-2"))


@pytest.fixture
def other_contributor(other_contributor_user) -> Client:
    return _signed_in(other_contributor_user)


@pytest.fixture
def editor_user(db) -> User:
    user = User.objects.create_user("eddie.editor@example.org", "a-long-password-3", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return verified(user)


@pytest.fixture
def editor(editor_user) -> Client:
    return _signed_in(editor_user)


@pytest.fixture
def superuser_user(db) -> User:
    return verified(User.objects.create_superuser("sam.super@example.org", "a-long-password-4"))


@pytest.fixture
def superuser(superuser_user) -> Client:
    return _signed_in(superuser_user)
