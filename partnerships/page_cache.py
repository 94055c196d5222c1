"""Whole public pages for anonymous visitors: cached, validated and compressed.

Who counts as anonymous: a request that carries no session cookie and no messages cookie (nobody
can be signed in, or have a message waiting, without them). Only such a request is served from
the cache, and only a response to one is stored, and only when it is a 200 that sets no cookie
(a page with a form sets the CSRF cookie, so it is never stored) and says nothing against caching
(`Cache-Control: private`, `no-store` or `no-cache`).

    key            URL (host, path and query) + the change stamp + whether it is gzipped. The
                   stamp (partnerships/change_stamp.py) moves on every change to published data,
                   so a publish makes every page new at once; entries also expire after
                   PAGE_CACHE_SECONDS, for what the stamp does not watch.
    validators     ETag from the key, Last-Modified from when the page was stored; a request whose
                   If-None-Match matches gets 304 Not Modified with no body.
    Cache-Control  public, max-age=60, stale-while-revalidate=600: a CDN may keep them too.

PAGE_CACHE_ENABLED turns it off (the test suite does, but for tests/test_page_cache.py, so that
tests can read each response's context). The cache is Django's cache alias "pages"
(settings.CACHES: local memory, or Redis when REDIS_URL is set). Pages carry no CSP nonce
(script-src 'self': templates load scripts from static files), so a stored page is valid under
the header stored with it.

`AnonymousGZipMiddleware` compresses responses to anonymous requests that set no cookie, the same
test, so that a page holding a CSRF token or anything personal is never compressed (BREACH).
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import router
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from partnerships import change_stamp
from partnerships.models import Partnership

CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600"
CACHE_ALIAS = "pages"
_GZIP = re.compile(r"\bgzip\b")
_REFUSED = ("private", "no-store", "no-cache")


def is_anonymous(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
    )


def is_public(response: HttpResponse) -> bool:
    """A response anyone may be given: it sets no cookie and does not refuse caching."""
    cache_control = response.get("Cache-Control", "")
    return not response.cookies and not any(word in cache_control for word in _REFUSED)


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class AnonymousGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for anonymous requests and public responses only."""

    def process_response(self, request, response):
        if not is_anonymous(request) or not is_public(response):
            return response
        return super().process_response(request, response)


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous visitors' pages (module docstring)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not is_anonymous(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = self._key(request)
        etag = f'"{key[-32:]}"'
        stored = cache.get(key)
        if stored is not None:
            if etag in _etags(request):
                return self._not_modified(etag, stored["stored_at"])
            return self._rebuild(stored)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or not is_public(response):
            return response
        stored_at = time.time()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stored_at)
        response["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(response, ["Accept-Encoding"])
        cache.set(
            key,
            {
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
                "stored_at": stored_at,
            },
            getattr(settings, "PAGE_CACHE_SECONDS", 300),
        )
        if etag in _etags(request):
            return self._not_modified(etag, stored_at)
        return response

    @staticmethod
    def _key(request: HttpRequest) -> str:
        stamp = change_stamp.current(router.db_for_read(Partnership))
        gzip = "gzip" if _accepts_gzip(request) else "identity"
        url = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(f"{stamp}|{gzip}|{url}".encode()).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def _rebuild(stored: dict) -> HttpResponse:
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        return response

    @staticmethod
    def _not_modified(etag: str, stored_at: float) -> HttpResponse:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stored_at)
        response["Cache-Control"] = CACHE_CONTROL
        response["Vary"] = "Accept-Encoding"
        return response


def _etags(request: HttpRequest) -> set[str]:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
