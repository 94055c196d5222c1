"""The home page, the about page and the pages every public service has: contact,
accessibility statement, privacy notice and cookies."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnerships.cards import cards
from partnerships.facet_index import FacetIndex, index_and_stamp
from partnerships.memory import Memo
from partnerships.models import EVIDENCE_LEVELS, Partnership
from themes.models import Theme

LATEST_ON_HOME = 6


_home = Memo(4)  # the home page's figures per change stamp


def home(request: HttpRequest) -> HttpResponse:
    """Counts and the latest case studies come from the finder's index (published only), so the
    page costs the same at 30 case studies as at 100,000: one query for the priority themes and
    one for the latest cards, remembered until the change stamp moves (themes and published case
    studies move it) or the index is rebuilt."""
    index, stamp = index_and_stamp()
    return render(
        request,
        "partnerships/home.html",
        {**_home.get((stamp, index.stamp), lambda: _figures(index))},
    )


def _figures(index: FacetIndex) -> dict:
    themes = Theme.objects.filter(is_priority=True).order_by(*Theme._meta.ordering)
    counted = [(theme, index.option_mask("theme", theme.slug).bit_count()) for theme in themes]
    return {
        "priority_themes": counted,  # (theme, published case studies)
        "latest": cards(index.page_ids(index.everything, "newest", 0, LATEST_ON_HOME), index),
        "published_count": len(index.ids),
        "organisation_count": sum(1 for mask in index.masks["partner"].values() if mask),
    }


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
