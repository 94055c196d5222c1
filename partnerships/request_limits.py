"""Refuse requests the service will not handle before any of their body is read.

- A request body larger than MAX_REQUEST_BYTES (the largest evaluation report, plus room for
  the form's other fields) gets the 413 page at once, from its Content-Length, so nobody can
  make a worker read and store a huge upload only to refuse it afterwards.
- A web address longer than MAX_URL_LENGTH (8,000 characters) gets the 414 page. gunicorn
  answers request lines longer than its --limit-request-line itself, with a plain page: the
  deploy command in README raises that to 8190 so the app's page is the one people see, and
  the reverse proxy should answer anything longer (README "Reliability").

Both pages are standalone (templates/errors/standalone.html): no session or database is used.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

from partnerships.views.errors import bad_request


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        url_length = len(request.path_info) + len(request.META.get("QUERY_STRING", ""))
        if url_length > settings.MAX_URL_LENGTH:
            return HttpResponse(loader.render_to_string("414.html"), status=414)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return bad_request(request)
        if length > settings.MAX_REQUEST_BYTES:
            html = loader.render_to_string("413.html", {"megabytes": settings.MAX_REPORT_MEGABYTES})
            response = HttpResponse(html, status=413)
            response["Connection"] = "close"  # the body was not read
            return response
        return self.get_response(request)
