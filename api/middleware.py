"""What every /api/ address does whatever the view: GET (and HEAD) only, CORS for GET from any
origin without credentials, and never an HTML page: a 404 for an unknown address or any other
non-JSON answer becomes RFC 9457 problem details."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from api.problems import PROBLEM_TYPE, problem

PREFIX = "/api/"
ALLOWED = ("GET", "HEAD", "OPTIONS")


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Retry-After, Link"
    return response


def api_boundary(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return get_response(request)
        if request.method == "OPTIONS":  # a CORS preflight
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
            response["Allow"] = ", ".join(ALLOWED)
            return _cors(response)
        if request.method not in ALLOWED:
            response = problem(request, 405, "This API is read only: use GET.")
            response["Allow"] = ", ".join(ALLOWED)
            return _cors(response)
        if request.method == "HEAD":  # answered as GET; the server sends no body
            request.method = "GET"
        response = get_response(request)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("application/json", PROBLEM_TYPE)):
            status = response.status_code if response.status_code >= 400 else 500
            detail = "There is nothing at this address." if status == 404 else "That failed."
            response = problem(request, status, detail)
        return _cors(response)

    return middleware
