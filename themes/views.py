"""The themes index and a theme's page with its published case studies."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from evidence.models import EvidenceResource
from partnerships.models import published_q
from partnerships.views.public import finder_context
from themes.models import Theme


def theme_list(request: HttpRequest) -> HttpResponse:
    # Meta.ordering is not applied to a query with GROUP BY (the count): without this order_by
    # {% regroup %} would meet priority and other themes mixed and repeat each heading.
    themes = Theme.objects.annotate(
        published_count=Count("partnerships", filter=published_q("partnerships__"))
    ).order_by(*Theme._meta.ordering)
    return render(request, "themes/theme_list.html", {"themes": themes})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    context = finder_context(request, scope=("theme", theme.slug))
    research = EvidenceResource.objects.for_theme(theme)
    return render(
        request, "themes/theme_detail.html", {"theme": theme, "research": research, **context}
    )
