"""A visitor ticks case studies in the finder and compares them, with and without JavaScript;
the case study page's related case studies, history and research; axe-core finds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo_data", stdout=StringIO())
    call_command("loaddata", "evidence/fixtures/evidence_resources.json", verbosity=0)
    return live_server.url


def assert_accessible(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def tick_and_compare(page, site, how_many: int) -> list[str]:
    page.goto(site + "/partnerships/?sort=title")
    # The DOM's text: innerText is empty for cards not yet drawn (content-visibility: auto).
    texts = page.locator(".app-card__title a").all_text_contents()[:how_many]
    titles = [" ".join(text.split()) for text in texts]
    for title in titles:
        page.get_by_label(f"Add to comparison: {title}", exact=True).check()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(lambda url: "/compare/?ids=" in url)
    return titles


@pytest.mark.parametrize("javascript", [True, False])
def test_visitor_compares_two_case_studies(
    browser, live_server, demo_site, axe_violations, javascript
):
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    titles = tick_and_compare(page, demo_site, 2)
    assert "/compare/?ids=" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare case studies")
    for title in titles:
        expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()
    expect(page.get_by_role("heading", name="Cost and funding")).to_have_count(2)
    assert context.cookies() == []
    if javascript:
        assert_accessible(page, axe_violations)
        # Columns side by side on a wide screen, one after another on a phone.
        page.set_viewport_size({"width": 1200, "height": 900})
        boxes = [c.bounding_box() for c in page.locator(".app-compare__column").all()]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
        page.set_viewport_size({"width": 375, "height": 800})
        boxes = [c.bounding_box() for c in page.locator(".app-compare__column").all()]
        assert boxes[1]["y"] > boxes[0]["y"] and boxes[0]["x"] == boxes[1]["x"]
        assert_accessible(page, axe_violations)
        page.emulate_media(media="print")
        expect(page.locator(".govuk-header")).to_be_hidden()
    context.close()


def test_visitor_chooses_too_many_then_unticks(page, demo_site, axe_violations):
    tick_and_compare(page, demo_site, 4)
    expect(page.get_by_text("You can compare up to 3 case studies at a time")).to_be_visible()
    assert_accessible(page, axe_violations)
    boxes = page.locator("input[name=ids]")  # /compare/'s own form for choosing fewer
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Compare selected").click()
    expect(page.locator(".app-compare__column")).to_have_count(2)


@pytest.mark.parametrize("javascript", [True, False])
def test_visitor_ticks_on_two_pages_then_compares_both(
    browser, live_server, demo_site, axe_violations, settings, javascript
):
    settings.PAGE_SIZE = 5
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(demo_site + "/partnerships/?sort=title")
    first = page.locator(".app-card__title a").first.inner_text()
    page.get_by_label(f"Add to comparison: {first}", exact=True).check()
    if not javascript:  # without JavaScript, the ticks reach the address through this button
        page.get_by_role("button", name="Keep ticked case studies on this page").click()
    expect(page.get_by_role("button", name="Compare selected (1)")).to_be_visible()
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(lambda url: "page=2" in url and "compare=" in url)
    second = page.locator(".app-card__title a").first.inner_text()
    page.get_by_label(f"Add to comparison: {second}", exact=True).check()
    if javascript:
        expect(page.get_by_role("button", name="Compare selected (2)")).to_be_visible()
        assert_accessible(page, axe_violations)
    if javascript:  # back on page 1 the first is still ticked, the second carried from page 2
        page.get_by_role("link", name="Previous page").click()
        expect(page.get_by_label(f"Add to comparison: {first}", exact=True)).to_be_checked()
        page.get_by_role("combobox", name="Sort by").select_option("title")
        page.get_by_role("button", name="Sort").click()
        expect(page.get_by_role("button", name="Compare selected (2)")).to_be_visible()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(lambda url: "/compare/?ids=" in url)
    for title in (first, second):
        expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()
    expect(page.locator(".app-compare__column")).to_have_count(2)
    assert context.cookies() == []
    if javascript:
        assert_accessible(page, axe_violations)
    page.get_by_role("link", name="Change the selection").click()  # back, still ticked
    expect(page.get_by_role("button", name="Compare selected (2)")).to_be_visible()
    context.close()


def test_case_study_page_has_related_history_and_research(page, demo_site, axe_violations):
    page.goto(demo_site + "/partnerships/redthread-youth-violence-intervention-programme/")
    expect(page.get_by_role("heading", name="What the research says")).to_be_visible()
    expect(page.get_by_text("This approach is related to:")).to_be_visible()
    expect(page.get_by_role("heading", name="Related case studies")).to_be_visible()
    expect(page.get_by_role("heading", name="History of this case study")).to_be_visible()
    assert_accessible(page, axe_violations)
