"""Error pages, GOV.UK-styled: 400, 403 (and a failed CSRF check), 500 and 503.

400, 500 and 503 are rendered from templates/errors/standalone.html with no request context:
when the Host header is bad or the database is down, anything that builds a URL from the host
or reads the session would fail again. `server_error` is Django's handler500: it turns a lost
database (OperationalError, InterfaceError, from any view or middleware) into a 503 with
Retry-After, and anything else into the 500 page. Django closes a broken connection when the
request ends, and the next request connects again: the service recovers on its own.
"""

import sys
from urllib.parse import urlsplit

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
# Fields of a failed form that the CSRF page never sends back: secrets and the old token.
NEVER_RESENT = ("password", "csrfmiddlewaretoken")
MAX_RESENT_FIELDS = 200


def _standalone(template: str, status: int, context: dict | None = None) -> HttpResponse:
    return HttpResponse(loader.render_to_string(template, context or {}), status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _standalone("400.html", 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _standalone("403.html", 403)


def database_unavailable() -> HttpResponse:
    response = _standalone("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. Called while the exception is being handled, so sys.exc_info() has it."""
    error = sys.exc_info()[1]
    while error is not None:
        if isinstance(error, (OperationalError, InterfaceError)):
            return database_unavailable()
        error = error.__cause__ or error.__context__
    return _standalone("500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form was sent without a valid token (a session that expired,
    a page left open across sign-in). When it came from one of our own pages, the page offers
    to send what was typed again, with a fresh token, once the person selects "Try again"."""
    resend = None
    if _from_this_site(request) and not request.FILES:
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if not any(secret in name.lower() for secret in NEVER_RESENT)
            for value in values
        ]
        if fields and len(fields) <= MAX_RESENT_FIELDS:
            resend = {"path": request.path, "fields": fields}
    html = loader.render_to_string("403_csrf.html", {"resend": resend}, request=request)
    response = HttpResponse(html, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def _from_this_site(request: HttpRequest) -> bool:
    """Did the browser say the form was on our own site? (Origin, or else Referer.)"""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - a bad Host header: certainly not ours
        return False
    parts = urlsplit(source)
    return bool(parts.netloc) and parts.netloc == host and parts.scheme in ("http", "https")
