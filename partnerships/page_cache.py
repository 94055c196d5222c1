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
test, so that a page holding a CSRF token or anything personal is never compressed (BREACH). It
compresses as Django's GZipMiddleware does, random-length file name in the header included, but
at a level chosen per response: a page this cache is about to store is compressed once and
served many times, so it gets Django's level (6); a page rendered for one request gets a quick
level (2), much cheaper to compute for slightly bigger output.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import secrets
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


STORED_LEVEL = 6  # Django's own (django.utils.text.compress_string)
PER_REQUEST_LEVEL = 2


def gzip_level(response: HttpResponse) -> int:
    """The level for a public response to an anonymous request: Django's for one the page cache
    will store (the same test as AnonymousPageCacheMiddleware's), a quick one otherwise."""
    stored = settings.PAGE_CACHE_ENABLED and response.status_code == 200
    return STORED_LEVEL if stored else PER_REQUEST_LEVEL


def compress(content: bytes, level: int, max_random_bytes: int) -> bytes:
    """django.utils.text.compress_string at `level`: a gzip member with mtime 0 whose header
    names a file of a random number (below max_random_bytes) of bytes, so that a response's
    compressed length does not tell a secret in it (Django's mitigation of BREACH)."""
    compressed = gzip.compress(content, compresslevel=level, mtime=0)
    if not max_random_bytes:
        return compressed
    compressed = memoryview(compressed)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    filename = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + filename + compressed[10:]


class AnonymousGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for anonymous requests and public responses only, at
    gzip_level(response) for a whole (not streaming) response."""

    def process_response(self, request, response):
        if not is_anonymous(request) or not is_public(response):
            return response
        if response.streaming:
            return super().process_response(request, response)
        # From here as GZipMiddleware.process_response, but for the level.
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not _accepts_gzip(request):
            return response
        compressed = compress(response.content, gzip_level(response), self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


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
            return stored["response"]  # unpickled: a new object for each request
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or not is_public(response):
            return response
        stored_at = time.time()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stored_at)
        response["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(response, ["Accept-Encoding"])
        # The response itself, pickled as it is now, as Django's own cache middleware stores
        # one: reading it back restores its headers without converting each again.
        cache.set(
            key,
            {"response": response, "stored_at": stored_at},
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
        return f"page2:{digest}"  # 2: the stored value's form (page:… held its parts)

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
