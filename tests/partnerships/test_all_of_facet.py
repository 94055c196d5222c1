"""The finder's "kinds of partner working together" (`partner_kind_all`): case studies that
include every kind of partner given, not any. It is not a list in the filter panel (the panel's
"Kind of partner" is the OR list); the panel keeps it when filters are applied, the selected
filters show it and remove it, and it is checked and counted like every other facet."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

from alerts.searches import describe
from partnerships.finder import find
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")
POLICE, HEALTH, NHS, SCHOOLS = "police_force", "la_public_health", "nhs_provider", "education"


@pytest.fixture
def teams():
    """Four published case studies with different kinds of partner working together."""
    kinds = {
        "Street triage": [POLICE, HEALTH, NHS],
        "Liaison and diversion": [POLICE, HEALTH],
        "Drug diversion": [POLICE, "voluntary_community"],
        "School nurses": [HEALTH, SCHOOLS],
    }
    for title, partner_kinds in kinds.items():
        p = factories.partnership(title=title)
        for kind in partner_kinds:
            factories.member(p, factories.organisation(kind=kind))
    draft = factories.partnership(title="Draft", status="draft")
    factories.member(draft, factories.organisation(kind=POLICE))
    factories.member(draft, factories.organisation(kind=HEALTH))


def titles(response) -> set[str]:
    assert response.status_code == 200
    return {card.title for card in response.context["results"]}


def test_anonymous_finds_case_studies_with_every_kind_given(anonymous, teams):
    both = anonymous.get(LIST, {"partner_kind_all": [POLICE, HEALTH]})
    assert titles(both) == {"Street triage", "Liaison and diversion"}
    assert both.context["finder"].total == 2
    either = anonymous.get(LIST, {"partner_kind": [POLICE, HEALTH]})
    assert titles(either) == {
        "Street triage",
        "Liaison and diversion",
        "Drug diversion",
        "School nurses",
    }
    three = anonymous.get(LIST, {"partner_kind_all": [POLICE, HEALTH, NHS]})
    assert titles(three) == {"Street triage"}
    combined = anonymous.get(LIST, {"partner_kind_all": POLICE, "partner_kind": [SCHOOLS, NHS]})
    assert titles(combined) == {"Street triage"}


def test_each_option_counts_what_adding_it_would_give(anonymous, teams):
    response = anonymous.get(LIST, {"partner_kind_all": POLICE})
    counted = next(f for f in response.context["finder"].facets if f.key == "partner_kind_all")
    counts = {o.value: o.count for o in counted.options}
    assert counts[POLICE] == 3 and counts[HEALTH] == 2 and counts[NHS] == 1
    assert counts[SCHOOLS] == 0
    for option in counted.options:
        added = anonymous.get(
            LIST, {"partner_kind_all": list(dict.fromkeys([POLICE, option.value]))}
        )
        assert added.context["finder"].total == option.count, option


def test_the_panel_keeps_it_as_hidden_fields_and_the_selected_filters_remove_it(anonymous, teams):
    response = anonymous.get(LIST, {"partner_kind_all": [POLICE, HEALTH], "q": "triage"})
    html = response.content.decode()
    assert '<input type="hidden" name="partner_kind_all" value="police_force">' in html
    assert 'name="partner_kind_all" type="checkbox"' not in html
    assert 'name="partner_kind" type="checkbox"' in html  # the OR list is still offered
    assert "Kinds of partner working together" in html
    assert "Remove this filter: </span>Territorial police force" in html
    active = {a.label: a for a in response.context["finder"].active}
    removal = parse_qsl(urlsplit(active["Territorial police force"].remove_url).query)
    assert ("partner_kind_all", HEALTH) in removal and ("partner_kind_all", POLICE) not in removal
    assert active["Territorial police force"].count_without == 1  # public health and "triage"
    assert (
        anonymous.get(LIST + active["Territorial police force"].remove_url).context["finder"].total
        == 1
    )
    unfiltered = anonymous.get(LIST).content.decode()
    assert 'name="partner_kind_all"' not in unfiltered


def test_no_results_says_which_kind_to_remove(anonymous, teams):
    response = anonymous.get(LIST, {"partner_kind_all": [POLICE, SCHOOLS]})
    assert response.context["finder"].total == 0
    html = response.content.decode()
    assert "Remove kinds of partner working together: Education</a> – 3 case studies" in html


@pytest.mark.parametrize("given", ["martians", "\x00" + "x" * 3000])
def test_an_unknown_kind_is_left_out_with_a_notice_never_a_500(anonymous, teams, given):
    response = anonymous.get(LIST, {"partner_kind_all": [given, POLICE]})
    assert response.status_code == 200
    assert response.context["finder"].total == 3
    assert any(
        "is not one of the options for kinds of partner working together" in notice
        for notice in response.context["notices"]
    )


def test_an_alert_describes_it_with_and(teams):
    finder = find(QueryDict(f"partner_kind_all={POLICE}&partner_kind_all={HEALTH}"))
    assert describe(finder, None) == (
        "Kinds of partner working together: Territorial police force and "
        "Local authority public health"
    )
    either = find(QueryDict(f"partner_kind={POLICE}&partner_kind={HEALTH}"))
    assert describe(either, None) == (
        "Kind of partner: Territorial police force or Local authority public health"
    )
