"""The relay's own task, so that its finished results (which hold the message) are deleted at
the next periodic run (jobs.periodic.prune_task_results) rather than kept for two weeks."""

from django.tasks import task

from jobs.tasks import send_emails


@task
def relay_emails(messages: list[dict]) -> int:
    return send_emails.call(messages)
