"""opendata.related.lists: every related list of a chunk of case studies in one query, each in the
order the case study's own page shows it (the models' orderings), on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.related import KINDS, lists
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_list_comes_in_one_query_in_the_page_order():
    region = factories.region()
    p, other, bare = (factories.partnership() for _ in range(3))
    p.themes.add(
        factories.theme(name="B", position=2),
        factories.theme(name="A", position=2),
        factories.theme(name="Z", position=1),
        factories.theme(name="Y", position=9, is_priority=True),
    )
    p.population_groups.add(
        factories.population_group(name="Q", position=2),
        factories.population_group(name="P", position=3),
    )
    p.police_force_areas.add(
        factories.police_force(name="Wessex Police", region=region),
        factories.police_force(name="Avon Police"),
    )
    hidden = factories.organisation(is_confirmed=False, external_id="GB-CHC-1")
    for role, organisation in [
        ("evaluator", factories.organisation()),
        ("partner", hidden),
        ("lead", factories.organisation(region=region)),
        ("funder", factories.organisation()),
        ("partner", factories.organisation()),
    ]:
        factories.member(p, organisation, role=role, description=f"As {role}")
    for position in (3, 1, 1):
        factories.source(p, position=position, kind="evaluation")
    other.themes.add(factories.theme())
    factories.source(other)

    with CaptureQueriesContext(connection) as queries:
        found = lists([p.pk, other.pk, bare.pk])
    assert len(queries) == 1
    assert set(found) == set(KINDS)
    assert [t["name"] for t in found["themes"][p.pk]] == [t.name for t in p.themes.all()]
    assert [t["name"] for t in found["themes"][p.pk]] == ["Y", "Z", "A", "B"]
    assert found["population_groups"][p.pk] == [
        {"slug": g.slug, "name": g.name} for g in p.population_groups.all()
    ]
    areas = found["police_force_areas"][p.pk]
    assert [a["name"] for a in areas] == ["Avon Police", "Wessex Police"]
    assert areas[0]["region"] is None
    assert areas[1]["region"] == {
        "slug": region.slug,
        "name": region.name,
        "ons_code": region.ons_code,
    }
    partners = found["partners"][p.pk]
    members = list(p.members.all())
    assert [m["organisation"]["id"] for m in partners] == [m.organisation_id for m in members]
    assert [m["role"]["code"] for m in partners] == [
        "lead",
        "partner",
        "partner",
        "funder",
        "evaluator",
    ]
    assert partners[0]["organisation"]["region_ons_code"] == region.ons_code
    assert partners[0]["organisation"]["url"].endswith(f"/{members[0].organisation.slug}/")
    unconfirmed = next(m for m in partners if m["organisation"]["id"] == hidden.pk)
    assert unconfirmed["organisation"]["url"] is None
    assert unconfirmed["organisation"]["external_id"] == "GB-CHC-1"
    assert unconfirmed["description"] == "As partner"
    assert [s["url"] for s in found["sources"][p.pk]] == [s.url for s in p.sources.all()]
    assert found["sources"][p.pk][0]["kind"]["code"] == "evaluation"
    assert len(found["themes"][other.pk]) == 1 and len(found["sources"][other.pk]) == 1
    assert all(bare.pk not in found[name] for name in KINDS)


def test_only_the_kinds_asked_for_and_nothing_for_no_ids():
    p = factories.full_partnership()
    assert set(lists([p.pk], ["sources"])) == {"sources"}
    with CaptureQueriesContext(connection) as queries:
        assert lists([]) == {name: {} for name in KINDS}
    assert len(queries) == 0
