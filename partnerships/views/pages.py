"""The home page and the about page."""

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
            "priority_themes": Theme.objects.filter(is_priority=True).annotate(
                published_count=Count("partnerships", filter=published_q("partnerships__"))
            ),
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
        },
    )
