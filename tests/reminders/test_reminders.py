"""Review reminders: due 12 months after the last review, reminded twice 4 weeks apart, then
the editors are told; the two signed links; the public page's notices; the editors' list."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership
from reminders.jobs import send_reminders
from reminders.models import ReviewConfirmation, ReviewReminder, Stage
from reminders.schedule import add_months, due_date, due_for_review
from tests import factories

pytestmark = pytest.mark.django_db
REVIEWED = timezone.make_aware(timezone.datetime(2025, 3, 10, 12, 0))


@pytest.fixture
def published(contributor_user):
    return factories.partnership(
        title="Street triage",
        submitted_by=contributor_user,
        published_at=REVIEWED,
        last_reviewed_at=REVIEWED,
        contact_name="Dana Contact",
        contact_email="dana@example.org",
        contact_consent=True,
    )


def at(day: date, hour=9):
    return time_machine.travel(
        timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))
    )


def path_of(message, name: str) -> str:
    url = next(u for u in re.findall(r"https?://\S+", message.body) if f"/{name}/" in u)
    return urlsplit(url).path


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(date(2025, 3, 10), 12) == date(2026, 3, 10)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 8, 31), -6) == date(2025, 2, 28)


def test_due_12_months_after_the_last_review_unless_an_editor_chose_a_date(published):
    assert due_date(published) == date(2026, 3, 10)
    published.review_due_on = date(2025, 12, 1)
    assert due_date(published) == date(2025, 12, 1)
    assert list(due_for_review(date(2026, 3, 9))) == []
    assert list(due_for_review(date(2026, 3, 10))) == [published]


def test_reminders_go_twice_then_the_editors_are_told_and_each_only_once(published, editor_user):
    with at(date(2026, 3, 9)):
        assert send_reminders() == 0
    with at(date(2026, 3, 10)):
        assert send_reminders() == 2
        assert send_reminders() == 0  # run again: nothing twice
    assert sorted(m.to[0] for m in mail.outbox) == [
        "casey.contributor@example.org",
        "dana@example.org",
    ]
    first = mail.outbox[0]
    assert "Is your case study still accurate?" in first.subject
    assert "It is still accurate" in first.body and "It needs changes" in first.body
    assert first.alternatives[0][1] == "text/html"
    mail.outbox.clear()
    with at(date(2026, 4, 6)):
        assert send_reminders() == 0  # not yet 4 weeks
    with at(date(2026, 4, 8)):
        assert send_reminders() == 2
    assert "Reminder:" in mail.outbox[0].subject
    mail.outbox.clear()
    with at(date(2026, 5, 7)):
        assert send_reminders() == 1
    (told,) = mail.outbox
    assert told.to == [editor_user.email] and "No answer" in told.subject
    mail.outbox.clear()
    with at(date(2026, 9, 1)):
        assert send_reminders() == 0  # stopped
    stages = ReviewReminder.objects.values_list("stage", flat=True)
    assert sorted(stages) == [Stage.FIRST, Stage.SECOND, Stage.EDITORS_TOLD]


def test_a_contact_who_did_not_consent_gets_no_reminder(published):
    Partnership.objects.filter(pk=published.pk).update(contact_consent=False)
    with at(date(2026, 3, 10)):
        assert send_reminders() == 1
    assert mail.outbox[0].to == ["casey.contributor@example.org"]


def test_still_accurate_confirms_once_and_starts_the_year_again(published, anonymous):
    with at(date(2026, 3, 10)):
        send_reminders()
    message = next(m for m in mail.outbox if m.to == ["casey.contributor@example.org"])
    link = path_of(message, "accurate")
    with at(date(2026, 3, 12)):
        page = anonymous.get(link)
        assert page.status_code == 200 and "It is still accurate" in page.content.decode()
        assert not ReviewConfirmation.objects.exists()  # a GET changes nothing
        done = anonymous.post(link)
    assert "Thank you: the case study is confirmed" in done.content.decode()
    confirmation = ReviewConfirmation.objects.get()
    assert confirmation.confirmed_by == published.submitted_by
    assert confirmation.via == "link" and confirmation.due_on == date(2026, 3, 10)
    published.refresh_from_db()
    assert timezone.localdate(published.last_reviewed_at) == date(2026, 3, 12)
    assert due_date(published) == date(2027, 3, 12)
    with at(date(2026, 3, 13)):
        again = anonymous.post(link)
    assert "already confirmed" in again.content.decode()
    assert ReviewConfirmation.objects.count() == 1
    with at(date(2026, 4, 20)):
        assert send_reminders() == 0  # no second reminder once confirmed


def test_the_contact_confirms_by_name(published, anonymous):
    with at(date(2026, 3, 10)):
        send_reminders()
        message = next(m for m in mail.outbox if m.to == ["dana@example.org"])
        anonymous.post(path_of(message, "accurate"))
        assert ReviewConfirmation.objects.get().confirmed_by_name == "Dana Contact"
        changes = anonymous.get(path_of(message, "changes"))
    assert changes.status_code == 200  # the contact cannot edit: told how to report instead
    assert "Report a problem" in changes.content.decode()


def test_needs_changes_takes_the_submitter_to_their_case_study(published, contributor):
    with at(date(2026, 3, 10)):
        send_reminders()
        message = next(m for m in mail.outbox if m.to == ["casey.contributor@example.org"])
        response = contributor.get(path_of(message, "changes"))
    assert response.status_code == 302
    assert response["Location"] == reverse("contribute:overview", args=[published.pk])


def test_tampered_and_expired_reminder_links_are_clear_pages(published, anonymous):
    with at(date(2026, 3, 10)):
        send_reminders()
    link = path_of(mail.outbox[0], "accurate")
    bad = anonymous.post(link.replace("/review/", "/review/x"))
    assert bad.status_code == 400 and "This link does not work" in bad.content.decode()
    with at(date(2026, 8, 1)):
        expired = anonymous.post(link)
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    assert not ReviewConfirmation.objects.exists()


def test_the_public_page_says_when_a_case_study_may_be_out_of_date(published, anonymous):
    url = published.get_absolute_url()
    with at(date(2026, 9, 10)):
        page = anonymous.get(url).content.decode()
        assert "Last reviewed" in page and "may be out of date" not in page
    with at(date(2026, 9, 11)):
        assert "This case study may be out of date" in anonymous.get(url).content.decode()


def test_editors_see_what_is_due_most_overdue_first_and_confirm(published, editor, editor_user):
    older = factories.partnership(title="Older one", last_reviewed_at=REVIEWED - timedelta(days=60))
    factories.partnership(title="Reviewed lately", last_reviewed_at=timezone.now())
    with at(date(2026, 3, 11)):
        page = editor.get(reverse("reminders:due"))
        assert page.status_code == 200
        rows = [p.title for _, p in page.context["rows"]]
        assert rows == ["Older one", "Street triage"]
        response = editor.post(reverse("reminders:confirm", args=[older.pk]))
        assert response.status_code == 302
    confirmation = ReviewConfirmation.objects.get()
    assert confirmation.partnership == older and confirmation.confirmed_by == editor_user


def test_editors_change_the_due_date_and_a_wrong_date_keeps_what_was_typed(published, editor):
    url = reverse("reminders:due_date", args=[published.pk])
    wrong = editor.post(url, {"review_due_on": "2026-02-31"})
    assert wrong.status_code == 200
    assert "Enter a real date" in wrong.content.decode()
    assert 'value="2026-02-31"' in wrong.content.decode()
    assert editor.post(url, {"review_due_on": "2026-06-01"}).status_code == 302
    published.refresh_from_db()
    assert published.review_due_on == date(2026, 6, 1)


def test_only_editors_see_the_due_for_review_pages(published, anonymous, contributor):
    for client in (anonymous, contributor):
        assert client.get(reverse("reminders:due")).status_code == 404
        assert client.post(reverse("reminders:confirm", args=[published.pk])).status_code == 404
        assert client.get(reverse("reminders:due_date", args=[published.pk])).status_code == 404
    assert not ReviewConfirmation.objects.exists()
