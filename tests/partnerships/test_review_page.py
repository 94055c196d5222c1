"""The editors' review page: a summary and "Make a decision" at the top, the partnership's own
evaluation claim beside the rating, a declared conflict of interest highlighted, GOV.UK times,
and new organisations' kind and region set by the editor."""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from partnerships import case_study_html
from partnerships.models import Organisation
from partnerships.templatetags.govuk_time import datetime_attribute, govuk_datetime, govuk_time
from tests import factories

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def waiting(contributor_user):
    p = factories.complete_draft(
        submitted_by=contributor_user,
        evaluation_type="before_after",
        evaluation_finding="positive",
        conflict_of_interest="declared",
        conflict_details="I manage the scheme.",
        contact_name="Ann Lead",
        contact_role="Service manager",
    )
    p.submit(by=contributor_user)
    return p


def test_the_summary_and_make_a_decision_come_before_the_preview(editor, waiting):
    html = editor.get(reverse("moderation:review", args=[waiting.pk])).content.decode()
    decide = html.index('href="#decide"')
    assert "Make a decision" in html
    assert decide < html.index("How it will look when published") < html.index('id="decide"')
    assert html.index('<h2 class="govuk-heading-m">Summary</h2>') < decide


def test_the_evaluation_claim_sits_beside_the_rating_choices(editor, waiting):
    html = editor.get(reverse("moderation:review", args=[waiting.pk])).content.decode()
    claim = html.index('id="evaluation-claim"')
    rating = html.index('name="publish-evidence_rating"')
    assert claim < rating and rating - claim < 3000
    assert "Before-and-after study: positive" in html[claim:rating]


def test_a_declared_conflict_of_interest_is_highlighted(editor, waiting):
    html = editor.get(reverse("moderation:review", args=[waiting.pk])).content.decode()
    assert 'class="govuk-warning-text"' in html
    assert "declared a conflict of interest: I manage the scheme." in html
    assert "scheme.." not in html
    assert "Ann Lead, Service manager" in html


def test_no_warning_without_a_declared_conflict(editor, contributor_user):
    p = factories.complete_draft(submitted_by=contributor_user)
    p.submit(by=contributor_user)
    html = editor.get(reverse("moderation:review", args=[p.pk])).content.decode()
    assert "govuk-warning-text" not in html


def test_editor_sets_a_new_organisations_kind_and_region(editor, waiting):
    region = factories.region(name="North West", slug="north-west")
    new = factories.organisation(name="Blackpool PH Team", kind="other", is_confirmed=False)
    factories.member(waiting, new)
    review = reverse("moderation:review", args=[waiting.pk])
    assert "Save kind and region" in editor.get(review).content.decode()
    url = reverse("moderation:organisation_details", args=[waiting.pk, new.pk])
    response = editor.post(
        url, {f"details-{new.pk}-kind": "la_public_health", f"details-{new.pk}-region": region.pk}
    )
    assert response["Location"] == review
    new.refresh_from_db()
    assert (new.kind, new.region, new.is_confirmed) == ("la_public_health", region, False)


def test_a_bad_kind_is_explained_and_nothing_changes(editor, waiting):
    new = factories.organisation(name="Somewhere", kind="other", is_confirmed=False)
    factories.member(waiting, new)
    url = reverse("moderation:organisation_details", args=[waiting.pk, new.pk])
    response = editor.post(url, {f"details-{new.pk}-kind": "spaceship"})
    assert response.status_code == 200
    assert "Select a kind of organisation from the list" in response.content.decode()
    assert Organisation.objects.get(pk=new.pk).kind == "other"


def test_only_editors_and_only_unconfirmed_organisations_of_the_case_study(
    contributor, editor, waiting
):
    confirmed = factories.organisation()
    factories.member(waiting, confirmed)
    url = reverse("moderation:organisation_details", args=[waiting.pk, confirmed.pk])
    assert editor.post(url, {f"details-{confirmed.pk}-kind": "other"}).status_code == 404
    new = factories.organisation(is_confirmed=False)
    factories.member(waiting, new)
    url = reverse("moderation:organisation_details", args=[waiting.pk, new.pk])
    assert contributor.post(url, {f"details-{new.pk}-kind": "other"}).status_code == 404


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(19, 59, "7:59pm"), (17, 0, "5pm"), (12, 0, "midday"), (0, 0, "midnight"), (9, 5, "9:05am")],
)
def test_times_are_in_gov_uk_style(hour, minute, expected):
    value = datetime(2026, 12, 1, hour, minute, 30, 123456, tzinfo=LONDON)
    assert govuk_time(value) == expected
    assert govuk_datetime(value) == f"1 December 2026 at {expected}"
    assert datetime_attribute(value) == f"2026-12-01T{hour:02d}:{minute:02d}:30+0000"


def test_the_history_shows_gov_uk_times(contributor, waiting):
    html = contributor.get(reverse("contribute:overview", args=[waiting.pk])).content.decode()
    assert " at " in html and "p.m." not in html and "a.m." not in html


def test_every_button_that_starts_submits_or_decides_prevents_double_clicks():
    templates = Path(__file__).resolve().parents[2] / "templates"
    checked = 0
    for folder in ["contribute", "moderation"]:
        for template in (templates / folder).glob("*.html"):
            for line in template.read_text().splitlines():
                if "<button" in line and "app-sort__button" not in line:
                    assert 'data-prevent-double-click="true"' in line, (template.name, line)
                    checked += 1
    assert checked >= 15


def test_every_time_element_gets_a_valid_datetime_without_microseconds():
    """Django's date:"c" keeps microseconds, which the HTML checker rejects (issue 12, item 12):
    a <time datetime> value is a date (date:'Y-m-d') or goes through datetime_attribute."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    valid = re.compile(r"""\|(date:'Y-m-d'|datetime_attribute|html_datetime) }}$""")
    checked = 0
    for template in templates.rglob("*.html"):
        for value in re.findall(r'<time datetime="([^"]*)"', template.read_text()):
            assert valid.search(value), (str(template.relative_to(templates)), value)
            checked += 1
    # Parts of a case study's page are written in Python: there the value is day()'s, 'Y-m-d'.
    written = Path(case_study_html.__file__).read_text()
    for value in re.findall(r'<time[^>]* datetime="([^"]*)"', written):
        assert value == "{iso}", value
        checked += 1
    assert case_study_html.day(datetime(2026, 12, 1, 9, 5, 30, 123456, tzinfo=LONDON))[0] == (
        "2026-12-01"
    )
    assert checked >= 15


def test_the_editors_list_of_problem_reports_has_valid_times(editor):
    from feedback.models import ProblemReport

    when = datetime(2026, 12, 1, 19, 59, 4, 123456, tzinfo=LONDON)
    ProblemReport.objects.create(partnership=factories.partnership(), problem="x", created_at=when)
    html = editor.get(reverse("feedback:problems")).content.decode()
    assert '<time datetime="2026-12-01T19:59:04+0000">1 December 2026</time>' in html
