"""The read-only API: every answer matches the OpenAPI document (the api_get fixture checks it),
bad parameters are 400 problem details naming them, never HTML and never a 500, GET only, CORS,
and a per-address rate limit."""

from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import pytest
import time_machine

from api.case_studies import CaseStudyFilters, finder_keys
from api.problems import PROBLEM_TYPE
from tests import factories

pytestmark = pytest.mark.django_db
LIST = "/api/v1/case-studies"


def relative(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def invalid_names(response) -> list[str]:
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_TYPE
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request"
    return [item["name"] for item in body["invalid_params"]]


def test_the_openapi_document_is_3_1_and_declares_every_finder_parameter(api_get):
    schema = api_get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    parameters = {p["name"] for p in schema["paths"][LIST]["get"]["parameters"]}
    assert parameters == finder_keys() | {"page", "page_size"}
    assert set(CaseStudyFilters.model_fields) == parameters
    assert set(schema["paths"]) == {
        LIST,
        LIST + "/{slug}",
        "/api/v1/themes",
        "/api/v1/force-areas",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
    }
    for operations in schema["paths"].values():
        assert set(operations) == {"get"}
        assert "application/problem+json" in operations["get"]["responses"]["400"]["content"]


def test_anonymous_lists_case_studies_a_page_at_a_time_with_links(api_get):
    theme = factories.theme()
    made = [factories.full_partnership() for _ in range(5)]
    for p in made:
        p.themes.add(theme)
    first = api_get(LIST, {"theme": theme.slug, "sort": "title", "page_size": 2}).json()
    assert first["total"] == 5 and first["pages"] == 3 and first["previous"] is None
    titles = sorted(p.title for p in made)
    assert [r["title"] for r in first["results"]] == titles[:2]
    assert "page=2" in first["next"] and f"theme={theme.slug}" in first["next"]
    second = api_get(relative(first["next"])).json()
    assert second["page"] == 2 and "page=1" in second["previous"]
    assert [r["title"] for r in second["results"]] == titles[2:4]
    last = api_get(relative(second["next"])).json()
    assert [r["title"] for r in last["results"]] == titles[4:] and last["next"] is None


def test_one_case_study_by_slug_and_a_missing_one_is_a_404_problem(api_get, draft):
    p = factories.full_partnership()
    body = api_get(f"{LIST}/{p.slug}").json()
    assert body["id"] == p.pk and body["licence"] == "OGL-UK-3.0"
    assert "contact_name" not in body and "contact_email" not in body
    for slug in ["no-such-case-study", draft.slug]:
        missing = api_get(f"{LIST}/{slug}")
        assert missing.status_code == 404 and missing.json()["status"] == 404


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"theme": "no-such-theme"}, ["theme"]),
        ({"start_from": "last year"}, ["start_from"]),
        ({"start_from": "2020", "start_to": "2010"}, ["start_from", "start_to"]),
        ({"sort": "best"}, ["sort"]),
        ({"sort": "relevance"}, ["sort"]),
        ({"work_state": ["ongoing", "ended"]}, ["work_state"]),
        ({"rating_min": "9"}, ["rating_min"]),
        ({"partner_kind_all": ["police_force", "martians"]}, ["partner_kind_all"]),
        ({"colour": "blue"}, ["colour"]),
        ({"q": ["one", "two"]}, ["q"]),
        ({"page": "two"}, ["page"]),
        ({"page": "0"}, ["page"]),
        ({"page": "99"}, ["page"]),
        ({"page_size": "1000"}, ["page_size"]),
        ({"theme": "a\x00b"}, ["theme"]),
    ],
)
def test_bad_parameters_are_400_problem_details_naming_them(api_get, params, names):
    factories.full_partnership()
    assert sorted(set(invalid_names(api_get(LIST, params)))) == sorted(names)


def test_a_nul_character_is_a_400_or_404_problem_on_both_databases(api_get):
    organisations = "/api/v1/organisations"
    assert invalid_names(api_get(organisations, {"region": "a\x00b"})) == ["region"]
    assert invalid_names(api_get(organisations, {"kind": "\x00"})) == ["kind"]
    for path in [f"{LIST}/a%00b", f"{organisations}/a%00b"]:
        assert api_get(path).status_code == 404


