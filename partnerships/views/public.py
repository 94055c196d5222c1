"""The public list of case studies and a case study's own page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from partnerships.models import Partnership
from partnerships.pagination import paginate

SORTS = {
    "newest": ("Newest published", ["-published_at", "title"]),
    "title": ("Title A to Z", ["title", "id"]),
}
DEFAULT_SORT = "newest"


def partnership_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "") or DEFAULT_SORT
    notices = []
    if sort not in SORTS:
        notices.append(f"“{sort[:40]}” is not a way to sort, so the newest are shown first.")
        sort = DEFAULT_SORT
    queryset = Partnership.objects.published().for_listing().order_by(*SORTS[sort][1])
    paged = paginate(request, queryset)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            **paged.context(),
            "notices": notices + paged.notices,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        },
    )


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.published().for_detail(), slug=slug)
    return render(request, "partnerships/partnership_detail.html", {"partnership": partnership})
