"""The moderation workflow: statuses, the transitions between them, and the record of each.

Every transition is one method on Partnership (mixed in from ModerationMixin). It locks the row,
checks that the move is allowed (raising a TransitionError subclass and changing nothing if
not), saves the fields it changes and records a ModerationEvent, all in one transaction.
E-mail about a transition is sent by partnerships.services, after the transaction commits.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify


class PartnershipStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    ARCHIVED = "archived", "Archived"


# Statuses in which the contributor may still change their case study.
EDITABLE_STATUSES = [PartnershipStatus.DRAFT, PartnershipStatus.CHANGES_REQUESTED]
# A revision in one of these is "open": a published case study has at most one.
OPEN_STATUSES = [*EDITABLE_STATUSES, PartnershipStatus.SUBMITTED]


class TransitionError(Exception):
    """A workflow step that cannot happen. Nothing was changed."""


class TransitionNotAllowed(TransitionError):
    """The case study is not in a status this step starts from."""


class CommentRequired(TransitionError):
    """Requesting changes needs a comment and rejecting needs a reason."""


class IncompleteCaseStudy(TransitionError):
    """Some sections of the case study are not finished."""

    def __init__(self, sections: list[str]):
        self.sections = sections
        super().__init__("These sections are not finished: " + ", ".join(sections) + ".")


class InvalidEvidenceRating(TransitionError):
    """The evidence rating is not a level from 0 to 5."""


class ModerationEvent(models.Model):
    """One step in a case study's life: who moved it from which status to which, and why."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_events",
    )
    from_status = models.CharField(
        max_length=20,
        choices=PartnershipStatus.choices,
        blank=True,
        help_text="Empty when the case study was started.",
    )
    to_status = models.CharField(max_length=20, choices=PartnershipStatus.choices)
    comment = models.TextField(
        blank=True, help_text="The editor's comments or reason, shown to the contributor."
    )
    is_revision = models.BooleanField(
        default=False, help_text="The step was taken on a revision of a published case study."
    )
    changed_sections = models.JSONField(
        default=list,
        blank=True,
        help_text="On publishing a revision: the keys of the sections it changed "
        "(partnerships.sections), for the public history. Never the text itself.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="moderation_event_statuses_valid",
                condition=models.Q(from_status__in=[*PartnershipStatus.values, ""])
                & models.Q(to_status__in=PartnershipStatus.values),
            ),
        ]
        indexes = [
            # A case study's history, in order.
            models.Index(fields=["partnership", "created_at"], name="moderation_event_history_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.describe()}"

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url()

    def describe(self) -> str:
        """What happened, in words, for the history shown to contributors and editors."""
        what = {
            PartnershipStatus.DRAFT: "Started",
            PartnershipStatus.SUBMITTED: "Submitted for review",
            PartnershipStatus.CHANGES_REQUESTED: "Changes requested",
            PartnershipStatus.PUBLISHED: "Published",
            PartnershipStatus.REJECTED: "Rejected",
            PartnershipStatus.ARCHIVED: "Archived",
        }[self.to_status]
        if self.to_status == PartnershipStatus.DRAFT and self.from_status:
            what = "Started changes"
        return f"{what} (changes to the published case study)" if self.is_revision else what


class ModerationMixin:
    """The transitions, mixed into Partnership. `by` is the user taking the step."""

    def submit(self, *, by) -> ModerationEvent:
        from partnerships.sections import unfinished_sections

        def check(current):
            unfinished = unfinished_sections(self)
            if unfinished:
                raise IncompleteCaseStudy([section.title for section in unfinished])

        return self._move(
            by=by,
            to=PartnershipStatus.SUBMITTED,
            allowed_from=EDITABLE_STATUSES,
            check=check,
            changes={"submitted_at": timezone.now()},
        )

    def request_changes(self, *, by, comment: str) -> ModerationEvent:
        if not comment.strip():
            raise CommentRequired("Say what needs to change.")
        return self._move(
            by=by,
            to=PartnershipStatus.CHANGES_REQUESTED,
            allowed_from=[PartnershipStatus.SUBMITTED],
            comment=comment,
        )

    def reject(self, *, by, reason: str) -> ModerationEvent:
        if not reason.strip():
            raise CommentRequired("Give the reason for rejecting the case study.")
        return self._move(
            by=by,
            to=PartnershipStatus.REJECTED,
            allowed_from=[PartnershipStatus.SUBMITTED],
            comment=reason,
        )

    def archive(self, *, by, comment: str = "") -> ModerationEvent:
        def check(current):
            if current.revision_of_id:
                raise TransitionNotAllowed("A revision cannot be archived.")

        return self._move(
            by=by,
            to=PartnershipStatus.ARCHIVED,
            allowed_from=[PartnershipStatus.PUBLISHED],
            comment=comment,
            check=check,
        )

    def publish(self, *, by, evidence_rating: int, comment: str = "") -> ModerationEvent:
        """Publish a submitted case study, or apply a submitted revision to the live one.

        The editor's checked evidence rating is set, and the organisations contributors added
        are confirmed. A revision's event history moves to the live case study and the
        revision row is deleted: the event returned belongs to the live case study.
        """
        if evidence_rating not in range(0, 6):
            raise InvalidEvidenceRating(f"{evidence_rating!r} is not a level from 0 to 5.")
        if self.revision_of_id:
            return self._publish_revision(by=by, evidence_rating=evidence_rating, comment=comment)
        now = timezone.now()
        changes = {
            "published_at": self.published_at or now,
            "last_reviewed_at": now,
            "evidence_rating": evidence_rating,
        }
        if not self.published_at:
            changes["slug"] = self.unique_slug()
        return self._move(
            by=by,
            to=PartnershipStatus.PUBLISHED,
            allowed_from=[PartnershipStatus.SUBMITTED],
            comment=comment,
            changes=changes,
            after=self.confirm_new_organisations,
        )

    def _publish_revision(self, *, by, evidence_rating: int, comment: str) -> ModerationEvent:
        from partnerships.history.changes import changed_sections
        from partnerships.models.revisions import apply_revision

        Partnership = type(self)
        with transaction.atomic():
            current = Partnership.objects.select_for_update().get(pk=self.pk)
            if current.status != PartnershipStatus.SUBMITTED:
                raise TransitionNotAllowed(self._not_allowed("be published", current.status))
            live = Partnership.objects.select_for_update().get(pk=self.revision_of_id)
            if live.status != PartnershipStatus.PUBLISHED:
                raise TransitionNotAllowed(
                    "The case study these changes are for is no longer published."
                )
            self.confirm_new_organisations()
            changed = changed_sections(live, self)
            if live.evidence_rating != evidence_rating:
                changed.append("rating")
            apply_revision(self, onto=live)
            live.evidence_rating = evidence_rating
            live.last_reviewed_at = timezone.now()
            live.save(update_fields=["evidence_rating", "last_reviewed_at", "updated_at"])
            self.events.update(partnership=live)
            event = ModerationEvent.objects.create(
                partnership=live,
                actor=by,
                from_status=PartnershipStatus.SUBMITTED,
                to_status=PartnershipStatus.PUBLISHED,
                comment=comment,
                is_revision=True,
                changed_sections=changed,
            )
            self.delete()
        return event

    def start_revision(self, *, by):
        """A draft copy of this published case study for its owner to change."""
        from partnerships.models.revisions import start_revision

        if self.status != PartnershipStatus.PUBLISHED or self.revision_of_id:
            raise TransitionNotAllowed("Only a published case study can be changed this way.")
        return start_revision(self, by=by)

    def confirm_new_organisations(self) -> int:
        from partnerships.models.organisations import Organisation

        return Organisation.objects.filter(
            memberships__partnership=self, is_confirmed=False
        ).update(is_confirmed=True)

    def unique_slug(self) -> str:
        base = slugify(self.title)[:180].strip("-") or "case-study"
        slug, n = base, 1
        taken = type(self).objects.exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _not_allowed(self, action: str, status: str) -> str:
        return f"A case study with the status “{PartnershipStatus(status).label}” cannot {action}."

    def _move(
        self,
        *,
        by,
        to: str,
        allowed_from: list[str],
        comment: str = "",
        check=None,
        changes: dict | None = None,
        after=None,
    ) -> ModerationEvent:
        actions = {
            PartnershipStatus.SUBMITTED: "be submitted",
            PartnershipStatus.CHANGES_REQUESTED: "have changes requested",
            PartnershipStatus.REJECTED: "be rejected",
            PartnershipStatus.PUBLISHED: "be published",
            PartnershipStatus.ARCHIVED: "be archived",
        }
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if current.status not in allowed_from:
                raise TransitionNotAllowed(self._not_allowed(actions[to], current.status))
            if check:
                check(current)
            changes = {**(changes or {}), "status": to}
            for field, value in changes.items():
                setattr(self, field, value)
            self.save(update_fields=[*changes, "updated_at"])
            if after:
                after()
            return ModerationEvent.objects.create(
                partnership=self,
                actor=by,
                from_status=current.status,
                to_status=to,
                comment=comment,
                is_revision=bool(self.revision_of_id),
            )
