"""Helpers for the open-data tests: reading the downloads back, and an API client that checks
every answer against the OpenAPI document."""

import csv
import io
import json

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from api.problems import PROBLEM_TYPE
from partnerships.models import Partnership
from tests import factories


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(body_of(response), newline="")))


def json_records(response) -> list[dict]:
    assert response.status_code == 200
    return json.loads(body_of(response))["case_studies"]


@pytest.fixture(scope="session")
def openapi():
    from api.api import api

    config = Config(extra_media_type_deserializers={PROBLEM_TYPE: json.loads})
    return OpenAPI.from_dict(api.get_openapi_schema(), config=config)


@pytest.fixture
def api_get(client, openapi):
    """GET an /api/ address; every answer is JSON (problem details for errors), never a 500, and
    matches the OpenAPI document for its operation."""

    def get(path, data=None, **extra):
        response = client.get(path, data, **extra)
        assert response.status_code < 500, response.content
        media_type = response["Content-Type"].split(";")[0]
        assert media_type in ("application/json", PROBLEM_TYPE), response.content
        assert response["Access-Control-Allow-Origin"] == "*"
        json.loads(response.content)
        if response.wsgi_request.path.endswith("/openapi.json"):
            pass  # the document itself
        elif response.wsgi_request.resolver_match is not None:
            openapi.validate_response(
                DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
            )
        else:  # no such address, or one too long to answer (the 414 problem)
            assert response.status_code in (404, 414)
        return response

    return get


def published_beside_private_things(contributor_user) -> Partnership:
    """One published case study with a consented contact and an open revision, beside a draft and
    a case study in every other status: what no open data may show but the published one."""
    live = factories.complete_draft(
        submitted_by=contributor_user,
        status="published",
        slug="live",
        published_at=factories.timezone.now(),
        contact_name="Connie Contact",
        contact_email="connie@example.org",
        contact_role="Inspector Secret",
        contact_consent=True,
    )
    revision = live.start_revision(by=contributor_user)
    revision.title = "Unapproved new title"
    revision.save()
    factories.complete_draft(submitted_by=contributor_user, title="A private draft")
    for status in Partnership.Status.values:
        if status != Partnership.Status.PUBLISHED:
            factories.partnership(status=status, title=f"Not public {status}")
    return live


def assert_only_public(text: str, live: Partnership) -> None:
    """`text` shows `live` and nothing of what published_beside_private_things keeps private."""
    assert live.slug in text
    for secret in ["Connie", "connie@example.org", "Inspector Secret", "Unapproved", "draft"]:
        assert secret not in text
    assert "Not public" not in text
