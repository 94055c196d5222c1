"""Uploaded evaluation reports, sent only to those who may see them and never run or shown
inline: always an attachment, as application/pdf, with nosniff."""

from allauth.account.decorators import verified_email_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from partnerships.models import Partnership
from partnerships.views.moderation import editor_required


def send_report(partnership: Partnership) -> FileResponse:
    if not partnership.evaluation_report:
        raise Http404("This case study has no evaluation report.")
    try:
        handle = partnership.evaluation_report.open("rb")
    except FileNotFoundError:
        raise Http404("The evaluation report is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{partnership.slug}-evaluation-report.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def public_report(request: HttpRequest, slug: str) -> FileResponse:
    return send_report(get_object_or_404(Partnership.objects.published(), slug=slug))


@verified_email_required
def own_report(request: HttpRequest, pk: int) -> FileResponse:
    return send_report(get_object_or_404(Partnership.objects.owned_by(request.user), pk=pk))


@editor_required
def editor_report(request: HttpRequest, pk: int) -> FileResponse:
    reviewable = Partnership.objects.exclude(status=Partnership.Status.DRAFT)
    return send_report(get_object_or_404(reviewable, pk=pk))
