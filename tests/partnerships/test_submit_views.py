"""A contributor starts a case study, fills in the sections in any order, and submits it."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Partnership, PartnershipMember
from tests import factories

pytestmark = pytest.mark.django_db
S = Partnership.Status
PDF = factories.pdf_bytes()


def url(name, p, *args):
    return reverse(f"contribute:{name}", args=[p.pk, *args])


def test_contributor_starts_a_draft_with_a_post(contributor, contributor_user):
    page = contributor.get(reverse("contribute:start"))
    assert page.status_code == 200 and "Start now" in page.content.decode()
    assert not Partnership.objects.exists()
    response = contributor.post(reverse("contribute:start"))
    draft = Partnership.objects.get()
    assert response["Location"] == url("overview", draft)
    assert (draft.status, draft.submitted_by) == (S.DRAFT, contributor_user)
    html = contributor.get(url("overview", draft)).content.decode()
    assert html.count("Not started") == 7 and html.count("Cannot start yet") == 2


def test_starting_case_studies_is_limited_per_hour(contributor, settings):
    settings.SUBMISSION_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert contributor.post(reverse("contribute:start")).status_code == 302
    response = contributor.post(reverse("contribute:start"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have started too many case studies" in html and "govuk-template" in html
    assert Partnership.objects.count() == 2


def test_save_and_continue_saves_the_section_and_returns_to_the_task_list(contributor, draft):
    data = {"title": "Street triage", "summary": "Nurses with officers.", "start_year": "2014"}
    data |= {"work_state": "ongoing", "scale": "local", "action": "continue"}
    response = contributor.post(url("about", draft), data)
    assert response["Location"] == url("overview", draft)
    draft.refresh_from_db()
    assert (draft.title, draft.start_year) == ("Street triage", 2014)
    assert "Completed" in contributor.get(url("overview", draft)).content.decode()


def test_a_missing_answer_shows_the_error_summary_and_keeps_what_was_typed(contributor, draft):
    before = Partnership.objects.get(pk=draft.pk).title
    response = contributor.post(
        url("about", draft), {"title": "", "summary": "<b>Kept</b>", "start_year": "20x4"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: About the partnership" in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_title">Enter the name of the partnership</a>' in html
    assert '<a href="#id_start_year">Enter a year as 4 digits, like 2016</a>' in html
    assert "&lt;b&gt;Kept&lt;/b&gt;" in html and 'value="20x4"' in html
    assert Partnership.objects.get(pk=draft.pk).title == before


def test_save_and_come_back_later_keeps_a_half_finished_section(contributor, draft):
    draft.title = ""
    draft.save()
    response = contributor.post(
        url("about", draft), {"summary": "Only a summary so far", "action": "later"}
    )
    assert response["Location"] == url("overview", draft)
    draft.refresh_from_db()
    assert draft.summary == "Only a summary so far"
    assert "In progress" in contributor.get(url("overview", draft)).content.decode()


def test_a_bad_value_is_never_saved_even_for_later(contributor, draft):
    response = contributor.post(url("about", draft), {"end_year": "1800", "action": "later"})
    assert response.status_code == 200
    assert "Enter a year from 1950 onwards" in response.content.decode()


def test_end_year_before_start_year_is_explained(contributor, draft):
    response = contributor.post(
        url("about", draft),
        {"title": "T", "summary": "S", "start_year": "2018", "end_year": "2016"},
    )
    assert "must be the same as or after the year it started" in response.content.decode()


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("tags", "Select at least one theme"),
        ("work", "Describe the problem the partnership addressed"),
        ("work", "Describe what was done"),
        ("work", "Describe the outcomes"),
        ("contact", "Confirm that the case study holds no personal data"),
        ("contact", "Select whether you have a conflict of interest"),
        ("contact", "Select whether we may publish the contact details"),
    ],
)
def test_every_required_answer_has_its_own_message(contributor, draft, section, message):
    response = contributor.post(url(section, draft), {"action": "continue"})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_publishing_contact_details_needs_a_name_and_email(contributor, draft):
    response = contributor.post(
        url("contact", draft),
        {
            "contact_consent": "True",
            "no_personal_data": "on",
            "conflict_of_interest": "none",
            "contact_email": "not-an-email",
        },
    )
    html = response.content.decode()
    assert "Enter the contact&#x27;s name" in html
    assert "Enter an email address in the correct format" in html


def test_a_declared_conflict_needs_describing(contributor, draft):
    response = contributor.post(
        url("contact", draft),
        {"contact_consent": "False", "no_personal_data": "on", "conflict_of_interest": "declared"},
    )
    assert "Describe the conflict of interest" in response.content.decode()


def test_evaluation_needs_a_finding_when_evaluated_and_then_goes_to_sources(contributor, draft):
    response = contributor.post(url("evaluation", draft), {"evaluation_type": "rct"})
    assert "Select what the evaluation found" in response.content.decode()
    response = contributor.post(
        url("evaluation", draft), {"evaluation_type": "rct", "evaluation_finding": "positive"}
    )
    assert response["Location"] == url("sources", draft)


def test_contributor_adds_an_existing_and_a_new_organisation_as_partners(contributor, draft):
    force = factories.police_force(name="Cleveland Police")
    north_east = factories.region(name="North East", slug="north-east")
    contributor.post(url("partners", draft), {"organisation": force.pk, "role": "lead"})
    contributor.post(
        url("partners", draft),
        {
            "new_name": "Tees Crisis Team",
            "new_kind": "nhs_provider",
            "new_region": "north-east",
            "role": "partner",
        },
    )
    members = {m.organisation.name: m for m in draft.members.select_related("organisation")}
    assert members["Cleveland Police"].role == "lead"
    new = members["Tees Crisis Team"].organisation
    assert not new.is_confirmed and new.kind == "nhs_provider"
    assert new.region == north_east and new.added_by == draft.submitted_by
    assert contributor.post(url("partners", draft), {"action": "done"})["Location"] == url(
        "overview", draft
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "lead"}, "Choose an organisation, or enter the name of a new one"),
        ({"new_name": "New charity", "role": "lead"}, "Select what kind of organisation it is"),
        ({"new_name": "Mind"}, "Select the organisation&#x27;s role"),
        ({"new_name": "Tees", "new_kind": "other", "role": "lead"}, "Select the region"),
    ],
)
def test_adding_a_partner_explains_each_mistake(contributor, draft, data, message):
    factories.organisation(name="Mind")
    response = contributor.post(url("partners", draft), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not draft.members.exists()


def test_partners_need_a_lead_before_continuing(contributor, draft):
    factories.member(draft, role="partner")
    response = contributor.post(url("partners", draft), {"action": "done"})
    assert "Add at least one lead organisation" in response.content.decode()


def test_contributor_removes_a_partner(contributor, draft):
    member = factories.member(draft, role="lead")
    page = contributor.get(url("remove_partner", draft, member.pk))
    assert f"Are you sure you want to remove {member.organisation.name}?" in page.content.decode()
    assert PartnershipMember.objects.filter(pk=member.pk).exists()
    contributor.post(url("remove_partner", draft, member.pk))
    assert not PartnershipMember.objects.filter(pk=member.pk).exists()
    assert contributor.get(url("remove_partner", draft, member.pk)).status_code == 404


def test_contributor_adds_and_removes_links(contributor, draft):
    response = contributor.post(
        url("sources", draft),
        {
            "action": "link",
            "link-title": "Evaluation",
            "link-url": "https://example.org/e",
            "link-kind": "evaluation",
        },
    )
    assert response.status_code == 302
    source = draft.sources.get()
    assert source.url == "https://example.org/e"
    contributor.post(url("remove_source", draft, source.pk))
    assert not draft.sources.exists()


@pytest.mark.parametrize(
    "bad", ["not a url", "javascript:alert(1)", "ftp://example.org/file", "http://"]
)
def test_bad_web_addresses_are_refused(contributor, draft, bad):
    response = contributor.post(
        url("sources", draft),
        {"action": "link", "link-title": "A page", "link-url": bad, "link-kind": "other"},
    )
    assert response.status_code == 200
    assert "Enter a web address in the correct format" in response.content.decode()
    assert not draft.sources.exists()


def test_the_same_link_twice_is_refused(contributor, draft):
    factories.source(draft, url="https://example.org/once")
    response = contributor.post(
        url("sources", draft),
        {
            "action": "link",
            "link-title": "Again",
            "link-url": "https://example.org/once",
            "link-kind": "other",
        },
    )
    assert "You have already added this web address" in response.content.decode()


def test_contributor_uploads_a_pdf_report(contributor, draft):
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = contributor.post(
        url("sources", draft), {"action": "report", "report-report": upload}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.evaluation_report.name.startswith("reports/")
    assert draft.evaluation_report.name.endswith(".pdf")
    assert draft.evaluation_report.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 this is an executable", "The selected file must be a PDF"),
        ("report.pdf", b"<html><script>alert(1)</script>", "The selected file must be a PDF"),
        ("report.pdf", b"", "The selected file is empty"),
        (
            "report.pdf",
            b"%PDF-1.7\n<html><script>alert(1)</script></html>",
            "The selected file could not be read as a PDF",
        ),
        (
            "report.pdf",
            factories.pdf_bytes()[:400],
            "The selected file could not be read as a PDF",
        ),
        (
            "report.pdf",
            factories.pdf_bytes(password="secret"),
            "The selected file is protected with a password",
        ),
        ("report.pdf", factories.pdf_bytes(pages=0), "The selected file has no pages"),
    ],
)
def test_a_file_that_is_not_really_a_pdf_is_refused(contributor, draft, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = contributor.post(
        url("sources", draft), {"action": "report", "report-report": upload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert not draft.evaluation_report


def test_a_file_over_the_limit_is_refused(contributor, draft, settings):
    settings.MAX_REPORT_MEGABYTES = 1
    upload = SimpleUploadedFile(
        "big.pdf", PDF + b"0" * (1024 * 1024), content_type="application/pdf"
    )
    response = contributor.post(
        url("sources", draft), {"action": "report", "report-report": upload}
    )
    assert "The selected file must be smaller than 1 MB" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.evaluation_report


def test_no_file_chosen_is_explained(contributor, draft):
    response = contributor.post(url("sources", draft), {"action": "report"})
    assert "Select a PDF file" in response.content.decode()


def test_sources_need_a_link_or_report_before_continuing(contributor, draft):
    response = contributor.post(url("sources", draft), {"action": "done"})
    assert "Add at least one link, or upload an evaluation report" in response.content.decode()


def test_check_answers_lists_unfinished_sections_and_offers_no_submit(contributor, draft):
    html = contributor.get(url("check", draft)).content.decode()
    assert "Finish these sections before you submit" in html
    assert "Submit for review</button>" not in html
    response = contributor.post(url("check", draft))
    assert "These sections are not finished" in response.content.decode()
    assert Partnership.objects.get(pk=draft.pk).status == S.DRAFT


def test_contributor_submits_from_check_answers_and_editors_are_told(
    contributor, contributor_user, editor_user, django_capture_on_commit_callbacks
):
    p = factories.complete_draft(submitted_by=contributor_user, title="Ready")
    html = contributor.get(url("check", p)).content.decode()
    assert "Submit for review</button>" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = contributor.post(url("check", p))
    assert response["Location"] == url("overview", p)
    assert Partnership.objects.get(pk=p.pk).status == S.SUBMITTED
    assert [m.to for m in mail.outbox] == [[editor_user.email]]
    overview = contributor.get(url("overview", p)).content.decode()
    assert "Submitted for review" in overview and "Editors are reviewing it" in overview
    # Once submitted it can no longer be changed.
    assert contributor.get(url("about", p)).status_code == 404


def test_the_contributor_sees_the_editors_comment_and_the_history(
    contributor, contributor_user, editor_user
):
    p = factories.complete_draft(submitted_by=contributor_user, title="Sent back")
    p.submit(by=contributor_user)
    p.request_changes(by=editor_user, comment="Please name the <b>NHS trust</b>.")
    html = contributor.get(url("overview", p)).content.decode()
    assert "Changes the editor asked for" in html
    assert "Please name the &lt;b&gt;NHS trust&lt;/b&gt;." in html
    history = html[html.index('id="history"') :]
    assert history.index("Submitted for review") < history.index("Changes requested")
    assert "by eddie.editor@example.org" in history
    assert "Sections" in html  # the task list is back


def test_your_case_studies_lists_only_your_own_with_their_status(
    contributor, contributor_user, other_contributor_user
):
    factories.complete_draft(submitted_by=contributor_user, title="Mine")
    factories.full_partnership(submitted_by=contributor_user, title="Mine, published")
    factories.complete_draft(submitted_by=other_contributor_user, title="Theirs")
    html = contributor.get(reverse("contribute:mine")).content.decode()
    assert "Mine" in html and "Mine, published" in html and "Published" in html
    assert "Theirs" not in html


def test_changing_a_published_case_study_opens_one_revision(contributor, contributor_user):
    live = factories.full_partnership(submitted_by=contributor_user, title="Live")
    first = contributor.post(url("revise", live))
    revision = Partnership.objects.get(revision_of=live)
    assert first["Location"] == url("overview", revision)
    assert contributor.post(url("revise", live))["Location"] == url("overview", revision)
    assert Partnership.objects.filter(revision_of=live).count() == 1
    assert "Changes to: Live" in contributor.get(reverse("contribute:mine")).content.decode()


def test_unticking_every_box_saves_an_empty_choice(contributor, draft):
    """A POST with no fields at all (every checkbox cleared) is still a save, not a fresh form."""
    draft.population_groups.add(factories.population_group())
    response = contributor.post(url("tags", draft), {})
    assert response.status_code == 200
    assert "Select at least one theme" in response.content.decode()
    contributor.post(url("tags", draft), {"action": "later"})
    assert not draft.population_groups.exists()
