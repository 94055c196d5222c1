"""What the public sees (`published_q`, the one definition, and its SQL form for the triggers
and the search index) and the case studies' queryset: the scopes every view reads through."""

import uuid

from django.db import models, transaction

from partnerships.models.members import PartnershipMember
from partnerships.models.moderation import EDITABLE_STATUSES, PartnershipStatus
from partnerships.models.organisations import Organisation


def published_q(prefix: str = "") -> models.Q:
    """What the public sees, as a condition: the one definition, used by every public page.

    `prefix` reaches a partnership through a relation, e.g. published_q("partnerships__").
    """
    return models.Q(**{f"{prefix}status": PartnershipStatus.PUBLISHED})


def published_sql(row: str) -> str:
    """published_q as an SQL condition on a row `row` of partnerships_partnership: what the
    database triggers and the search index (search_schema.py, change_stamp.py) build theirs from."""
    value = str(PartnershipStatus.PUBLISHED.value)
    if not value.isidentifier():
        raise ValueError(f"A status written into SQL must be a plain word, not {value!r}.")
    return f"{row}.status = '{value}'"


# The fields a case-study card shows (partnerships/cards.py); the long texts are most of a row and
# no card shows them.
CARD_FIELDS = (
    "title",
    "slug",
    "summary",
    "start_year",
    "end_year",
    "work_state",
    "evaluation_type",
    "evidence_rating",
)
# What `for_listing` loads: a card's fields and whether and when it was published.
LISTING_FIELDS = (*CARD_FIELDS, "status", "published_at")


class PartnershipQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)

    def published(self):
        return self.filter(published_q())

    def for_listing(self):
        """The fields a case-study card shows, without the long texts (cards themselves are
        built by partnerships/cards.py)."""
        return self.only(*LISTING_FIELDS)

    def for_detail(self):
        return self.prefetch_related(
            "themes",
            "population_groups",
            models.Prefetch(
                "police_force_areas", queryset=Organisation.objects.select_related("region")
            ),
            models.Prefetch(
                "members",
                queryset=PartnershipMember.objects.select_related("organisation__region"),
            ),
            "sources",
        )

    def awaiting_review(self):
        """Submitted case studies and revisions, the longest waiting first."""
        return self.filter(status=PartnershipStatus.SUBMITTED).order_by(
            models.F("submitted_at").asc(nulls_first=True), "id"
        )

    def owned_by(self, user):
        """What a contributor started: their case studies and their revisions."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(submitted_by=user)

    def editable_by(self, user):
        """What `user` may change through the submission pages: their own drafts, revisions
        and case studies sent back to them. Anyone else gets a 404 for these."""
        return self.owned_by(user).filter(status__in=EDITABLE_STATUSES)

    def start_draft(self, *, by):
        """A new, empty draft case study belonging to `by`, with its first history entry."""
        from partnerships.models.moderation import ModerationEvent

        with transaction.atomic():
            draft = self.create(
                slug=f"draft-{uuid.uuid4().hex[:12]}",
                submitted_by=by,
                status=PartnershipStatus.DRAFT,
            )
            ModerationEvent.objects.create(
                partnership=draft, actor=by, to_status=PartnershipStatus.DRAFT
            )
        return draft
