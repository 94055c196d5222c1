"""The record of e-mail sent by background jobs, so that a job run twice sends once."""

from django.db import models
from django.utils import timezone


class SentEmail(models.Model):
    """One e-mail that has been handed to the mail server, named by a key that says what it was
    for (e.g. "event:41:someone@example.org"). The key is unique: a second worker trying to
    send the same e-mail fails to insert it and sends nothing. Alerts and reminders keep their
    own records (alerts.AlertDelivery, reminders.ReviewReminder)."""

    key = models.CharField(max_length=300, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
