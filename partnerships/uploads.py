"""Uploaded evaluation reports: where they are stored and what is accepted.

A report is stored under a random name (never the name the contributor gave it), is only ever
sent back as an attachment by partnerships.views.files, and must really be a PDF: its first
bytes must be the PDF signature, whatever the file is called.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

PDF_SIGNATURE = b"%PDF-"


def report_upload_to(instance, filename: str) -> str:
    return f"reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def validate_pdf(upload: UploadedFile) -> None:
    """Raise ValidationError unless `upload` is a PDF within the size limit."""
    limit = settings.MAX_REPORT_MEGABYTES * 1024 * 1024
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {settings.MAX_REPORT_MEGABYTES} MB",
            code="too_big",
        )
    upload.seek(0)
    start = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if start != PDF_SIGNATURE:
        raise ValidationError("The selected file must be a PDF", code="not_pdf")
