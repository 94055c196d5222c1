"""The partners and sources steps: nothing typed is lost or silently changed, removing asks
first, and each mistake gets one clear message."""

import pytest
from django.urls import reverse

from partnerships.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, p, *args):
    return reverse(f"contribute:{name}", args=[p.pk, *args])


def new_partner(name, kind="nhs_provider", region="national", role="partner"):
    return {"new_name": name, "new_kind": kind, "new_region": region, "role": role}


def test_someone_elses_unconfirmed_organisation_is_never_reused(
    contributor, draft, other_contributor_user
):
    theirs = factories.organisation(
        name="Kind Probe Org", kind="vru", is_confirmed=False, added_by=other_contributor_user
    )
    response = contributor.post(url("partners", draft), new_partner("KIND PROBE ORG"))
    assert response.status_code == 302
    mine = draft.members.get().organisation
    assert mine != theirs
    assert (mine.name, mine.kind, mine.region, mine.is_confirmed) == (
        "KIND PROBE ORG",
        "nhs_provider",
        None,
        False,
    )
    assert mine.added_by == draft.submitted_by
    theirs.refresh_from_db()
    assert (theirs.name, theirs.kind) == ("Kind Probe Org", "vru")


def test_a_listed_organisation_typed_as_new_is_used_and_the_page_says_which(contributor, draft):
    listed = factories.organisation(name="Mind", kind="voluntary_community")
    response = contributor.post(url("partners", draft), new_partner("mind"), follow=True)
    assert draft.members.get().organisation == listed
    assert Organisation.objects.filter(name__iexact="mind").count() == 1
    html = response.content.decode()
    assert "Mind (voluntary and community sector) is already in the directory" in html
    assert "Voluntary and community sector, England and Wales" in html


def test_the_contributors_own_unconfirmed_organisation_is_reused(contributor, draft):
    contributor.post(url("partners", draft), new_partner("Tees Crisis Team"))
    second = factories.partnership(status="draft", submitted_by=draft.submitted_by)
    contributor.post(url("partners", second), new_partner("Tees Crisis Team"))
    assert Organisation.objects.filter(name="Tees Crisis Team").count() == 1
    assert second.members.get().organisation == draft.members.get().organisation


def test_a_new_organisation_needs_a_region_and_gets_it(contributor, draft):
    region = factories.region(name="North West", slug="north-west")
    response = contributor.post(url("partners", draft), new_partner("Blackpool PH", region=""))
    assert "Select the region the organisation works in" in response.content.decode()
    assert not draft.members.exists()
    contributor.post(url("partners", draft), new_partner("Blackpool PH", region="north-west"))
    assert draft.members.get().organisation.region == region


