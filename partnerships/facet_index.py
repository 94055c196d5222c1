"""The finder's in-memory bitmap index of published case studies, built from the facet registry.

Counting "how many results would this option give, together with the other active filters" for a
dozen facets with SQL would take a GROUP BY per facet over every matching row: too slow at 100,000
case studies. Instead each worker process keeps, for every option of every facet
(partnerships/facets.py), the set of published case studies that have it, as a Python int used as
a bitmap (bit i = the i-th published case study by id). A count is then `(option & base)
.bit_count()`, a few microseconds. The index also holds each sort order of the finder, and what a
card shows besides its row (themes and lead partners), so that a page of results needs one query.

Freshness: database triggers move a stamp on every change the index would see
(partnerships/change_stamp.py); each use compares the stamp, a one-row read. When it has moved,
the index is rebuilt in the background, by a child process (partnerships/index_child.py), while
every request goes on being served from the previous one (FINDER_BACKGROUND_REBUILD; off in tests,
where a page must show what the test has just published). Only the very first build in a process
is waited for.
"""

from __future__ import annotations

import heapq
import logging
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, islice
from operator import itemgetter
from typing import NamedTuple

from django.conf import settings
from django.db import connections, router

from partnerships import change_stamp, id_bits, index_child, index_thread
from partnerships.addresses import address
from partnerships.facets import FACETS, LEAD, YEAR_MAX, YEAR_MIN, Facet, Option, Published
from partnerships.models import Partnership


class CardTheme(NamedTuple):
    name: str
    is_priority: bool
    slug: str = ""  # cards link each theme tag to the theme's page

    def get_absolute_url(self) -> str:
        return address("themes:detail", self.slug)


