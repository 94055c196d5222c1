"""The page cache's front (partnerships/page_cache.py, PageCacheFront): the site's WSGI
application answers an anonymous visitor's GET from the cache before Django runs, stores only
what the page cache middleware would store, and leaves everyone else to Django."""

import gzip
import sys
from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from partnerships import page_cache
from partnerships.page_cache import CACHE_CONTROL, PageCacheFront
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:list")


class CountingDjango:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()
        self.requests = 0

    def __call__(self, environ, start_response):
        self.requests += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app(settings, wsgi_requests_keep_the_transaction):
    settings.PAGE_CACHE_ENABLED = True
    return CountingDjango()


@pytest.fixture
def front(django_app):
    return PageCacheFront(django_app)


@pytest.fixture
def published():
    return factories.full_partnership(title="Kestrel outreach")


def get(app, path=LIST, query="", method="GET", host="testserver", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = status
        started["headers"] = dict(response_headers)

    body = app(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return int(started["status"].split()[0]), started["headers"], content


def test_the_sites_wsgi_application_has_the_front():
    from config.wsgi import application

    assert isinstance(application, PageCacheFront)
    assert isinstance(application.application, WSGIHandler)


def test_an_anonymous_visitors_second_visit_never_reaches_django(
    front, django_app, published, django_assert_num_queries
):
    status, headers, first = get(front, query="q=kestrel")
    assert status == 200 and "Kestrel outreach" in first.decode()
    assert headers["Cache-Control"] == CACHE_CONTROL
    assert django_app.requests == 1
    with django_assert_num_queries(1):  # the change stamp, nothing else
        status, again_headers, again = get(front, query="q=kestrel")
    assert status == 200 and again == first
    assert django_app.requests == 1
    # Every header Django sent comes back: validators, policy, security headers.
    assert again_headers == headers
    assert "Content-Security-Policy" in again_headers and "X-Frame-Options" in again_headers
    assert get(front, query="q=merlin")[2] != first  # another address, another page
    assert django_app.requests == 2


def test_a_matching_if_none_match_gets_304_from_the_front(front, django_app, published):
    etag = get(front)[1]["ETag"]
    status, headers, body = get(front, if_none_match=etag)
    assert (status, body) == (304, b"")
    assert headers["ETag"] == etag and headers["Cache-Control"] == CACHE_CONTROL
    assert django_app.requests == 1
    assert get(front, if_none_match='"other"')[0] == 200


def test_a_publish_makes_every_page_new(front, django_app, published):
    before = get(front)
    factories.partnership(title="Merlin project")  # moves the change stamp
    after = get(front)
    assert django_app.requests == 2
    assert "Merlin project" in after[2].decode() and after[1]["ETag"] != before[1]["ETag"]
    assert get(front, if_none_match=before[1]["ETag"])[0] == 200


def test_gzip_and_plain_are_stored_apart(front, django_app, published):
    plain = get(front)[2]
    status, headers, compressed = get(front, accept_encoding="gzip, br")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed) == plain
    assert get(front, accept_encoding="gzip")[2] == compressed
    assert get(front)[2] == plain
    assert django_app.requests == 2


def test_signed_in_people_always_reach_django_and_are_never_stored(
    front, django_app, contributor, published
):
    session = f"sessionid={contributor.cookies['sessionid'].value}"
    for _ in range(2):
        status, headers, body = get(front, cookie=session)
        assert status == 200 and "Sign out" in body.decode()
        assert "ETag" not in headers and "public" not in headers.get("Cache-Control", "")
    assert django_app.requests == 2
    anonymous_page = get(front)[2]
    assert "Sign out" not in anonymous_page.decode()
    assert django_app.requests == 3


def test_a_response_that_sets_a_cookie_is_never_stored(front, django_app):
    for _ in range(2):
        status, headers, body = get(front, reverse("account_login"))
        assert status == 200 and "Set-Cookie" in headers  # the CSRF cookie
    assert django_app.requests == 2


def test_other_methods_and_hosts_are_not_served_from_another_requests_entry(
    front, django_app, published, settings
):
    get(front)
    assert get(front, method="HEAD")[0] == 200
    assert django_app.requests == 2  # HEAD is left to Django (and its middleware)
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    other = get(front, host="other.example")
    assert django_app.requests == 3 and other[0] == 200
    assert get(front, host="evil.example")[0] == 400
    assert get(front, host="evil.example")[0] == 400
    assert django_app.requests == 5  # a refused host is never stored


def test_with_the_page_cache_off_the_front_does_nothing(front, django_app, published, settings):
    settings.PAGE_CACHE_ENABLED = False
    get(front)
    headers = get(front)[1]
    assert django_app.requests == 2 and "ETag" not in headers


def test_when_the_stamp_cannot_be_read_django_answers(front, django_app, published, monkeypatch):
    get(front)
    real = page_cache.change_stamp.current
    calls = []

    def failing_once(alias):
        calls.append(alias)
        if len(calls) == 1:
            raise OperationalError("the database went away")
        return real(alias)

    monkeypatch.setattr(page_cache.change_stamp, "current", failing_once)
    status, headers, body = get(front)
    assert status == 200 and "Kestrel outreach" in body.decode()
    assert django_app.requests == 2


def test_the_front_serves_pages_stored_in_redis(front, django_app, published, redis_pages):
    client, prefix = redis_pages
    first = get(front, accept_encoding="gzip")
    keys = [key.decode() for key in client.scan_iter(f"{prefix}:*")]
    assert len(keys) == 1 and keys[0].split(":")[2] == "sent"
    again = get(front, accept_encoding="gzip")
    assert again == first and django_app.requests == 1
    assert get(front, accept_encoding="gzip", if_none_match=first[1]["ETag"])[0] == 304


def test_an_unreachable_cache_means_pages_are_rendered_not_lost(
    front, django_app, anonymous, published, caplog
):
    """Redis down (nothing listens on port 1): every anonymous page is still served, through
    the front and through the middleware alone, rendered each time and stored nowhere."""
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={"default": locmem, "pages": unreachable}):
        try:
            for _ in range(2):
                status, headers, body = get(front)
                assert status == 200 and "Kestrel outreach" in body.decode()
            assert django_app.requests == 2
            page = anonymous.get(LIST)
            assert page.status_code == 200 and "Kestrel outreach" in page.content.decode()
        finally:
            caches["pages"].close()
    assert "The page cache could not be read" in caplog.text
    assert "The page cache could not be written" in caplog.text
