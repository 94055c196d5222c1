"""A spreadsheet an editor uploaded to import case studies, kept between the dry run and the
confirmation so that what is imported is exactly what was checked."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class SpreadsheetUpload(models.Model):
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spreadsheet_uploads"
    )
    file_name = models.CharField(max_length=200)
    content = models.BinaryField(help_text="The file as uploaded (at most 2 MB).")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    imported_at = models.DateTimeField(
        null=True, blank=True, help_text="When its rows were imported as drafts; empty until then."
    )
    draft_ids = models.JSONField(
        default=list, blank=True, help_text="The draft case studies the import created."
    )
    organisation_ids = models.JSONField(
        default=list, blank=True, help_text="The unconfirmed organisations the import created."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d %b %Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("moderation:import_report", args=[self.pk])