def test_continue_with_a_partner_typed_but_not_added_stops_and_keeps_it(contributor, draft):
    factories.member(draft, role="lead")
    data = {
        **new_partner("Typed But Not Added"),
        "description": "Runs the clinic",
        "action": "done",
    }
    response = contributor.post(url("partners", draft), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You&#x27;ve entered a partner but not added it" in html
    assert 'value="Typed But Not Added"' in html and "Runs the clinic" in html
    assert draft.members.count() == 1
    assert not Organisation.objects.filter(name="Typed But Not Added").exists()


def test_continue_with_a_link_typed_but_not_added_stops_and_keeps_it(contributor, draft):
    factories.source(draft)
    data = {"action": "done", "link-title": "", "link-url": "https://example.org/typed"}
    response = contributor.post(url("sources", draft), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You&#x27;ve entered a link but not added it" in html
    assert 'value="https://example.org/typed"' in html
    assert draft.sources.count() == 1


def test_continue_with_nothing_typed_goes_on(contributor, draft):
    factories.member(draft, role="lead")
    factories.source(draft)
    for step in ["partners", "sources"]:
        response = contributor.post(url(step, draft), {"action": "done"})
        assert response["Location"] == url("overview", draft)


def test_removing_a_link_asks_first(contributor, draft):
    source = factories.source(draft, title="The evaluation")
    page = contributor.get(url("remove_source", draft, source.pk))
    html = page.content.decode()
    assert "Are you sure you want to remove the link “The evaluation”?" in html
    assert "No, keep it" in html and 'data-prevent-double-click="true"' in html
    assert draft.sources.filter(pk=source.pk).exists()
    response = contributor.post(url("remove_source", draft, source.pk))
    assert response["Location"] == url("sources", draft)
    assert not draft.sources.exists()


def test_removing_the_report_asks_first(contributor, draft):
    draft.evaluation_report = "reports/r.pdf"
    draft.save()
    page = contributor.get(url("remove_report", draft))
    assert "Are you sure you want to remove the evaluation report?" in page.content.decode()
    draft.refresh_from_db()
    assert draft.evaluation_report
    contributor.post(url("remove_report", draft))
    draft.refresh_from_db()
    assert not draft.evaluation_report


def test_an_invalid_web_address_has_one_error(contributor, draft):
    data = {"action": "link", "link-title": "A page", "link-url": "not a url"}
    html = contributor.post(url("sources", draft), data).content.decode()
    assert html.count("Enter a web address in the correct format") == 2  # summary + field


def test_a_mistyped_contact_email_has_one_error(contributor, draft):
    data = {
        "contact_name": "Ann",
        "contact_email": "ann@",
        "contact_consent": "True",
        "no_personal_data": "on",
        "conflict_of_interest": "none",
        "action": "continue",
    }
    html = contributor.post(url("contact", draft), data).content.decode()
    assert html.count("Enter an email address in the correct format") == 2
    assert "Enter the contact&#x27;s email address" not in html


def test_a_failed_save_keeps_the_saved_title_in_the_caption_and_breadcrumbs(contributor, draft):
    draft.title = "Saved title"
    draft.save()
    data = {"title": "Unsaved title", "start_year": "20x4", "action": "continue"}
    html = contributor.post(url("about", draft), data).content.decode()
    assert html.count("Saved title") == 2  # caption and breadcrumb
    assert 'value="Unsaved title"' in html
    assert html.count("Unsaved title") == 1


def test_no_radio_is_pre_selected_until_it_is_answered(contributor, contributor_user):
    fresh = contributor.post(reverse("contribute:start"))
    from partnerships.models import Partnership

    draft = Partnership.objects.get(submitted_by=contributor_user)
    assert fresh["Location"] == url("overview", draft)
    for step in ["about", "evaluation", "contact", "sources"]:
        html = contributor.get(url(step, draft)).content.decode()
        assert "checked" not in html, step
    data = {"title": "T", "summary": "S", "work_state": "ongoing", "scale": "local"}
    contributor.post(url("about", draft), {**data, "action": "continue"})
    html = contributor.get(url("about", draft)).content.decode()
    assert html.count("checked") == 2  # the answers given, shown again


def test_check_your_answers_shows_each_partners_part_and_the_contacts_role(
    contributor, contributor_user
):
    p = factories.complete_draft(submitted_by=contributor_user, contact_role="Service manager")
    lead = p.members.get(role="lead")
    lead.description = "Provides the mental health nurses"
    lead.save()
    html = contributor.get(url("check", p)).content.decode()
    assert "Lead: Provides the mental health nurses" in html
    assert "Their role" in html and "Service manager" in html


CONTACT = {"contact_consent": "False", "no_personal_data": "on", "action": "continue"}


def test_conflict_details_sit_under_yes_without_the_radios_script(contributor, draft):
    html = contributor.get(url("contact", draft)).content.decode()
    radios = html[html.index('<div class="govuk-radios app-radios--reveal"') :]
    radios = radios[: radios.index("</fieldset>")]
    # Revealed by CSS after "Yes"; GOV.UK Frontend's script, which puts aria-expanded on the
    # radio, is not started on these radios.
    assert "data-module" not in radios and "aria-expanded" not in radios
    assert radios.index('value="declared"') < radios.index(
        '<div class="govuk-radios__conditional" id="conditional-id_conflict_details">'
    )
    assert radios.count('name="conflict_details"') == 1
    assert html.count('name="conflict_details"') == 1


def test_a_declared_conflict_without_details_shows_its_error_open_and_keeps_the_rest(
    contributor, draft
):
    data = {**CONTACT, "conflict_of_interest": "declared", "contact_role": "Nurse lead"}
    html = contributor.post(url("contact", draft), data).content.decode()
    assert html.count("Describe the conflict of interest</a>") == 1  # in the error summary
    assert (
        'class="govuk-radios__conditional app-radios__conditional--open" '
        'id="conditional-id_conflict_details"'
    ) in html
    assert 'value="declared" id="id_conflict_of_interest_1" required checked' in html
    assert 'value="Nurse lead"' in html
    draft.refresh_from_db()
    assert (draft.conflict_of_interest, draft.contact_role) == ("", "")


def test_the_conflict_details_typed_are_kept_when_another_answer_is_wrong(contributor, draft):
    data = {
        **CONTACT,
        "conflict_of_interest": "declared",
        "conflict_details": "We sell the app the nurses used.",
        "contact_email": "ann@",
    }
    html = contributor.post(url("contact", draft), data).content.decode()
    assert "Enter an email address in the correct format" in html
    assert ">\nWe sell the app the nurses used.</textarea>" in html
    draft.refresh_from_db()
    assert draft.conflict_details == ""


def test_details_typed_under_yes_are_dropped_when_no_is_chosen(contributor, draft):
    data = {**CONTACT, "conflict_of_interest": "none", "conflict_details": "Typed, then No."}
    assert contributor.post(url("contact", draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.conflict_of_interest, draft.conflict_details) == ("none", "")
    data = {**CONTACT, "conflict_of_interest": "declared", "conflict_details": "We sell it."}
    assert contributor.post(url("contact", draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.conflict_of_interest, draft.conflict_details) == ("declared", "We sell it.")


def test_the_summary_has_a_gov_uk_character_count(contributor, draft):
    html = contributor.get(url("about", draft)).content.decode()
    assert 'data-module="govuk-character-count" data-maxlength="300"' in html
    assert "govuk-js-character-count" in html and 'id="id_summary-info"' in html
    assert ' maxlength="300"' not in html
    response = contributor.post(url("about", draft), {"summary": "x" * 301, "action": "later"})
    assert "The summary must be 300 characters or fewer" in response.content.decode()


def test_the_themes_page_is_grouped(contributor, draft):
    factories.theme(name="Priority one", is_priority=True)
    factories.theme(name="Another theme")
    factories.police_force(name="Folded Police", region=factories.region(name="North East"))
    html = contributor.get(url("tags", draft)).content.decode()
    assert html.index("Priority themes") < html.index("Priority one") < html.index("Other themes")
    assert html.index("Other themes") < html.index("Another theme")
    assert html.index("Who the work is for") < html.index('class="govuk-details"')
    details = html[html.index('class="govuk-details"') :]
    assert "North East" in details and "Folded Police" in details
    assert '<details class="govuk-details">' in html  # folded: nothing chosen yet
