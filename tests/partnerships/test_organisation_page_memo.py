"""An organisation's page data is remembered per change stamp while the stamp watches the
organisation (partnerships/views/organisations.py organisation_page): a change to a partner or
a police force shows at once, and so does a change to any other organisation, read every time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.views import organisations
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, organisation) -> str:
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def partner():
    organisation = factories.organisation(name="Redthread", website="https://example.org/first")
    factories.member(factories.partnership(title="Youth violence programme"), organisation)
    return organisation


def test_the_second_request_reads_only_the_change_stamp(anonymous, partner):
    page(anonymous, partner)
    with CaptureQueriesContext(connection) as captured:
        html = page(anonymous, partner)
    assert len(captured) == 1
    assert "Redthread" in html and "Youth violence programme" in html


@pytest.mark.parametrize(
    "make",
    [
        lambda: factories.member(factories.partnership(), factories.organisation()).organisation,
        lambda: factories.police_force(),  # watched though in no case study
        lambda: factories.organisation(),  # not watched by the stamp: read every time
    ],
    ids=["partner", "police force", "other"],
)
def test_an_edit_shows_at_once(anonymous, make):
    organisation = make()
    page(anonymous, organisation)
    organisation.name = "Renamed Trust"
    organisation.website = "https://example.org/renamed"
    organisation.save()
    html = page(anonymous, organisation)
    assert '<h1 class="govuk-heading-xl">Renamed Trust</h1>' in html
    assert "https://example.org/renamed" in html
    organisation.is_confirmed = False
    organisation.save()
    assert anonymous.get(organisation.get_absolute_url()).status_code == 404


def test_a_new_role_shows_at_once(anonymous, partner):
    assert "Evaluator" not in page(anonymous, partner)
    factories.member(factories.partnership(title="Evaluated here"), partner, role="evaluator")
    html = page(anonymous, partner)
    assert "Evaluated here" in html and "Evaluator" in html


def test_a_missing_organisation_is_not_remembered(anonymous, partner):
    page(anonymous, partner)
    kept = len(organisations._memo._answers)
    for n in range(5):
        assert anonymous.get(f"/organisations/no-such-organisation-{n}/").status_code == 404
    assert (
        anonymous.get(factories.organisation(is_confirmed=False).get_absolute_url()).status_code
        == 404
    )
    assert len(organisations._memo._answers) == kept
