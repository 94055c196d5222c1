"""Workflows that reach outside the database: each transition, then e-mail about it.

The transition (a Partnership method) runs in a transaction; the e-mail is handed to a background
task (jobs.tasks.send_emails) only after that transaction commits (transaction.on_commit), so
nobody hears of a decision that was rolled back and a slow mail server never delays the page.
Sending can fail (the mail server is down): the task logs the failure and the decision stands.
Each message is keyed by its event and recipient, so the task sends it once however often it runs.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from jobs.mail import to_dict
from jobs.tasks import send_emails
from partnerships.models import ModerationEvent, Partnership

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """A full web address for e-mail, built from SITE_URL."""
    return settings.SITE_URL + path


def submit(partnership: Partnership, *, by: User) -> ModerationEvent:
    with transaction.atomic():
        event = partnership.submit(by=by)
        transaction.on_commit(lambda: send(_submission_messages(event), event))
    return event


def request_changes(partnership: Partnership, *, by: User, comment: str) -> ModerationEvent:
    return _decide(partnership.request_changes, by=by, comment=comment)


def reject(partnership: Partnership, *, by: User, reason: str) -> ModerationEvent:
    return _decide(partnership.reject, by=by, reason=reason)


def publish(
    partnership: Partnership, *, by: User, evidence_rating: int, comment: str = ""
) -> ModerationEvent:
    return _decide(partnership.publish, by=by, evidence_rating=evidence_rating, comment=comment)


def archive(partnership: Partnership, *, by: User, comment: str = "") -> ModerationEvent:
    return _decide(partnership.archive, by=by, comment=comment)


def _decide(transition, **kwargs) -> ModerationEvent:
    # The submitter is read before the transition: publishing a revision deletes its row.
    submitter = transition.__self__.submitted_by
    with transaction.atomic():
        event = transition(**kwargs)
        transaction.on_commit(lambda: send(_decision_messages(event, submitter), event))
    return event


def _submission_messages(event: ModerationEvent) -> list[EmailMessage]:
    partnership = event.partnership
    recipients = list(User.objects.editors().values_list("email", flat=True))
    if not recipients:
        logger.warning("No editors to tell about case study %s", partnership.pk)
        return []
    context = {
        "partnership": partnership,
        "submitter": event.actor,
        "is_revision": event.is_revision,
        "review_url": absolute(reverse("moderation:review", args=[partnership.pk])),
        "queue_url": absolute(reverse("moderation:queue")),
    }
    # One message each: editors do not see each other's addresses.
    return [_message("emails/submitted", context, to=[email]) for email in recipients]


def _decision_messages(event: ModerationEvent, submitter: User | None) -> list[EmailMessage]:
    if submitter is None or not submitter.email:
        return []
    partnership = event.partnership
    context = {
        "partnership": partnership,
        "event": event,
        "recipient": submitter,
        "public_url": absolute(partnership.get_absolute_url()),
        "overview_url": absolute(reverse("contribute:overview", args=[partnership.pk])),
        "mine_url": absolute(reverse("contribute:mine")),
    }
    return [_message(f"emails/{event.to_status}", context, to=[submitter.email])]


def _message(template: str, context: dict, *, to: list[str]) -> EmailMessage:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    return EmailMultiAlternatives(subject=subject, body=body, to=to)


def send(messages: Iterable[EmailMessage], event: ModerationEvent) -> int:
    """Enqueue the messages about this event for the background worker; how many were queued.
    Enqueueing can fail too (the database is gone): that is logged and the decision stands."""
    messages = list(messages)
    if not messages:
        return 0
    payload = [to_dict(m, key=f"event:{event.pk}:{','.join(m.to)}") for m in messages]
    try:
        send_emails.enqueue(payload)
    except Exception:
        logger.exception(
            "Could not send %d e-mail(s): %s", len(messages), [m.subject for m in messages]
        )
        return 0
    return len(messages)
