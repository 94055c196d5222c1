"""For a set of finder URLs, the CSV, the partners CSV, the JSON, the API and the Atom feed hold
exactly the finder's results: the same case studies, in the page's order."""

from datetime import timedelta
from urllib.parse import urlencode

import feedparser
import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from opendata.feeds import FEED_LIMIT
from partnerships.finder import find
from tests import factories
from tests.opendata.conftest import csv_rows, json_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    """Fourteen case studies that differ in theme, force area, partners and their kinds,
    evaluation, year and words, published a day apart."""
    themes = [factories.theme(slug="mental-health"), factories.theme(slug="alcohol")]
    forces = [factories.police_force(slug="kent"), factories.police_force(slug="gwent")]
    partner = factories.organisation(slug="a-charity")
    now = timezone.now()
    words = ["street triage nurses", "alcohol treatment", "youth diversion", "triage in custody"]
    for n in range(14):
        p = factories.partnership(
            title=f"{words[n % 4].capitalize()} {n:02d}",
            summary=f"A partnership about {words[n % 4]}.",
            evaluation_type=["rct", "monitoring", "not_evaluated"][n % 3],
            start_year=2010 + n,
            published_at=now - timedelta(days=n),
        )
        p.themes.add(themes[n % 2])
        p.police_force_areas.add(forces[n % 3 == 0])
        if n % 4 == 0:
            factories.member(p, partner, role="lead")
        factories.member(p)
        if n % 3 == 1:
            factories.member(p, factories.organisation(kind="la_public_health"))
    factories.partnership(status="draft", title="Street triage draft")
    return {"themes": themes, "forces": forces, "partner": partner}


FINDER_URLS = [
    ("", None),
    ("theme=mental-health", None),
    ("theme=mental-health&theme=alcohol&sort=title", None),
    ("force=kent&sort=started", None),
    ("evaluation=rct&evaluation=monitoring&start_from=2014", None),
    ("q=triage", None),
    ("q=triage&sort=title", None),
    ("q=-alcohol", None),
    ("partner=a-charity", None),
    ("theme=nonsense&start_from=soon", None),  # dropped with notices, as the page does
    ("evaluation=rct", ("theme", "alcohol")),
    ("sort=title", ("partner", "a-charity")),
    ("", ("force", "gwent")),
    # Case studies with both kinds of partner (all of them, not any), as /practice/ links to.
    ("partner_kind_all=voluntary_community&partner_kind_all=la_public_health&sort=title", None),
]


def slugs(rows) -> list[str]:
    return [row["slug"] for row in rows]


@pytest.mark.parametrize(("query", "scope"), FINDER_URLS)
def test_every_output_holds_exactly_the_finders_results(
    anonymous, api_get, directory, query, scope
):
    finder = find(QueryDict(query), scope=scope)
    expected_ids = finder.ordered_ids()
    params = QueryDict(query, mutable=True)
    if scope:
        params["within"] = f"{scope[0]}:{scope[1]}"
    suffix = "?" + params.urlencode()

    csv_ids = [int(row["id"]) for row in csv_rows(anonymous.get(reverse("opendata:csv") + suffix))]
    assert csv_ids == expected_ids
    json_ids = [r["id"] for r in json_records(anonymous.get(reverse("opendata:json") + suffix))]
    assert json_ids == expected_ids
    partner_rows = csv_rows(anonymous.get(reverse("opendata:partners_csv") + suffix))
    assert list(dict.fromkeys(int(row["case_study_id"]) for row in partner_rows)) == [
        pk for pk in expected_ids if pk in {int(r["case_study_id"]) for r in partner_rows}
    ]
    assert {int(r["case_study_id"]) for r in partner_rows} == set(expected_ids)

    feed = feedparser.parse(anonymous.get(reverse("opendata:feed") + suffix).content)
    assert not feed.bozo
    by_slug = {
        row["slug"]: int(row["id"]) for row in csv_rows(anonymous.get(reverse("opendata:csv")))
    }
    feed_ids = [by_slug[entry.link.rstrip("/").rsplit("/", 1)[1]] for entry in feed.entries]
    assert feed_ids == expected_ids[:FEED_LIMIT]

    # The API takes the finder's parameters; a page's scope is the same facet as a filter.
    api_params = QueryDict(query, mutable=True)
    if scope:
        api_params.appendlist(scope[0], scope[1])
    if "nonsense" not in query:
        api_params["page_size"] = "100"
        body = api_get("/api/v1/case-studies?" + api_params.urlencode()).json()
        assert [r["id"] for r in body["results"]] == expected_ids
        assert body["total"] == finder.total == len(expected_ids)


@pytest.mark.parametrize(("query", "scope"), FINDER_URLS[:6])
def test_the_page_shows_the_same_count_and_links_to_these_outputs(
    anonymous, directory, query, scope
):
    page = anonymous.get(reverse("partnerships:list") + "?" + query)
    total = page.context["finder"].total
    assert total == len(find(QueryDict(query)).ordered_ids())
    html = page.content.decode()
    if total:
        assert f"Download these {total} case studies:" in html
    expected = reverse("opendata:csv") + (
        "?" + urlencode(page.context["finder"].selection.params()) if query else ""
    )
    assert f'href="{expected.replace("&", "&amp;")}"' in html


def test_a_json_download_record_is_the_api_record_and_the_csv_row(anonymous, api_get, directory):
    from opendata.csvfiles import neutralise
    from opendata.records import case_study_cells

    records = json_records(anonymous.get(reverse("opendata:json")))
    rows = csv_rows(anonymous.get(reverse("opendata:csv")))
    for record, row in zip(records, rows, strict=True):
        assert api_get(f"/api/v1/case-studies/{record['slug']}").json() == record
        assert list(row.values()) == [neutralise(cell) for cell in case_study_cells(record)]
