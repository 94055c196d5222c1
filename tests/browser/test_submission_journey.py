"""The whole journey in a real browser, with axe-core on every page:

sign up -> verify the e-mail (the link from the test mailbox) -> submit a case study with two
partners -> an editor requests changes -> the contributor edits and resubmits -> the editor
publishes -> the case study is in the list, on its theme's and organisations' pages, and (once
the list page has search) found by the list page's `q` parameter.
"""

import re
import warnings
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Seaside crisis triage"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def site(live_server):
    call_command("seed_demo_data", stdout=StringIO())
    editor = User.objects.create_user("eddie.editor@example.org", "an-editors-password-9")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])  # flushed by other tests
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    return live_server.url


def checked(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def heading(page):
    return page.get_by_role("heading", level=1)


def sign_in(page, site, email, password, axe_violations):
    page.goto(site + "/")
    page.get_by_role("link", name="Sign in").click()
    checked(page, axe_violations)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def test_sign_up_submit_review_resubmit_publish(page, site, axe_violations, tmp_path):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    # Sign up, with one mistake first.
    page.goto(site + "/accounts/signup/")
    checked(page, axe_violations)
    page.get_by_label("Full name").fill("Casey Contributor")
    page.get_by_label("Email address").fill("casey@example.org")
    page.get_by_label("Create a password").fill("a-long-unusual-password")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the password again")
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Full name").input_value() == "Casey Contributor"
    checked(page, axe_violations)
    page.get_by_label("Create a password").fill("a-long-unusual-password")
    page.get_by_label("Confirm password").fill("a-long-unusual-password")
    page.get_by_role("button", name="Sign up").click()
    expect(heading(page)).to_have_text("Check your email")
    checked(page, axe_violations)

    # Follow the link in the e-mail.
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(heading(page)).to_have_text("Confirm email address")
    checked(page, axe_violations)
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page)).to_have_text("Your case studies")
    checked(page, axe_violations)

    # Start a case study.
    page.get_by_role("link", name="Submit a new case study").click()
    checked(page, axe_violations)
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="Sections")).to_be_visible()
    checked(page, axe_violations)

    # About, with a missing answer first: the error summary, and what was typed is kept.
    page.get_by_role("link", name="About the partnership").click()
    page.get_by_label("Summary").fill("Nurses and officers answer mental health calls together.")
    save_and_continue(page)
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of the partnership")
    checked(page, axe_violations)
    page.get_by_label("Name of the partnership").fill(TITLE)
    page.get_by_label("Year the work started (optional)").fill("2019")
    save_and_continue(page)

    # Partners: one from the directory, one new.
    page.get_by_role("link", name="Partners", exact=True).click()
    checked(page, axe_violations)
    page.get_by_label("Choose an organisation in the directory").select_option(
        label="Cleveland Police"
    )
    page.get_by_label("Lead").check()
    page.get_by_role("button", name="Add partner").click()
    expect(page.get_by_text("Cleveland Police is added.")).to_be_visible()
    page.get_by_label("Name").fill("Seaside Recovery Cafe")
    page.get_by_label("Kind of organisation").select_option(label="Voluntary and community sector")
    page.locator("#id_role_1").check()
    page.get_by_role("button", name="Add partner").click()
    expect(page.get_by_text("Seaside Recovery Cafe is added.")).to_be_visible()
    checked(page, axe_violations)
    page.get_by_role("button", name="Continue").click()

    # Themes and areas.
    page.get_by_role("link", name="Themes, population groups and police force areas").click()
    checked(page, axe_violations)
    page.get_by_label("Mental health and crisis care").check()
    page.get_by_label("Cleveland Police").check()
    save_and_continue(page)

    # The work.
    page.get_by_role("link", name="What was done and the outcomes").click()
    checked(page, axe_violations)
    page.get_by_label("The problem it addressed").fill("People in crisis were held in cells.")
    page.get_by_label("What was done", exact=True).fill("A nurse rode with officers.")
    page.get_by_label("Outcomes").fill("Fewer detentions under section 136.")
    save_and_continue(page)

    # Evaluation, then sources with an uploaded report.
    page.get_by_role("link", name="Evaluation and sources").click()
    checked(page, axe_violations)
    page.get_by_label("Before-and-after study").check()
    page.get_by_label("Positive").check()
    save_and_continue(page)
    expect(heading(page)).to_have_text("Sources")
    page.get_by_label("Title of the page or document").fill("Evaluation report")
    page.get_by_label("Web address").fill("https://example.org/seaside-evaluation")
    page.get_by_role("button", name="Add link").click()
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)
    page.get_by_label("Upload an evaluation report (optional)").set_input_files(str(report))
    page.get_by_role("button", name="Upload report").click()
    expect(page.get_by_text("The evaluation report is uploaded.")).to_be_visible()
    checked(page, axe_violations)
    page.get_by_role("button", name="Continue").click()

    # Contact and declarations.
    page.get_by_role("link", name="Contact and declarations").click()
    checked(page, axe_violations)
    page.get_by_label("No, only editors may see them").check()
    page.get_by_label(re.compile("holds no personal data")).check()
    page.locator("#id_conflict_of_interest_0").check()
    save_and_continue(page)

    # Check and submit.
    page.get_by_role("link", name="Check your answers").click()
    checked(page, axe_violations)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Editors are reviewing it")).to_be_visible()
    checked(page, axe_violations)
    assert "eddie.editor@example.org" in [m.to[0] for m in mail.outbox]
    sign_out(page)

    # The editor asks for changes.
    sign_in(page, site, "eddie.editor@example.org", "an-editors-password-9", axe_violations)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Moderation").click()
    checked(page, axe_violations)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="How it will look when published")).to_be_visible()
    checked(page, axe_violations)
    page.get_by_label("What needs to change").fill("Please say how many people were helped.")
    page.get_by_role("button", name="Request changes").click()
    checked(page, axe_violations)
    sign_out(page)
    assert "Please say how many people were helped." in mail.outbox[-1].body

    # The contributor changes it and submits again.
    sign_in(page, site, "casey@example.org", "a-long-unusual-password", axe_violations)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Please say how many people were helped.").first).to_be_visible()
    checked(page, axe_violations)
    page.get_by_role("link", name="What was done and the outcomes").click()
    page.get_by_label("Outcomes").fill("About 400 people a year were helped without detention.")
    save_and_continue(page)
    page.get_by_role("link", name="Check your answers").click()
    page.get_by_role("button", name="Submit for review").click()
    sign_out(page)

    # The editor publishes it, confirming the new organisation.
    sign_in(page, site, "eddie.editor@example.org", "an-editors-password-9", axe_violations)
    page.goto(site + "/moderation/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label(re.compile("^Level 2")).check()
    page.get_by_label(re.compile("Confirm the new organisations")).check()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("is published")).to_be_visible()
    checked(page, axe_violations)
    sign_out(page)

    # Everyone can now find it.
    page.context.clear_cookies()
    page.goto(site + "/partnerships/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_text("About 400 people a year")).to_be_visible()
    checked(page, axe_violations)
    page.get_by_role("link", name="Mental health and crisis care").first.click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    for organisation in ["Cleveland Police", "Seaside Recovery Cafe"]:
        page.goto(site + "/organisations/")
        page.get_by_role("link", name=organisation, exact=True).click()
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
        checked(page, axe_violations)

    assert console_errors == []
    search_the_list(page, site)


def search_the_list(page, site):
    """Search step, through the list page's `q` parameter. It runs once search is merged (the
    list page then has a search box); until then the journey says so in a warning."""
    page.goto(site + "/partnerships/?q=seaside")
    if page.locator('main input[name="q"]').count() == 0:
        warnings.warn(
            "The case study list has no search (q) yet: the journey's search step did not run.",
            stacklevel=2,
        )
        return
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Leicestershire mental health triage car")).to_have_count(
        0
    )
