"""`Cache-Control: private, no-store` on every page that shows a person's own data.

That is every response to someone signed in (their name is in the header, and most such pages
are their case studies, task lists, the moderation queue or their account), and every page of
the contributors', editors' and account sections whoever asks. Browsers then keep no copy to
show the next person at a shared computer, and no shared cache stores them.

Anonymous public pages are left to their own caching (the session is read here only when the
request carries a session cookie).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"
PRIVATE_NAMESPACES = {"contribute", "moderation", "admin"}


def is_private(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    if match and (
        PRIVATE_NAMESPACES.intersection(match.namespaces)
        or (match.url_name or "").startswith("account_")
    ):
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            response["Cache-Control"] = PRIVATE
        return response
