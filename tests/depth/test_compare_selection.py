"""The finder carries the case studies ticked for comparison in its address (`compare=`), so a
selection survives paging, sorting, searching and filtering, without JavaScript or cookies."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.compare import ticked
from tests import factories

pytestmark = pytest.mark.django_db
FINDER = reverse("partnerships:list")
COMPARE = reverse("partnerships:compare")


@pytest.fixture
def five(settings):
    """Five published case studies, two to a page, listed by title."""
    settings.PAGE_SIZE = 2
    theme = factories.theme(name="Crisis care", slug="crisis")
    studies = [factories.partnership(title=f"Study {n}") for n in range(1, 6)]
    for study in studies:
        study.themes.add(theme)
    return studies


def page(client, query: str) -> str:
    response = client.get(FINDER + query)
    assert response.status_code == 200
    return response.content.decode()


def checkbox(pk: int, checked: bool) -> str:
    tail = " checked>" if checked else ">"
    return f'name="compare" type="checkbox" value="{pk}" form="compare-form"{tail}'


def test_ticks_from_another_page_are_carried_and_counted(anonymous, five):
    first, second, third = five[0], five[1], five[2]
    html = page(anonymous, f"?sort=title&page=2&compare={first.pk},{third.pk}")

    # Study 3 is on page 2: ticked; Study 4 is not; Study 1 (page 1) is a hidden input.
    assert checkbox(third.pk, True) in html
    assert checkbox(five[3].pk, False) in html
    form = html[html.index('<form id="compare-form"') :]
    form = form[: form.index("</form>")]
    assert f'<input type="hidden" name="compare" value="{first.pk}" data-compare-elsewhere>' in form
    assert f'value="{third.pk}" data-compare-elsewhere' not in form
    assert f'name="compare" value="{second.pk}"' not in form
    assert "Compare selected (<span data-compare-count>2</span>)" in form
    assert '<input type="hidden" name="page" value="2">' in form
    assert f'formaction="{FINDER}"' in form  # "Keep ticked": back here with the ticks
    # Pages carry the selection, normalised.
    assert f'href="?sort=title&amp;page=1&amp;compare={first.pk},{third.pk}"' in html
    assert f'href="?sort=title&amp;page=3&amp;compare={first.pk},{third.pk}"' in html
    assert "Set-Cookie" not in str(anonymous.get(FINDER + f"?compare={first.pk}").headers)


def test_search_sort_and_filter_forms_and_remove_links_carry_the_ticks(anonymous, five):
    pk = five[0].pk
    html = page(anonymous, f"?theme=crisis&q=study&compare={pk}")
    hidden = f'<input type="hidden" name="compare" value="{pk}">'
    forms = re.findall(r"<form method=\"get\".*?</form>", html, flags=re.S)
    assert len(forms) == 3  # search, sort, filter panel
    assert all(hidden in form for form in forms)
    assert f'?q=study&amp;compare={pk}">' in html  # remove the theme, keep the tick
    assert f'href="{FINDER}?compare={pk}">Clear filters' in html


def test_unpublished_and_nonsense_ids_are_taken_out_with_a_message(anonymous, five):
    draft = factories.partnership(title="SECRET DRAFT", status="draft", published_at=None)
    html = page(anonymous, f"?compare={five[0].pk},{draft.pk},abc,<b>")
    assert f"There is no published case study number {draft.pk}" in html
    assert "“abc” is not a case study number, so it was taken out" in html
    assert "“&lt;b&gt;” is not a case study number" in html
    assert f'name="compare" value="{draft.pk}"' not in html
    assert "SECRET DRAFT" not in html
    assert "Compare selected (<span data-compare-count>1</span>)" in html


def test_ticked_keeps_published_ids_only_and_at_most_twenty():
    published = {n: n for n in range(1, 40)}
    assert ticked(["3,1", "3", "99"], published).ids == (3, 1)
    many = ticked([",".join(str(n) for n in range(1, 30))], published)
    assert len(many.ids) == 20 and "At most 20" in many.notices[-1]
    assert ticked([], published).query == ""
    assert ticked(["4", "9"], published).query == "compare=4,9"


def test_compare_selected_sends_every_tick_to_the_comparison(anonymous, five):
    a, b = five[0], five[3]
    response = anonymous.get(
        COMPARE, {"theme": "crisis", "page": "2", "compare": [str(a.pk), str(b.pk)]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{COMPARE}?ids={a.pk},{b.pk}"
    html = anonymous.get(response["Location"]).content.decode()
    assert "app-compare--2" in html
    assert f'href="{FINDER}?compare={a.pk},{b.pk}">Change the selection' in html


def test_compare_redirect_keeps_nonsense_for_the_page_to_explain(anonymous):
    response = anonymous.get(COMPARE + "?compare=x%3Cy&compare=4")
    assert response["Location"] == f"{COMPARE}?ids=4,x%3Cy"


def test_theme_page_finder_carries_ticks_too(anonymous, five):
    html = anonymous.get(
        reverse("themes:detail", args=["crisis"]) + f"?compare={five[4].pk}"
    ).content.decode()
    assert "Compare selected (<span data-compare-count>1</span>)" in html


def test_ticks_cost_no_query(anonymous, five):
    page(anonymous, "")  # builds the finder's index
    page(anonymous, "?sort=title")  # and remembers this page's cards (partnerships/cards.py)
    with CaptureQueriesContext(connection) as without:
        page(anonymous, "?sort=title")
    with CaptureQueriesContext(connection) as carried:
        page(anonymous, "?sort=title&compare=" + ",".join(str(p.pk) for p in five))
    assert len(carried) == len(without)


@pytest.mark.parametrize(
    "value",
    ["", ",,,", "%00", "-1", "0", "99999999999999999999999", "١٢", "1," * 500, "<script>"],
)
def test_odd_ticks_never_fail(anonymous, five, value):
    page(anonymous, f"?compare={value}&page=1")
    assert anonymous.get(COMPARE + f"?compare={value}").status_code == 302
