"""csv-metadata.json (W3C CSV on the Web) describes exactly the CSV files the site writes: the
same columns in the same order, and every cell of a varied set of case studies fits its column's
datatype, allowed values and whether it must be filled in."""

import re
from datetime import datetime

import pytest
from django.urls import reverse

from opendata.csvfiles import restore
from tests import factories
from tests.opendata.conftest import csv_rows

pytestmark = pytest.mark.django_db


def metadata(client) -> dict:
    response = client.get(reverse("opendata:csv_metadata"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/csvm+json"
    return response.json()


def fits(cell: str, column: dict) -> bool:
    datatype = column["datatype"]
    base = datatype["base"] if isinstance(datatype, dict) else datatype
    values = cell.split(column["separator"]) if column.get("separator") and cell else [cell]
    for value in values:
        if value == "":
            return not column["required"]
        if base == "integer":
            number = int(value)
            if isinstance(datatype, dict):
                assert datatype["minimum"] <= number <= datatype["maximum"]
        elif base == "dateTime":
            assert datetime.fromisoformat(value).tzinfo is not None
        elif base == "anyURI":
            assert re.match(r"^https?://", value), value
        if isinstance(datatype, dict) and "format" in datatype:
            assert re.fullmatch(datatype["format"], value), (column["name"], value)
    return True


@pytest.fixture
def varied():
    region = factories.region(ons_code="E12000007")
    force = factories.police_force(region=region, pfa_code="E23000001")
    for rating in range(6):
        p = factories.full_partnership(
            evidence_rating=rating,
            evaluation_finding="" if rating == 0 else "positive",
            start_year=None if rating == 0 else 2010 + rating,
            summary="-starts like a formula" if rating == 1 else "Plain summary",
        )
        p.police_force_areas.add(force)
    factories.partnership()  # nothing linked to it at all


def test_metadata_names_the_columns_of_both_csvs_in_order(anonymous, varied):
    tables = {table["url"].rsplit("/", 1)[1]: table for table in metadata(anonymous)["tables"]}
    assert set(tables) == {"case-studies.csv", "partners.csv"}
    for filename, url_name in [
        ("case-studies.csv", "opendata:csv"),
        ("partners.csv", "opendata:partners_csv"),
    ]:
        rows = csv_rows(anonymous.get(reverse(url_name)))
        columns = tables[filename]["tableSchema"]["columns"]
        assert list(rows[0]) == [column["titles"] for column in columns]
        for row in rows:
            for column in columns:
                assert fits(restore(row[column["titles"]]), column), (column["name"], row)


def test_metadata_is_csvw_with_the_licence_and_keys(anonymous):
    described = metadata(anonymous)
    assert described["@context"][0] == "http://www.w3.org/ns/csvw"
    assert "open-government-licence/version/3" in described["dc:license"]["@id"]
    case_studies, partners = described["tables"]
    assert case_studies["tableSchema"]["primaryKey"] == "id"
    assert partners["tableSchema"]["foreignKeys"][0]["reference"]["columnReference"] == "id"
    assert case_studies["url"].endswith("/data/case-studies.csv")


def test_data_page_shows_the_dictionary_licence_and_links(anonymous):
    response = anonymous.get(reverse("opendata:page"))
    html = response.content.decode()
    assert response.status_code == 200
    for column in metadata(anonymous)["tables"][0]["tableSchema"]["columns"]:
        assert f"<code>{column['name']}</code>" in html
    assert "Open Government Licence v3.0" in html
    assert "OGL-UK-3.0" in html
    for name in ["opendata:csv", "opendata:partners_csv", "opendata:json", "opendata:api_page"]:
        assert f'href="{reverse(name)}"' in html
    assert not response.cookies


def test_api_page_lists_every_operation(anonymous):
    html = anonymous.get(reverse("opendata:api_page")).content.decode()
    for path in ["/api/v1/case-studies", "/api/v1/themes", "/api/v1/organisations"]:
        assert f"GET {path}" in html
    assert 'href="/api/v1/openapi.json"' in html


def test_api_page_explains_every_problem_type_the_api_sends(anonymous):
    from api.problems import TYPES

    html = anonymous.get(reverse("opendata:api_page")).content.decode()
    for name in [*TYPES.values(), "error"]:  # "error": any other status
        assert f'id="problem-{name}"' in html, name
