"""The facts needed to replicate a case study: asked in an optional section, checked, copied by
revisions, shown on the public page with a declared conflict of interest."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Partnership
from partnerships.models.revisions import CONTENT_FIELDS
from partnerships.sections import unfinished_sections
from tests import factories

pytestmark = pytest.mark.django_db

FACTS = {
    "funding": "Police and crime commissioner, £120,000 a year",
    "cost_band": "50k_250k",
    "staffing": "2 mental health nurses and 1 sergeant",
    "prevention_level": "secondary",
    "referral_route": "Officers call the team from the street",
    "replication_needs": "A data-sharing agreement with the NHS trust",
}


def test_every_replication_field_is_copied_by_revisions():
    assert set(FACTS) <= set(CONTENT_FIELDS)


def test_contributor_saves_the_replication_section(contributor, draft):
    url = reverse("contribute:replication", args=[draft.pk])
    assert contributor.get(url).status_code == 200
    response = contributor.post(url, {**FACTS, "action": "continue"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert {name: getattr(draft, name) for name in FACTS} == FACTS


def test_replication_section_is_optional_and_empty_answers_are_kept_empty(contributor, draft):
    url = reverse("contribute:replication", args=[draft.pk])
    response = contributor.post(url, {"action": "continue"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert all(getattr(draft, name) == "" for name in FACTS)
    complete = factories.complete_draft(submitted_by=draft.submitted_by)
    assert unfinished_sections(complete) == []


def test_an_unknown_cost_band_is_refused_with_what_was_typed_kept(contributor, draft):
    url = reverse("contribute:replication", args=[draft.pk])
    response = contributor.post(
        url, {**FACTS, "cost_band": "free", "staffing": "Kept text", "action": "continue"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a cost band from the list" in html
    assert "Kept text" in html
    draft.refresh_from_db()
    assert draft.staffing == ""


def test_another_contributor_gets_a_404_for_the_replication_section(other_contributor, draft):
    url = reverse("contribute:replication", args=[draft.pk])
    assert other_contributor.get(url).status_code == 404
    assert other_contributor.post(url, {**FACTS, "action": "continue"}).status_code == 404
    draft.refresh_from_db()
    assert draft.funding == ""


def test_check_your_answers_lists_the_replication_facts(contributor, contributor_user):
    p = factories.complete_draft(submitted_by=contributor_user, **FACTS)
    html = contributor.get(reverse("contribute:check", args=[p.pk])).content.decode()
    assert "£50,000 to £250,000" in html
    assert "A data-sharing agreement with the NHS trust" in html
    assert reverse("contribute:replication", args=[p.pk]) in html


def test_public_page_shows_the_facts_and_the_declared_conflict(anonymous):
    p = factories.full_partnership(
        **FACTS, conflict_of_interest="declared", conflict_details="We sell the app it used."
    )
    html = anonymous.get(p.get_absolute_url()).content.decode()
    assert "Cost and what it takes to replicate" in html
    assert "£50,000 to £250,000" in html
    assert "Secondary prevention" in html
    assert "Officers call the team from the street" in html
    assert "The partnership declared: We sell the app it used." in html


def test_public_page_leaves_out_the_section_when_no_fact_is_given(anonymous):
    p = factories.full_partnership(conflict_of_interest="none")
    html = anonymous.get(p.get_absolute_url()).content.decode()
    assert "Cost and what it takes to replicate" not in html
    assert "The partnership declared" not in html


@pytest.mark.parametrize(("field", "value"), [("cost_band", "free"), ("prevention_level", "x")])
def test_the_database_refuses_an_unknown_choice(field, value):
    p = factories.partnership()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.filter(pk=p.pk).update(**{field: value})


def test_approving_a_revision_publishes_the_replication_facts(contributor_user, editor_user):
    live = factories.complete_draft(submitted_by=contributor_user, status="published")
    revision = live.start_revision(by=contributor_user)
    for name, value in FACTS.items():
        setattr(revision, name, value)
    revision.save()
    revision.submit(by=contributor_user)
    revision.publish(by=editor_user, evidence_rating=2)
    live.refresh_from_db()
    assert {name: getattr(live, name) for name in FACTS} == FACTS


def test_every_data_export_and_the_admin_carry_the_replication_facts(anonymous, superuser):
    """The CSV and JSON downloads are tested in tests/opendata/test_downloads.py; here the API,
    the data dictionary, csv-metadata.json, the OpenAPI schema and the admin's change form."""
    p = factories.full_partnership(**FACTS)
    record = anonymous.get(f"/api/v1/case-studies/{p.slug}").json()
    assert record["funding"] == FACTS["funding"]
    assert record["cost_band"] == {"code": "50k_250k", "label": "£50,000 to £250,000"}
    assert record["prevention_level"]["code"] == "secondary"
    for name in ("staffing", "referral_route", "replication_needs"):
        assert record[name] == FACTS[name]
    listed = anonymous.get("/api/v1/case-studies").json()["results"][0]
    assert listed["replication_needs"] == FACTS["replication_needs"]
    schema = anonymous.get("/api/v1/openapi.json").content.decode()
    metadata = anonymous.get(reverse("opendata:csv_metadata")).content.decode()
    dictionary = anonymous.get(reverse("opendata:page")).content.decode()
    admin = superuser.get(reverse("admin:partnerships_partnership_change", args=[p.pk]))
    admin_html = admin.content.decode()
    for name in FACTS:
        assert f'"{name}"' in schema and f'"{name}"' in metadata, name
        assert f"<code>{name}</code>" in dictionary or f">{name}<" in dictionary, name
        assert f'name="{name}"' in admin_html, name
