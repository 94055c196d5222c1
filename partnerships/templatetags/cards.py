"""`{% case_study_card card level compare_form %}`: one partnerships.cards.Card's markup
(partnerships/card_html.py), made once per distinct card and kept; `{% case_study_cards cards
level compare_form %}` the same for a list of them, one after the other.

A results page shows 20 cards; the same cards appear on page after page until something is
published or changed. A card's markup depends on its arguments only (the Card holds everything it
shows, including its highlighted passage), so it is kept in a per-process memo keyed by the
arguments themselves and can never be stale. A changed case study is a different Card, hence a
different key. It is kept written in ASCII (partnerships/ascii_html.py).
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from partnerships.ascii_html import ascii_html
from partnerships.card_html import card_html
from partnerships.cards import Card
from partnerships.memory import Memo

register = template.Library()

_memo = Memo(2048)
_pages = Memo(128)  # a page of cards' markup (tens of KB each)


@register.simple_tag
def case_study_card(
    card: Card, level: str = "2", compare_form: str = "", compare_ids=()
) -> SafeString:
    """`compare_ids`: the case studies ticked for comparison (the finder's address carries
    them); the card's checkbox is ticked when it is one of them."""
    return case_study_cards([card], level, compare_form, compare_ids)


@register.simple_tag
def case_study_cards(
    cards: list[Card], level: str = "2", compare_form: str = "", compare_ids=()
) -> SafeString:
    """`case_study_card` for each of these cards, in order (a page of results in one tag)."""
    level, compare_ids = str(level), compare_ids or ()
    # A highlighted summary is markup (SafeString), a plain one is text: equal strings, different
    # HTML, so the key says which it is.
    # A plain tuple: a Card works out its hash once (partnerships/cards.py), and a remembered
    # card is the same object page after page, so comparing keys is quick too.
    keys = [
        (card, isinstance(card.summary, SafeString), level, compare_form, card.pk in compare_ids)
        for card in cards
    ]
    # A page of results is the same list of cards request after request: its markup is kept
    # whole (under the cards' own keys), the cards' one by one.
    if len(keys) < 2:
        return mark_safe(_joined(keys))
    return mark_safe(_pages.get(tuple(keys), lambda: _joined(keys)))


def _joined(keys: list[tuple]) -> str:
    found = _memo.get_many(keys, lambda missing: {key: _render(*key) for key in missing})
    return "".join([found[key] for key in keys])


def _render(card: Card, marked: bool, level: str, compare_form: str, ticked: bool) -> str:
    """The card's markup, written in ASCII once for all the pages that show it
    (partnerships/ascii_html.py)."""
    return ascii_html(card_html(card, level, compare_form, ticked))


def forget() -> None:
    """Empty the memo (tests that change how a card is shown)."""
    _memo.clear()
    _pages.clear()
