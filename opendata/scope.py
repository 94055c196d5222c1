"""Which finder a download or feed is of: the case-study finder itself, or the finder on a theme's,
an organisation's or a police force area's page (a finder `scope`, see partnerships.finder.find).

Downloads and feeds carry the scope as `within=<key>:<slug>` beside the finder's own parameters,
so that they call `find(params, scope)` exactly as the page did and hold exactly its results.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, QueryDict

from partnerships.finder import Finder, find
from partnerships.models import Organisation, Region
from themes.models import Theme

SCOPE_PARAM = "within"
# The scopes a page may have, and what must exist for one to be public.
SCOPES = {
    "theme": lambda slug: Theme.objects.filter(slug=slug),
    "partner": lambda slug: Organisation.objects.filter(slug=slug, is_confirmed=True),
    "force": lambda slug: Organisation.objects.police_forces().filter(slug=slug, is_confirmed=True),
    "region": lambda slug: Region.objects.filter(slug=slug),
}
# Parameters of a finder page that say nothing about which case studies it shows.
PAGE_ONLY = {"page", SCOPE_PARAM}


def read_scope(params: QueryDict) -> tuple[str, str] | None:
    """The scope named by `within`, or None; a 404 for a scope that is not a public page."""
    given = params.get(SCOPE_PARAM, "")
    if not given:
        return None
    key, _, slug = given.partition(":")
    # No slug holds a NUL character (and PostgreSQL refuses to compare text with one).
    if key not in SCOPES or not slug or "\x00" in slug or not SCOPES[key](slug).exists():
        raise Http404("No such finder page.")
    return key, slug


def finder_params(params: QueryDict) -> QueryDict:
    """The finder's own parameters (without the page number or the scope)."""
    kept = params.copy()
    for key in PAGE_ONLY:
        kept.pop(key, None)
    return kept


def scoped_find(request: HttpRequest, scope: tuple[str, str] | None = None) -> Finder:
    """The finder this request's parameters describe, as its page shows it."""
    if scope is None:
        scope = read_scope(request.GET)
    return find(finder_params(request.GET), scope=scope)


def query_string(finder: Finder, scope: tuple[str, str] | None) -> str:
    """The parameters (with the scope) that give back this finder's results: for links to the
    downloads and feed of a finder page."""
    pairs = list(finder.selection.params())
    if scope:
        pairs.append((SCOPE_PARAM, f"{scope[0]}:{scope[1]}"))
    return urlencode(pairs)
