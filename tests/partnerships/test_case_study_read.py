"""partnerships/case_study_read.py gives a case study's page what for_detail() gave, in two
queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.related import _role_rank
from partnerships import case_study_read
from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db

# What the page reads of each related row.
FIELDS = {
    "themes": ("pk", "name", "slug", "is_priority", "position"),
    "population_groups": ("pk", "name", "slug", "position"),
    "police_force_areas": ("pk", "name", "slug", "pfa_code", "kind", "external_id"),
    "sources": ("pk", "title", "url", "kind", "position", "partnership_id"),
}
ORGANISATION = ("pk", "name", "slug", "is_confirmed", "kind", "external_id", "pfa_code")


def described(p) -> dict:
    lists = {
        name: [tuple(getattr(item, f) for f in fields) for item in getattr(p, name).all()]
        for name, fields in FIELDS.items()
    }
    lists["members"] = [
        (m.pk, m.role, m.description, *(getattr(m.organisation, f) for f in ORGANISATION))
        for m in p.members.all()
    ]
    return lists


@pytest.fixture
def case_study():
    p = factories.full_partnership()
    p.themes.add(
        factories.theme(name="B", is_priority=False, position=1),
        factories.theme(name="A", is_priority=False, position=1),
        factories.theme(name="Z", is_priority=True, position=5),
    )
    p.population_groups.add(
        factories.population_group(name="Y", position=2),
        factories.population_group(name="X", position=2),
        factories.population_group(name="W", position=1),
    )
    p.police_force_areas.add(
        factories.police_force(name="Avon"), factories.police_force(name="Kent")
    )
    for role in ["evaluator", "funder", "partner", "lead", "partner"]:
        factories.member(
            p, factories.organisation(is_confirmed=role != "funder"), role=role, description=role
        )
    factories.source(p, position=3)
    factories.source(p, position=0, kind="evaluation")
    return p


def test_the_same_lists_in_the_same_orders_as_for_detail(case_study):
    expected = described(Partnership.objects.published().for_detail().get(pk=case_study.pk))
    with CaptureQueriesContext(connection) as captured:
        found = case_study_read.published_for_page(case_study.slug)
        got = described(found)
    assert len(captured) == 2
    assert got == expected
    assert found == case_study and found.title == case_study.title


def test_a_case_study_with_no_lists_has_empty_ones():
    p = factories.partnership()
    found = case_study_read.published_for_page(p.slug)
    assert described(found) == {name: [] for name in [*FIELDS, "members"]}


def test_an_unpublished_or_missing_case_study_is_none():
    draft = factories.partnership(status="draft", published_at=None)
    assert case_study_read.published_for_page(draft.slug) is None
    assert case_study_read.published_for_page("no-such-case-study") is None


def test_partners_are_ranked_as_partnership_members_meta_orders_them():
    assert case_study_read._ROLE_RANK == _role_rank()
