"""A search's answers are remembered while nothing published changes: the next page, another
sort or a filter added does not ask the search index again; a publish is found at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")


def search_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, params).status_code == 200
    return sum("partnerships_search" in q["sql"] for q in captured.captured_queries)


def test_the_next_page_of_a_search_asks_the_search_index_only_for_its_passages(anonymous, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        factories.partnership(title=f"Street triage scheme {n}", summary="Triage in a car.")
    first = search_queries(anonymous, {"q": "triage"})
    assert first >= 3  # the matches, their ranking and the highlighted passages
    assert search_queries(anonymous, {"q": "triage"}) == 0  # the same page: all remembered
    assert search_queries(anonymous, {"q": "triage", "page": 2}) == 1  # its own passages


def test_a_case_study_published_after_a_search_is_found_by_the_same_search(anonymous):
    factories.partnership(title="Street triage in Cleveland")
    before = anonymous.get(LIST, {"q": "naloxone"}).context["finder"].total
    factories.partnership(title="Naloxone kits for people leaving custody")
    after = anonymous.get(LIST, {"q": "naloxone"}).context["finder"].total
    assert (before, after) == (0, 1)
