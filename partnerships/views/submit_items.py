"""The sections that collect several things: partners, and sources with the evaluation report."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from partnerships.forms import AddPartnerForm, AddSourceForm, ReportForm
from partnerships.models import Partnership
from partnerships.sections import SECTIONS_BY_KEY


def _editable(request: HttpRequest, pk: int) -> Partnership:
    return get_object_or_404(Partnership.objects.editable_by(request.user), pk=pk)


@verified_email_required
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    form = AddPartnerForm(partnership=partnership)
    missing_lead = ""
    if request.method == "POST":
        if request.POST.get("action") == "done":
            if partnership.members.filter(role="lead").exists():
                return redirect("contribute:overview", pk)
            missing_lead = "Add at least one lead organisation"
        else:
            form = AddPartnerForm(request.POST, partnership=partnership)
            if form.is_valid():
                member = form.save()
                messages.success(request, f"{member.organisation.name} is added.")
                return redirect("contribute:partners", pk)
    return render(
        request,
        "contribute/partners.html",
        {
            "partnership": partnership,
            "members": partnership.members.select_related("organisation"),
            "form": form,
            "missing_lead": missing_lead,
            "section": SECTIONS_BY_KEY["partners"],
        },
    )


@verified_email_required
@require_POST
def remove_partner(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    member = get_object_or_404(partnership.members.select_related("organisation"), pk=member_pk)
    member.delete()
    messages.success(request, f"{member.organisation.name} is removed.")
    return redirect("contribute:partners", pk)


@verified_email_required
def sources(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    link_form = AddSourceForm(partnership=partnership, prefix="link")
    report_form = ReportForm(prefix="report")
    nothing_given = ""
    action = request.POST.get("action")
    if request.method == "POST":
        if action == "done":
            if partnership.sources.exists() or partnership.evaluation_report:
                return redirect("contribute:overview", pk)
            nothing_given = "Add at least one link, or upload an evaluation report"
        elif action == "report":
            report_form = ReportForm(request.POST, request.FILES, prefix="report")
            if report_form.is_valid():
                partnership.evaluation_report = report_form.cleaned_data["report"]
                partnership.save(update_fields=["evaluation_report", "updated_at"])
                messages.success(request, "The evaluation report is uploaded.")
                return redirect("contribute:sources", pk)
        else:
            link_form = AddSourceForm(request.POST, partnership=partnership, prefix="link")
            if link_form.is_valid():
                link_form.save()
                messages.success(request, "The link is added.")
                return redirect("contribute:sources", pk)
    return render(
        request,
        "contribute/sources.html",
        {
            "partnership": partnership,
            "links": partnership.sources.all(),
            "link_form": link_form,
            "report_form": report_form,
            "form": report_form if action == "report" else link_form,
            "nothing_given": nothing_given,
            "section": SECTIONS_BY_KEY["evaluation"],
        },
    )


@verified_email_required
@require_POST
def remove_source(request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    get_object_or_404(partnership.sources, pk=source_pk).delete()
    messages.success(request, "The link is removed.")
    return redirect("contribute:sources", pk)


@verified_email_required
@require_POST
def remove_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Detach the report. The file stays in storage: a published case study or another
    revision may still point at it."""
    partnership = _editable(request, pk)
    partnership.evaluation_report = ""
    partnership.save(update_fields=["evaluation_report", "updated_at"])
    messages.success(request, "The evaluation report is removed.")
    return redirect("contribute:sources", pk)
