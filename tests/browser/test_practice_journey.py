"""An analyst opens /practice/, follows a map area, a coverage cell and a pair of partner kinds
to the finder (the same counts), filters the practice page by theme and sees the map change, and
opens an area's page; axe-core finds no violations, and the page works at 320 px wide and without
JavaScript."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_browse_journey import assert_accessible
from tests.browser.test_finder_journey import result_count

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo_data", stdout=StringIO())
    return live_server.url


def map_labels(page) -> list[str]:
    return page.locator("svg.app-map a").evaluate_all(
        "links => links.map(a => a.getAttribute('aria-label'))"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_practice_map_cells_filters_and_area_page(browser, demo_site, axe_violations, javascript):
    console_errors = []
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Current practice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Current practice")
    if javascript:
        assert_accessible(page, axe_violations)

    # A map area, by keyboard: focus it and follow it to the finder with the same count.
    area = page.locator("svg.app-map a[aria-label^='Cleveland:']")
    label = area.get_attribute("aria-label")
    count = int(label.split(": ")[1].split()[0])
    assert count > 0
    shape = area.locator("path")
    fill = shape.evaluate("path => getComputedStyle(path).fill")
    area.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == label
    # Visibly focused: the GOV.UK focus colour.
    assert shape.evaluate("path => getComputedStyle(path).fill") == "rgb(255, 221, 0)" != fill
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerships/?force=cleveland")
    assert result_count(page) == count
    page.go_back()

    # A coverage cell: both filters, the same count.
    cell = page.locator("#table-themes-by-region tbody tr").first.locator("td a").first
    cell_count = int(cell.inner_text().split()[0])
    cell.click()
    page.wait_for_url(lambda url: "theme=" in url and "region=" in url)
    assert result_count(page) == cell_count
    page.go_back()

    # A pair of partner kinds: the case studies that include both, the same count.
    pair = page.locator("#table-partner-pairs tbody tr").first.locator("td a").first
    pair_count = int(pair.inner_text().split()[0])
    pair.click()
    page.wait_for_url(lambda url: url.count("partner_kind_all=") == 2)
    assert result_count(page) == pair_count
    expect(page.locator(".moj-filter__selected")).to_contain_text(
        "Kinds of partner working together"
    )
    page.go_back()

    # Filter the practice page by a theme: the map changes.
    before = map_labels(page)
    panel = page.locator(".moj-filter")
    panel.get_by_label("Mental health and crisis care").check()
    panel.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(lambda url: "/practice/?theme=mental-health" in url)
    expect(page.locator(".moj-filter__selected")).to_contain_text("Mental health and crisis care")
    after = map_labels(page)
    assert len(after) == len(before) and after != before
    if javascript:
        assert_accessible(page, axe_violations)

    # "See these case studies" goes to the finder with the same filters, and back again.
    page.get_by_role("link", name="See these case studies").click()
    page.wait_for_url(lambda url: "/partnerships/?theme=mental-health" in url)
    page.get_by_role("link", name="See where this practice is").click()
    page.wait_for_url(lambda url: "/practice/?theme=mental-health" in url)

    # An area's page, from the areas table.
    page.locator("#table-force-areas").get_by_role("link", name="Durham", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Durham")
    expect(page.locator("#neighbours")).to_be_visible()
    if javascript:
        assert_accessible(page, axe_violations)
    assert console_errors == []
    context.close()


def test_practice_page_reads_at_320_px(browser, demo_site, axe_violations):
    context = browser.new_context(locale="en-GB", viewport={"width": 320, "height": 800})
    page = context.new_page()
    for path in ["/practice/", "/practice/areas/durham/"]:
        page.goto(demo_site + path)
        # Nothing wider than the screen but the tables' own scrolling containers.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        svg = page.locator("svg.app-map").first.bounding_box()
        assert svg["width"] <= 320
        assert_accessible(page, axe_violations)
    context.close()
