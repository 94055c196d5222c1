"""The themes index and a theme's page with its published case studies.

A theme's own part of its page (the theme and what the research says) is remembered per process
by `theme_page`, keyed by the change stamp the page's finder read (partnerships/change_stamp.py),
as a case study's page data is (partnerships/views/case_study_extras.py): the stamp moves on
every change to a theme, so a renamed or rewritten theme shows at once. Evidence resources, kept
by editors in the admin, are not watched by the stamp: they are kept at most
settings.PAGE_CACHE_SECONDS, as whole pages are by the page cache.
"""

import time

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from evidence.models import EvidenceResource
from partnerships.memory import Memo
from partnerships.models import published_q
from partnerships.views.public import finder_context
from themes.models import Theme

_memo = Memo(256)  # themes' own page data (a few KB each), the least recently used forgotten first


def theme_list(request: HttpRequest) -> HttpResponse:
    # Meta.ordering is not applied to a query with GROUP BY (the count): without this order_by
    # {% regroup %} would meet priority and other themes mixed and repeat each heading.
    themes = Theme.objects.annotate(
        published_count=Count("partnerships", filter=published_q("partnerships__"))
    ).order_by(*Theme._meta.ordering)
    return render(request, "themes/theme_list.html", {"themes": themes})


def theme_page(stamp: int, slug: str) -> dict:
    """`theme`, `research` (its evidence resources), `theme_url` and `theme_key` for the theme
    `slug` at change stamp `stamp`; Http404 if there is none (a miss is not remembered). Shared
    between requests: callers must not change it."""
    period = int(time.time() // max(1, getattr(settings, "PAGE_CACHE_SECONDS", 300)))
    key = (stamp, period, slug)

    def read() -> dict:
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404("No Theme matches the given query.")
        return {
            "theme": theme,
            "research": EvidenceResource.objects.for_theme(theme),
            "theme_url": theme.get_absolute_url(),
            # what the page's markup of the theme and its research is remembered under (the
            # template's memo): the same key gives the same theme and research
            "theme_key": key,
        }

    return _memo.get(key, read)


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The finder first: the theme is remembered for the stamp it read (no second read of it).
    # A scope nobody has (a missing theme) finds nothing; the page is then a 404.
    context = finder_context(request, scope=("theme", slug))
    page = theme_page(context["finder"].stamp, slug)
    return render(request, "themes/theme_detail.html", {**page, **context})
