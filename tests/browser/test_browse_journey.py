"""A visitor browses the directory in a real browser; axe-core finds no violations on any page."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo_data", stdout=StringIO())
    return live_server.url


def nav(page):
    return page.get_by_role("navigation", name="Menu")


def assert_accessible(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def test_visitor_goes_home_list_detail_theme_organisation(page, demo_site, axe_violations):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    page.goto(demo_site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Find police and public health partnerships"
    )
    expect(
        page.get_by_role("link", name="Mental health and crisis care", exact=True)
    ).to_be_visible()
    assert_accessible(page, axe_violations)

    nav(page).get_by_role("link", name="Case studies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case studies")
    expect(page.locator("#result-count")).to_contain_text("case studies")
    assert_accessible(page, axe_violations)

    page.get_by_label("Sort by").select_option("title")
    page.get_by_role("button", name="Sort").click()
    page.wait_for_url(lambda url: "sort=title" in url)
    first = page.locator(".app-card__title a").first
    title = first.inner_text()
    assert "sort=title" in page.url
    assert_accessible(page, axe_violations)

    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("(checked by editors)")).to_be_visible()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    assert_accessible(page, axe_violations)

    theme_link = page.locator(".govuk-summary-list a.app-tag-link").first
    theme_name = theme_link.inner_text()
    theme_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(theme_name)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page, axe_violations)

    page.get_by_role("link", name=title).click()
    partner = page.locator("#partners ~ table a").first
    partner_name = partner.inner_text()
    partner.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(partner_name)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page, axe_violations)

    nav(page).get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    page.get_by_label("Kind of organisation").select_option("police_force")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_have_text("43 organisations")
    assert_accessible(page, axe_violations)

    nav(page).get_by_role("link", name="About").click()
    expect(page.get_by_role("heading", name="What the evidence labels mean")).to_be_visible()
    assert_accessible(page, axe_violations)

    assert console_errors == []
    assert page.context.cookies() == []


def test_missing_page_is_a_gov_uk_404(page, demo_site, axe_violations):
    response = page.goto(demo_site + "/partnerships/no-such-case-study/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page, axe_violations)
