"""Personas shared by every test: anonymous, contributor, other_contributor, editor, superuser."""

import os
import socket
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, override_settings

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


@pytest.fixture
def wsgi_requests_keep_the_transaction():
    """For a test that calls a WSGI application itself: the test's transaction must outlive each
    request, as Django's test client arranges, or a request would close the connection it runs in
    when it starts and when it ends."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_pages():
    """The "pages" cache in Redis, under a key prefix of the test's own whose keys are deleted
    afterwards; gives the Redis client and the prefix. Runs wherever Redis answers (REDIS_URL, or
    127.0.0.1:6379): CI sets REQUIRE_REDIS_TESTS, so there it fails rather than skip."""
    url = _redis_url()
    if url is None:
        if os.environ.get("REQUIRE_REDIS_TESTS"):
            pytest.fail("REQUIRE_REDIS_TESTS is set but no Redis answers.")
        pytest.skip("No Redis server answers here.")
    import redis

    prefix = f"pages-test-{uuid.uuid4().hex}"
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
    }
    client = redis.Redis.from_url(url)
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={"default": locmem, "pages": redis_cache}):
        try:
            yield client, prefix
        finally:
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)
            caches["pages"].close()
            client.close()


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