def test_a_search_with_many_ranked_results_is_not_an_error(api_get, settings):
    for _ in range(3):
        factories.full_partnership(title="Street triage")
    body = api_get(LIST, {"q": "triage", "sort": "relevance"}).json()
    assert body["total"] == 3


def test_organisations_themes_and_force_areas(api_get):
    region = factories.region(ons_code="E12000001")
    force = factories.police_force(pfa_code="E23000010", region=region)
    charity = factories.organisation(external_id="GB-CHC-7654321")
    hidden = factories.organisation(is_confirmed=False)
    p = factories.full_partnership()
    p.police_force_areas.add(force)
    factories.member(p, charity)
    factories.member(p, hidden)
    organisations = api_get("/api/v1/organisations", {"page_size": 100}).json()
    slugs = {o["slug"]: o for o in organisations["results"]}
    assert hidden.slug not in slugs
    assert slugs[charity.slug]["external_id"] == "GB-CHC-7654321"
    assert slugs[charity.slug]["case_studies"] == 1
    one = api_get(f"/api/v1/organisations/{force.slug}").json()
    assert one["ons_code"] == "E23000010" and one["region"]["ons_code"] == "E12000001"
    assert api_get(f"/api/v1/organisations/{hidden.slug}").status_code == 404
    forces = {f["slug"]: f for f in api_get("/api/v1/force-areas").json()}
    assert forces[force.slug]["case_studies"] == 1
    themes = api_get("/api/v1/themes").json()
    assert {t["slug"] for t in themes} >= {t.slug for t in p.themes.all()}
    assert invalid_names(api_get("/api/v1/organisations", {"kind": "wizard"})) == ["kind"]
    assert invalid_names(api_get("/api/v1/organisations", {"region": "atlantis"})) == ["region"]
    assert invalid_names(api_get("/api/v1/themes", {"x": "1"})) == ["x"]


def test_unknown_api_addresses_are_404_problem_details_not_html(api_get):
    response = api_get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.json()["status"] == 404
    assert api_get("/api/v2/").status_code == 404


def test_the_api_is_get_only_and_allows_cors_without_credentials(client):
    for method in ["post", "put", "patch", "delete"]:
        response = getattr(client, method)(LIST)
        assert response.status_code == 405
        assert response["Content-Type"] == PROBLEM_TYPE
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    head = client.head(LIST)
    assert head.status_code == 200 and head["Content-Type"].startswith("application/json")
    preflight = client.options(LIST, headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight
    response = client.get(LIST, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies


def test_too_many_requests_from_one_address_get_a_429_problem(api_get, settings):
    settings.API_RATE_LIMIT = 3
    # The limit counts in one-minute windows: the clock stands still, so none starts mid-test.
    with time_machine.travel(datetime(2026, 3, 2, 9, 30, 15, tzinfo=UTC), tick=False) as clock:
        for _ in range(3):
            assert api_get("/api/v1/themes").status_code == 200
        response = api_get("/api/v1/themes")
        assert response.status_code == 429
        # Retry-After: the seconds until the next minute
        assert response["Content-Type"] == PROBLEM_TYPE and int(response["Retry-After"]) == 45
        # another address is counted on its own
        assert api_get("/api/v1/themes", REMOTE_ADDR="192.0.2.9").status_code == 200
        clock.shift(60)  # the next minute: the first address may ask again
        assert api_get("/api/v1/themes").status_code == 200


NASTY = [
    "",
    " ",
    "\x00",
    "'; DROP TABLE partnerships_partnership; --",
    '"unclosed',
    "NEAR(a b)",
    "a" * 5000,
    "-only -negative",
    "*",
    "OR",
    "🚓" * 50,
    "%00",
    "<script>alert(1)</script>",
    "9" * 40,
    "-1",
    "1e9",
]


def test_no_parameter_makes_a_500_or_html(api_get, settings):
    # More requests than the per-address limit: every one of them must reach the view.
    settings.API_RATE_LIMIT = 1_000
    factories.full_partnership()
    for key in ["q", "theme", "sort", "start_from", "page", "page_size", "partner", "rating_min"]:
        for value in NASTY:
            assert api_get(LIST, {key: value}).status_code != 429
    for value in NASTY:
        api_get("/api/v1/organisations", {"kind": value, "page": value})
        api_get("/api/v1/organisations", {"region": value})
        if "/" not in value:
            for path in [LIST, "/api/v1/organisations"]:
                api_get(f"{path}/{quote(value)}")
