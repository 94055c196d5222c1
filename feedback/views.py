"""Page feedback ("Is this page useful?"), problem reports, and the editors' lists of both."""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from feedback.forms import ProblemForm, WhatWentWrongForm
from feedback.models import PageFeedback, ProblemReport
from jobs import links
from jobs.mail import render as render_mail
from jobs.mail import to_dict
from jobs.rate_limits import allow, client_ip
from jobs.tasks import send_emails
from partnerships.models import Partnership
from partnerships.views.moderation import editor_required


def _local_path(page: str) -> str:
    page = page.strip()[:300]
    return page if page.startswith("/") and not page.startswith("//") else "/"


@csrf_exempt  # see "Is this page useful?" in templates/base.html: a vote needs no session
@require_POST
def page_useful(request: HttpRequest) -> HttpResponse:
    page = _local_path(request.POST.get("page", ""))
    answer = request.POST.get("useful")
    if answer not in ("yes", "no"):
        return render(request, "feedback/thanks.html", {"page": page, "error": True}, status=400)
    if not allow("feedback-ip", client_ip(request), settings.FEEDBACK_RATE_LIMIT_PER_IP):
        return render(request, "429.html", status=429)
    feedback = PageFeedback.objects.create(page=page, useful=answer == "yes")
    if feedback.useful:
        return render(request, "feedback/thanks.html", {"page": page})
    form = WhatWentWrongForm(initial={"token": links.make("feedback", feedback.pk)})
    return render(request, "feedback/what_went_wrong.html", {"form": form, "page": page})


@require_POST
def what_went_wrong(request: HttpRequest) -> HttpResponse:
    """The optional comment after "No", added to that answer (named by a signed token)."""
    form = WhatWentWrongForm(request.POST)
    page = _local_path(request.POST.get("page", ""))
    if not form.is_valid():
        if "token" in form.errors:
            return links.problem_page(request, links.BadLink())
        return render(request, "feedback/what_went_wrong.html", {"form": form, "page": page})
    try:
        pk = links.read("feedback", form.cleaned_data["token"], max_age=24 * 3600)
    except links.BadLink as error:
        return links.problem_page(request, error)
    comment = form.cleaned_data["comment"].strip()
    if comment:
        # Only an answer without a comment takes one: a reused form changes nothing.
        PageFeedback.objects.filter(pk=pk, useful=False, comment="").update(comment=comment)
    return render(request, "feedback/thanks.html", {"page": page})


@require_http_methods(["GET", "POST"])
def problem(request: HttpRequest, slug: str) -> HttpResponse:
    """Report a problem with a published case study: stored for editors and e-mailed to them."""
    partnership = get_object_or_404(Partnership.objects.published(), slug=slug)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow("problem-ip", client_ip(request), settings.CONTACT_RATE_LIMIT_PER_IP):
            form.add_error(None, "You have sent too many reports. Try again in an hour.")
        else:
            with transaction.atomic():
                report = ProblemReport.objects.create(partnership=partnership, **form.cleaned_data)
                context = {
                    "report": report,
                    "partnership": partnership,
                    "list_url": settings.SITE_URL + reverse("feedback:problems"),
                }
                messages = [
                    to_dict(
                        render_mail("feedback/emails/problem", context, to=[email]),
                        key=f"problem:{report.pk}:{email}",
                    )
                    for email in User.objects.editors().values_list("email", flat=True)
                ]
                if messages:
                    transaction.on_commit(lambda: send_emails.enqueue(messages))
            return render(request, "feedback/problem_sent.html", {"partnership": partnership})
    return render(request, "feedback/problem.html", {"form": form, "partnership": partnership})


@editor_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Counts of answers per page, and the latest comments."""
    pages = (
        PageFeedback.objects.values("page")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .order_by("-no", "page")[:200]
    )
    comments = PageFeedback.objects.exclude(comment="")[:100]
    return render(request, "feedback/list.html", {"pages": pages, "comments": comments})


@editor_required
def problem_list(request: HttpRequest) -> HttpResponse:
    reports = ProblemReport.objects.select_related("partnership")[:200]
    return render(request, "feedback/problems.html", {"reports": reports})
