"""The themes index and a theme's page with its published case studies."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from partnerships.models import Partnership, published_q
from partnerships.pagination import paginate
from themes.models import Theme


def theme_list(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.annotate(
        published_count=Count("partnerships", filter=published_q("partnerships__"))
    )
    return render(request, "themes/theme_list.html", {"themes": themes})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    queryset = (
        Partnership.objects.published()
        .filter(themes=theme)
        .for_listing()
        .order_by("-published_at", "title")
    )
    paged = paginate(request, queryset)
    return render(request, "themes/theme_detail.html", {"theme": theme, **paged.context()})
