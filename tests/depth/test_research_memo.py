"""What the research says on a case study's page, from evidence resources read once per change
(evidence/research.py): the same resources, order and `is_direct` as
EvidenceResource.objects.for_partnership(), and read again when the key moves."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence import research
from evidence.models import EvidenceResource
from tests import factories

pytestmark = pytest.mark.django_db


def resource(n: int, publisher: str = "NICE", **fields) -> EvidenceResource:
    return EvidenceResource.objects.create(
        name=f"Guidance {n:02d}",
        publisher=publisher,
        url=f"https://example.org/research-{n}",
        covers="What it covers.",
        rating=fields.pop("rating", ""),
        date_read=datetime.date(2026, 11, n),
        **fields,
    )


def answer(items) -> list[tuple]:
    return [
        (r.name, r.publisher, r.url, r.covers, r.rating, r.date_read, r.page_date, r.is_direct)
        for r in items
    ]


def test_research_for_is_what_for_partnership_gives():
    p = factories.full_partnership()
    theme, other_theme = p.themes.all()
    unrelated = factories.theme()
    for n in range(1, 15):
        r = resource(n, publisher=("Youth Endowment Fund", "College of Policing", "NICE")[n % 3])
        if n % 4 == 0:
            r.partnerships.add(p)
        if n % 2:
            r.themes.add(theme if n % 3 else other_theme)
        if n == 5:
            r.themes.add(theme, other_theme)  # linked twice, listed once
        if n == 6:
            r.themes.add(unrelated)
    expected = EvidenceResource.objects.for_partnership(p)
    found = research.research_for(p.pk, [theme.slug, other_theme.slug], key="one")
    assert answer(found) == answer(expected)
    assert len(found) == 8 and found[0].is_direct and not found[-1].is_direct


def test_a_case_study_with_no_linked_research_gets_none():
    p = factories.full_partnership()
    resource(1).themes.add(factories.theme())
    assert research.research_for(p.pk, [t.slug for t in p.themes.all()], key="one") == []


def test_the_resources_are_read_once_for_a_key_and_again_for_another():
    p = factories.full_partnership()
    slugs = [t.slug for t in p.themes.all()]
    with CaptureQueriesContext(connection) as first:
        assert research.research_for(p.pk, slugs, key="one") == []
    assert len(first) == 3
    resource(1).partnerships.add(p)
    with CaptureQueriesContext(connection) as again:
        assert research.research_for(p.pk, slugs, key="one") == []  # remembered for "one"
    assert len(again) == 0
    assert [r.name for r in research.research_for(p.pk, slugs, key="two")] == ["Guidance 01"]
