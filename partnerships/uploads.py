"""Uploaded evaluation reports: where they are stored and what is accepted.

A report is stored under a random name (never the name the contributor gave it), is only ever
sent back as an attachment by partnerships.views.files, and must really be a PDF: it must start
with the PDF signature, and pypdf must open it, find it unencrypted and count at least one page,
within PDF_CHECK_SECONDS. An HTML file that merely starts with "%PDF-", a damaged or
password-protected PDF, or one too tangled to read in time is refused with a message saying so.
"""

import io
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTookTooLong

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from pypdf import PdfReader

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"
PDF_CHECK_SECONDS = 5
# Checks run here so that one can be abandoned when it takes too long. (The abandoned check
# finishes in the background; the file is at most MAX_REPORT_MEGABYTES, so it does finish.)
_checker = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pdf-check")

NOT_PDF = "The selected file must be a PDF"
UNREADABLE = "The selected file could not be read as a PDF. Save it as a PDF again and upload that"
ENCRYPTED = "The selected file is protected with a password. Upload a copy without a password"
NO_PAGES = "The selected file has no pages"


def report_upload_to(instance, filename: str) -> str:
    return f"reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def _pdf_problem(content: bytes) -> tuple[str, str] | None:
    """(message, code) for what is wrong with the PDF, or None if pypdf reads it."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            return ENCRYPTED, "encrypted"
        if len(reader.pages) < 1:
            return NO_PAGES, "no_pages"
    except Exception:  # pypdf raises many kinds for damaged files: all mean "unreadable"
        return UNREADABLE, "unreadable"
    return None


def validate_pdf(upload: UploadedFile) -> None:
    """Raise ValidationError unless `upload` is a readable, unencrypted PDF within the size
    limit."""
    limit = settings.MAX_REPORT_MEGABYTES * 1024 * 1024
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {settings.MAX_REPORT_MEGABYTES} MB",
            code="too_big",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.startswith(PDF_SIGNATURE):
        raise ValidationError(NOT_PDF, code="not_pdf")
    try:
        problem = _checker.submit(_pdf_problem, content).result(timeout=PDF_CHECK_SECONDS)
    except CheckTookTooLong:
        logger.warning("A PDF took more than %s s to check and was refused", PDF_CHECK_SECONDS)
        problem = UNREADABLE, "too_slow"
    if problem:
        raise ValidationError(problem[0], code=problem[1])
