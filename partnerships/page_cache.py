"""Whole public pages for anonymous visitors: cached, validated and compressed.

Who counts as anonymous: a request that carries no session cookie and no messages cookie (nobody
can be signed in, or have a message waiting, without them). Only such a request is served from
the cache, and only a response to one is stored, and only when it is a 200 that sets no cookie
(a page with a form sets the CSRF cookie, so it is never stored) and says nothing against caching
(`Cache-Control: private`, `no-store` or `no-cache`).

    key            the request's scheme, host, path and query (page_key) + the change stamp +
                   whether it is gzipped. The stamp (partnerships/change_stamp.py) moves on every
                   change to published data, so a publish makes every page new at once; entries
                   also expire after PAGE_CACHE_SECONDS, for what the stamp does not watch.
    validators     ETag from the key, Last-Modified from when the page was stored; a request whose
                   If-None-Match matches gets 304 Not Modified with no body.
    Cache-Control  public, max-age=60, stale-while-revalidate=600: a CDN may keep them too.

PAGE_CACHE_ENABLED turns it off (the test suite does, but for tests/test_page_cache.py and
tests/test_page_cache_front.py, so that tests can read each response's context). The cache is
Django's cache alias "pages" (settings.CACHES: local memory, or Redis when REDIS_URL is set); when
it cannot be reached, pages are rendered and not stored. Pages carry no CSP nonce (script-src
'self': templates load scripts from static files), so a stored page is valid under the header
stored with it.

`AnonymousGZipMiddleware` compresses responses to anonymous requests that set no cookie, the same
test, so that a page holding a CSRF token or anything personal is never compressed (BREACH). It
compresses as Django's GZipMiddleware does, random-length file name in the header included, but
at a level chosen per response: a page this cache is about to store is compressed once and
served many times, so it gets Django's level (6); a page rendered for one request gets a quick
level (2), much cheaper to compute for slightly bigger output.

`PageCacheFront` (config/wsgi.py wraps Django's WSGI application in it) answers from the cache
before Django's request handling starts: no request object, no signals, no middleware, only the
change stamp and one cache read. The middleware still decides what is stored: on a miss the
front passes Django the key it looked up, and stores what Django then sends (status, every
header, the body) only when the middleware has marked the response as one it would store. A
request the front does not take (not a GET, not anonymous; the test client, which has no front)
is served and stored by the middleware itself.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.db import router
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.cookie import parse_cookie
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from partnerships import change_stamp
from partnerships.models import Partnership

logger = logging.getLogger(__name__)
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600"
CACHE_ALIAS = "pages"
FRONT_KEY = "partnerships.page_cache.key"  # in the environ: the key the front looked up
FRONT_STORE = "partnerships.page_cache.store"  # put there by the middleware: store what is sent
_GZIP = re.compile(r"\bgzip\b")
_REFUSED = ("private", "no-store", "no-cache")


def is_anonymous(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and _no_personal_cookie(request.COOKIES)


def _no_personal_cookie(cookies: dict) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in cookies
    )


def is_public(response: HttpResponse) -> bool:
    """A response anyone may be given: it sets no cookie and does not refuse caching."""
    cache_control = response.get("Cache-Control", "")
    return not response.cookies and not any(word in cache_control for word in _REFUSED)


def _accepts_gzip(environ: dict) -> bool:
    return bool(_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")))


def page_key(environ: dict) -> str:
    """The cache key of the page a request asks for: the change stamp, whether gzip is accepted,
    and the scheme, host, path and query as the server passed them (the WSGI environ, which is a
    Django request's META), so that two requests for different pages never share one."""
    stamp = change_stamp.current(router.db_for_read(Partnership))
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    parts = (
        stamp,
        _accepts_gzip(environ),
        environ.get("wsgi.url_scheme"),
        environ.get(proxy_header[0]) if proxy_header else None,
        environ.get("HTTP_X_FORWARDED_HOST") if settings.USE_X_FORWARDED_HOST else None,
        environ.get("HTTP_X_FORWARDED_PORT") if settings.USE_X_FORWARDED_PORT else None,
        environ.get("HTTP_HOST"),
        environ.get("SERVER_NAME"),
        environ.get("SERVER_PORT"),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"page3:{digest}"  # 3: the key's form (page2 hashed Django's host and full path)


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
        if not _accepts_gzip(request.META):
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
        key = request.META.get(FRONT_KEY)  # set by the front, which has looked and found nothing
        if key is None:
            key = page_key(request.META)
            stored = _read(key)
            if stored is not None:
                if _etag(key) in _etags(request.META):
                    return _not_modified(_etag(key), stored["stored_at"])
                return stored["response"]  # unpickled: a new object for each request
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or not is_public(response):
            return response
        stored_at = time.time()
        response["ETag"] = _etag(key)
        response["Last-Modified"] = http_date(stored_at)
        response["Cache-Control"] = CACHE_CONTROL
        patch_vary_headers(response, ["Accept-Encoding"])
        if FRONT_KEY in request.META:
            request.META[FRONT_STORE] = stored_at  # the front stores it as it is sent
        else:
            # The response itself, pickled as it is now, as Django's own cache middleware
            # stores one: reading it back restores its headers without converting each again.
            _write(key, {"response": response, "stored_at": stored_at})
        if _etag(key) in _etags(request.META):
            return _not_modified(_etag(key), stored_at)
        return response


def _read(key: str):
    """The entry stored under `key`, or None when there is none or the cache cannot be reached
    (Redis down): the page is then rendered, as on a miss."""
    try:
        return caches[CACHE_ALIAS].get(key)
    except Exception:
        logger.warning("The page cache could not be read; rendering the page.", exc_info=True)
        return None


def _write(key: str, entry) -> None:
    try:
        caches[CACHE_ALIAS].set(key, entry, getattr(settings, "PAGE_CACHE_SECONDS", 300))
    except Exception:
        logger.warning("The page cache could not be written; serving the page.", exc_info=True)


def _etag(key: str) -> str:
    return f'"{key[-32:]}"'


def _etags(environ: dict) -> set[str]:
    header = environ.get("HTTP_IF_NONE_MATCH", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _validators(etag: str, stored_at: float) -> list[tuple[str, str]]:
    return [
        ("ETag", etag),
        ("Last-Modified", http_date(stored_at)),
        ("Cache-Control", CACHE_CONTROL),
        ("Vary", "Accept-Encoding"),
    ]


def _not_modified(etag: str, stored_at: float) -> HttpResponse:
    response = HttpResponseNotModified()
    for name, value in _validators(etag, stored_at):
        response[name] = value
    return response


class PageCacheFront:
    """WSGI middleware: anonymous GET requests answered from the page cache before Django's
    handler runs; what the page cache middleware marks is stored as it was sent (module
    docstring)."""

    def __init__(self, application) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response):
        if (
            not settings.PAGE_CACHE_ENABLED
            or environ.get("REQUEST_METHOD") != "GET"
            or not _no_personal_cookie(parse_cookie(environ.get("HTTP_COOKIE", "")))
        ):
            return self.application(environ, start_response)
        try:
            key = page_key(environ)
        except Exception:  # the database is unreachable: Django answers (and reconnects)
            return self.application(environ, start_response)
        stored = _read(_sent(key))
        if stored is not None:
            status, headers, body, stored_at = stored
            if _etag(key) in _etags(environ):
                start_response("304 Not Modified", _validators(_etag(key), stored_at))
                return []
            start_response(status, headers)
            return [body]
        environ[FRONT_KEY] = key
        sent = []

        def start_and_keep(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        response = self.application(environ, start_and_keep)
        if FRONT_STORE not in environ or not sent or not sent[0].startswith("200 "):
            return response
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()
        entry = (sent[0], list(sent[1]), body, environ[FRONT_STORE])
        _write(_sent(key), entry)
        return [body]


def _sent(key: str) -> str:
    """Where the front keeps a page as sent, apart from the middleware's own entry."""
    return "sent:" + key
