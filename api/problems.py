"""Errors as RFC 9457 problem details (application/problem+json), naming the parameters at fault.
The API never answers with an HTML page: api.middleware turns anything else into one of these."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, QueryDict

PROBLEM_TYPE = "application/problem+json"
TYPES = {
    400: "bad-parameter",
    404: "not-found",
    405: "method-not-allowed",
    429: "too-many-requests",
}


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    invalid: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    body = {
        "type": "/data/api/#problem-" + TYPES.get(status, "error"),
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
        "invalid_params": [{"name": name, "reason": reason} for name, reason in invalid or []],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )


def bad_parameters(request: HttpRequest, invalid: list[tuple[str, str]]) -> HttpResponse:
    names = ", ".join(dict.fromkeys(name for name, _ in invalid))
    return problem(request, 400, f"These parameters could not be used: {names}.", invalid)


def nul_characters(params: QueryDict) -> list[tuple[str, str]]:
    """Parameters holding a NUL character, which no value can have (and PostgreSQL refuses to
    compare text with): for a 400 before any query."""
    return [
        (key, "Contains a NUL character.")
        for key in params
        if any("\x00" in value for value in params.getlist(key))
    ]
