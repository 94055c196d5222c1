"""Review pages: the reminder e-mail's two links, and the editors' "Due for review" list."""

from datetime import date

from django import forms
from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jobs import links
from partnerships.models import Partnership
from partnerships.views.moderation import editor_required
from reminders import schedule
from reminders.jobs import LINK_DAYS
from reminders.models import ReviewConfirmation

DAY = 24 * 3600


def _from_link(token: str):
    """(partnership, due date, who) from a reminder link; BadLink if it cannot be used."""
    pk, due, who = links.read("review", token, max_age=LINK_DAYS * DAY)
    partnership = Partnership.objects.published().filter(pk=pk).select_related("submitted_by")
    partnership = partnership.first()
    if partnership is None:
        raise links.ExpiredLink
    return partnership, date.fromisoformat(due), who


@require_http_methods(["GET", "POST"])
def accurate(request: HttpRequest, token: str) -> HttpResponse:
    """ "It is still accurate": a page with one button (a GET alone changes nothing, so a mail
    scanner following the link cannot confirm for you)."""
    try:
        partnership, due, who = _from_link(token)
    except links.BadLink as error:
        return links.problem_page(request, error)
    context = {"partnership": partnership}
    if schedule.due_date(partnership) != due:  # confirmed already: the due date has moved on
        return render(request, "reminders/confirmed.html", {**context, "already": True})
    if request.method == "POST":
        if who == "contact":
            schedule.confirm(
                partnership, via="link", name=partnership.contact_name or "the contact"
            )
        else:
            schedule.confirm(partnership, via="link", by=partnership.submitted_by)
        partnership.refresh_from_db()
        return render(
            request,
            "reminders/confirmed.html",
            {**context, "next_due": schedule.due_date(partnership)},
        )
    return render(request, "reminders/accurate.html", context)


def changes(request: HttpRequest, token: str) -> HttpResponse:
    """ "It needs changes": the submitter goes to their case study, where "Change" starts a
    revision (after signing in); the contact is told how to get it changed."""
    try:
        partnership, _due, who = _from_link(token)
    except links.BadLink as error:
        return links.problem_page(request, error)
    if who == "submitter":
        return redirect("contribute:overview", partnership.pk)
    return render(request, "reminders/changes.html", {"partnership": partnership})


class DueDateForm(forms.Form):
    review_due_on = forms.DateField(
        label="Review due",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the date the review is due",
            "invalid": "Enter a real date, like 2027-03-31",
        },
    )


@editor_required
def due(request: HttpRequest) -> HttpResponse:
    """Published case studies due for review, most overdue first."""
    rows = []
    partnerships = schedule.due_for_review().annotate(
        last_confirmed=Max("review_confirmations__created_at"),
        last_reminded=Max("review_reminders__sent_at"),
    )
    for partnership in partnerships.select_related("submitted_by"):
        rows.append((schedule.due_date(partnership), partnership))
    rows.sort(key=lambda row: (row[0], row[1].pk))
    return render(request, "reminders/due.html", {"rows": rows, "today": timezone.localdate()})


@editor_required
@require_POST
def editor_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.published(), pk=pk)
    schedule.confirm(partnership, via=ReviewConfirmation.Via.EDITOR, by=request.user)
    messages.success(request, f"“{partnership.title}” is confirmed as still accurate.")
    return redirect("reminders:due")


@editor_required
@require_http_methods(["GET", "POST"])
def due_date(request: HttpRequest, pk: int) -> HttpResponse:
    """Change when a case study is next due for review."""
    partnership = get_object_or_404(Partnership.objects.published(), pk=pk)
    form = DueDateForm(
        request.POST or None, initial={"review_due_on": schedule.due_date(partnership)}
    )
    if request.method == "POST" and form.is_valid():
        partnership.review_due_on = form.cleaned_data["review_due_on"]
        partnership.save(update_fields=["review_due_on", "updated_at"])
        messages.success(
            request,
            f"The review of “{partnership.title}” is now due on "
            f"{partnership.review_due_on:%-d %B %Y}.",
        )
        return redirect("reminders:due")
    return render(request, "reminders/due_date.html", {"form": form, "partnership": partnership})
