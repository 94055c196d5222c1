"""A case study's tags, partners and sources as plain data (partnerships/case_study_parts.py):
read for the public page, or taken from a model instance for the editors' preview, the same
parts in the same order, and the same page and JSON-LD from either."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opendata.jsonld import case_study_jsonld
from partnerships import facet_index
from partnerships.case_study_parts import parts_of, read_parts
from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db


def many_parts(**fields) -> Partnership:
    """A case study with several of everything, added out of their shown order."""
    p = factories.partnership(**fields)
    for role in ("evaluator", "partner", "lead", "funder", "partner", "lead"):
        factories.member(p, role=role, description=f"Their part as {role}")
    factories.member(p, factories.organisation(is_confirmed=False, external_id="GB-CHC-1"))
    for position in (3, 1, 2, 1):
        factories.source(p, position=position, kind="news")
    p.themes.add(
        factories.theme(name="Zebra crossings (test)", position=5),
        factories.theme(name="Alcohol (test)", position=5),
        factories.theme(name="Mental health (test)", is_priority=True, position=9),
        factories.theme(name="Early (test)", position=1),
    )
    p.population_groups.add(
        factories.population_group(name="Young people (test)", position=2),
        factories.population_group(name="Adults (test)", position=2),
        factories.population_group(name="Older people (test)", position=1),
    )
    p.police_force_areas.add(
        factories.police_force(name="West Yorkshire (test) Police"),
        factories.police_force(name="Avon and Somerset (test) Constabulary"),
    )
    return p


def test_read_parts_are_what_the_model_instance_gives_in_its_order():
    p = many_parts()
    expected = parts_of(Partnership.objects.for_detail().get(pk=p.pk))
    index = facet_index.get_index()
    assert read_parts(p.pk, index) == expected  # themes and groups from the index
    assert read_parts(p.pk) == expected  # all from the database
    assert [m.role for m in expected.members] == ["lead"] * 2 + ["partner"] * 3 + [
        "funder",
        "evaluator",
    ]
    assert [t.name for t in expected.themes][:2] == ["Mental health (test)", "Early (test)"]
    assert [g.name for g in expected.population_groups] == [
        "Older people (test)",
        "Adults (test)",
        "Young people (test)",
    ]
    assert [f.name for f in expected.police_force_areas][
        0
    ] == "Avon and Somerset (test) Constabulary"


def test_read_parts_of_a_case_study_the_index_does_not_hold_come_from_the_database():
    draft = many_parts(status=Partnership.Status.DRAFT)
    index = facet_index.get_index()
    assert draft.pk not in index.position
    assert read_parts(draft.pk, index) == parts_of(
        Partnership.objects.for_detail().get(pk=draft.pk)
    )


def test_read_parts_take_three_queries_with_the_index_and_without():
    p = many_parts()
    index = facet_index.get_index()
    for given in (index, None):
        with CaptureQueriesContext(connection) as queries:
            read_parts(p.pk, given)
        assert len(queries) == 3


def test_json_ld_from_read_parts_is_the_same_as_from_the_instance():
    p = many_parts()
    instance = Partnership.objects.for_detail().get(pk=p.pk)
    assert case_study_jsonld(instance, read_parts(p.pk)) == case_study_jsonld(instance)


def test_the_public_page_shows_every_part_in_order(anonymous):
    p = many_parts()
    html = anonymous.get(p.get_absolute_url()).content.decode()
    leads = html.index("Their part as lead")
    assert leads < html.index("Their part as partner") < html.index("Their part as funder")
    assert html.index("Their part as funder") < html.index("Their part as evaluator")
    assert html.index("Older people (test); Adults (test); Young people (test)") > 0
    assert html.count('<span class="govuk-body-s">(news)</span>') == 4


def test_an_editor_previews_a_submission_with_its_partners_and_sources(editor, contributor_user):
    draft = factories.complete_draft(submitted_by=contributor_user)
    draft.submit(by=contributor_user)
    organisation = draft.members.select_related("organisation").first().organisation
    source = draft.sources.get()
    draft.police_force_areas.add(factories.police_force(name="Dyfed-Powys (test) Police"))
    html = editor.get(reverse("moderation:review", args=[draft.pk])).content.decode()
    preview = html[html.index("How it will look when published") :]
    assert organisation.name in preview
    assert f'href="{source.url}"' in preview and source.title in preview
    assert "Dyfed-Powys (test) Police" in preview
    assert draft.themes.get().name in preview
