"""The periodic review-reminder job (run by `manage.py run_periodic_jobs`).

For each published case study due for review: a first reminder to the submitter (and the
contact, where they agreed to be contacted); a second 4 weeks later; 4 weeks after that, with
no confirmation, the editors are told and the reminders stop. Each stage is recorded per due
date with a unique constraint, so a run repeated, or run on two machines at once, sends once.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jobs import links
from jobs.mail import render, send_once
from reminders.models import ReviewReminder, Stage
from reminders.schedule import REMIND_AGAIN_AFTER, due_date, due_for_review

logger = logging.getLogger(__name__)
LINK_DAYS = 120


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def review_links(partnership, due, who: str) -> dict:
    token = links.make("review", [partnership.pk, due.isoformat(), who])
    return {
        "accurate_url": absolute(reverse("reminders:accurate", args=[token])),
        "changes_url": absolute(reverse("reminders:changes", args=[token])),
    }


def recipients(partnership) -> list[tuple[str, str]]:
    """(who, address): the submitter, and the contact if they agreed to be contacted."""
    found = []
    if partnership.submitted_by and partnership.submitted_by.email:
        found.append(("submitter", partnership.submitted_by.email))
    if partnership.contact_consent and partnership.contact_email:
        if partnership.contact_email.lower() not in {email.lower() for _, email in found}:
            found.append(("contact", partnership.contact_email))
    return found


def _next_stage(sent: dict[int, object], now) -> int | None:
    if Stage.FIRST not in sent:
        return Stage.FIRST
    if Stage.SECOND not in sent:
        return Stage.SECOND if now - sent[Stage.FIRST] >= REMIND_AGAIN_AFTER else None
    if Stage.EDITORS_TOLD not in sent:
        return Stage.EDITORS_TOLD if now - sent[Stage.SECOND] >= REMIND_AGAIN_AFTER else None
    return None


def _messages(partnership, due, stage) -> list:
    context = {
        "partnership": partnership,
        "due": due,
        "stage": stage,
        "public_url": absolute(partnership.get_absolute_url()),
    }
    if stage == Stage.EDITORS_TOLD:
        context["due_list_url"] = absolute(reverse("reminders:due"))
        editors = User.objects.editors().values_list("email", flat=True)
        return [render("reminders/emails/editors", context, to=[email]) for email in editors]
    return [
        render(
            "reminders/emails/reminder",
            {**context, **review_links(partnership, due, who)},
            to=[email],
            html=True,
        )
        for who, email in recipients(partnership)
    ]


def send_reminders() -> int:
    """Send every reminder stage that is due; returns how many e-mails were sent."""
    now = timezone.now()
    sent_count = 0
    for partnership in due_for_review().select_related("submitted_by").iterator():
        due = due_date(partnership)
        sent = dict(
            ReviewReminder.objects.filter(partnership=partnership, due_on=due).values_list(
                "stage", "sent_at"
            )
        )
        stage = _next_stage(sent, now)
        if stage is None:
            continue
        messages = _messages(partnership, due, stage)
        if not messages:
            logger.warning("No one to remind about case study %s", partnership.pk)

        def record(partnership=partnership, due=due, stage=stage):
            ReviewReminder.objects.create(partnership=partnership, due_on=due, stage=stage)

        # The record and every message of the stage go in one transaction: all or nothing.
        if send_once(record, *messages):
            sent_count += len(messages)
    return sent_count
