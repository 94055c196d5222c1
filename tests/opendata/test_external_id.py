"""An organisation's optional external identifier, in 360Giving's org-id style: editors set it in
the admin, it must look like an identifier, and it names one organisation."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value", ["GB-CHC-1234567", "GB-COH-01234567", "GB-NHS-RQ3", "GB-LAE-BIR", "E23000036"]
)
def test_org_id_style_identifiers_are_accepted(value):
    organisation = factories.organisation(external_id=value)
    organisation.full_clean()


@pytest.mark.parametrize("value", ["1234567", "gb-chc-1", "GB CHC 123", "GB-CHC-", "E2300003"])
def test_other_text_is_refused_with_an_example(value):
    organisation = factories.organisation()
    organisation.external_id = value
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "GB-CHC-1234567" in str(error.value)


def test_two_organisations_cannot_share_an_identifier_but_may_both_have_none():
    factories.organisation(external_id="GB-CHC-1234567")
    factories.organisation()
    factories.organisation()
    with transaction.atomic(), pytest.raises(IntegrityError):
        factories.organisation(external_id="GB-CHC-1234567")
    assert Organisation.objects.filter(external_id="GB-CHC-1234567").count() == 1


def test_editor_sets_an_identifier_in_the_admin(superuser):
    organisation = factories.organisation()
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    form = superuser.get(url)
    assert 'name="external_id"' in form.content.decode()
    response = superuser.post(
        url,
        {
            "name": organisation.name,
            "slug": organisation.slug,
            "kind": organisation.kind,
            "website": "",
            "pfa_code": "",
            "external_id": "GB-COH-01234567",
            "is_confirmed": "on",
        },
    )
    assert response.status_code == 302, response.content
    organisation.refresh_from_db()
    assert organisation.external_id == "GB-COH-01234567"
    listing = superuser.get(reverse("admin:partnerships_organisation_changelist") + "?q=GB-COH")
    assert organisation.name in listing.content.decode()
