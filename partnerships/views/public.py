"""The case-study finder and a case study's own page."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from partnerships.compare import ticked
from partnerships.finder import find
from partnerships.pagination import paginate
from partnerships.views.case_study_extras import case_study_page


def finder_context(request: HttpRequest, scope: tuple[str, str] | None = None, roles=None) -> dict:
    """Everything the finder include needs: used by the list, theme and organisation pages.
    `roles`: a function from the page's ids and the finder's change stamp to {id: role label},
    for an organisation's page."""
    finder = find(request.GET, scope=scope)
    paged = paginate(request, finder.results, count=finder.listed)
    ids = list(paged.page_obj.object_list)
    paged.page_obj.object_list = finder.page_cards(ids, roles(ids, finder.stamp) if roles else None)
    selected = ticked(request.GET.getlist("compare"), finder.index.position)
    return {
        **paged.context(),
        "results": paged.page_obj.object_list,
        "finder": finder,
        "finder_scope": scope,  # for the download and feed links (opendata)
        "notices": finder.notices + paged.notices + list(selected.notices),
        # Ticked for comparison, carried from page to page in the address (partnerships.compare)
        "compare_ids": selected.ids,
        "compare_query": selected.query,
        "compare_elsewhere": selected.not_on(ids),
    }


def partnership_list(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/partnership_list.html", finder_context(request))


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "partnerships/partnership_detail.html", case_study_page(slug))


def facet_options(request: HttpRequest, key: str) -> JsonResponse:
    """The options a facet shown as a text field lists for what was typed (GET `<key>_name`),
    with their counts under the rest of the selection: what the type-ahead
    (static/js/app.js) shows as you type. The same list the page shows without JavaScript."""
    finder = find(request.GET)
    facet = next((f for f in finder.facets if f.key == key and f.widget == "search"), None)
    if facet is None:
        raise Http404("No such facet.")
    options = [
        {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
        for o in facet.shown
    ]
    return JsonResponse({"options": options, "more": facet.more_than_shown, "typed": facet.typed})
