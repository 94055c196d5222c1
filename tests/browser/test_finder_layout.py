"""The finder's layout in a real browser: the filter panel fits a phone, the keyboard reaches the
results quickly, nothing moves once the page has loaded, MOJ's script loads only where it is used,
and the desktop layout leaves the results room (issue 12, items 1, 2, 5 and 15)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_browse_journey import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASE_STUDY = "/partnerships/street-triage-national-pilots/"

# Cumulative layout shift of everything that moved without the visitor doing anything, read by
# the browser's own PerformanceObserver (what Lighthouse reports as CLS, for one page load).
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo_data", stdout=StringIO())
    return live_server.url


def result_count(page) -> int:
    return int(page.locator("#result-count").inner_text().split()[0])


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", [320, 390])
def test_phone_visitor_opens_the_filter_ticks_a_theme_and_gets_fewer_results(
    browser, demo_site, axe_violations, width
):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(demo_site + "/partnerships/")
    everything = result_count(page)
    panel = page.locator(".moj-filter")
    expect(panel).to_be_hidden()

    page.get_by_role("button", name="Show filter").click()
    expect(panel).to_be_visible()
    panel_box = box(page, ".moj-filter-layout__filter")
    assert panel_box["x"] >= 0 and panel_box["x"] + panel_box["width"] <= width
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    theme = panel.get_by_role("checkbox", name=re.compile(r"^Mental health and crisis care"))
    theme_box = theme.bounding_box()
    assert 0 <= theme_box["x"] and theme_box["x"] + theme_box["width"] <= width
    page.screenshot(path=f"/tmp/finder-filter-{width}.png")
    assert_accessible(page, axe_violations)

    theme.check()
    panel.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(lambda url: "theme=mental-health" in url)
    assert 0 < result_count(page) < everything
    assert "theme=mental-health" in page.url
    context.close()


@pytest.mark.parametrize(
    ("javascript", "width"),
    [(True, 1280), (False, 390)],
    ids=["with-js-desktop", "without-js-phone"],
)
def test_keyboard_user_reaches_the_first_result_within_ten_tab_presses(
    browser, demo_site, javascript, width
):
    context = browser.new_context(
        locale="en-GB", java_script_enabled=javascript, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(demo_site + "/partnerships/")
    first_result = page.locator(".app-card__title a").first.get_attribute("href")
    focused = "() => document.activeElement.getAttribute('href')"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to results":
            page.keyboard.press("Enter")
        elif page.evaluate(focused) == first_result:
            break
    assert page.evaluate(focused) == first_result, "not reached in 10 Tab presses"
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_do_not_move_once_loaded(browser, demo_site, width):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    for path in ["/", "/partnerships/", CASE_STUDY, "/themes/", "/organisations/"]:
        page = context.new_page()
        page.goto(demo_site + path)
        page.wait_for_load_state("load")
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift <= 0.05, f"{path} at {width}px shifts by {shift:.3f}"
        page.close()
    context.close()


def test_moj_script_loads_only_on_pages_with_the_filter(page, demo_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["/", CASE_STUDY, "/themes/"]:
        page.goto(demo_site + path)
        page.wait_for_load_state("load")
    assert not [url for url in requested if "moj-frontend" in url]
    assert [url for url in requested if "govuk-frontend.min.js" in url]

    page.goto(demo_site + "/partnerships/")
    page.wait_for_load_state("load")
    assert [url for url in requested if "moj-frontend" in url]
    expect(page.get_by_role("button", name="Hide filter")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_desktop_layout_gives_results_room_and_keeps_controls_apart(browser, demo_site, javascript):
    context = browser.new_context(
        locale="en-GB", java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(demo_site + "/partnerships/")

    assert box(page, ".moj-filter-layout__content")["width"] >= 600
    filter_box, content_box = box(page, ".moj-filter-layout__filter"), box(page, ".app-search")
    assert filter_box["x"] + filter_box["width"] <= content_box["x"], "filter on the left"

    to_year = box(page, "#filter-start-to")
    last_apply = page.locator(".moj-filter__options").get_by_role("button", name="Apply filters")
    apply_box = last_apply.last.bounding_box()
    assert apply_box["y"] - (to_year["y"] + to_year["height"]) >= 15

    # Nothing is drawn over the "S" of "Search case studies" (MOJ's action-bar divider was).
    label = box(page, "label[for=search-q]")
    at_s = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).getAttribute('for')",
        [label["x"] + 4, label["y"] + label["height"] / 2],
    )
    assert at_s == "search-q"
    if not javascript:
        expect(page.locator(".app-finder__action-bar")).to_be_hidden()
    context.close()


def test_checkbox_names_read_the_count_once(page, demo_site):
    page.goto(demo_site + "/partnerships/")
    theme = page.get_by_role(
        "checkbox", name=re.compile(r"^Mental health and crisis care \(\d+ case studies\)$")
    )
    expect(theme).to_have_count(1)
