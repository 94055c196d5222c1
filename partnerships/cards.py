"""Case-study cards: everything a result in a list shows, built for a page of ids in one query.

A card's markup (partnerships/card_html.py) reads a `Card` and nothing else. Themes and lead
partners come from the finder's index (partnerships/facet_index.py) when it holds the case study,
otherwise from the database (two more queries for the whole page); a search adds its highlighted
summary or passage (partnerships/search.py), an organisation's page its role in each.

Given the change stamp (the finder's `stamp`), a card is remembered for it: everything a card
shows is published data the stamp watches (the case study's own columns, its themes, its lead
partners' names), so a page of cards the process has built before costs no query, and a
published change, which moves the stamp, shows at once. The key also holds the index's own stamp
(it gives the themes and leads, and is older while being rebuilt in the background) and what the
card's address depends on (partnerships/addresses.py).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass, replace
from functools import cached_property, lru_cache
from types import SimpleNamespace

from django.urls import get_script_prefix, get_urlconf
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from partnerships import search as search_engine
from partnerships.addresses import address
from partnerships.facet_index import LEAD, CardTheme, FacetIndex, _leads_of
from partnerships.memory import Memo
from partnerships.models import Partnership, PartnershipMember
from partnerships.models.querysets import CARD_FIELDS
from partnerships.search_memo import remembered
from themes.models import Theme

MEMO_SIZE = 4096  # cards kept per process (a few hundred bytes each)

_memo = Memo(MEMO_SIZE)
# A remembered card with a search's highlighting or a role: the same card, passage and role
# give the same dressed card, kept so that its markup is found under the same key.
_dressed_memo = Memo(MEMO_SIZE)


@dataclass(frozen=True)
class Card:
    pk: int
    title: str
    url: str
    summary: str | SafeString  # the summary, highlighted (SafeString) when a search matched it
    snippet: SafeString | None  # a highlighted passage of the long texts, when that matched
    years: str
    work_state: str  # its label
    evaluation: str
    evidence_rating: str
    themes: tuple[CardTheme, ...]
    leads: tuple[str, ...]
    role_here: str = ""  # on an organisation's page: its role in this case study

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        """Worked out once: a card is a memo's key (here and in templatetags/cards.py) on every
        page that shows it, and hashing it hashes everything it shows."""
        return hash(astuple(self))


def cards(
    ids: Iterable[int],
    index: FacetIndex | None = None,
    search: search_engine.Search | None = None,
    roles: Mapping[int, str] | None = None,
    stamp: int | None = None,
) -> list[Card]:
    """Cards for these published case studies, in the order given (ids no longer published are
    left out), in one query, or none for cards remembered for the change stamp `stamp` (read
    before the cards are: the finder's `stamp`). `roles`: id -> role label, for an
    organisation's page."""
    ids = list(ids)
    if not ids:
        return []
    if stamp is None:
        plain = _plain_cards(_rows(ids), index)
    else:
        where = (stamp, index.stamp if index else None, get_urlconf(), get_script_prefix())
        keys = [(*where, pk) for pk in ids]

        def build(missing: list[tuple]) -> dict[tuple, Card | None]:
            built = {card.pk: card for card in _plain_cards(_rows([k[-1] for k in missing]), index)}
            return {key: built.get(key[-1]) for key in missing}  # None: not published

        found = _memo.get_many(keys, build)
        plain = [card for key in keys if (card := found[key]) is not None]
    return _dressed(plain, index, search, roles or {})


def _rows(ids: list[int]) -> list[dict]:
    """The card fields of these published case studies, in the order given."""
    published = Partnership.objects.published().filter(pk__in=ids).values("pk", *CARD_FIELDS)
    rows = {row["pk"]: row for row in published}
    return [rows[pk] for pk in ids if pk in rows]


def _plain_cards(rows: list[dict], index) -> list[Card]:
    """The cards of these rows, as every page shows them (no highlighting, no role)."""
    position = index.position if index else {}
    missing = [row["pk"] for row in rows if row["pk"] not in position]
    themes_of, leads_of = _card_details(missing) if missing else ({}, {})
    labels = _labels()
    result = []
    for row in rows:
        pk = row["pk"]
        if pk in position:
            themes, leads = index.themes_at[position[pk]], index.leads_at[position[pk]]
        else:
            themes, leads = themes_of.get(pk, ()), leads_of.get(pk, ())
        result.append(
            Card(
                pk=pk,
                title=row["title"],
                url=address("partnerships:detail", row["slug"]),
                summary=row["summary"],
                snippet=None,
                years=_years(row["start_year"], row["end_year"]),
                work_state=labels["work_state"].get(row["work_state"], ""),
                evaluation=labels["evaluation_type"].get(row["evaluation_type"], ""),
                evidence_rating=labels["evidence_rating"].get(row["evidence_rating"], ""),
                themes=themes,
                leads=leads,
            )
        )
    return result


def _dressed(plain: list[Card], index, search, roles: Mapping[int, str]) -> list[Card]:
    """The cards with a search's highlighting and their role on an organisation's page."""
    marked = {}
    if search is not None and not search.is_empty and plain:
        page = tuple(card.pk for card in plain)
        marked = (
            remembered(
                index.stamp,
                ("snippets", search.query, page),
                lambda: search_engine.snippets(search, page),
            )
            if index is not None
            else search_engine.snippets(search, page)
        )
    if not marked and not roles:
        return plain
    keys = [(card, marked.get(card.pk), roles.get(card.pk, "")) for card in plain]
    found = _dressed_memo.get_many(keys, lambda missing: {key: _dress(*key) for key in missing})
    return [found[key] for key in keys]


def _dress(card: Card, snippet: SafeString | None, role: str) -> Card:
    summary = card.summary
    if snippet and _is_the_summary(snippet, summary):
        summary, snippet = snippet, None  # the summary itself, highlighted
    if snippet or summary is not card.summary or role:
        return replace(card, summary=summary, snippet=snippet, role_here=role)
    return card


@lru_cache(maxsize=4096)
def _is_the_summary(snippet: str, summary: str) -> bool:
    """Whether a highlighted passage is the whole summary (its text, without the marks)."""
    return html.unescape(strip_tags(snippet)).strip() == summary.strip()


def _years(start: int | None, end: int | None) -> str:
    return Partnership.years.fget(SimpleNamespace(start_year=start, end_year=end))


def _labels() -> dict[str, dict]:
    return {
        "work_state": dict(Partnership.WorkState.choices),
        "evaluation_type": dict(Partnership.EvaluationType.choices),
        "evidence_rating": dict(Partnership.EvidenceRating.choices),
    }


def _card_details(ids: list[int]) -> tuple[dict, dict]:
    """Themes and lead partners of these case studies, from the database."""
    links = Partnership.themes.through.objects.filter(partnership_id__in=ids)
    in_theme_order = [  # Theme's own ordering, through the link
        f"-theme__{field[1:]}" if field.startswith("-") else f"theme__{field}"
        for field in Theme._meta.ordering
    ]
    themes_of: dict[int, list[CardTheme]] = defaultdict(list)
    for partnership_id, name, is_priority, slug in links.order_by(*in_theme_order).values_list(
        "partnership_id", "theme__name", "theme__is_priority", "theme__slug"
    ):
        themes_of[partnership_id].append(CardTheme(name, is_priority, slug))
    leads = PartnershipMember.objects.filter(partnership_id__in=ids, role=LEAD).order_by("pk")
    return (
        {p: tuple(themes) for p, themes in themes_of.items()},
        _leads_of(leads.values_list("partnership_id", "organisation__name")),
    )


def forget() -> None:
    """Empty the memo of cards (tests, the benchmark's first-time figures)."""
    _memo.clear()
    _dressed_memo.clear()
