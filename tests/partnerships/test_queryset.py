"""Partnership.objects.published() is the one definition of what the public sees."""

import pytest

from partnerships.models import Partnership
from tests import factories

pytestmark = pytest.mark.django_db


def test_published_holds_only_published_case_studies():
    shown = factories.partnership(status=Partnership.Status.PUBLISHED)
    for status in Partnership.Status.values:
        if status != Partnership.Status.PUBLISHED:
            factories.partnership(status=status)
    assert list(Partnership.objects.published()) == [shown]


def test_every_status_but_published_is_hidden():
    hidden = set(Partnership.Status.values) - {Partnership.Status.PUBLISHED}
    assert hidden == {"draft", "submitted", "changes_requested", "rejected", "archived"}


def test_awaiting_review_is_oldest_first():
    first = factories.partnership(status=Partnership.Status.SUBMITTED)
    second = factories.partnership(status=Partnership.Status.SUBMITTED)
    factories.partnership(status=Partnership.Status.DRAFT)
    assert list(Partnership.objects.awaiting_review()) == [first, second]


def test_natural_keys_round_trip():
    p = factories.full_partnership()
    member = p.members.first()
    source = p.sources.first()
    assert Partnership.objects.get_by_natural_key(*p.natural_key()) == p
    assert type(member).objects.get_by_natural_key(*member.natural_key()) == member
    assert type(source).objects.get_by_natural_key(*source.natural_key()) == source


def test_years_are_described_in_words():
    assert factories.partnership(start_year=2013, end_year=2015).years == "2013 to 2015"
    assert factories.partnership(start_year=2013).years == "Since 2013"
    assert factories.partnership(start_year=2013, end_year=2013).years == "2013"
    assert factories.partnership().years == "Not known"


def test_contact_shows_only_with_consent():
    p = factories.partnership(contact_name="A Lead", contact_email="lead@example.org")
    assert not p.shows_contact
    p.contact_consent = True
    assert p.shows_contact
