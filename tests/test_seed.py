"""Demo data: reference data and published case studies load cleanly, into an empty DB only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from partnerships.models import Organisation, Partnership, PartnershipMember
from themes.models import PopulationGroup, Theme

pytestmark = pytest.mark.django_db

PRIORITY = ["mental-health", "substance-misuse", "aces-trauma", "early-intervention"]


@pytest.fixture
def seeded(db):
    call_command("seed_demo_data", stdout=StringIO())


def test_reference_data_is_complete(seeded):
    forces = Organisation.objects.filter(kind="police_force")
    assert forces.count() == 43
    assert forces.exclude(pfa_code="").count() == 43
    assert forces.filter(region__isnull=True).count() == 0
    assert Organisation.objects.get(slug="british-transport-police").kind == "police_other"
    durham = Organisation.objects.get(slug="durham")
    assert (durham.pfa_code, durham.region.name) == ("E23000008", "North East")
    assert Theme.objects.count() >= 15
    assert list(Theme.objects.filter(is_priority=True).values_list("slug", flat=True)) == PRIORITY
    assert Theme.objects.filter(description="").count() == 0
    assert PopulationGroup.objects.count() == 25


def test_at_least_30_published_case_studies(seeded):
    assert Partnership.objects.published().count() >= 30


def test_every_case_study_has_a_source_a_theme_and_exactly_one_lead(seeded):
    case_studies = Partnership.objects.published().annotate(
        leads=Count("members", filter=Q(members__role=PartnershipMember.Role.LEAD), distinct=True),
        source_count=Count("sources", distinct=True),
        theme_count=Count("themes", distinct=True),
    )
    for p in case_studies:
        assert p.leads == 1, p.title
        assert p.source_count >= 1, p.title
        assert p.theme_count >= 1, p.title
        assert all(s.url.startswith(("https://", "http://")) for s in p.sources.all()), p.title
        assert len(p.summary) <= 300, p.title
        assert not p.contact_name and not p.contact_email, p.title


def test_every_priority_theme_has_at_least_five_case_studies(seeded):
    for slug in PRIORITY:
        assert Partnership.objects.published().filter(themes__slug=slug).count() >= 5, slug


def test_at_least_15_police_forces_take_part(seeded):
    forces = Organisation.objects.filter(kind="police_force").filter(
        Q(memberships__partnership__status="published")
        | Q(partnerships_in_area__status="published")
    )
    assert forces.distinct().count() >= 15


def test_contested_programmes_say_so(seeded):
    contested = Partnership.objects.published().exclude(contested_note="")
    assert contested.count() >= 3
    titles = " ".join(contested.values_list("title", flat=True)).lower()
    assert "serenity" in titles and "right care" in titles


def test_seeding_twice_changes_nothing_and_keeps_editors_changes(seeded):
    p = Partnership.objects.published().first()
    p.title = "Edited by an editor"
    p.save(update_fields=["title"])
    before = Partnership.objects.count()
    out = StringIO()
    call_command("seed_demo_data", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert Partnership.objects.count() == before
    p.refresh_from_db()
    assert p.title == "Edited by an editor"


def test_fixtures_reload_by_natural_key_without_duplicates(seeded):
    counts = (
        Partnership.objects.count(),
        Organisation.objects.count(),
        Theme.objects.count(),
        PartnershipMember.objects.count(),
    )
    call_command(
        "loaddata",
        "regions_and_forces.json",
        "themes.json",
        "demo_partnerships_a.json",
        "demo_partnerships_b.json",
        "demo_partnerships_c.json",
        stdout=StringIO(),
    )
    assert counts == (
        Partnership.objects.count(),
        Organisation.objects.count(),
        Theme.objects.count(),
        PartnershipMember.objects.count(),
    )


def test_demo_evidence_resources_are_loaded_and_linked_to_themes(seeded):
    from evidence.models import EvidenceResource

    resources = EvidenceResource.objects.all()
    assert resources.count() >= 10
    assert all(r.publisher and r.date_read for r in resources)
    assert resources.filter(themes__isnull=False).exists()
