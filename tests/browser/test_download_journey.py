"""An analyst filters the finder, downloads the CSV of what it shows, and gets one row per case
study the page counted (not one page of them); the JSON and the Atom feed are linked too."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.test_browse_journey import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_a_filtered_csv_from_the_finder(page, live_server, axe_violations, settings):
    settings.PAGE_SIZE = 5  # fewer on a page than the download must hold
    call_command("seed_demo_data", stdout=StringIO())
    page.goto(live_server.url + "/partnerships/")
    panel = page.locator(".moj-filter")
    panel.get_by_label("Mental health and crisis care").check()
    panel.get_by_role("button", name="Apply filters").first.click()
    count = int(page.locator("#result-count").inner_text().split()[0])
    assert count > 5
    links = page.locator("#finder-downloads")
    assert f"Download these {count} case studies" in links.inner_text()
    assert_accessible(page, axe_violations)

    with page.expect_download() as download_info:
        links.locator("#download-csv").click()
    download = download_info.value
    assert download.suggested_filename == "case-studies.csv"
    with open(download.path(), encoding="utf-8", newline="") as downloaded:
        rows = list(csv.DictReader(downloaded))
    assert len(rows) == count
    assert all("mental-health" in row["theme_codes"].split("; ") for row in rows)

    feed = page.request.get(live_server.url + links.locator("#atom-feed").get_attribute("href"))
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    json_url = links.locator("#download-json").get_attribute("href")
    assert "theme=mental-health" in json_url
    records = page.request.get(live_server.url + json_url).json()["case_studies"]
    assert len(records) == count
