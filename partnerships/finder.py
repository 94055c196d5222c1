"""The case-study finder: filters, disjunctive facet counts, search and sorting, put together.

Counts come from the bitmap index (partnerships.facets), the page of results from SQL
(partnerships.filters.PartnershipFilter, plus partnerships.search for words). Tests check that the
two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.http import QueryDict

from partnerships import search as search_engine
from partnerships.facets import Facet, FacetIndex, get_index
from partnerships.filters import (
    SORTS,
    YEAR_PARAMS,
    PartnershipFilter,
    Selection,
    facet_label,
    read_selection,
)
from partnerships.models import Partnership


class CountedOption(NamedTuple):
    """An option with its count (a NamedTuple: a facet can have thousands of options)."""

    value: str
    label: str
    count: int
    selected: bool

    @property
    def available(self) -> bool:
        return self.selected or self.count > 0


# Up to this many filtered case studies, relevance ranking is given their ids rather than the SQL.
ID_LIST_LIMIT = 2_000


@dataclass(frozen=True)
class CountedFacet:
    key: str
    label: str
    multiple: bool
    options: list[CountedOption]

    @property
    def selected(self) -> list[CountedOption]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class ActiveFilter:
    """One thing the visitor chose, with the link that removes it and what that would give."""

    facet_label: str
    label: str
    remove_url: str
    count_without: int


@dataclass
class Finder:
    selection: Selection
    search: search_engine.Search
    facets: list[CountedFacet]
    active: list[ActiveFilter]
    total: int  # every match
    listed: int  # how many the results pages list (relevance lists the best RANKED_LIMIT)
    sort: str
    sorts: list[tuple[str, str]]
    results: object  # the ordered matches for the Paginator: a QuerySet or IndexedResults
    index: FacetIndex  # what the counts came from; it also holds the cards' themes and leads
    mask: int = 0  # every match, as a bitmap over `index` (scope, filters, years and words)

    def ordered_ids(self) -> list[int]:
        """The ids of every match in the order the results pages list them. With relevance, the
        ranked best come first and the rest follow newest first, so nothing matched is left out
        (downloads, feeds and alerts use this; counts use `mask` with `index`)."""
        if not self.total:
            return []
        if self.sort != "relevance":
            return self.index.page_ids(self.mask, self.sort, 0, self.total)
        ranked = [p.pk for p in self.results[: self.listed]]
        seen = set(ranked)
        rest = self.index.page_ids(self.mask, "newest", 0, self.total)
        return ranked + [pk for pk in rest if pk not in seen]

    @property
    def notices(self) -> list[str]:
        return self.selection.notices + self.search.notices


def find(params: QueryDict, scope: tuple[str, str] | None = None) -> Finder:
    """The finder for these GET parameters. `scope` fixes one facet's option, e.g.
    ("theme", "mental-health") on a theme's page: it always applies and is not offered."""
    index = get_index()
    facets = {key: facet for key, facet in index.facets.items() if not scope or key != scope[0]}
    selection = read_selection(params, facets)
    search = search_engine.prepare(selection.q)
    searching = not search.is_empty

    scope_mask = index.option_mask(*scope) if scope else index.everything
    search_mask = scope_mask
    if search.matches_nothing:
        search_mask = 0
    elif searching:
        search_mask &= index.mask_of_ids(search_engine.matching_ids(search))

    facet_masks = {key: index.facet_mask(key, values) for key, values in selection.values.items()}
    years = index.years_mask(selection.start_from, selection.start_to)

    def combined(
        without: str | None = None, search_part: int = search_mask, years_part: int = years
    ) -> int:
        result = search_part & years_part
        for key, mask in facet_masks.items():
            if key != without:
                result &= mask
        return result

    total = combined().bit_count()
    facets = [
        _counted(facet, index, selection.values[facet.key], combined(without=facet.key))
        for facet in facets.values()
    ]
    active = _active_filters(index, selection, facet_masks, combined, scope_mask)

    sort = selection.sort or ("relevance" if searching else "newest")
    if sort == "relevance" and not searching:
        selection.notices.append("Relevance needs words to search for, so the newest are first.")
        sort = "newest"
    sorts = [(key, label) for key, label in SORTS.items() if key != "relevance" or searching]

    listed = total
    if search.matches_nothing or total == 0:
        results = []
    elif sort == "relevance":
        # Ranking happens in the database, among the case studies the filters leave: named by id
        # when they are few (from the index), else by the same filters in SQL.
        queryset = Partnership.objects.published()
        filtered = combined(search_part=scope_mask)
        if filtered == index.everything:
            pass
        elif filtered.bit_count() <= ID_LIST_LIMIT:
            queryset = queryset.filter(pk__in=index.ids_of(filtered))
        else:
            if scope:
                queryset = PartnershipFilter(Selection({scope[0]: [scope[1]]}), queryset).qs
            queryset = PartnershipFilter(selection, queryset=queryset).qs
        results = search_engine.ranked(queryset, search).for_listing()
        listed = min(total, search_engine.RANKED_LIMIT)
        notice = search_engine.ranking_notice(total)
        if notice:
            selection.notices.append(notice)
    else:
        results = IndexedResults(index, combined(), sort, total)
    return Finder(
        selection, search, facets, active, total, listed, sort, sorts, results, index, combined()
    )


class IndexedResults:
    """The matches in a precomputed order (facets.FacetIndex.orders), fetched a page at a time:
    the Paginator's object_list. The index knows which case studies match and in what order, so
    the database only fetches the 20 rows of the page, however deep the page or selective the
    filters."""

    def __init__(self, index: FacetIndex, mask: int, sort: str, total: int):
        self.index, self.mask, self.sort, self.total = index, mask, sort, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item: slice) -> list[Partnership]:
        ids = self.index.page_ids(self.mask, self.sort, item.start or 0, item.stop or self.total)
        rows = {p.pk: p for p in Partnership.objects.published().filter(pk__in=ids).for_listing()}
        return [rows[pk] for pk in ids if pk in rows]


def _counted(facet: Facet, index: FacetIndex, chosen: list[str], base: int) -> CountedFacet:
    options = [
        CountedOption(
            option.value,
            option.label,
            (index.option_mask(facet.key, option.value) & base).bit_count(),
            option.value in chosen,
        )
        for option in facet.options
    ]
    return CountedFacet(facet.key, facet.label, facet.multiple, options)


def _active_filters(index, selection, facet_masks, combined, scope_mask):
    active = []
    for key, values in selection.values.items():
        facet = index.facets[key]
        for value in values:
            remaining = [v for v in values if v != value]
            without = combined(without=key) & index.facet_mask(key, remaining)
            active.append(
                ActiveFilter(
                    facet.label,
                    facet_label(facet, value),
                    selection.url_without(key, value),
                    without.bit_count(),
                )
            )
    for key, label in YEAR_PARAMS.items():
        year = getattr(selection, key)
        if year is None:
            continue
        bounds = {"start_from": selection.start_from, "start_to": selection.start_to, key: None}
        without = combined(years_part=index.years_mask(bounds["start_from"], bounds["start_to"]))
        active.append(
            ActiveFilter(
                label, str(year), selection.url_without(key, str(year)), without.bit_count()
            )
        )
    if selection.q.strip():
        without = combined(search_part=scope_mask)
        active.append(
            ActiveFilter(
                "Search",
                selection.q,
                selection.url_without("q", selection.q),
                without.bit_count(),
            )
        )
    return active
