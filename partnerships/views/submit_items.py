"""The sections that collect several things: partners, and sources with the evaluation report.

Every change here first locks the case study's row (select_for_update, inside the request's
transaction), then validates and saves. Two identical posts at once (a double click, two tabs)
therefore run one after the other: the second finds the partner or link already there and says
so, instead of failing on a unique constraint. "Continue" with a partner or link typed in but
not added stops and says so, keeping what was typed. "Remove" asks first, on a page of its own.
"""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from partnerships.forms import AddPartnerForm, AddSourceForm, ReportForm
from partnerships.models import Partnership
from partnerships.sections import SECTIONS_BY_KEY

PARTNER_NOT_ADDED = "You've entered a partner but not added it. Select “Add partner”, or clear it"
LINK_NOT_ADDED = "You've entered a link but not added it. Select “Add link”, or clear it"


def _editable(request: HttpRequest, pk: int, *, lock: bool = False) -> Partnership:
    queryset = Partnership.objects.editable_by(request.user)
    if lock:
        queryset = queryset.select_for_update()
    return get_object_or_404(queryset, pk=pk)


@verified_email_required
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        partnership = _editable(request, pk)
        return _partners_page(request, partnership, AddPartnerForm(partnership=partnership))
    with transaction.atomic():
        partnership = _editable(request, pk, lock=True)
        form = AddPartnerForm(request.POST, partnership=partnership, user=request.user)
        if request.POST.get("action") == "done":
            if form.has_entries():
                form.is_valid()
                form.add_error(None, PARTNER_NOT_ADDED)
                return _partners_page(request, partnership, form)
            if partnership.members.filter(role="lead").exists():
                return redirect("contribute:overview", pk)
            form = AddPartnerForm(partnership=partnership)
            return _partners_page(
                request, partnership, form, problem="Add at least one lead organisation"
            )
        if not form.is_valid():
            return _partners_page(request, partnership, form)
        member = form.save()
    organisation = member.organisation
    if form.matched_listed:
        messages.success(
            request,
            f"{organisation.name} ({organisation.get_kind_display().lower()}) is already in "
            "the directory, so that organisation is added. If it is not the one you meant, "
            "remove it and add yours with a name that tells them apart.",
        )
    else:
        messages.success(request, f"{organisation.name} is added.")
    return redirect("contribute:partners", pk)


def _partners_page(request, partnership, form, problem: str = "") -> HttpResponse:
    return render(
        request,
        "contribute/partners.html",
        {
            "partnership": partnership,
            "members": partnership.members.select_related("organisation__region"),
            "form": form,
            "problem": problem,
            "section": SECTIONS_BY_KEY["partners"],
        },
    )


@verified_email_required
def remove_partner(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Are you sure? (GET), then remove the partner (POST)."""
    partnership = _editable(request, pk)
    member = get_object_or_404(partnership.members.select_related("organisation"), pk=member_pk)
    if request.method == "POST":
        member.delete()
        messages.success(request, f"{member.organisation.name} is removed.")
        return redirect("contribute:partners", pk)
    return _confirm_remove(
        request,
        partnership,
        f"Are you sure you want to remove {member.organisation.name}?",
        "contribute:partners",
    )


@verified_email_required
def sources(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        partnership = _editable(request, pk)
        return _sources_page(request, partnership)
    action = request.POST.get("action")
    with transaction.atomic():
        partnership = _editable(request, pk, lock=True)
        if action == "report":
            report_form = ReportForm(request.POST, request.FILES, prefix="report")
            if not report_form.is_valid():
                return _sources_page(request, partnership, report_form=report_form)
            partnership.evaluation_report = report_form.cleaned_data["report"]
            partnership.save(update_fields=["evaluation_report", "updated_at"])
            messages.success(request, "The evaluation report is uploaded.")
            return redirect("contribute:sources", pk)
        link_form = AddSourceForm(request.POST, partnership=partnership, prefix="link")
        if action == "done":
            if link_form.has_entries():
                link_form.is_valid()
                link_form.add_error(None, LINK_NOT_ADDED)
                return _sources_page(request, partnership, link_form)
            if partnership.sources.exists() or partnership.evaluation_report:
                return redirect("contribute:overview", pk)
            return _sources_page(
                request,
                partnership,
                problem="Add at least one link, or upload an evaluation report",
            )
        if not link_form.is_valid():
            return _sources_page(request, partnership, link_form)
        link_form.save()
    messages.success(request, "The link is added.")
    return redirect("contribute:sources", pk)


def _sources_page(
    request, partnership, link_form=None, report_form=None, problem: str = ""
) -> HttpResponse:
    link_form = link_form or AddSourceForm(partnership=partnership, prefix="link")
    return render(
        request,
        "contribute/sources.html",
        {
            "partnership": partnership,
            "links": partnership.sources.all(),
            "link_form": link_form,
            "report_form": report_form or ReportForm(prefix="report"),
            "form": report_form or link_form,
            "problem": problem,
            "section": SECTIONS_BY_KEY["evaluation"],
        },
    )


@verified_email_required
def remove_source(request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
    """Are you sure? (GET), then remove the link (POST)."""
    partnership = _editable(request, pk)
    source = get_object_or_404(partnership.sources, pk=source_pk)
    if request.method == "POST":
        source.delete()
        messages.success(request, "The link is removed.")
        return redirect("contribute:sources", pk)
    return _confirm_remove(
        request,
        partnership,
        f"Are you sure you want to remove the link “{source.title}”?",
        "contribute:sources",
    )


@verified_email_required
def remove_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Are you sure? (GET), then detach the report (POST). The file stays in storage: a
    published case study or another revision may still point at it."""
    partnership = _editable(request, pk)
    if request.method == "POST":
        partnership.evaluation_report = ""
        partnership.save(update_fields=["evaluation_report", "updated_at"])
        messages.success(request, "The evaluation report is removed.")
        return redirect("contribute:sources", pk)
    if not partnership.evaluation_report:
        return redirect("contribute:sources", pk)
    return _confirm_remove(
        request,
        partnership,
        "Are you sure you want to remove the evaluation report?",
        "contribute:sources",
    )


def _confirm_remove(request, partnership, question: str, back: str) -> HttpResponse:
    return render(
        request,
        "contribute/confirm_remove.html",
        {"partnership": partnership, "question": question, "back": back},
    )
