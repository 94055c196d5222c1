"""The finder's order, worked out no further than needed: a slice of it for the API and the
feeds, and no ranking at all where only counts are shown."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from partnerships import search
from partnerships.finder import find
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")
TITLES = [
    "Street triage",
    "Checkpoint",
    "Early Action Together",
    "Naloxone",
    "Youth work",
    "Crisis line",
]


@pytest.fixture
def six():
    for n, title in enumerate(TITLES):
        factories.partnership(title=title, start_year=2013 + n % 4)


def test_pages_that_need_only_counts_never_rank_a_search(anonymous, six, monkeypatch):
    """Ranking by relevance is worked out when the order is read: the current-practice page
    (counts only) does not rank; the finder's results do."""
    ranked = []
    real_rank = search.rank
    monkeypatch.setattr(search, "rank", lambda *args: ranked.append(1) or real_rank(*args))
    assert anonymous.get(reverse("practice:page"), {"q": "triage"}).status_code == 200
    assert ranked == []
    assert anonymous.get(LIST, {"q": "triage"}).status_code == 200
    assert ranked == [1]


@pytest.mark.parametrize("sort", ["newest", "title", "started", "relevance"])
def test_a_slice_of_the_order_is_that_slice_of_the_whole_order(six, monkeypatch, sort):
    """The API's pages and the feeds read a slice of the order without working out the rest."""
    monkeypatch.setattr(search, "RANKED_LIMIT", 2)  # relevance: 2 ranked, then the rest
    words = "triage OR checkpoint OR naloxone OR crisis OR youth OR early"
    params = QueryDict(mutable=True)
    params.update({"sort": sort, "q": words} if sort == "relevance" else {"sort": sort})
    finder = find(params)
    whole = finder.ordered_ids()
    assert len(whole) == finder.total == 6
    for start, stop in [(0, 1), (0, 2), (1, 3), (2, 5), (0, 100), (5, 6), (7, 9)]:
        assert finder.ordered_slice(start, stop) == whole[start:stop], (start, stop)
