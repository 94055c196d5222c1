"""Sending e-mail from background jobs, each message at most once.

The pattern used throughout: in one transaction, insert the row that records the send (its
unique constraint is what makes it once-only), then hand the message to the mail server, then
commit. If the mail server fails the transaction rolls back, so nothing is recorded and the next
run tries again. If the process dies before committing, the row is rolled back with it and the
next run sends it. If two workers try at once, the second waits on the unique index until the
first commits and then gets an IntegrityError: it sends nothing. The one gap left is a process
that dies after the mail server accepted the message but before the commit: that message is sent
again on the next run (no mail protocol can close that gap).
"""

import logging
from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def render(template: str, context: dict, *, to: list[str], html: bool = False, headers=None):
    """A message from `<template>_subject.txt`, `_body.txt` and (with html) `_body.html`."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(render_to_string(f"{template}_body.html", context), "text/html")
    return message


def to_dict(message: EmailMultiAlternatives, key: str) -> dict:
    """A message as JSON-serialisable arguments for a task."""
    return {
        "key": key,
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "reply_to": list(message.reply_to),
        "alternatives": [[c, mimetype] for c, mimetype in getattr(message, "alternatives", [])],
    }


def from_dict(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        to=data["to"],
        headers=data["headers"],
        reply_to=data.get("reply_to") or None,
    )
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


def send_once(record: Callable[[], object], *messages: EmailMultiAlternatives) -> bool:
    """Run `record` (which inserts the row that says this was sent) and send `messages`, in one
    transaction. True if they were sent now; False if they had been sent already or sending
    failed (then it is logged, nothing is recorded, and the next run tries again)."""
    try:
        with transaction.atomic():
            record()
            if messages:
                mailers.default.send_messages(list(messages))
    except IntegrityError:
        return False
    except Exception:
        logger.exception(
            "Could not send %d e-mail(s): %s", len(messages), [m.subject for m in messages]
        )
        return False
    return True
