"""What the demo data must keep covering (issue 17), so later edits cannot quietly undo it.

Seeding takes a while, so one test seeds once and checks every count.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from partnerships.models import Organisation, Partnership, PartnershipMember

pytestmark = pytest.mark.django_db

Kind = Organisation.Kind


def published_with(condition: Q) -> set[str]:
    return set(Partnership.objects.published().filter(condition).values_list("slug", flat=True))


def test_demo_data_covers_public_health_teams_regions_themes_and_groups():
    call_command("seed_demo_data", stdout=StringIO())
    published = Partnership.objects.published()
    assert published.count() >= 48

    # Local authority public health teams named as partners, each with its region.
    la_public_health = Q(
        members__organisation__kind=Kind.LA_PUBLIC_HEALTH,
        members__organisation__region__isnull=False,
    )
    assert len(published_with(la_public_health)) >= 8
    assert not Organisation.objects.filter(kind=Kind.LA_PUBLIC_HEALTH, region__isnull=True).exists()

    east = published_with(
        Q(police_force_areas__region__slug="east-of-england")
        & Q(scale__in=[Partnership.Scale.LOCAL, Partnership.Scale.REGIONAL])
    )
    assert len(east) >= 4, east
    for force in ["city-of-london", "hertfordshire", "warwickshire"]:
        assert published_with(Q(police_force_areas__slug=force)), force

    assert len(published_with(Q(themes__slug="aces-trauma"))) >= 5
    for group in [
        "early-years",
        "families-parents-carers",
        "looked-after-children",
        "people-experiencing-homelessness",
    ]:
        assert published_with(Q(population_groups__slug=group)), group
    assert published_with(Q(themes__slug="homelessness-housing"))

    fire_education_vru = published_with(
        Q(members__organisation__kind__in=[Kind.FIRE_RESCUE, Kind.EDUCATION, Kind.VRU])
    )
    assert len(fire_education_vru) >= 3, fire_education_vru

    # Independent evaluators named in the facts take the evaluator role.
    evaluators = {
        ("st-giles-trust-county-lines-kent-and-norfolk", "jh-consulting"),
        ("leeds-managed-approach-holbeck", "university-of-huddersfield"),
    }
    for slug, organisation in evaluators:
        member = PartnershipMember.objects.get(
            partnership__slug=slug, organisation__slug=organisation
        )
        assert member.role == PartnershipMember.Role.EVALUATOR

    # What the facts flag as contested says so.
    for slug in [
        "operation-luscombe-city-of-london",
        "leeds-managed-approach-holbeck",
        "serenity-integrated-mentoring",
        "right-care-right-person-humberside",
    ]:
        assert published.get(slug=slug).contested_note, slug

    # The fact-check found 14 of 33 entries without a police member; the police partners the
    # facts support are now named (12 of 49 remain, mostly national or health-led work).
    with_police = published_with(
        Q(members__organisation__kind__in=[Kind.POLICE_FORCE, Kind.POLICE_OTHER])
    )
    assert published.count() - len(with_police) <= 12