@dataclass
class FacetIndex:
    stamp: int
    ids: list[int]  # position -> partnership id
    position: dict[int, int]  # partnership id -> position
    masks: dict[str, dict[str, int]]  # facet key -> option value -> bitmap
    years: dict[int, int]  # start year -> bitmap
    orders: dict[str, array]  # sort key -> positions in that order (an array: freed at once)
    facets: dict[str, Facet] = field(default_factory=dict)
    # position -> themes in theme order, and lead partners' names (equal tuples are one object)
    themes_at: list[tuple[CardTheme, ...]] = field(default_factory=list)
    leads_at: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def everything(self) -> int:
        return (1 << len(self.ids)) - 1

    def mask_of_ids(self, ids: Iterable[int]) -> int:
        return bits_from_positions(
            [p for p in (self.position.get(i) for i in ids) if p is not None], len(self.ids)
        )

    def mask_of_id_bits(self, bits: int) -> int:
        """mask_of_ids for ids given as a bitmap over the ids (partnerships/id_bits.py), as the
        search hands its matches over: each position takes its id's digit, in one C-level pass."""
        if not bits or not self.ids:
            return 0
        chosen = bytes(self._digit_of_each(id_bits.digits(bits, self.ids[-1] + 1)))
        return int(chosen[::-1], 2)

    @cached_property
    def _digit_of_each(self):
        """digits -> the digit of each position's id, in position order."""
        if len(self.ids) == 1:
            only = self.ids[0]
            return lambda digits: (digits[only],)
        return itemgetter(*self.ids)

    def option_mask(self, key: str, value: str) -> int:
        return self.masks[key].get(value, 0)

    def facet_mask(self, key: str, values: list[str]) -> int:
        """Case studies matching a facet's selected options (OR; AND for an `all_of` facet), or
        everything when none are."""
        if not values:
            return self.everything
        facet = self.facets.get(key)
        if facet is not None and facet.all_of:
            result = self.everything
            for value in values:
                result &= self.option_mask(key, value)
            return result
        result = 0
        for value in values:
            result |= self.option_mask(key, value)
        return result

    def ids_of(self, mask: int) -> list[int]:
        """The ids of the case studies a bitmap holds, in id order."""
        return list(compress(self.ids, self._selectors(mask)[::-1]))

    def newest_ids_of(self, mask: int, limit: int) -> list[int]:
        """The `limit` highest ids (the most recently added) a bitmap holds, highest first."""
        return list(islice(compress(reversed(self.ids), self._selectors(mask)), limit))

    def _selectors(self, mask: int) -> bytes:
        """One byte per position, 1 where `mask` holds it, last position first."""
        size = len(self.ids)
        return format(mask, f"0{size}b").encode()[-size:].translate(id_bits.DIGIT_VALUES)

    def page_ids(self, mask: int, sort: str, start: int, stop: int) -> list[int]:
        """Ids of the matches numbered start..stop-1 (from 0) in `sort` order, where `mask` says
        which case studies match. Walks the precomputed order only as far as the page needs."""
        order = self.orders[sort]
        if mask == self.everything:
            return [self.ids[p] for p in order[start:stop]]
        bits = mask.to_bytes((len(self.ids) + 7) // 8, "little")
        found, seen = [], 0
        for p in order:
            if bits[p >> 3] >> (p & 7) & 1:
                if seen >= start:
                    found.append(self.ids[p])
                    if len(found) == stop - start:
                        break
                seen += 1
        return found

    def years_mask(self, start_from: int | None, start_to: int | None) -> int:
        if start_from is None and start_to is None:
            return self.everything
        low, high = start_from or YEAR_MIN, start_to or YEAR_MAX
        result = 0
        for year, mask in self.years.items():
            if low <= year <= high:
                result |= mask
        return result


def bits_from_positions(positions: list[int], size: int) -> int:
    """A bitmap with the given bit positions set (fast for hundreds of thousands of positions)."""
    buffer = bytearray((size + 7) // 8)
    for p in positions:
        buffer[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buffer, "little")


def current_stamp() -> int:
    """The change stamp now: it moves on every change the index would see."""
    return change_stamp.current(router.db_for_read(Partnership))


def _positions_by(pairs: Iterable[tuple[int, object]], position: dict[int, int]) -> dict:
    grouped: dict[object, list[int]] = defaultdict(list)
    for partnership_id, value in pairs:
        p = position.get(partnership_id)
        if p is not None:
            grouped[value].append(p)
    return grouped


def build_index(stamp: int | None = None) -> FacetIndex:
    """The index of what is published now. `stamp` is the change stamp read before building: a
    change made while the index is being built then moves the stamp past it."""
    if stamp is None:
        stamp = current_stamp()
    data = Published()
    rows = data.rows
    ids = [row[0] for row in rows]
    position = {pk: i for i, pk in enumerate(ids)}
    size = len(ids)

    def bitmaps(pairs) -> dict[str, int]:
        grouped = _positions_by(pairs, position)
        return {str(value): bits_from_positions(ps, size) for value, ps in grouped.items()}

    masks: dict[str, dict[str, int]] = {}
    facets: dict[str, Facet] = {}
    built: dict[object, dict[str, int]] = {}  # values function -> its bitmaps, shared
    for definition in FACETS:
        options = tuple(Option(str(v), str(label)) for v, label in definition.options(data))
        found = built.get(definition.values)
        if found is None:
            found = built[definition.values] = bitmaps(definition.values(data))
        if definition.at_least:  # option n: every value n or above
            running, at_least = 0, {}
            for option in sorted(options, key=lambda o: int(o.value), reverse=True):
                running |= found.get(option.value, 0)
                at_least[option.value] = running
            found = at_least
        masks[definition.key] = found
        facets[definition.key] = Facet(
            definition.key,
            definition.label,
            definition.multiple,
            options,
            definition.widget,
            definition.all_of,
        )
    years = {
        int(year): mask
        for year, mask in bitmaps(data.column("start_year")).items()
        if year not in ("None", "")
    }
    theme_links = data.theme_links
    leads = ((p, data.organisations[o][2]) for p, o, role in data.members if role == LEAD)
    return FacetIndex(
        orders=_orders(rows),
        stamp=stamp,
        ids=ids,
        position=position,
        masks=masks,
        years=years,
        facets=facets,
        themes_at=_by_position(_themes_of(data.themes, theme_links), ids),
        leads_at=_by_position(_leads_of(leads), ids),
    )


def _by_position(by_id: dict[int, tuple], ids: list[int]) -> list[tuple]:
    """by_id's tuples in position order, () where there is none, each distinct tuple kept once:
    most case studies share their combination of themes with many others."""
    shared: dict[tuple, tuple] = {}
    return [shared.setdefault(value, value) for value in (by_id.get(pk, ()) for pk in ids)]


def _themes_of(
    theme_rows: list[tuple], links: Iterable[tuple[int, int]]
) -> dict[int, tuple[CardTheme, ...]]:
    """Each case study's themes, in the themes' own order. `theme_rows` are (pk, slug, name,
    is_priority) in that order; `links` are (partnership id, theme id)."""
    case_studies_of: dict[int, list[int]] = defaultdict(list)
    for partnership_id, theme_id in links:
        case_studies_of[theme_id].append(partnership_id)
    grouped: dict[int, list[CardTheme]] = defaultdict(list)
    for pk, slug, name, is_priority in theme_rows:  # theme by theme, so no sorting
        card = CardTheme(name, is_priority, slug)
        for partnership_id in case_studies_of.get(pk, ()):
            grouped[partnership_id].append(card)
    return {p: tuple(themes) for p, themes in grouped.items()}


def _leads_of(pairs: Iterable[tuple[int, str]]) -> dict[int, tuple[str, ...]]:
    """Each case study's lead partners' names, from (partnership id, name) in membership order."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for partnership_id, name in pairs:
        grouped[partnership_id].append(name)
    return {p: tuple(names) for p, names in grouped.items()}


def _orders(rows: list[tuple]) -> dict[str, array]:
    """Positions in each sort order of the finder (rows are in position order: by id).

    newest: published first-to-last reversed, then title; started: start year, latest first and
    unknown last, then title; title: A to Z ignoring case. Ties end on the id, so paging is stable.
    """
    positions = range(len(rows))
    at = Published.ROW_FIELDS.index

    def title(p: int) -> str:
        return rows[p][at("title")].casefold()

    by_title = _sorted(positions, key=lambda p: (title(p), p))
    rank = {p: i for i, p in enumerate(by_title)}
    published_at, start_year = at("published_at"), at("start_year")
    orders = {
        "title": by_title,
        "newest": _sorted(positions, key=lambda p: (-rows[p][published_at].timestamp(), rank[p])),
        "started": _sorted(
            positions,
            key=lambda p: (rows[p][start_year] is None, -(rows[p][start_year] or 0), rank[p]),
        ),
    }
    return {key: array(index_child.POSITION, order) for key, order in orders.items()}


SORT_CHUNK = 1024  # keys a sort takes at once: a sort holds the GIL throughout


def _sorted(positions: Iterable[int], key) -> list[int]:
    """sorted(positions, key=key), in pieces: a background rebuild must not hold the GIL for long
    (one C-level sort of 100,000 keys held it for a few hundred milliseconds, stalling every
    request of the process). Chunks are sorted, then merged by heapq.merge, which runs between
    Python steps. Keys are unique (each ends on the position or its rank), so the order is the
    same as one stable sort's."""
    keyed = [(key(p), p) for p in positions]
    chunks = [sorted(keyed[i : i + SORT_CHUNK]) for i in range(0, len(keyed), SORT_CHUNK)]
    return [p for _, p in heapq.merge(*chunks)]


logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: FacetIndex | None = None
_rebuilding: threading.Thread | None = None


def get_index() -> FacetIndex:
    """The index for what is published now, rebuilt only when the stamp has moved: in the
    background, serving the previous index meanwhile, when FINDER_BACKGROUND_REBUILD is on."""
    return index_and_stamp()[0]


def index_and_stamp() -> tuple[FacetIndex, int]:
    """get_index(), and the change stamp it read. The index's own stamp is older while the
    index is being rebuilt in the background: what is read from the database itself and
    remembered (open-data records) is keyed by this one, the stamp now."""
    global _cached
    stamp = current_stamp()
    cached = _cached
    if cached is not None and cached.stamp == stamp:
        return cached, stamp
    if cached is not None and getattr(settings, "FINDER_BACKGROUND_REBUILD", False):
        _rebuild_in_background(stamp)
        return cached, stamp
    with _lock:
        if _cached is None or _cached.stamp != stamp:
            background = getattr(settings, "FINDER_BACKGROUND_REBUILD", False)
            _cached = (
                index_thread.build_without_collections(stamp) if background else build_index(stamp)
            )
        return _cached, stamp


def _rebuild_in_background(stamp: int) -> None:
    global _rebuilding
    with _lock:
        if _rebuilding is not None and _rebuilding.is_alive():
            return
        _rebuilding = threading.Thread(
            target=_rebuild, args=(stamp,), name="finder-index-rebuild", daemon=True
        )
        _rebuilding.start()


def _rebuild(stamp: int) -> None:
    """Build in a child process, or in this thread where the database cannot be read from
    another process; then swap, and have the replaced index freed slowly. A failed build leaves
    the previous index serving; the next request finding the stamp moved starts another."""
    global _cached
    try:
        alias = router.db_for_read(Partnership)
        if _other_processes_can_read(alias):
            index = index_child.index_from_child(stamp, alias)
        else:
            index = index_thread.build_without_collections(stamp)
        with _lock:
            if _cached is None or _cached.stamp != index.stamp:
                replaced, _cached = _cached, index
                if replaced is not None:
                    index_child.free_when_unused(replaced)
    except Exception:
        logger.exception("The finder's index was not rebuilt: the previous one goes on serving")
    finally:
        connections.close_all()  # this thread's own connections


def _other_processes_can_read(alias: str) -> bool:
    return not getattr(connections[alias], "is_in_memory_db", lambda: False)()


def wait_for_rebuild(timeout: float | None = None) -> None:
    """Wait until a background rebuild that is under way has finished (tests, the bench)."""
    thread = _rebuilding
    if thread is not None:
        thread.join(timeout)
