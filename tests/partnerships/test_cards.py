"""A case-study card shows its themes (priority themes first) and its lead partners, on every page
that lists case studies, and follows renames at once."""

import re

import pytest
from django.urls import reverse

from partnerships import cards, facet_index, facets
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")


@pytest.fixture
def triage():
    durham = factories.police_force(name="Durham Constabulary", slug="durham")
    p = factories.partnership(title="Street triage")
    p.themes.add(
        factories.theme(name="Early intervention", position=1),
        factories.theme(name="Mental health", is_priority=True, position=2),
    )
    p.police_force_areas.add(durham)
    factories.member(p, factories.organisation(name="Tees NHS trust"), role="lead")
    factories.member(p, factories.organisation(name="Redthread"), role="partner")
    factories.member(p, factories.organisation(name="Durham PCC"), role="lead")
    return p


def card(response, title: str) -> dict:
    """The themes and 'Led by' text of the card whose heading is `title`."""
    html = response.content.decode()
    for block in html.split('<li class="app-card">')[1:]:
        if f">{title}</a>" in block:
            block = block.split("</ul>")[0]  # the themes are the card's last part
            led_by = re.search(r"<dt>Led by</dt> <dd>(.*?)</dd>", block)
            return {
                "themes": re.findall(r'<strong class="govuk-tag[^"]*">(.*?)</strong>', block),
                "led_by": led_by.group(1) if led_by else None,
            }
    raise AssertionError(f"no card for {title!r}")


EXPECTED = {
    "themes": ["Mental health", "Early intervention"],
    "led_by": "Tees NHS trust, Durham PCC",
}


def test_the_finder_cards_show_themes_priority_first_and_lead_partners(anonymous, triage):
    assert card(anonymous.get(LIST), "Street triage") == EXPECTED
    assert card(anonymous.get(LIST, {"q": "triage"}), "Street triage") == EXPECTED


def test_home_theme_and_organisation_pages_show_the_same_cards(anonymous, triage):
    theme = triage.themes.get(name="Mental health")
    lead = triage.members.get(role="lead", organisation__name="Tees NHS trust").organisation
    force = triage.police_force_areas.get()
    for url in [
        reverse("partnerships:home"),
        theme.get_absolute_url(),
        lead.get_absolute_url(),
        force.get_absolute_url(),  # "in this force area"
    ]:
        assert card(anonymous.get(url), "Street triage") == EXPECTED, url


def test_renaming_a_theme_or_a_partner_shows_on_the_next_page(anonymous, triage):
    anonymous.get(LIST)  # the finder's index is built
    theme = triage.themes.get(name="Mental health")
    theme.name = "Mental health and wellbeing"
    theme.save()
    lead = triage.members.get(organisation__name="Durham PCC").organisation
    lead.name = "Durham Police, Crime and Victims' Commissioner"
    lead.save()
    response = anonymous.get(LIST)
    assert card(response, "Street triage") == {
        "themes": ["Mental health and wellbeing", "Early intervention"],
        "led_by": "Tees NHS trust, Durham Police, Crime and Victims&#x27; Commissioner",
    }
    panel = {
        f.key: {o.value: o.label for o in f.options} for f in response.context["finder"].facets
    }
    assert panel["theme"][theme.slug] == "Mental health and wellbeing"
    # The partner filter is a text field: it lists the organisations whose names hold what was
    # typed, by their new names.
    typed = anonymous.get(LIST, {"partner_name": "Victims"}).context["finder"].facets
    partner = next(f for f in typed if f.key == "partner")
    assert [(o.value, o.label) for o in partner.shown] == [
        (lead.slug, "Durham Police, Crime and Victims' Commissioner")
    ]


def test_a_case_study_published_after_the_index_was_built_gets_its_details_from_the_database(
    triage,
):
    index = facets.get_index()
    late = factories.partnership(title="Late")
    late.themes.add(factories.theme(name="Violence reduction"))
    factories.member(late, factories.organisation(name="VRU"), role="lead")
    built = cards.cards([triage.pk, late.pk], index)
    assert [([(t.name, t.is_priority) for t in c.themes], c.leads) for c in built] == [
        (
            [("Mental health", True), ("Early intervention", False)],
            ("Tees NHS trust", "Durham PCC"),
        ),
        ([("Violence reduction", False)], ("VRU",)),
    ]


def test_a_published_change_shows_at_once_although_cards_are_remembered(anonymous, triage):
    """Cards are remembered per change stamp (partnerships/cards.py): an edit, an unpublished
    case study and a changed role show on the next page, on the finder, a theme's page and an
    organisation's."""
    theme = triage.themes.get(name="Mental health")
    lead = triage.members.get(organisation__name="Tees NHS trust")
    pages = [
        LIST,
        LIST + "?q=triage",
        theme.get_absolute_url(),
        lead.organisation.get_absolute_url(),
    ]
    for url in pages:
        anonymous.get(url)
        assert ">Street triage</a>" in anonymous.get(url).content.decode(), url

    triage.title = "Street triage & crisis care"
    triage.summary = "Nurses <and> officers together."
    triage.save()
    for url in pages:
        html = anonymous.get(url).content.decode()
        assert ">Street triage &amp; crisis care</a>" in html, url
        assert "Nurses &lt;and&gt; officers together." in html, url

    lead.role = "funder"
    lead.save()
    html = anonymous.get(lead.organisation.get_absolute_url()).content.decode()
    assert "<dt>Role of this organisation</dt> <dd>Funder</dd>" in html

    type(triage).objects.filter(pk=triage.pk).update(status="archived")
    for url in pages:
        assert "Street triage" not in anonymous.get(url).content.decode(), url


def test_remembered_cards_are_the_cards_the_database_gives(triage):
    index, stamp = facet_index.index_and_stamp()
    cards.forget()
    fresh = cards.cards([triage.pk], index)
    assert cards.cards([triage.pk], index, stamp=stamp) == fresh  # read, then remembered
    assert cards.cards([triage.pk, 0], index, stamp=stamp) == fresh  # 0: not published


def test_a_force_areas_case_studies_follow_changes_at_once(anonymous, triage):
    force = triage.police_force_areas.get()
    url = force.get_absolute_url()
    anonymous.get(url)
    assert card(anonymous.get(url), "Street triage") == EXPECTED  # "in this force area"

    other = factories.partnership(title="Custody liaison")
    other.police_force_areas.add(force)
    assert ">Custody liaison</a>" in anonymous.get(url).content.decode()

    factories.member(triage, force, role="partner")  # now a partner: no longer "in its area"
    html = anonymous.get(url).content.decode()
    assert html.count(">Street triage</a>") == 1
    assert "<dt>Role of this organisation</dt> <dd>Partner</dd>" in html
