"""Downloads of a finder view: every match (not one page), in the page's order, as CSV, partners
CSV and JSON; awkward text survives; nothing unpublished, no open revision, no contact data."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from opendata.csvfiles import neutralise, restore
from opendata.dictionary import CASE_STUDY_COLUMNS, LICENCE, PARTNER_COLUMNS
from partnerships.models import Partnership
from tests import factories
from tests.opendata.conftest import (
    assert_only_public,
    body_of,
    csv_rows,
    json_records,
    published_beside_private_things,
)

pytestmark = pytest.mark.django_db

AWKWARD = [
    "Café “quotes”, commas, and 'apostrophes' – ünïcödé 🚓",
    '=HYPERLINK("http://evil.example","click")',
    "+44 20 7946 0000",
    "-2+3",
    "@SUM(A1:A2)",
    "\tstarts with a tab",
    "'already an apostrophe",
    'Line one\nline two, with "quotes"\r\nline three',
]


def test_neutralise_adds_an_apostrophe_that_restore_takes_away():
    for text in [*AWKWARD, "\rcarriage", "plain", ""]:
        cell = neutralise(text)
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert restore(cell) == text


def test_anonymous_downloads_every_match_not_one_page(anonymous, settings):
    settings.PAGE_SIZE = 2
    theme = factories.theme()
    tagged = [factories.full_partnership() for _ in range(5)]
    for p in tagged:
        p.themes.add(theme)
    factories.full_partnership()  # not tagged
    url = reverse("opendata:csv") + f"?theme={theme.slug}&sort=title"
    rows = csv_rows(anonymous.get(url))
    assert [row["slug"] for row in rows] == [p.slug for p in sorted(tagged, key=lambda p: p.title)]


def test_csv_header_is_the_data_dictionary_and_awkward_text_round_trips(anonymous):
    p = factories.full_partnership(title=AWKWARD[0], summary=AWKWARD[1])
    p.problem, p.approach, p.outcomes, p.learning = AWKWARD[2], AWKWARD[3], AWKWARD[4], AWKWARD[5]
    p.contested_note = AWKWARD[7]
    p.save()
    factories.member(p, factories.organisation(name=AWKWARD[6]), description=AWKWARD[7])
    response = anonymous.get(reverse("opendata:csv"))
    text = body_of(response)
    assert text.splitlines()[0].split(",") == [column.name for column in CASE_STUDY_COLUMNS]
    (row,) = csv_rows(anonymous.get(reverse("opendata:csv")))
    assert restore(row["title"]) == AWKWARD[0]
    assert row["summary"] == "'" + AWKWARD[1]  # a formula is never a formula in a spreadsheet
    assert restore(row["summary"]) == AWKWARD[1]
    for field, text in zip(
        ["problem", "approach", "outcomes", "learning"], AWKWARD[2:6], strict=True
    ):
        assert row[field].startswith("'") and restore(row[field]) == text
    assert restore(row["contested_note"]) == AWKWARD[7]
    assert row["licence"] == LICENCE
    assert row["url"].endswith(p.get_absolute_url())
    partners = csv_rows(anonymous.get(reverse("opendata:partners_csv")))
    assert [restore(r["organisation_name"]) for r in partners][-1] == AWKWARD[6]
    assert restore(partners[-1]["description"]) == AWKWARD[7]
    records = json_records(anonymous.get(reverse("opendata:json")))
    assert records[0]["title"] == AWKWARD[0] and records[0]["summary"] == AWKWARD[1]


def test_identifiers_codes_and_labels_are_in_every_format(anonymous):
    region = factories.region(name="Wales", slug="wales", ons_code="W92000004")
    force = factories.police_force(name="Dyfed-Powys Police", pfa_code="W15000004", region=region)
    charity = factories.organisation(name="A charity", external_id="GB-CHC-1234567")
    p = factories.partnership(
        evaluation_type="rct", evaluation_finding="mixed", evidence_rating=4, start_year=2019
    )
    p.police_force_areas.add(force)
    factories.member(p, charity, role="lead")
    factories.member(p, force, role="partner")
    (row,) = csv_rows(anonymous.get(reverse("opendata:csv")))
    assert row["id"] == str(p.pk) and row["slug"] == p.slug
    assert row["police_force_area_codes"] == "W15000004"
    assert row["region_codes"] == "W92000004"
    assert (row["evaluation_type"], row["evaluation_type_label"]) == (
        "rct",
        "Randomised controlled trial",
    )
    assert (row["evidence_rating"], row["evidence_rating_label"]) == ("4", "Level 4")
    assert row["evaluation_finding"] == "mixed"
    assert row["partners"] == "A charity; Dyfed-Powys Police"
    assert row["published_at"] == p.published_at.isoformat()
    partners = csv_rows(anonymous.get(reverse("opendata:partners_csv")))
    assert [r["organisation_external_id"] for r in partners] == ["GB-CHC-1234567", ""]
    assert [r["organisation_kind"] for r in partners] == ["voluntary_community", "police_force"]
    assert [r["role"] for r in partners] == ["lead", "partner"]
    assert partners[1]["organisation_ons_code"] == "W15000004"
    assert list(partners[0]) == [column.name for column, _ in PARTNER_COLUMNS]
    (record,) = json_records(anonymous.get(reverse("opendata:json")))
    assert record["evidence_rating"] == {"code": 4, "label": "Level 4"}
    assert record["police_force_areas"][0]["region"]["ons_code"] == "W92000004"
    assert record["partners"][0]["organisation"]["external_id"] == "GB-CHC-1234567"
    assert record["partners"][0]["role"] == {"code": "lead", "label": "Lead"}


def test_nothing_unpublished_no_open_revision_and_no_contact_data(anonymous, contributor_user):
    live = published_beside_private_things(contributor_user)
    outputs = [
        body_of(anonymous.get(reverse(name)))
        for name in ["opendata:csv", "opendata:partners_csv", "opendata:json"]
    ]
    outputs.append(anonymous.get(reverse("opendata:feed")).content.decode())
    outputs.append(anonymous.get("/api/v1/case-studies").content.decode())
    for text in outputs:
        assert_only_public(text, live)
    assert Partnership.objects.filter(title="Unapproved new title").exists()


def test_downloads_of_a_theme_page_hold_exactly_its_results(anonymous):
    theme = factories.theme()
    mine = factories.full_partnership()
    mine.themes.add(theme)
    factories.full_partnership()
    page = anonymous.get(theme.get_absolute_url())
    csv_link = page.context["finder"].total
    assert csv_link == 1
    html = page.content.decode()
    assert "Download this case study:" in html
    url = reverse("opendata:csv") + f"?within=theme%3A{theme.slug}"
    assert url.replace("&", "&amp;") in html
    assert [row["slug"] for row in csv_rows(anonymous.get(url))] == [mine.slug]


def test_a_scope_that_is_not_a_public_page_is_a_404(anonymous):
    unconfirmed = factories.organisation(is_confirmed=False)
    for within in [
        "theme:no-such-theme",
        f"partner:{unconfirmed.slug}",
        "nonsense",
        "force:",
        "theme:a\x00",
    ]:
        assert anonymous.get(reverse("opendata:csv"), {"within": within}).status_code == 404


def test_finder_shows_the_download_and_feed_links_with_its_parameters(anonymous):
    for _ in range(3):
        factories.full_partnership(evaluation_type="rct")
    page = anonymous.get(reverse("partnerships:list") + "?evaluation=rct&sort=title&page=1")
    html = page.content.decode()
    assert "Download these 3 case studies:" in html
    assert 'href="/data/case-studies.csv?evaluation=rct&amp;sort=title"' in html
    assert 'href="/data/case-studies.json?evaluation=rct&amp;sort=title"' in html
    assert 'href="/data/partners.csv?evaluation=rct&amp;sort=title"' in html
    assert 'href="/feeds/case-studies/?evaluation=rct&amp;sort=title"' in html
    assert "Get updates:" in html


def test_downloads_are_streamed_attachments_and_set_no_cookies(anonymous):
    factories.full_partnership()
    for name, filename in [
        ("opendata:csv", "case-studies.csv"),
        ("opendata:partners_csv", "partners.csv"),
        ("opendata:json", "case-studies.json"),
    ]:
        response = anonymous.get(reverse(name))
        assert response.streaming
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert not response.cookies
        body_of(response)
    head = json.loads(body_of(anonymous.get(reverse("opendata:json"))))
    assert head["licence"] == LICENCE and len(head["case_studies"]) == 1


def test_downloads_are_get_only(anonymous):
    assert anonymous.post(reverse("opendata:csv")).status_code == 405


def test_the_replication_facts_are_in_the_csv_and_json(anonymous):
    p = factories.full_partnership(
        funding="The county council, £10,000 a year",
        cost_band="under_50k",
        staffing="Two nurses",
        prevention_level="secondary",
        referral_route="Police officers on patrol",
        replication_needs="A nurse in the control room",
    )
    row = next(r for r in csv_rows(anonymous.get(reverse("opendata:csv"))) if r["slug"] == p.slug)
    assert row["funding"] == "The county council, £10,000 a year"
    assert row["cost_band"] == "under_50k" and row["prevention_level"] == "secondary"
    assert row["referral_route"] == "Police officers on patrol"
    assert row["replication_needs"] == "A nurse in the control room"
    records = json_records(anonymous.get(reverse("opendata:json")))
    record = next(r for r in records if r["slug"] == p.slug)
    assert record["cost_band"]["code"] == "under_50k" and record["staffing"] == "Two nurses"


def _link(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}" href="([^"]+)"', html)
    assert match, f"no #{element_id}"
    return unescape(match.group(1))


@pytest.mark.parametrize("page", ["theme", "organisation", "force area"])
def test_every_finder_page_offers_its_own_filtered_results_for_download(anonymous, page):
    theme, charity, force = factories.theme(), factories.organisation(), factories.police_force()
    made = []
    for n in range(4):
        p = factories.full_partnership(evaluation_type="rct" if n < 3 else "monitoring")
        p.themes.add(theme)
        factories.member(p, charity)
        p.police_force_areas.add(force)
        made.append(p)
    factories.full_partnership(evaluation_type="rct")  # on no such page
    url = {
        "theme": theme.get_absolute_url(),
        "organisation": charity.get_absolute_url(),
        "force area": reverse("practice:area", args=[force.slug]),
    }[page]
    response = anonymous.get(url, {"evaluation": "rct"})
    assert response.context["finder"].total == 3
    html = response.content.decode()
    assert "Download these 3 case studies:" in html
    expected = sorted(p.slug for p in made[:3])
    csv_link = _link(html, "download-csv")
    assert "within=" in csv_link and "evaluation=rct" in csv_link
    assert sorted(row["slug"] for row in csv_rows(anonymous.get(csv_link))) == expected
    records = json_records(anonymous.get(_link(html, "download-json")))
    assert sorted(r["slug"] for r in records) == expected
    partners = csv_rows(anonymous.get(_link(html, "download-partners")))
    assert {row["case_study_slug"] for row in partners} == set(expected)
    feed = anonymous.get(_link(html, "atom-feed"))
    assert feed.status_code == 200 and feed.content.decode().count("<entry>") == 3
