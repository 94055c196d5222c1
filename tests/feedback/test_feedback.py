""" "Is this page useful?" on every page without a cookie, "What went wrong?", problem reports,
and the editors' lists."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback.models import PageFeedback, ProblemReport
from tests import factories
from tests.alerts.helpers import committed

pytestmark = pytest.mark.django_db


def test_every_public_page_asks_without_setting_a_cookie(anonymous):
    p = factories.partnership()
    theme = factories.theme()
    for url in ["/", "/partnerships/", p.get_absolute_url(), theme.get_absolute_url(), "/about/"]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Is this page useful?" in html, url
        assert "csrfmiddlewaretoken" not in html, url
        assert not response.cookies, url


def test_yes_is_counted_with_no_personal_data(anonymous):
    csrf_checking = Client(enforce_csrf_checks=True)  # the page carries no token, on purpose
    response = csrf_checking.post(
        reverse("feedback:useful"), {"page": "/partnerships/", "useful": "yes"}
    )
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    assert not response.cookies
    feedback = PageFeedback.objects.get()
    assert (feedback.page, feedback.useful, feedback.comment) == ("/partnerships/", True, "")
    fields = {f.name for f in PageFeedback._meta.get_fields()}
    assert fields == {"id", "page", "useful", "comment", "created_on"}


def test_no_asks_what_went_wrong_and_keeps_the_answer_even_without_a_comment(anonymous):
    response = anonymous.post(reverse("feedback:useful"), {"page": "/about/", "useful": "no"})
    assert "What went wrong?" in response.content.decode()
    feedback = PageFeedback.objects.get()
    assert feedback.useful is False
    token = response.context["form"].initial["token"]
    done = anonymous.post(
        reverse("feedback:what_went_wrong"),
        {"token": token, "page": "/about/", "comment": "The map would not load"},
    )
    assert "Thank you for your feedback" in done.content.decode()
    feedback.refresh_from_db()
    assert feedback.comment == "The map would not load"
    # The same form sent again changes nothing.
    anonymous.post(reverse("feedback:what_went_wrong"), {"token": token, "comment": "Other"})
    feedback.refresh_from_db()
    assert feedback.comment == "The map would not load"


def test_a_too_long_comment_keeps_what_was_typed(anonymous):
    response = anonymous.post(reverse("feedback:useful"), {"page": "/about/", "useful": "no"})
    token = response.context["form"].initial["token"]
    long = anonymous.post(
        reverse("feedback:what_went_wrong"), {"token": token, "comment": "y" * 1201}
    )
    assert "1,200 characters or fewer" in long.content.decode()
    assert "y" * 1201 in long.content.decode()
    assert PageFeedback.objects.get().comment == ""


def test_a_tampered_comment_token_is_a_clear_page(anonymous):
    response = anonymous.post(
        reverse("feedback:what_went_wrong"), {"token": "1:abc", "comment": "x"}
    )
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_bad_answers_and_foreign_pages_are_not_stored_as_given(anonymous):
    assert (
        anonymous.post(reverse("feedback:useful"), {"page": "/", "useful": "maybe"}).status_code
        == 400
    )
    anonymous.post(reverse("feedback:useful"), {"page": "https://evil.example/", "useful": "yes"})
    assert list(PageFeedback.objects.values_list("page", flat=True)) == ["/"]
    assert anonymous.get(reverse("feedback:useful")).status_code == 405


def test_feedback_is_rate_limited_per_ip(anonymous, settings):
    settings.FEEDBACK_RATE_LIMIT_PER_IP = 2
    for _ in range(2):
        anonymous.post(reverse("feedback:useful"), {"page": "/", "useful": "yes"})
    response = anonymous.post(reverse("feedback:useful"), {"page": "/", "useful": "yes"})
    assert response.status_code == 429
    assert PageFeedback.objects.count() == 2


def test_editors_see_counts_per_page_and_comments(editor, anonymous, contributor):
    PageFeedback.objects.create(page="/about/", useful=True)
    PageFeedback.objects.create(page="/about/", useful=False, comment="Too long")
    PageFeedback.objects.create(page="/", useful=False)
    page = editor.get(reverse("feedback:list"))
    assert page.status_code == 200
    rows = {row["page"]: (row["yes"], row["no"]) for row in page.context["pages"]}
    assert rows == {"/about/": (1, 1), "/": (0, 1)}
    assert "Too long" in page.content.decode()
    for client in (anonymous, contributor):
        assert client.get(reverse("feedback:list")).status_code == 404
        assert client.get(reverse("feedback:problems")).status_code == 404


def test_a_problem_report_goes_to_editors_and_is_never_published(anonymous, editor, editor_user):
    p = factories.partnership(title="Street triage")
    page = anonymous.get(p.get_absolute_url()).content.decode()
    assert "Report a problem with this case study" in page
    url = reverse("feedback:problem", args=[p.slug])
    empty = anonymous.post(url, {"problem": "", "email": "not-an-address"})
    assert "Say what is wrong with this case study" in empty.content.decode()
    assert 'value="not-an-address"' in empty.content.decode()
    with committed():
        sent = anonymous.post(url, {"problem": "The phone number is wrong", "email": ""})
    assert "Report sent" in sent.content.decode()
    report = ProblemReport.objects.get()
    assert report.partnership == p and report.problem == "The phone number is wrong"
    (message,) = mail.outbox
    assert message.to == [editor_user.email] and "Street triage" in message.subject
    assert "The phone number is wrong" not in anonymous.get(p.get_absolute_url()).content.decode()
    assert "The phone number is wrong" in editor.get(reverse("feedback:problems")).content.decode()


def test_no_problem_report_for_an_unpublished_case_study(anonymous):
    draft = factories.partnership(status="draft")
    assert anonymous.get(reverse("feedback:problem", args=[draft.slug])).status_code == 404
