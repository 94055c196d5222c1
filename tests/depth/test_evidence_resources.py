"""Evidence resources: editors' list of what toolkits say, shown as "What the research says"."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from evidence.models import EvidenceResource
from tests import factories

pytestmark = pytest.mark.django_db


def resource(**fields) -> EvidenceResource:
    defaults = {
        "name": "A and E navigators",
        "publisher": "Youth Endowment Fund Toolkit",
        "url": "https://youthendowmentfund.org.uk/toolkit/ae-navigators/",
        "covers": "Case workers in emergency departments.",
        "rating": "Impact on violent crime: HIGH",
        "date_read": datetime.date(2026, 12, 1),
    }
    return EvidenceResource.objects.create(**{**defaults, **fields})


def test_case_study_page_names_publisher_rating_and_date_read(anonymous):
    p = factories.full_partnership()
    theme = p.themes.first()
    direct = resource()
    direct.partnerships.add(p)
    by_theme = resource(name="NG66", publisher="NICE", url="https://nice.org.uk/ng66", rating="")
    by_theme.themes.add(theme)
    elsewhere = resource(name="Other", url="https://example.org/other")
    elsewhere.themes.add(factories.theme())
    html = anonymous.get(p.get_absolute_url()).content.decode()
    assert "What the research says" in html
    assert "This approach is related to: " in html
    assert (
        "Youth Endowment Fund Toolkit’s rating: <strong>Impact on violent crime: HIGH</strong>"
        in html
    )
    assert "NICE gives no rating." in html
    assert "1 December 2026" in html
    assert "not this directory’s evidence rating" in html
    assert "Other" not in html.split("What the research says")[1].split("</section>")[0]
    assert html.index("A and E navigators") < html.index("NG66")  # linked directly first


def test_theme_page_shows_its_resources(anonymous):
    theme = factories.theme()
    resource().themes.add(theme)
    html = anonymous.get(theme.get_absolute_url()).content.decode()
    assert "What the research says" in html and "A and E navigators" in html


def test_no_section_without_resources(anonymous):
    p = factories.full_partnership()
    assert "What the research says" not in anonymous.get(p.get_absolute_url()).content.decode()


def test_a_publisher_cannot_have_two_entries_of_one_name():
    resource()
    with pytest.raises(IntegrityError), transaction.atomic():
        resource(url="https://example.org/copy")


def test_demo_resources_load_with_their_themes():
    call_command("loaddata", "fixtures/themes.json", verbosity=0)
    call_command("loaddata", "fixtures/regions_and_forces.json", verbosity=0)
    call_command("loaddata", "fixtures/demo_partnerships_a.json", verbosity=0)
    call_command("loaddata", "fixtures/demo_partnerships_b.json", verbosity=0)
    call_command("loaddata", "evidence/fixtures/evidence_resources.json", verbosity=0)
    assert EvidenceResource.objects.count() == 14
    assert all(r.themes.exists() for r in EvidenceResource.objects.all())
    navigators = EvidenceResource.objects.get(name="A and E navigators")
    assert navigators.rating == "Impact on violent crime: HIGH"
    assert navigators.partnerships.filter(slug="redthread-youth-violence-intervention-programme")
