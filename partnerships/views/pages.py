"""The home page, the about page and the pages every public service has: contact,
accessibility statement, privacy notice and cookies."""

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.cards import cards_of
from partnerships.models import EVIDENCE_LEVELS, Organisation, Partnership, published_q
from themes.models import Theme

LATEST_ON_HOME = 6


def home(request: HttpRequest) -> HttpResponse:
    published = Partnership.objects.published()
    latest = cards_of(published.order_by("-published_at", "title")[:LATEST_ON_HOME])
    return render(
        request,
        "partnerships/home.html",
        {
            "priority_themes": Theme.objects.filter(is_priority=True)
            .annotate(published_count=Count("partnerships", filter=published_q("partnerships__")))
            .order_by(*Theme._meta.ordering),
            "latest": latest,
            "published_count": published.count(),
            "organisation_count": Organisation.objects.filter(
                memberships__partnership__in=published
            )
            .distinct()
            .count(),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnerships/about.html",
        {
            "evidence_levels": EVIDENCE_LEVELS,
            "evaluation_types": Partnership.EvaluationType.choices,
            "findings": Partnership.Finding.choices,
            "editors_email": settings.EDITORS_EMAIL,
        },
    )


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contact.html", {"editors_email": settings.EDITORS_EMAIL})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", {"editors_email": settings.EDITORS_EMAIL})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html", {"editors_email": settings.EDITORS_EMAIL})


def cookies(request: HttpRequest) -> HttpResponse:
    """The cookies page names the cookies from the settings that set them, so it stays true."""
    return render(
        request,
        "pages/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "session_weeks": settings.SESSION_COOKIE_AGE // (7 * 24 * 3600),
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "messages_cookie": "messages",
        },
    )
