"""A practitioner narrows the case studies with filters, removes one, searches and sorts, in a real
browser with and without JavaScript; axe-core finds no violations in any state."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_browse_journey import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo_data", stdout=StringIO())
    return live_server.url


def result_count(page) -> int:
    return int(page.locator("#result-count").inner_text().split()[0])


def filter_panel(page):
    return page.locator(".moj-filter")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_filter_remove_search_and_sort(browser, demo_site, axe_violations, javascript):
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo_site + "/partnerships/")
    everything = result_count(page)
    assert everything >= 30
    if javascript:
        assert_accessible(page, axe_violations)

    panel = filter_panel(page)
    panel.get_by_label("Mental health and crisis care").check()
    panel.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(lambda url: "theme=mental-health" in url)
    mental = result_count(page)
    assert 5 <= mental < everything
    assert "theme=mental-health" in page.url
    if javascript:
        assert_accessible(page, axe_violations)

    panel = filter_panel(page)
    panel.get_by_label("Randomised controlled trial").check()
    panel.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(lambda url: "evaluation=" in url)
    both = result_count(page)
    assert both < mental
    expect(page.locator(".moj-filter__selected")).to_contain_text("Randomised controlled trial")
    if javascript:
        assert_accessible(page, axe_violations)

    page.get_by_role("link", name="Remove this filter: Randomised controlled trial").click()
    page.wait_for_url(lambda url: "evaluation=" not in url)
    assert result_count(page) == mental
    assert "evaluation=" not in page.url

    page.get_by_label("Search case studies").fill("triage")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(lambda url: "q=triage" in url)
    searched = result_count(page)
    assert 1 <= searched <= mental
    assert "q=triage" in page.url and "theme=mental-health" in page.url
    expect(page.locator(".app-card mark").first).to_be_visible()
    expect(page.get_by_label("Sort by")).to_have_value("relevance")
    if javascript:
        assert_accessible(page, axe_violations)

    page.get_by_label("Sort by").select_option("title")
    page.get_by_role("button", name="Sort", exact=True).click()
    # The DOM's text: innerText is empty for cards not yet drawn (content-visibility: auto).
    titles = [" ".join(t.split()) for t in page.locator(".app-card__title a").all_text_contents()]
    assert titles == sorted(titles, key=str.casefold)
    assert result_count(page) == searched
    if javascript:
        assert_accessible(page, axe_violations)
    assert context.cookies() == []
    context.close()


def test_no_results_suggests_what_to_remove(page, demo_site, axe_violations):
    page.goto(demo_site + "/partnerships/?theme=workforce-wellbeing&evaluation=rct")
    assert result_count(page) == 0
    suggestions = page.locator("#suggestions li")
    expect(suggestions.first).to_contain_text("Remove")
    suggestions.first.get_by_role("link").click()
    assert result_count(page) > 0
    assert_accessible(page, axe_violations)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_choosing_a_partner_by_typing_part_of_its_name(
    browser, demo_site, axe_violations, javascript
):
    """The partner filter lists no organisation until a name is typed: with JavaScript the
    matching ones appear as you type, without it after "Apply filters"."""
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo_site + "/partnerships/")
    everything = result_count(page)
    panel = filter_panel(page)
    field = panel.get_by_role("searchbox", name="Name contains")
    field.fill("nhs")
    if not javascript:
        panel.get_by_role("button", name="Apply filters").first.click()
        panel = filter_panel(page)
    options = panel.locator("#filter-partner-options .govuk-radios__input:not([value=''])")
    expect(options.first).to_be_visible()
    labels = panel.locator("#filter-partner-options .govuk-radios__label")
    assert all("nhs" in text.lower() for text in labels.all_inner_texts()[1:])
    if javascript:
        assert_accessible(page, axe_violations)
    options.first.check()
    panel.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(lambda url: "partner=" in url and "partner_name" in url)
    assert 0 < result_count(page) < everything
    expect(page.locator(".moj-filter__selected")).to_contain_text("NHS")
    context.close()
