"""The conflict-of-interest details in a real browser: revealed only after "Yes" (GOV.UK
conditional radios, by CSS), with and without JavaScript, with axe-core finding nothing in
either state, and an error on the details shown with what was typed kept."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import User
from partnerships.models import Partnership
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL, PASSWORD = "cara.contributor@example.org", "a-contributors-password-7"


@pytest.fixture
def contact_page(live_server) -> tuple[str, Partnership]:
    user = User.objects.create_user(EMAIL, PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    draft = factories.partnership(status=Partnership.Status.DRAFT, submitted_by=user)
    return live_server.url + reverse("contribute:contact", args=[draft.pk]), draft


def checked(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def open_signed_in(page: Page, address: str) -> None:
    page.goto(address)  # the sign-in page, which comes back here
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact and declarations")


def test_contributor_sees_the_details_only_after_yes(page, contact_page, axe_violations):
    address, draft = contact_page
    open_signed_in(page, address)
    details = page.get_by_label("Describe the conflict of interest")
    expect(details).to_be_hidden()
    checked(page, axe_violations)

    page.get_by_role("radio", name="Yes", exact=True).check()
    expect(details).to_be_visible()
    # GOV.UK Frontend's radios script would have put aria-expanded on the radio here.
    checked(page, axe_violations)
    page.get_by_role("radio", name="No", exact=True).check()
    expect(details).to_be_hidden()

    # "Yes" with nothing described: the error is shown, in the open box, and the rest is kept.
    page.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_label("Their role (optional)").fill("Nurse lead")
    page.get_by_label("No, only editors may see them").check()
    page.get_by_label("The case study holds no personal data", exact=False).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Describe the conflict of interest"
    )
    expect(details).to_be_visible()
    expect(page.get_by_label("Their role (optional)")).to_have_value("Nurse lead")
    checked(page, axe_violations)
    page.locator(".govuk-error-summary").get_by_role("link").click()
    expect(details).to_be_focused()

    details.fill("We sell the app the nurses used.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Contact and declarations")
    draft.refresh_from_db()
    assert (draft.conflict_of_interest, draft.conflict_details, draft.contact_role) == (
        "declared",
        "We sell the app the nurses used.",
        "Nurse lead",
    )


def test_without_javascript_the_details_are_revealed_after_yes(browser, contact_page):
    address, _ = contact_page
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    try:
        open_signed_in(page, address)
        details = page.get_by_label("Describe the conflict of interest")
        expect(details).to_be_hidden()
        page.get_by_role("radio", name="Yes", exact=True).check()
        expect(details).to_be_visible()
        # (axe-core cannot run in a page whose scripts are off; the markup is the same as above.)
    finally:
        context.close()
