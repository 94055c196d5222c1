"""What the research says about a case study, from every evidence resource read once per change.

The resources are few (editors keep them, in the admin) and every case study's page asks about
them, so `research_for()` reads all of them and their links once for a given `key` (the case
study page passes what its own page data is remembered by: the change stamp and the page cache's
period) and answers each page from memory. The answer is what
EvidenceResource.objects.for_partnership() gives, as plain Research items.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date

from evidence.models import EvidenceResource

FIELDS = ("name", "publisher", "url", "covers", "rating", "rating_explained", "date_read")
FIELDS += ("page_date",)


@dataclass(frozen=True, slots=True)
class Research:
    """An evidence resource as a case study's page lists it (case_study_html.research_items)."""

    name: str
    publisher: str
    url: str
    covers: str
    rating: str
    rating_explained: str
    date_read: date
    page_date: str
    is_direct: bool  # linked to the case study itself, not only to one of its themes


@dataclass(frozen=True)
class _Links:
    resources: list[tuple]  # (pk, *FIELDS) in Meta.ordering (publisher, name)
    of_partnership: dict[int, set[int]]  # case study id -> resource ids linked to it
    of_theme: dict[str, set[int]]  # theme slug -> resource ids linked to it


_lock = threading.Lock()
_links: tuple[Hashable, _Links] | None = None


def _read() -> _Links:
    of_partnership: dict[int, set[int]] = defaultdict(set)
    of_theme: dict[str, set[int]] = defaultdict(set)
    through = EvidenceResource.partnerships.through.objects
    for resource_id, partnership_id in through.values_list("evidenceresource_id", "partnership_id"):
        of_partnership[partnership_id].add(resource_id)
    through = EvidenceResource.themes.through.objects
    for resource_id, slug in through.values_list("evidenceresource_id", "theme__slug"):
        of_theme[slug].add(resource_id)
    resources = list(EvidenceResource.objects.values_list("pk", *FIELDS))
    return _Links(resources, dict(of_partnership), dict(of_theme))


def _links_for(key: Hashable) -> _Links:
    global _links
    with _lock:
        if _links is None or _links[0] != key:
            _links = (key, _read())
        return _links[1]


def research_for(
    partnership_id: int, theme_slugs: Iterable[str], *, key: Hashable, limit: int = 8
) -> list[Research]:
    """The resources linked to the case study (first) or to any of its themes, each group by
    publisher and name, at most `limit`: as for_partnership(). Read again when `key` changes."""
    links = _links_for(key)
    direct = links.of_partnership.get(partnership_id, set())
    wanted = set(direct)
    for slug in theme_slugs:
        wanted |= links.of_theme.get(slug, set())
    if not wanted:
        return []
    found = [
        Research(*fields, is_direct=pk in direct) for pk, *fields in links.resources if pk in wanted
    ]
    found.sort(key=lambda r: not r.is_direct)  # stable: by publisher and name within each
    return found[:limit]


def forget() -> None:
    """Read the resources again next time, whatever the key (tests)."""
    global _links
    with _lock:
        _links = None
