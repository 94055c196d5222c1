"""One case study in a list (a partnerships.cards.Card), as markup written in Python.

A results page shows 20 cards and every finder, theme, organisation and home page shows some;
through the template engine the cards were most of the time of a results page shown the first
time. `card_html` gives exactly the markup the template includes/partnership_card.html gave,
blank lines included (tests/partnerships/test_card_html.py renders that template, kept beside it
as it was, and compares); every value goes through `conditional_escape`, so a highlighted summary or
passage (a SafeString from partnerships/search.py) is kept as markup and anything else is escaped.
partnerships/templatetags/cards.py remembers each card's markup.

A card shows, in order: its title as a heading of `level` (2 unless given) linking to its page,
its summary, the passage where the searched words appear (a search that matched the long texts),
the organisation's role in it (on an organisation's page), its lead partners, when it ran and
whether it still does, its evaluation and evidence rating, its themes (priority themes blue,
the others grey), and with `compare_form` (the id of the finder's "Compare selected" form) an
"Add to comparison" checkbox, ticked when `ticked`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.html import conditional_escape as esc

if TYPE_CHECKING:
    from partnerships.cards import Card
    from partnerships.facet_index import CardTheme

PRIORITY = '<span class="govuk-visually-hidden">Priority theme: </span>'


def card_html(card: Card, level: str = "2", compare_form: str = "", ticked: bool = False) -> str:
    heading = esc(level or "2")
    title = esc(card.title)
    return (
        '\n\n<li class="app-card">\n'
        f'  <h{heading} class="govuk-heading-m app-card__title">\n'
        f'    <a class="govuk-link" href="{esc(card.url)}">{title}</a>\n'
        f"  </h{heading}>\n"
        f'  <p class="govuk-body">{esc(card.summary)}</p>\n'
        f"  {_snippet(card)}\n"
        '  <dl class="app-card__meta govuk-body-s">\n'
        f"    {_meta('Role of this organisation', card.role_here, esc(card.role_here))}\n"
        f"    {_meta('Led by', card.leads, ', '.join(esc(lead) for lead in card.leads))}\n"
        f"    <div><dt>When</dt> <dd>{esc(card.years)} ({esc(card.work_state.lower())})"
        "</dd></div>\n"
        f"    <div><dt>Evaluation</dt> <dd>{esc(card.evaluation)} "
        '<span class="app-assessor">(reported by the partnership)</span></dd></div>\n'
        f"    <div><dt>Evidence rating</dt> <dd>{esc(card.evidence_rating)} "
        '<span class="app-assessor">(checked by editors)</span></dd></div>\n'
        "  </dl>\n"
        f"  {_themes(card.themes)}\n"
        f"  {_compare(card, title, compare_form, ticked)}\n"
        "</li>\n\n"
    )


def _snippet(card: Card) -> str:
    if not card.snippet:
        return ""
    return (
        '<p class="govuk-body-s app-snippet"><span class="govuk-visually-hidden">'
        f"Where your words appear: </span>{esc(card.snippet)}</p>"
    )


def _meta(term: str, shown: object, value: str) -> str:
    """A row of the card's details, `value` (escaped), when there is something to say."""
    if not shown:
        return ""
    return f"\n      <div><dt>{term}</dt> <dd>{value}</dd></div>\n    "


def _themes(themes: tuple[CardTheme, ...]) -> str:
    if not themes:
        return ""
    items = "".join(
        f'\n        <li><a class="app-tag-link" href="{esc(theme.get_absolute_url())}">'
        f"{PRIORITY if theme.is_priority else ''}"
        f'<strong class="govuk-tag govuk-tag--{"blue" if theme.is_priority else "grey"}">'
        f"{esc(theme.name)}</strong></a></li>\n      "
        for theme in themes
    )
    return f'\n    <ul class="app-tag-list" aria-label="Themes">\n      {items}\n    </ul>\n  '


def _compare(card: Card, title: str, compare_form: str, ticked: bool) -> str:
    if not compare_form:
        return ""
    pk = esc(card.pk)
    checked = " checked" if ticked else ""
    return (
        "\n"
        '    <div class="govuk-checkboxes govuk-checkboxes--small app-card__compare" '
        'data-module="govuk-checkboxes">\n'
        '      <div class="govuk-checkboxes__item">\n'
        f'        <input class="govuk-checkboxes__input" id="compare-{pk}" name="compare" '
        f'type="checkbox" value="{pk}" form="{esc(compare_form)}"{checked}>\n'
        f'        <label class="govuk-label govuk-checkboxes__label" for="compare-{pk}">'
        f'Add to comparison<span class="govuk-visually-hidden">: {title}</span></label>\n'
        "      </div>\n"
        "    </div>\n"
        "  "
    )
