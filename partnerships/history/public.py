"""The entries of a case study's public history, oldest first.

Built from the moderation events the public may know about: first published, each approved
revision (with the names of the sections it changed) and archived. Comments, drafts and who
took each step are never read here. Other kinds of entry (such as confirmations from review
reminders) slot in by adding a function to ENTRY_SOURCES: it takes the case study and returns
HistoryEntry objects.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from partnerships.history.changes import section_title
from partnerships.models import ModerationEvent
from partnerships.models.moderation import PartnershipStatus


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    kind: str  # "published", "revised", "archived", or a kind another source adds
    text: str
    sections: tuple[str, ...] = field(default=())


def moderation_entries(partnership) -> list[HistoryEntry]:
    """First published, approved revisions and archived, from the case study's events (one
    query; the comment column is not even read)."""
    events = (
        ModerationEvent.objects.filter(
            partnership=partnership,
            to_status__in=[PartnershipStatus.PUBLISHED, PartnershipStatus.ARCHIVED],
        )
        .order_by("created_at", "id")
        .values_list("created_at", "to_status", "is_revision", "changed_sections")
    )
    entries = []
    for created_at, to_status, is_revision, changed in events:
        if to_status == PartnershipStatus.ARCHIVED:
            entries.append(HistoryEntry(created_at, "archived", "Archived"))
        elif is_revision:
            sections = tuple(section_title(key) for key in changed or [])
            text = "Changes approved by the editors" if sections else "Checked by the editors"
            entries.append(HistoryEntry(created_at, "revised", text, sections))
        else:
            entries.append(HistoryEntry(created_at, "published", "First published"))
    if partnership.published_at and not any(e.kind == "published" for e in entries):
        # Loaded or imported already published, with no record of the step.
        entries.insert(0, HistoryEntry(partnership.published_at, "published", "First published"))
    return entries


def confirmation_entries(partnership) -> list[HistoryEntry]:
    """Each time someone confirmed, from a review reminder or as an editor, that the case study
    is still accurate (reminders.ReviewConfirmation; who confirmed is never shown)."""
    from reminders.models import ReviewConfirmation

    dates = ReviewConfirmation.objects.filter(partnership=partnership).values_list(
        "created_at", flat=True
    )
    return [HistoryEntry(when, "confirmed", "Confirmed as still accurate") for when in dates]


ENTRY_SOURCES: list[Callable[[object], Iterable[HistoryEntry]]] = [
    moderation_entries,
    confirmation_entries,
]


def public_history(partnership) -> list[HistoryEntry]:
    """Every public entry about `partnership`, oldest first."""
    entries = [entry for source in ENTRY_SOURCES for entry in source(partnership)]
    return sorted(entries, key=lambda entry: entry.when)
