"""A police force area's page: its case studies through the finder scoped to it, themes covered
and not, partner kinds, the ONS code, a small map and what neighbouring areas have."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Organisation
from tests import factories
from themes.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db):
    call_command("loaddata", "regions_and_forces.json", "themes.json", verbosity=0)
    forces = {f.slug: f for f in Organisation.objects.police_forces()}
    themes = {t.slug: t for t in Theme.objects.all()}
    here = factories.partnership(title="Street triage in Durham")
    here.police_force_areas.add(forces["durham"])
    here.themes.add(themes["mental-health"])
    factories.member(here, factories.organisation(kind="nhs_provider"))
    for _ in range(2):
        there = factories.partnership()
        there.police_force_areas.add(forces["cleveland"])
        there.themes.add(themes["substance-misuse"], themes["mental-health"])
    far = factories.partnership()
    far.police_force_areas.add(forces["devon-and-cornwall"])
    far.themes.add(themes["alcohol"])
    factories.partnership(status="draft").police_force_areas.add(forces["durham"])
    return forces


def url(slug: str) -> str:
    return reverse("practice:area", args=[slug])


def test_the_area_page_shows_what_the_area_has_and_lacks(anonymous, areas):
    response = anonymous.get(url("durham"))
    assert response.status_code == 200
    content = response.content.decode()
    profile = response.context["profile"]
    assert profile.total == 1  # the draft is not counted
    assert [label for label, _, _ in profile.covered] == ["Mental health and crisis care"]
    assert "Drugs and substance misuse" in profile.not_covered
    assert "E23000008" in content  # the ONS area code
    assert "NHS provider trust</a>: 1 case study" in content
    assert "app-map--small" in content
    assert "Source: Office for National Statistics" in content
    neighbours = {force.slug for force, _ in profile.neighbours}
    assert {"cleveland", "northumbria", "north-yorkshire", "cumbria"} == neighbours
    assert "Neighbouring Cleveland has 2 case studies on drugs and substance misuse" in content
    assert "Devon" not in content.split('id="neighbours"')[1].split("Case studies in this area")[0]
    # Each suggestion links to the finder for exactly those case studies.
    suggestion = profile.suggestions[0]
    assert anonymous.get(suggestion.url).context["finder"].total == suggestion.count


def test_the_area_page_has_the_finder_scoped_to_the_area(anonymous, areas):
    response = anonymous.get(url("durham"))
    assert response.context["finder"].total == 1
    assert [p.title for p in response.context["results"]] == ["Street triage in Durham"]
    assert "force" not in {facet.key for facet in response.context["finder"].facets}
    content = response.content.decode()
    assert 'href="/practice/?force=durham"' in content  # "See where this practice is"
    filtered = anonymous.get(url("durham") + "?theme=alcohol")
    assert filtered.context["finder"].total == 0
    assert anonymous.get(url("durham") + "?theme=nope").status_code == 200


def test_the_force_page_links_to_its_area_page(anonymous, areas):
    content = anonymous.get(areas["durham"].get_absolute_url()).content.decode()
    assert f'href="{url("durham")}"' in content


def test_only_confirmed_police_forces_have_an_area_page(anonymous, areas):
    other = factories.organisation(slug="a-charity")
    assert anonymous.get(url(other.slug)).status_code == 404
    assert anonymous.get(url("no-such-force")).status_code == 404
    unconfirmed = factories.police_force(slug="new-force", is_confirmed=False)
    assert anonymous.get(url(unconfirmed.slug)).status_code == 404


def test_a_force_without_an_area_code_has_a_page_without_map_or_neighbours(anonymous, db):
    force = factories.police_force(slug="odd-force", pfa_code="")
    response = anonymous.get(url(force.slug))
    assert response.status_code == 200
    assert "app-map--small" not in response.content.decode()
    assert response.context["profile"].neighbours == []
    assert "No neighbouring areas are recorded." in response.content.decode()


def test_the_practice_page_links_each_area_to_its_page(anonymous, areas):
    rows = anonymous.get("/practice/").context["practice"].tables["force-areas"].rows
    assert {row.url for row in rows} == {url(slug) for slug in areas}


def test_no_practice_link_where_nothing_is_published(anonymous, areas):
    content = anonymous.get(url("cumbria")).content.decode()
    assert "See where this practice is" not in content
    lonely = factories.organisation(slug="lonely")
    assert (
        "See where this practice is"
        not in anonymous.get(lonely.get_absolute_url()).content.decode()
    )
