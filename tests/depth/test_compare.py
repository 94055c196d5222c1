"""/compare/: 2 or 3 published case studies side by side; every bad selection explained."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.compare import parse_ids
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("partnerships:compare")


def get(client, query: str):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def test_two_case_studies_side_by_side_with_every_part(anonymous):
    a = factories.full_partnership(title="Street triage", cost_band="under_50k", funding="PCC")
    b = factories.full_partnership(title="Liaison and diversion", outcomes="Fewer arrests")
    html = get(anonymous, f"?ids={a.pk}&ids={b.pk}")
    assert "app-compare--2" in html
    assert html.index("Street triage") < html.index("Liaison and diversion")
    for part in [
        "Key facts",
        "Partners by kind and role",
        "Who it is for",
        "Evaluation",
        "What it found",
        "Outcomes",
        "Cost and funding",
        "What you would need to replicate it",
        "Learning for others",
        "Last reviewed",
    ]:
        assert html.count(f">{part}</h3>") == 2, part
    assert "Under £50,000 a year" in html and "Fewer arrests" in html
    assert "Set-Cookie" not in str(anonymous.get(URL + f"?ids={a.pk},{b.pk}").headers)


def test_comma_separated_ids_and_three_columns(anonymous):
    ps = [factories.full_partnership() for _ in range(3)]
    html = get(anonymous, "?ids=" + ",".join(str(p.pk) for p in ps))
    assert "app-compare--3" in html


def test_more_than_three_asks_to_untick_and_shows_no_comparison(anonymous):
    ps = [factories.full_partnership() for _ in range(5)]
    html = get(anonymous, "?" + "&".join(f"ids={p.pk}" for p in ps))
    assert "You can compare up to 3 case studies at a time. You chose 5" in html
    assert "app-compare--" not in html
    assert html.count('name="ids" type="checkbox"') == 5


def test_fewer_than_two_explains_what_to_do(anonymous):
    p = factories.full_partnership(title="Only one")
    html = get(anonymous, f"?ids={p.pk}")
    assert "Choose at least one more case study" in html
    assert "app-compare--" not in html
    html = get(anonymous, "")
    assert "Choose 2 or 3 case studies" in html


def test_unknown_unpublished_and_nonsense_ids_are_named_and_left_out(anonymous):
    a, b = factories.full_partnership(), factories.full_partnership()
    draft = factories.partnership(status="draft", published_at=None, title="SECRET DRAFT")
    html = get(anonymous, f"?ids={a.pk},{b.pk},{draft.pk},999999,abc,<script>")
    assert "app-compare--2" in html
    assert f"There is no published case study number {draft.pk}" in html
    assert "There is no published case study number 999999" in html
    assert "“abc” is not a case study number" in html
    assert "“&lt;script&gt;” is not a case study number" in html
    assert "SECRET DRAFT" not in html


@pytest.mark.parametrize(
    "query",
    [
        "?ids=",
        "?ids=,,,",
        "?ids=99999999999999999999999",
        "?ids=-1",
        "?ids=0",
        "?ids=%00",
        "?ids=١٢",
        "?ids=" + "1," * 500,
        "?other=1",
    ],
)
def test_odd_addresses_never_fail(anonymous, query):
    get(anonymous, query)


def test_parse_ids_keeps_order_and_drops_repeats():
    assert parse_ids(["3,1", "3", " 2 "]) == ([3, 1, 2], [])
    assert parse_ids(["x", "x"]) == ([], ["x"])


def test_compare_stays_within_budget(anonymous):
    a, b = factories.full_partnership(), factories.full_partnership()
    with CaptureQueriesContext(connection) as small:
        get(anonymous, f"?ids={a.pk},{b.pk}")
    c = factories.full_partnership()
    for p in (a, b, c):
        for _ in range(3):
            factories.member(p)
            p.themes.add(factories.theme())
    with CaptureQueriesContext(connection) as large:
        get(anonymous, f"?ids={a.pk},{b.pk},{c.pk}")
    assert len(small) == len(large) <= 6


def test_finder_cards_have_a_compare_checkbox_in_a_get_form(anonymous):
    p = factories.full_partnership()
    html = anonymous.get(reverse("partnerships:list")).content.decode()
    assert f'name="compare" type="checkbox" value="{p.pk}" form="compare-form">' in html
    assert f'<form id="compare-form" class="app-compare-form" method="get" action="{URL}">' in html
    assert "Compare selected" in html
