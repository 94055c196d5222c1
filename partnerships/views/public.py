"""The case-study finder and a case study's own page."""

import html

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import strip_tags

from partnerships import search as search_engine
from partnerships.facets import add_card_details
from partnerships.finder import find
from partnerships.models import Partnership
from partnerships.pagination import paginate


def finder_context(request: HttpRequest, scope: tuple[str, str] | None = None) -> dict:
    """Everything the finder include needs: used by the list, theme and organisation pages."""
    finder = find(request.GET, scope=scope)
    paged = paginate(request, finder.results, count=finder.listed)
    results = list(paged.page_obj.object_list)
    add_card_details(results, finder.index)
    snippets = {} if finder.search.is_empty else search_engine.snippets(results, finder.search)
    for partnership in results:
        # Every attribute the card reads is set: the template engine pays for a missing one.
        partnership.summary_marked, partnership.role_here = None, ""
        snippet = snippets.get(partnership.pk)
        if snippet and html.unescape(strip_tags(snippet)).strip() == partnership.summary.strip():
            partnership.summary_marked, snippet = snippet, None  # the summary, highlighted
        partnership.snippet = snippet
    return {
        **paged.context(),
        "results": results,
        "finder": finder,
        "finder_scope": scope,  # for the download and feed links (opendata)
        "notices": finder.notices + paged.notices,
    }


def partnership_list(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/partnership_list.html", finder_context(request))


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.published().for_detail(), slug=slug)
    return render(request, "partnerships/partnership_detail.html", {"partnership": partnership})
