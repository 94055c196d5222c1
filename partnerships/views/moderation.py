"""Editors' pages: the queue, a review page, and the decisions. Anyone else gets a 404."""

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from partnerships import services
from partnerships.case_study_parts import parts_of
from partnerships.forms import (
    ArchiveForm,
    MergeOrganisationForm,
    OrganisationDetailsForm,
    PublishForm,
    QueueFilterForm,
    RejectForm,
    RequestChangesForm,
)
from partnerships.forms.moderation import confirmed_organisation_choices, region_choices
from partnerships.models import ModerationEvent, Organisation, Partnership, TransitionError
from partnerships.models.revisions import differences
from partnerships.pagination import paginate


def editor_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_editor):
            raise Http404("There is no such page.")
        return view(request, *args, **kwargs)

    return wrapped


@editor_required
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    status = Partnership.Status.SUBMITTED
    if form.is_bound and form.is_valid() and form.cleaned_data["status"]:
        status = form.cleaned_data["status"]
    queryset = (
        Partnership.objects.filter(status=status)
        .select_related("submitted_by", "revision_of")
        .order_by(F("submitted_at").asc(nulls_first=True), "id")
    )
    paged = paginate(request, queryset)
    return render(
        request,
        "moderation/queue.html",
        {**paged.context(), "form": form, "status": Partnership.Status(status)},
    )


# The decisions: the form each takes, the service that makes it, what the button says.
ACTIONS = {
    "publish": (PublishForm, services.publish, "published"),
    "request_changes": (RequestChangesForm, services.request_changes, "sent back for changes"),
    "reject": (RejectForm, services.reject, "rejected"),
    "archive": (ArchiveForm, services.archive, "archived"),
}


def _reviewable(pk: int) -> Partnership:
    events = ModerationEvent.objects.select_related("actor")
    return get_object_or_404(
        Partnership.objects.exclude(status=Partnership.Status.DRAFT)
        .for_detail()
        .select_related("submitted_by", "revision_of")
        .prefetch_related(Prefetch("events", queryset=events)),
        pk=pk,
    )


def _new_organisations(partnership: Partnership) -> list[Organisation]:
    return [m.organisation for m in partnership.members.all() if not m.organisation.is_confirmed]


def _forms(partnership: Partnership, bound: tuple[str, forms.Form] | None = None) -> dict:
    new_organisations = _new_organisations(partnership)
    result = {
        "publish": PublishForm(
            new_organisations=new_organisations,
            initial={"evidence_rating": partnership.evidence_rating},
            prefix="publish",
        ),
        "request_changes": RequestChangesForm(prefix="request_changes"),
        "reject": RejectForm(prefix="reject"),
        "archive": ArchiveForm(prefix="archive"),
    }
    if bound:
        result[bound[0]] = bound[1]
    return result


def _render_review(
    request, partnership, bound=None, merge=None, status=200, details=None
) -> HttpResponse:
    """The review page. `bound` is (action, form), and `merge` and `details` are
    (organisation, form), for a decision, merge or correction that came back with errors: those
    forms are shown with what was typed."""
    live = None
    if partnership.revision_of_id:
        live = Partnership.objects.for_detail().get(pk=partnership.revision_of_id)
    new_organisations = _new_organisations(partnership)
    choices = confirmed_organisation_choices() if new_organisations else []
    regions = region_choices() if new_organisations else []
    merges = [
        (
            org,
            merge[1]
            if merge and merge[0] == org
            else MergeOrganisationForm(prefix=f"merge-{org.pk}", choices=choices),
            details[1]
            if details and details[0] == org
            else OrganisationDetailsForm(
                organisation=org, regions=regions, prefix=f"details-{org.pk}"
            ),
        )
        for org in new_organisations
    ]
    return render(
        request,
        "moderation/review.html",
        {
            "partnership": partnership,
            # What includes/partnership_body.html previews, as the public page reads it
            "parts": parts_of(partnership),
            "live": live,
            "changes": differences(live, partnership) if live else None,
            "forms": _forms(partnership, bound),
            "form": bound[1] if bound else merge[1] if merge else details[1] if details else None,
            "merges": merges,
            "history": partnership.events.all(),
        },
        status=status,
    )


@editor_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_review(request, _reviewable(pk))


@editor_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    partnership = _reviewable(pk)
    Form, decide, done = ACTIONS[action]
    extra = {"new_organisations": _new_organisations(partnership)} if action == "publish" else {}
    form = Form(request.POST, prefix=action, **extra)
    if not form.is_valid():
        return _render_review(request, partnership, (action, form))
    data = form.cleaned_data
    kwargs = {"comment": data.get("comment", "")}
    if action == "publish":
        kwargs["evidence_rating"] = data["evidence_rating"]
    if action == "reject":
        kwargs = {"reason": data["comment"]}
    title = partnership.display_title
    try:
        event = decide(partnership, by=request.user, **kwargs)
    except TransitionError as problem:
        form.add_error(None, str(problem))
        return _render_review(request, _reviewable(pk), (action, form), status=409)
    messages.success(request, f"“{title}” is {done}. The contributor is told by email.")
    if action == "publish":
        return redirect("moderation:review", event.partnership_id)
    return redirect("moderation:queue")


@editor_required
@require_POST
def merge_organisation(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    partnership = _reviewable(pk)
    organisation = get_object_or_404(
        Organisation.objects.filter(is_confirmed=False, memberships__partnership=partnership),
        pk=organisation_pk,
    )
    form = MergeOrganisationForm(
        request.POST, prefix=f"merge-{organisation.pk}", choices=confirmed_organisation_choices()
    )
    if not form.is_valid():
        return _render_review(request, partnership, merge=(organisation, form))
    organisation.merge_into(form.cleaned_data["into"])
    messages.success(
        request, f"{organisation.name} is merged into {form.cleaned_data['into'].name}."
    )
    return redirect("moderation:review", pk)


@editor_required
@require_POST
def organisation_details(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    """Set or correct the kind and region of an organisation a contributor added."""
    partnership = _reviewable(pk)
    organisation = get_object_or_404(
        Organisation.objects.filter(is_confirmed=False, memberships__partnership=partnership),
        pk=organisation_pk,
    )
    form = OrganisationDetailsForm(
        request.POST,
        organisation=organisation,
        regions=region_choices(),
        prefix=f"details-{organisation.pk}",
    )
    if not form.is_valid():
        return _render_review(request, partnership, details=(organisation, form))
    form.save()
    messages.success(request, f"{organisation.name}'s kind and region are saved.")
    return redirect("moderation:review", pk)
