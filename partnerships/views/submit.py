"""Contributors start a case study, fill in its sections in any order, check it and submit it.

Every page here starts from the contributor's own case studies (Partnership.objects.owned_by or
.editable_by), so another person's draft or revision is a 404. Contributors must have verified
their e-mail address (allauth's verified_email_required sends a new link if they have not).
"""

import copy
from datetime import timedelta

from allauth.account.decorators import verified_email_required
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import User
from partnerships import sections, services
from partnerships.forms import SECTION_FORMS
from partnerships.models import (
    IncompleteCaseStudy,
    ModerationEvent,
    Partnership,
    TransitionNotAllowed,
)
from partnerships.models.moderation import OPEN_STATUSES

SAVE_LATER = "later"


def over_hourly_limit(user) -> bool:
    """Has `user` started as many case studies (or revisions) this hour as they may?

    Call it inside the transaction that creates the case study, after lock_user(user), or
    parallel requests can all count the same number and all start one."""
    since = timezone.now() - timedelta(hours=1)
    started = Partnership.objects.filter(submitted_by=user, created_at__gte=since).count()
    return started >= settings.SUBMISSION_RATE_LIMIT_PER_HOUR


def lock_user(user) -> None:
    """Hold the user's row until the transaction ends, so that one person's requests that
    count and then create (the hourly limit) run one after another. (SQLite has no row locks,
    but its writers already take turns: every transaction there begins IMMEDIATE.)"""
    User.objects.select_for_update().filter(pk=user.pk).first()


def too_many(request: HttpRequest) -> HttpResponse:
    limit = settings.SUBMISSION_RATE_LIMIT_PER_HOUR
    return render(
        request,
        "429.html",
        {
            "heading": "You have started too many case studies",
            "explanation": f"You can start up to {limit} case studies or sets of changes an "
            "hour. Everything you have saved is kept: carry on with it from your case "
            "studies, or try again in an hour.",
        },
        status=429,
    )


def for_task_list(queryset):
    return queryset.select_related("revision_of").prefetch_related(
        "themes", "population_groups", "police_force_areas", "members", "sources"
    )


@verified_email_required
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        with transaction.atomic():
            lock_user(request.user)
            if over_hourly_limit(request.user):
                return too_many(request)
            draft = Partnership.objects.start_draft(by=request.user)
        return redirect("contribute:overview", draft.pk)
    return render(request, "contribute/start.html", {"sections": sections.SECTIONS})


@verified_email_required
def mine(request: HttpRequest) -> HttpResponse:
    case_studies = (
        Partnership.objects.owned_by(request.user)
        .select_related("revision_of")
        .order_by("-updated_at", "-id")
    )
    return render(request, "contribute/mine.html", {"case_studies": case_studies})


@verified_email_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The task list while it can be changed; its status, comments and history always."""
    events = ModerationEvent.objects.select_related("actor")
    partnership = get_object_or_404(
        for_task_list(Partnership.objects.owned_by(request.user)).prefetch_related(
            Prefetch("events", queryset=events),
            Prefetch(
                "revisions",
                queryset=Partnership.objects.filter(status__in=OPEN_STATUSES),
                to_attr="open_revisions",
            ),
        ),
        pk=pk,
    )
    history = list(partnership.events.all())
    last_word = next(
        (e for e in reversed(history) if e.comment and e.to_status == partnership.status), None
    )
    return render(
        request,
        "contribute/overview.html",
        {
            "partnership": partnership,
            "tasks": sections.task_list(partnership) if partnership.is_editable else None,
            "history": history,
            "last_word": last_word,
            "open_revision": next(iter(partnership.open_revisions), None),
        },
    )


@verified_email_required
def section(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.editable_by(request.user), pk=pk)
    Form = SECTION_FORMS[key]
    later = request.POST.get("action") == SAVE_LATER
    data = request.POST if request.method == "POST" else None
    # The form validates a copy: a failed save must not put the unsaved title in the caption
    # and breadcrumbs, which read `partnership`.
    answered = sections.SECTIONS_BY_KEY[key].status_of(partnership) == sections.COMPLETED
    form = Form(data, instance=copy.copy(partnership), complete=not later, answered=answered)
    if request.method == "POST" and form.is_valid():
        form.save()
        if later:
            messages.success(request, "Your answers are saved. Come back to them at any time.")
            return redirect("contribute:overview", pk)
        if key == "evaluation":
            return redirect("contribute:sources", pk)
        return redirect("contribute:overview", pk)
    return render(
        request,
        "contribute/section.html",
        {"partnership": partnership, "form": form, "section": sections.SECTIONS_BY_KEY[key]},
    )


ALREADY_SUBMITTED = "This case study has already been submitted"


@verified_email_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then submit for review.

    A second "Submit for review" (a double click, or another tab) finds the case study already
    submitted, and lands on its page with a notice saying so."""
    if request.method == "POST" and (
        Partnership.objects.owned_by(request.user)
        .filter(pk=pk, status=Partnership.Status.SUBMITTED)
        .exists()
    ):
        messages.info(request, ALREADY_SUBMITTED)
        return redirect("contribute:overview", pk)
    partnership = get_object_or_404(
        for_task_list(Partnership.objects.editable_by(request.user)).prefetch_related(
            "members__organisation"
        ),
        pk=pk,
    )
    error = ""
    if request.method == "POST":
        try:
            services.submit(partnership, by=request.user)
        except TransitionNotAllowed:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("contribute:overview", pk)
        except IncompleteCaseStudy as problem:
            error = str(problem)
        else:
            messages.success(
                request, "Your case study is submitted. Editors will review it and email you."
            )
            return redirect("contribute:overview", pk)
    return render(
        request,
        "contribute/check.html",
        {
            "partnership": partnership,
            "tasks": sections.task_list(partnership),
            "unfinished": sections.unfinished_sections(partnership),
            "error": error,
        },
    )


@verified_email_required
@require_POST
def revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a published case study: open its revision, starting one if there is none.

    The live case study's row is locked first, so that two clicks at once both find (or the
    first starts) the one open revision."""
    live_ones = Partnership.objects.owned_by(request.user).published().filter(revision_of=None)
    with transaction.atomic():
        live = get_object_or_404(live_ones.select_for_update(), pk=pk)
        revision = live.revisions.filter(status__in=OPEN_STATUSES).first()
        if revision is None:
            lock_user(request.user)
            if over_hourly_limit(request.user):
                return too_many(request)
            revision = live.start_revision(by=request.user)
    return redirect("contribute:overview", revision.pk)
