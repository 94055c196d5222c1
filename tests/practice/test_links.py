"""practice.tables.Links: a row's addresses (`urls`) are exactly the cell-by-cell ones (`url`)."""

import pytest
from django.core.management import call_command
from django.http import QueryDict

from partnerships.finder import find
from practice.tables import Links

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    call_command("loaddata", "regions_and_forces.json", "themes.json", verbosity=0)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "theme=alcohol&q=naloxone+%26+more&start_from=2015",
        "region=london&region=wales&theme=alcohol&theme=mental-health",
    ],
)
def test_a_rows_addresses_are_those_of_its_cells_one_by_one(reference, query):
    links = Links(find(QueryDict(query)).selection)
    values = ["london", "north-east", "a b&c", "ünïcode"]
    row = links.urls("region", values, theme="mental-health")
    assert row == [links.url(theme="mental-health", region=value) for value in values]
    assert links.urls("force", values) == [links.url(force=value) for value in values]
    assert links.urls("region", values, theme=None) == [
        links.url(theme=None, region=value) for value in values
    ]
    if "start_from" in query:  # what is not replaced is kept
        assert "start_from=2015&q=naloxone+%26+more&theme=mental-health&region=" in row[0]
