"""What an alert watches: a finder page, its filters and words, matched by the finder itself.

An alert is saved from a finder page (the list, a theme's, an organisation's or a force area's
page) with the page's GET parameters. The page fixes one facet (its scope); `scope_of` works it
out from the page's address, never from anything the visitor sends. Matching runs
partnerships.finder.find on the saved parameters, so an alert lists exactly what the finder would.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve

from partnerships.finder import Finder, find
from partnerships.models import Partnership

# Finder pages by URL name, and the facet their one URL argument fixes. A page not listed here
# that has one URL argument (e.g. a force area's page) is matched to the one facet having that
# value as an option.
FINDER_PAGES = {
    "partnerships:list": None,
    "themes:detail": "theme",
    "partnerships:organisation": "partner",
}


class NotAFinderPage(ValueError):
    """The address is not one of the finder's pages."""


def scope_of(page: str) -> tuple[str, str] | None:
    """The facet option a finder page fixes, or None for the whole list."""
    if not page.startswith("/") or page.startswith("//") or "?" in page:
        raise NotAFinderPage(page)
    try:
        match = resolve(page)
    except Resolver404 as error:
        raise NotAFinderPage(page) from error
    if match.view_name in FINDER_PAGES:
        key = FINDER_PAGES[match.view_name]
        if key is None:
            return None
        slug = match.kwargs["slug"]
        if not _exists(key, slug):
            raise NotAFinderPage(page)
        return key, slug
    if len(match.kwargs) != 1:
        raise NotAFinderPage(page)
    value = str(next(iter(match.kwargs.values())))
    index = find(QueryDict()).index
    keys = [key for key, options in index.masks.items() if value in options]
    if len(keys) != 1:
        raise NotAFinderPage(page)
    return keys[0], value


def _exists(key: str, slug: str) -> bool:
    from partnerships.models import Organisation
    from themes.models import Theme

    model = {"theme": Theme, "partner": Organisation}[key]
    return model.objects.filter(slug=slug).exists()


def saved_params(finder: Finder) -> str:
    """The finder's selection as a query string, without the sort (an alert lists by date) and
    without anything the finder could not use."""
    return urlencode([(k, v) for k, v in finder.selection.params() if k != "sort"])


def finder_for(params: str, scope: tuple[str, str] | None) -> Finder:
    return find(QueryDict(params), scope=scope)


def describe(finder: Finder, scope: tuple[str, str] | None) -> str:
    """The search in words, for the pages and e-mails: "Theme: Mental health; Search: triage"."""
    parts = []
    if scope:
        facet = finder.index.facets.get(scope[0])
        label = scope[1]
        if facet:
            label = next((o.label for o in facet.options if o.value == scope[1]), scope[1])
            parts.append(f"{facet.label}: {label}")
        else:
            parts.append(label)
    grouped: dict[str, list[str]] = {}
    joined_by: dict[str, str] = {}
    for item in finder.active:
        grouped.setdefault(item.facet_label, []).append(item.label)
        joined_by[item.facet_label] = " and " if item.all_of else " or "
    parts += [f"{name}: {joined_by[name].join(labels)}" for name, labels in grouped.items()]
    return "; ".join(parts) or "All case studies"


def new_matches(finder: Finder, since: datetime, exclude: set[int]) -> list[Partnership]:
    """The case studies published since `since` that the finder matches, newest first, leaving
    out those already sent (`exclude`)."""
    recent = list(
        Partnership.objects.published()
        .filter(published_at__gte=since)
        .exclude(pk__in=exclude)
        .values_list("pk", flat=True)
    )
    if not recent:
        return []
    matched = set(finder.index.ids_of(finder.index.mask_of_ids(recent) & finder.mask))
    return list(
        Partnership.objects.published()
        .filter(pk__in=matched)
        .order_by("-published_at", "pk")
        .only("pk", "slug", "title", "summary", "published_at")
    )
