"""Review reminders sent, and confirmations that a case study is still accurate.

ReviewConfirmation is the record of each confirmation (who, when, how), for the case study's
history and the public change log; confirming also sets Partnership.last_reviewed_at and clears
any review_due_on the editors set, so the next review falls 12 months later.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Stage(models.IntegerChoices):
    FIRST = 1, "First reminder"
    SECOND = 2, "Second reminder (4 weeks later)"
    EDITORS_TOLD = 3, "Editors told (no answer 4 weeks after that)"


class ReviewReminder(models.Model):
    """One reminder stage sent for one due date. The unique constraint is what keeps two workers
    (or two runs) from sending the same reminder twice."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="review_reminders"
    )
    due_on = models.DateField()
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "due_on", "stage"], name="review_reminder_sent_once"
            ),
            models.CheckConstraint(
                name="review_reminder_stage_valid", condition=models.Q(stage__in=Stage.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_stage_display()} for {self.due_on}"


class Via(models.TextChoices):
    LINK = "link", "Reminder e-mail"
    EDITOR = "editor", "An editor"


class ReviewConfirmation(models.Model):
    """Someone said the case study is still accurate (by the e-mailed link, or an editor)."""

    Via = Via

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="review_confirmations"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by_name = models.CharField(
        max_length=150, blank=True, help_text="Who confirmed, when it was the named contact."
    )
    via = models.CharField(max_length=10, choices=Via.choices)
    due_on = models.DateField(help_text="The review due date this confirmation answered.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="review_confirmation_via_valid", condition=models.Q(via__in=Via.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} confirmed {self.created_at:%Y-%m-%d}"

    def describe(self) -> str:
        who = self.confirmed_by_name or (self.confirmed_by and str(self.confirmed_by)) or "Someone"
        return f"Confirmed still accurate by {who}"
