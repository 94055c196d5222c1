"""CONTRIBUTING.md's recipe for a new facet, followed in a test: one FacetDefinition in
partnerships/facets.py, and it appears in the panel, filters the results, counts its options and
gets a link that removes it. Also: the evaluation facet's "Evaluated (any kind)" and the partner
facet shown as a text field."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from partnerships import facet_index, facets
from tests import factories
from tests.partnerships.test_finder import library, titles  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:list")

STARTED = facets.FacetDefinition(
    "decade",
    "Decade started",
    True,
    options=lambda data: [("2010s", "2010 to 2019"), ("2020s", "2020 to 2029")],
    values=lambda data: (
        (pk, f"{year // 10 * 10}s") for pk, year in data.column("start_year") if year
    ),
)


@pytest.fixture
def decade_facet(monkeypatch):
    monkeypatch.setattr(facets, "FACETS", [*facets.FACETS, STARTED])
    monkeypatch.setattr(facet_index, "FACETS", facets.FACETS)
    monkeypatch.setattr(facet_index, "_cached", None)  # built afresh with the new facet
    yield
    facet_index._cached = None


def test_a_facet_declared_once_is_in_the_panel_filters_counts_and_can_be_removed(
    anonymous,
    library,  # noqa: F811
    decade_facet,
):
    page = anonymous.get(LIST)
    html = page.content.decode()
    assert "Decade started" in html and 'name="decade" type="checkbox" value="2010s"' in html
    counted = {f.key: f for f in page.context["finder"].facets}["decade"]
    assert {o.value: o.count for o in counted.options} == {"2010s": 4, "2020s": 1}

    chosen = anonymous.get(LIST, {"decade": "2020s"})
    assert titles(chosen) == {"Crisis line"}
    active = chosen.context["finder"].active
    assert [(a.facet_label, a.label) for a in active] == [("Decade started", "2020 to 2029")]
    assert "decade" not in dict(parse_qsl(urlsplit(active[0].remove_url).query))

    both = anonymous.get(LIST, {"decade": ["2010s", "2020s"], "theme": "aces-trauma"})
    assert titles(both) == {"Early Action Together"}
    unknown = anonymous.get(LIST, {"decade": "1990s"})
    assert (
        "“1990s” is not one of the options for decade started, so it was left out."
        in (unknown.context["notices"])
    )


def test_evaluated_of_any_kind_is_every_case_study_with_an_evaluation(anonymous, library):  # noqa: F811
    response = anonymous.get(LIST, {"evaluation": "evaluated"})
    assert titles(response) == {
        "Street triage",
        "Checkpoint",
        "Early Action Together",
        "Naloxone",
        "Youth work",
    }
    evaluation = {f.key: f for f in response.context["finder"].facets}["evaluation"]
    labels = [o.label for o in evaluation.options]
    assert labels[:2] == ["Not evaluated", "Evaluated (any kind)"]
    assert titles(anonymous.get(LIST, {"evaluation": ["evaluated", "not_evaluated"]})) == set(
        library
    )


def test_the_partner_filter_is_a_text_field_listing_only_what_matches(anonymous, library):  # noqa: F811
    for n in range(30):
        factories.member(library["Crisis line"], factories.organisation(name=f"Trust {n}"))
    page = anonymous.get(LIST).content.decode()
    assert 'name="partner_name"' in page
    assert "Trust 7" not in page  # no option is listed until a name is typed
    typed = anonymous.get(LIST, {"partner_name": "red"})
    html = typed.content.decode()
    assert 'value="redthread"' in html and "Trust 7" not in html
    many = anonymous.get(LIST, {"partner_name": "trust"}).content.decode()
    assert "The first 20 are shown: type more of the name to narrow them." in many
    chosen = anonymous.get(LIST, {"partner": "redthread", "partner_name": "zzz"})
    assert 'value="redthread" checked' in chosen.content.decode()
    assert "No organisation’s name contains “zzz”." in unescape(chosen.content.decode())
    assert titles(chosen) == {"Youth work", "Checkpoint"}


def test_the_type_ahead_gets_the_matching_options_with_counts(anonymous, library):  # noqa: F811
    url = reverse("partnerships:facet_options", args=["partner"])
    data = anonymous.get(url, {"partner_name": "RED", "theme": "aces-trauma"}).json()
    assert data["options"] == [
        {"value": "redthread", "label": "Redthread", "count": 1, "selected": False}
    ]
    assert data["typed"] == "RED" and data["more"] is False
    assert anonymous.get(url, {"partner_name": "<script>"}).json()["options"] == []


def test_links_the_finder_makes_carry_no_empty_parameters(anonymous, library):  # noqa: F811
    for n in range(25):
        factories.partnership(title=f"Filler {n}")
    empty = {"q": "", "theme": "", "partner_name": "", "start_from": "", "sort": ""}
    hrefs = []
    for chosen in ({}, {"region": "wales"}, {"region": "wales", "q": "crisis"}):
        html = anonymous.get(LIST, {**empty, **chosen}).content.decode()
        hrefs += [h.replace("&amp;", "&") for h in re.findall(r'href="(\?[^"]*)"', html)]
    assert any("page=2" in href for href in hrefs), "pagination was on the page"
    assert any("region" not in href for href in hrefs), "remove links were on the page"
    for href in hrefs:
        assert all(value for _, value in parse_qsl(href[1:], keep_blank_values=True)), href
