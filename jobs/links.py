"""Signed links in e-mail (confirm an alert, unsubscribe, manage alerts, review reminders).

A link carries a value signed with SECRET_KEY and a purpose (the salt), so a link made for one
thing cannot be used for another and a changed link is refused. Views turn a bad link into a
GOV.UK page (templates/includes/link_problem.html) with status 400, never a 500.
"""

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class BadLink(Exception):
    """The link was changed, cut short or made for something else."""

    heading = "This link does not work"
    text = (
        "The link may have been copied wrongly or cut short. Copy the whole link from the e-mail."
    )


class ExpiredLink(BadLink):
    heading = "This link has expired"
    text = "Links like this one only work for a limited time."


def make(purpose: str, value) -> str:
    return signing.dumps(value, salt=f"partnerships.{purpose}", compress=True)


def read(purpose: str, token: str, *, max_age: int | None = None):
    """The value signed into `token`; BadLink or ExpiredLink if it cannot be trusted."""
    try:
        return signing.loads(token, salt=f"partnerships.{purpose}", max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink from error


def problem_page(request: HttpRequest, error: BadLink, *, next_step: str = "") -> HttpResponse:
    """The page a bad or expired link shows: what went wrong and what to do."""
    context = {"heading": error.heading, "text": error.text, "next_step": next_step}
    return render(request, "includes/link_problem.html", context, status=400)
