"""Tasks (django.tasks) that views enqueue, so that a slow mail server never delays a page."""

from django.tasks import task

from jobs.mail import from_dict, send_once
from jobs.models import SentEmail


@task
def send_emails(messages: list[dict]) -> int:
    """Send each message (jobs.mail.to_dict) once: a message whose key is already recorded in
    SentEmail is skipped, so running this task twice sends nothing twice. Returns how many were
    sent now. Failures are logged, not raised: whatever enqueued this has already happened."""
    sent = 0
    for data in messages:
        record = lambda key=data["key"]: SentEmail.objects.create(key=key)  # noqa: E731
        sent += send_once(record, from_dict(data))
    return sent
