"""Anonymous visitors' pages are cached whole, validated and compressed; nobody else's are
(partnerships/page_cache.py)."""

import gzip
import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from partnerships.models import Partnership
from partnerships.page_cache import CACHE_CONTROL
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:list")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def published():
    return factories.full_partnership(title="Kestrel outreach")


def test_an_anonymous_page_is_served_from_the_cache_with_validators(
    anonymous, published, django_assert_num_queries
):
    first = anonymous.get(LIST, {"q": "kestrel"})
    assert first.status_code == 200
    assert first["Cache-Control"] == CACHE_CONTROL
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "Accept-Encoding" in first["Vary"]
    with django_assert_num_queries(1):  # the change stamp, nothing else
        again = anonymous.get(LIST, {"q": "kestrel"})
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_matching_if_none_match_gets_304_and_no_body(anonymous, published):
    etag = anonymous.get(LIST)["ETag"]
    response = anonymous.get(LIST, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == CACHE_CONTROL
    assert anonymous.get(LIST, headers={"If-None-Match": '"other"'}).status_code == 200


def test_each_url_and_each_change_to_published_data_is_a_new_page(anonymous, published):
    list_etag = anonymous.get(LIST)["ETag"]
    assert anonymous.get(LIST, {"q": "kestrel"})["ETag"] != list_etag
    factories.partnership(title="Merlin project")  # moves the change stamp
    after = anonymous.get(LIST)
    assert after["ETag"] != list_etag
    assert "Merlin project" in after.content.decode()
    assert anonymous.get(LIST, headers={"If-None-Match": list_etag}).status_code == 200


def test_a_draft_does_not_empty_the_cache(anonymous, published, django_assert_num_queries):
    anonymous.get(LIST)
    factories.partnership(title="Drafty", status=Partnership.Status.DRAFT)
    with django_assert_num_queries(1):
        assert "Drafty" not in anonymous.get(LIST).content.decode()


def test_signed_in_people_are_never_served_or_stored(contributor, anonymous, published):
    mine = contributor.get(LIST)
    assert mine.status_code == 200
    assert "ETag" not in mine
    assert "public" not in mine.get("Cache-Control", "")
    anonymous_page = anonymous.get(LIST)
    assert "Sign out" not in anonymous_page.content.decode()
    again = contributor.get(LIST)
    assert "ETag" not in again
    assert "Sign out" in again.content.decode()


def test_a_response_that_sets_a_cookie_is_never_stored(anonymous):
    url = reverse("account_login")
    first = anonymous.get(url)
    assert first.cookies, "the sign-in form sets the CSRF cookie"
    assert "ETag" not in first and "public" not in first.get("Cache-Control", "")
    anonymous.cookies.clear()
    assert anonymous.get(url).cookies


def test_only_anonymous_public_responses_are_compressed(anonymous, contributor, published):
    page = anonymous.get(LIST, headers={"Accept-Encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"
    html = gzip.decompress(page.content).decode()
    assert "Kestrel outreach" in html
    assert len(page.content) < len(html.encode()) / 3
    plain = anonymous.get(LIST)
    assert "Content-Encoding" not in plain
    assert plain["ETag"] != page["ETag"]  # two representations, two tags
    assert "Content-Encoding" not in contributor.get(LIST, headers={"Accept-Encoding": "gzip"})
    sign_in = anonymous.get(reverse("account_login"), headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in sign_in  # holds a CSRF token


def test_pages_have_no_inline_scripts_and_the_policy_allows_only_our_own(anonymous, published):
    response = anonymous.get(LIST)
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(" src=" in tag for tag in scripts), scripts
    assert "nonce" not in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";"
    assert "nonce" not in policy


def test_pages_are_cached_in_redis_when_it_is_configured(anonymous, published, redis_pages):
    client, prefix = redis_pages
    first = anonymous.get(LIST)
    keys = list(client.scan_iter(f"{prefix}:*"))
    assert len(keys) == 1
    second = anonymous.get(LIST)
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert anonymous.get(LIST, headers={"If-None-Match": first["ETag"]}).status_code == 304


@pytest.mark.parametrize("cached", [True, False])
def test_compressed_pages_are_the_page_with_a_random_length_header(
    anonymous, published, settings, cached
):
    """Quickly compressed when rendered for one request, at Django's level when stored; either
    way the gzip header names a file of random length (Django's BREACH mitigation)."""
    settings.PAGE_CACHE_ENABLED = cached
    plain = anonymous.get(LIST).content
    lengths = set()
    for _ in range(8):
        caches["pages"].clear()
        page = anonymous.get(LIST, headers={"Accept-Encoding": "gzip"})
        assert page["Content-Encoding"] == "gzip"
        assert int(page["Content-Length"]) == len(page.content)
        assert gzip.decompress(page.content) == plain
        assert page.content[3] & gzip.FNAME
        lengths.add(len(page.content))
    assert len(lengths) > 1


def test_only_a_page_the_cache_stores_is_compressed_at_djangos_level(settings):
    from django.http import HttpResponse

    from partnerships.page_cache import PER_REQUEST_LEVEL, STORED_LEVEL, gzip_level

    settings.PAGE_CACHE_ENABLED = True
    assert gzip_level(HttpResponse()) == STORED_LEVEL
    assert gzip_level(HttpResponse(status=404)) == PER_REQUEST_LEVEL
    settings.PAGE_CACHE_ENABLED = False
    assert gzip_level(HttpResponse()) == PER_REQUEST_LEVEL
    assert PER_REQUEST_LEVEL < STORED_LEVEL == 6
