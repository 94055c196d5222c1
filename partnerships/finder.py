"""The case-study finder, as one pipeline of ids:

    GET parameters -> FinderForm (filters.py) -> a Selection
    -> the facets' bitmaps (facet_index.py) AND the ids the search matches (search.py)
    -> counts for every option, the links that remove each choice
    -> the order (the index's precomputed orders, or search.rank for relevance)
    -> one page of ids -> one query -> Cards (cards.py)

`find(params, scope)` returns a `Finder`; pages, downloads, feeds and alerts read its `mask`,
`total` and `ordered_ids()`, and the list, theme and organisation pages render it with
`{% finder_body %}` (templatetags/finder_page.py) and `page_cards`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from django.http import QueryDict

from partnerships import cards as card_builder
from partnerships import search as search_engine
from partnerships.facet_index import FacetIndex, index_and_stamp
from partnerships.facets import Facet
from partnerships.filters import SORTS, YEAR_PARAMS, Selection, facet_label, read_selection
from partnerships.memory import Memo
from partnerships.search_memo import remembered


class CountedOption(NamedTuple):
    """An option with its count (a NamedTuple: a facet can have thousands of options)."""

    value: str
    label: str
    count: int
    selected: bool

    @property
    def available(self) -> bool:
        return self.selected or self.count > 0


# A facet shown as a text field ("search": partner organisations) lists at most this many of the
# options whose names hold what was typed, so the page does not grow with the options.
SEARCH_SHOWN = 20
TYPED_MAX = 100


@dataclass(frozen=True)
class CountedFacet:
    key: str
    label: str
    multiple: bool
    options: tuple[CountedOption, ...]  # a tuple: a CountedFacet is hashable (memo.py)
    widget: str = "choices"
    typed: str = ""  # "search" widget: what was typed into the field (GET parameter key_name)
    # "search" widget: `options` holds only the selected ones and those whose names hold what
    # was typed (a facet can have thousands); `narrows` says whether any other could narrow.
    narrows: bool = False

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        """Worked out once: a facet's markup is remembered under its CountedFacet
        (templatetags/finder.py), and a dict hashes a key several times per look-up."""
        fields = (self.key, self.label, self.multiple, self.options, self.widget, self.typed)
        return hash((*fields, self.narrows))

    @property
    def selected(self) -> list[CountedOption]:
        return [option for option in self.options if option.selected]

    @property
    def typed_param(self) -> str:
        return f"{self.key}_name"

    @cached_property
    def shown(self) -> list[CountedOption]:
        """The options the panel lists: all of them, or for a "search" facet the selected ones
        and up to SEARCH_SHOWN available ones whose names hold what was typed."""
        if self.widget != "search":
            return self.options
        typed = self.typed.casefold()
        matching = [
            option
            for option in self.options
            if typed and not option.selected and option.count and typed in option.label.casefold()
        ]
        return self.selected + matching[:SEARCH_SHOWN]

    @property
    def more_than_shown(self) -> bool:
        return self.widget == "search" and len(self.shown) - len(self.selected) >= SEARCH_SHOWN


@dataclass(frozen=True)
class ActiveFilter:
    """One thing the visitor chose, with the link that removes it and what that would give."""

    facet_label: str
    label: str
    remove_url: str
    count_without: int
    all_of: bool = False  # one of several choices of a facet that wants them all (not any)


class OrderedIds:
    """Every match's id in the page's order, worked out a slice at a time: the Paginator's
    object_list (a page of 20 walks the index's order only as far as that page)."""

    def __init__(self, index: FacetIndex, mask: int, sort: str, total: int, rank=None):
        self.index, self.mask, self.sort, self.total = index, mask, sort, total
        self._rank = rank  # relevance: a function giving the ranked ids, called when first needed

    @cached_property
    def ranked(self) -> list[int] | None:
        """The ranked ids (relevance), worked out only when something reads the order: pages
        that need only the counts (the current-practice page, the counts of a download link)
        never pay for ranking."""
        return None if self._rank is None else self._rank()

    def count(self) -> int:
        return self.total if self.ranked is None else len(self.ranked)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[int]:
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        if self.ranked is not None:
            return self.ranked[start:stop]
        return self.index.page_ids(self.mask, self.sort, start, stop)


@dataclass
class Finder:
    selection: Selection
    search: search_engine.Search
    facets: list[CountedFacet]
    active: list[ActiveFilter]
    total: int  # every match
    sort: str
    sorts: list[tuple[str, str]]
    results: OrderedIds  # the listed matches' ids in order, for the Paginator
    index: FacetIndex  # what the counts came from; it also holds the cards' themes and leads
    mask: int = 0  # every match, as a bitmap over `index` (scope, filters, years and words)
    # The change stamp when the finder was made (newer than index.stamp while the index is being
    # rebuilt in the background): the key for what is remembered from the database itself.
    stamp: int = 0

    @property
    def listed(self) -> int:
        """How many the results pages list (relevance lists the best RANKED_LIMIT)."""
        return self.results.count()

    def ordered_ids(self) -> list[int]:
        """The ids of every match in the order the results pages list them. With relevance, the
        ranked best come first and the rest follow newest first, so nothing matched is left out
        (downloads, feeds and alerts use this; counts use `mask` with `index`)."""
        if not self.total:
            return []
        if self.sort != "relevance":
            return self.index.page_ids(self.mask, self.sort, 0, self.total)
        ranked = list(self.results[: self.listed])
        seen = set(ranked)
        rest = self.index.page_ids(self.mask, "newest", 0, self.total)
        return ranked + [pk for pk in rest if pk not in seen]

    def ordered_slice(self, start: int, stop: int) -> list[int]:
        """ordered_ids()[start:stop], working out no more of the order than that: a page of the
        API or a feed's entries cost the same at 100,000 matches as at 100."""
        if not self.total or stop <= start:
            return []
        if self.sort != "relevance":
            return self.index.page_ids(self.mask, self.sort, start, stop)
        ranked = list(self.results[: self.listed])
        head = ranked[start:stop]
        if stop <= len(ranked):
            return head
        rest = self.mask & ~self.index.mask_of_ids(ranked)
        skip = max(0, start - len(ranked))
        return head + self.index.page_ids(rest, "newest", skip, stop - len(ranked))

    def page_cards(self, ids, roles=None) -> list[card_builder.Card]:
        """Cards for a page of ids (with the search's highlighting): one query, or none for
        cards remembered for this finder's stamp, plus one for the snippets when searching."""
        search = None if self.search.is_empty else self.search
        return card_builder.cards(ids, self.index, search, roles, stamp=self.stamp)

    @property
    def notices(self) -> list[str]:
        return self.selection.notices + self.search.notices


def find(params: QueryDict, scope: tuple[str, str] | None = None) -> Finder:
    """The finder for these GET parameters. `scope` fixes one facet's option, e.g.
    ("theme", "mental-health") on a theme's page: it always applies and is not offered."""
    index, stamp = index_and_stamp()
    facets = {key: facet for key, facet in index.facets.items() if not scope or key != scope[0]}
    selection = read_selection(params, facets)
    search = search_engine.prepare(selection.q)
    searching = not search.is_empty

    scope_mask = index.option_mask(*scope) if scope else index.everything
    search_mask = scope_mask
    if search.matches_nothing:
        search_mask = 0
    elif searching:
        search_mask &= remembered(
            index.stamp,
            ("matches", search.query),
            lambda: index.mask_of_id_bits(search_engine.matching_bits(search)),
        )

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

    mask = combined()
    total = mask.bit_count()
    # An option's count is what choosing it too would give: with the facet's other choices for
    # an all-of facet (they still apply), without them for the others (it would be OR'ed).
    counted = _counted_facets(
        index,
        [
            (
                facet,
                selection.values[facet.key],
                mask if facet.all_of else combined(without=facet.key),
                _typed(params, facet),
            )
            for facet in facets.values()
        ],
    )
    active = _active_filters(index, selection, combined, scope_mask)

    sort = selection.sort or ("relevance" if searching else "newest")
    if sort == "relevance" and not searching:
        selection.notices.append("Relevance needs words to search for, so the newest are first.")
        sort = "newest"
    sorts = [(key, label) for key, label in SORTS.items() if key != "relevance" or searching]

    rank = None
    if sort == "relevance":

        def rank() -> list[int]:
            if not total:
                return []
            return remembered(
                index.stamp,
                ("ranked", search.query, mask),
                # rank() looks only at the CANDIDATE_POOL most recently added
                lambda: search_engine.rank(
                    search, index.newest_ids_of(mask, search_engine.CANDIDATE_POOL)
                ),
            )

        notice = search_engine.ranking_notice(total)
        if notice:
            selection.notices.append(notice)
    results = OrderedIds(index, mask, sort, total, rank)
    return Finder(
        selection, search, counted, active, total, sort, sorts, results, index, mask, stamp
    )


def _typed(params: QueryDict, facet: Facet) -> str:
    if facet.widget != "search":
        return ""
    given = [v.strip() for v in params.getlist(f"{facet.key}_name") if v.strip()]
    return given[0][:TYPED_MAX] if given else ""


# Counted facets, remembered per index: a facet's counts depend only on the index, the facet's
# choices, the bitmap they are counted within and what was typed. People page through and sort
# the same results, and most facets keep their counts while one is changed.
_counted_memo = Memo(1024)


def _counted_facets(index: FacetIndex, asked: list[tuple[Facet, list[str], int, str]]):
    keys = [
        (index.stamp, id(index), facet.key, tuple(chosen), base, typed)
        for facet, chosen, base, typed in asked
    ]
    by_key = dict(zip(keys, asked, strict=True))
    found = _counted_memo.get_many(
        keys,
        lambda missing: {key: _counted(by_key[key][0], index, *by_key[key][1:]) for key in missing},
    )
    return [found[key] for key in keys]


def _counted(
    facet: Facet, index: FacetIndex, chosen: list[str], base: int, typed: str = ""
) -> CountedFacet:
    masks = index.masks[facet.key]
    listed = facet.options
    if facet.widget == "search":  # counted only where the panel can list them (see `shown`)
        wanted = typed.casefold()
        listed = [
            option
            for option in facet.options
            if option.value in chosen or (wanted and wanted in _folded(option.label))
        ]
    options = tuple(
        CountedOption(
            option.value,
            option.label,
            (masks.get(option.value, 0) & base).bit_count(),
            option.value in chosen,
        )
        for option in listed
    )
    narrows = facet.widget == "search" and _any_narrows(facet, masks, base)
    return CountedFacet(
        facet.key, facet.label, facet.multiple, options, facet.widget, typed, narrows
    )


@lru_cache(maxsize=16384)
def _folded(label: str) -> str:
    return label.casefold()


def _any_narrows(facet: Facet, masks: dict[str, int], base: int) -> bool:
    """Whether some option of a facet shown as a text field would give fewer case studies than
    `base` but not none (the panel is worth showing); stops at the first such option."""
    total = base.bit_count()
    return any(0 < (masks.get(o.value, 0) & base).bit_count() < total for o in facet.options)


def _active_filters(index, selection, combined, scope_mask):
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
                    facet.all_of,
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
