"""A case study's card, written in Python (partnerships.card_html), is byte for byte the markup the
template gave (includes/partnership_card.html, kept here as it was), escaped the same way, for
every kind of card: plain or highlighted by a search, with or without a passage, a role, leads
and themes, each heading level, with and without the comparison checkbox, ticked or not. And the
finder shows it: a visitor searching sees the highlighted card with its checkbox."""

from dataclasses import replace
from itertools import product
from pathlib import Path

import pytest
from django.template import engines
from django.urls import reverse
from django.utils.safestring import mark_safe

from partnerships.card_html import card_html
from partnerships.cards import Card
from partnerships.facet_index import CardTheme
from tests import factories

TEMPLATE = engines["django"].from_string(
    (Path(__file__).parent / "partnership_card_template_before.html").read_text()
)

AWKWARD = "Crisis <care> & \"street\" 'triage'"

PLAIN = Card(
    pk=7,
    title=AWKWARD,
    url="/partnerships/crisis-care/?a=1&b=<2>",
    summary="Nurses & officers <together>.",
    snippet=None,
    years="2015 to 2019",
    work_state="Ended",
    evaluation="Before & after",
    evidence_rating="Not rated",
    themes=(
        CardTheme("Mental <health>", True, "mental-health"),
        CardTheme("Drugs & alcohol", False, "substance-misuse"),
    ),
    leads=("Durham <Constabulary>", "Tees & Esk NHS Trust"),
)

VARIANTS = {
    "plain": PLAIN,
    "highlighted summary": replace(PLAIN, summary=mark_safe("Nurses <mark>&amp;</mark> officers")),
    "passage": replace(PLAIN, snippet=mark_safe("…a <mark>triage</mark> car &amp; van…")),
    "role here": replace(PLAIN, role_here="Funder & <evaluator>"),
    "no leads": replace(PLAIN, leads=()),
    "one lead": replace(PLAIN, leads=("Durham Constabulary",)),
    "no themes": replace(PLAIN, themes=()),
    "no priority theme": replace(PLAIN, themes=(CardTheme("Housing", False, "housing"),)),
}


@pytest.mark.parametrize(
    ("variant", "level", "compare_form", "ticked"),
    list(product(VARIANTS, ["", "2", "3"], ["", "compare-form", 'x"<y>'], [False, True])),
)
def test_a_card_is_the_markup_the_template_gave(variant, level, compare_form, ticked):
    card = VARIANTS[variant]
    before = TEMPLATE.render(
        {
            "partnership": card,
            "level": level,
            "compare_form": compare_form,
            "compare_ids": (card.pk,) if ticked else (),
        }
    )
    assert card_html(card, level, compare_form, ticked) == before


def test_a_card_escapes_what_it_is_given_and_keeps_a_highlight():
    html = card_html(VARIANTS["passage"], "3", 'x"<y>', True)
    assert "<script" not in html and "<care>" not in html
    assert "Crisis &lt;care&gt; &amp; &quot;street&quot; &#x27;triage&#x27;" in html
    assert 'href="/partnerships/crisis-care/?a=1&amp;b=&lt;2&gt;"' in html
    assert "Durham &lt;Constabulary&gt;, Tees &amp; Esk NHS Trust" in html
    assert "…a <mark>triage</mark> car &amp; van…" in html
    assert 'form="x&quot;&lt;y&gt;" checked>' in html
    assert "<h3 " in html and "</h3>" in html


@pytest.mark.django_db
def test_a_visitor_searching_sees_each_match_as_a_highlighted_card(client):
    factories.partnership(
        title="Street triage in Durham",
        slug="street-triage-in-durham",
        summary="Nurses ride with officers on street triage.",
    )
    response = client.get(reverse("partnerships:list"), {"q": "triage"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a class="govuk-link" href="/partnerships/street-triage-in-durham/">' in html
    assert "<mark>triage</mark>" in html
    assert 'name="compare" type="checkbox"' in html
