"""When a case study is due for review, and confirming that it is still accurate."""

import calendar
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnerships.models import Partnership
from reminders.models import ReviewConfirmation

REVIEW_MONTHS = 12
REMIND_AGAIN_AFTER = timedelta(weeks=4)
OUT_OF_DATE_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months (the 31st becomes the month's last day if need be)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _local(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def due_date(partnership: Partnership) -> date | None:
    """The editors' date if they set one, else 12 months after it was last reviewed."""
    if partnership.review_due_on:
        return partnership.review_due_on
    reviewed = _local(partnership.last_reviewed_at) or _local(partnership.published_at)
    return add_months(reviewed, REVIEW_MONTHS) if reviewed else None


def due_by(day: date) -> Q:
    """Published case studies due for review on or before `day`, as a filter."""
    reviewed_before = add_months(day, -REVIEW_MONTHS)
    return (
        Q(review_due_on__lte=day)
        | Q(review_due_on__isnull=True, last_reviewed_at__date__lte=reviewed_before)
        | Q(
            review_due_on__isnull=True,
            last_reviewed_at__isnull=True,
            published_at__date__lte=reviewed_before,
        )
    )


def due_for_review(day: date | None = None):
    day = day or timezone.localdate()
    return Partnership.objects.published().filter(due_by(day))


def may_be_out_of_date(partnership: Partnership, day: date | None = None) -> bool:
    """More than 6 months past its review due date (and not confirmed since)."""
    due = due_date(partnership)
    day = day or timezone.localdate()
    return bool(due) and add_months(due, OUT_OF_DATE_MONTHS) < day


def confirm(partnership: Partnership, *, via: str, by=None, name: str = "") -> ReviewConfirmation:
    """Record that it is still accurate and start the 12 months again."""
    with transaction.atomic():
        live = Partnership.objects.select_for_update().get(pk=partnership.pk)
        due = due_date(live) or timezone.localdate()
        live.last_reviewed_at = timezone.now()
        live.review_due_on = None
        live.save(update_fields=["last_reviewed_at", "review_due_on", "updated_at"])
        return ReviewConfirmation.objects.create(
            partnership=live, confirmed_by=by, confirmed_by_name=name, via=via, due_on=due
        )
