"""Page feedback and problem reports. Neither holds personal data unless someone types it."""

from django.db import models
from django.utils import timezone


def today():
    return timezone.localdate()


class PageFeedback(models.Model):
    """One answer to "Is this page useful?": the page, yes or no, and what went wrong. Only the
    day is kept, not the time, and nothing about who answered."""

    page = models.CharField(max_length=300)
    useful = models.BooleanField()
    comment = models.TextField("what went wrong", blank=True, max_length=1200)
    created_on = models.DateField(default=today)

    class Meta:
        ordering = ["-created_on", "-id"]
        indexes = [models.Index(fields=["page"], name="page_feedback_page_idx")]

    def __str__(self) -> str:
        return f"{self.page}: {'yes' if self.useful else 'no'}"


class ProblemReport(models.Model):
    """Someone reported a problem with a published case study. Seen by editors, never published."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="problem_reports"
    )
    problem = models.TextField("what is wrong", max_length=2000)
    email = models.EmailField("e-mail address for a reply", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["resolved", "-created_at"]

    def __str__(self) -> str:
        return f"Problem with {self.partnership}"
