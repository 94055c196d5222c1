"""Every database constraint really fires: one declared but never applied is worse than none."""

import pytest
from django.db import DataError, IntegrityError, transaction

from partnerships.models import Organisation, Partnership, PartnershipMember, Source
from tests import factories

pytestmark = pytest.mark.django_db


def assert_rejected(update, obj_or_model=None):
    # PostgreSQL's varchar(300) rejects a 301-character summary (DataError) before the check
    # constraint that SQLite needs gets to.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        update()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "lost"),
        ("work_state", "paused"),
        ("scale", "global"),
        ("evaluation_type", "vibes"),
        ("evaluation_finding", "great"),
        ("evidence_rating", 6),
        ("summary", "x" * 301),
        ("start_year", 1800),
        ("end_year", 3000),
    ],
)
def test_partnership_rejects_values_outside_its_vocabulary(field, value):
    p = factories.partnership()
    assert_rejected(lambda: Partnership.objects.filter(pk=p.pk).update(**{field: value}))
    p.refresh_from_db()
    assert getattr(p, field) != value


def test_published_partnership_needs_a_publication_date():
    p = factories.partnership(status=Partnership.Status.DRAFT)
    assert_rejected(
        lambda: Partnership.objects.filter(pk=p.pk).update(status="published", published_at=None)
    )


def test_end_year_cannot_be_before_start_year():
    p = factories.partnership(start_year=2015)
    assert_rejected(lambda: Partnership.objects.filter(pk=p.pk).update(end_year=2014))
    Partnership.objects.filter(pk=p.pk).update(end_year=2015)  # the same year is fine


def test_summary_of_exactly_300_characters_is_accepted():
    p = factories.partnership(summary="y" * 300)
    assert len(Partnership.objects.get(pk=p.pk).summary) == 300


def test_slug_is_unique():
    factories.partnership(slug="street-triage")
    assert_rejected(lambda: factories.partnership(slug="street-triage"))


def test_an_organisation_takes_part_in_a_partnership_once():
    p = factories.partnership()
    org = factories.organisation()
    factories.member(p, org, role="lead")
    assert_rejected(lambda: factories.member(p, org, role="funder"))
    assert PartnershipMember.objects.filter(partnership=p).count() == 1


def test_member_role_must_be_known():
    m = factories.member(factories.partnership())
    assert_rejected(lambda: PartnershipMember.objects.filter(pk=m.pk).update(role="sponsor"))


def test_source_url_is_unique_within_a_partnership_but_not_across():
    p, q = factories.partnership(), factories.partnership()
    factories.source(p, url="https://example.org/report")
    factories.source(q, url="https://example.org/report")
    assert_rejected(lambda: factories.source(p, url="https://example.org/report"))


def test_source_kind_must_be_known():
    s = factories.source(factories.partnership())
    assert_rejected(lambda: Source.objects.filter(pk=s.pk).update(kind="rumour"))


def test_organisation_kind_must_be_known():
    org = factories.organisation()
    assert_rejected(lambda: Organisation.objects.filter(pk=org.pk).update(kind="club"))


def test_police_force_area_code_belongs_to_one_force_only():
    factories.police_force(pfa_code="E23000036")
    assert_rejected(lambda: factories.police_force(pfa_code="E23000036"))


def test_only_police_forces_have_a_police_force_area_code():
    assert_rejected(lambda: factories.organisation(kind="nhs_provider", pfa_code="E23000099"))


def test_many_organisations_may_have_no_police_force_area_code():
    factories.organisation(pfa_code="")
    factories.organisation(pfa_code="")
    assert Organisation.objects.filter(pfa_code="").count() == 2
