"""An editor imports case studies from a spreadsheet in a real browser: a file with problems is
reported and changes nothing, a good file becomes drafts; axe-core finds nothing on any page."""

import csv
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from partnerships.models import Partnership
from partnerships.spreadsheet_import.columns import COLUMNS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL, PASSWORD = "eddie.editor@example.org", "an-editors-password-9"


@pytest.fixture
def site(live_server):
    call_command("loaddata", "fixtures/regions_and_forces.json", verbosity=0)
    call_command("loaddata", "fixtures/themes.json", verbosity=0)
    editor = User.objects.create_user(EMAIL, PASSWORD)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    EmailAddress.objects.create(user=editor, email=EMAIL, verified=True, primary=True)
    return live_server.url


def checked(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in COLUMNS])
    for row in rows:
        writer.writerow([row.get(c.name, "") for c in COLUMNS])
    return out.getvalue().encode()


def test_editor_imports_a_spreadsheet(page, site, axe_violations):
    page.goto(site + "/accounts/login/")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)  # signed in before going on
    page.goto(site + "/moderation/")
    page.get_by_role("link", name="Import case studies from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import case studies from a spreadsheet"
    )
    checked(page, axe_violations)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel template (.xlsx)").click()
    assert download.value.suggested_filename == "case-studies-template.xlsx"

    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a CSV or XLSX file")
    checked(page, axe_violations)

    bad = [{"title": "", "summary": "x"}, {"title": "T", "summary": "s", "themes": "Nope"}]
    page.get_by_label("Upload a filled-in template").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": csv_bytes(bad)}]
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("#problems tbody tr")).to_have_count(2)
    expect(page.get_by_text("Nothing has been imported")).to_be_visible()
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    checked(page, axe_violations)
    assert Partnership.objects.count() == 0

    page.get_by_role("link", name="upload it again").click()
    good = [
        {
            "title": "Imported triage",
            "summary": "A summary.",
            "themes": "Mental health and crisis care",
            "lead_partners": "A charity nobody has heard of",
        }
    ]
    page.get_by_label("Upload a filled-in template").set_input_files(
        files=[{"name": "good.csv", "mimeType": "text/csv", "buffer": csv_bytes(good)}]
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("#new-organisations")).to_contain_text("A charity nobody has heard of")
    checked(page, axe_violations)
    page.get_by_role("button", name="Import 1 draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported")
    checked(page, axe_violations)
    draft = Partnership.objects.get()
    assert (draft.title, draft.status, draft.submitted_by.email) == (
        "Imported triage",
        "draft",
        EMAIL,
    )
    page.get_by_role("link", name="Imported triage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Imported triage")
