"""The periodic alert jobs (run by `manage.py run_periodic_jobs`): send what matched, and
delete subscriptions nobody confirmed."""

import logging
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from alerts.emails import alert_message
from alerts.models import UNCONFIRMED_DAYS, AlertDelivery, Frequency, Subscription
from alerts.searches import finder_for, new_matches
from jobs.mail import send_once

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)
# Case studies published longer ago than this are never "new" (a bound on each run's work).
LOOK_BACK = timedelta(days=31)


def send_alerts() -> int:
    """E-mail every confirmed subscription that is due the case studies newly published that
    match its search. Immediate ones are due at every run; weekly ones a week after their last
    alert (or their confirmation). Returns how many e-mails were sent."""
    now = timezone.now()
    finders = {}
    sent = 0
    subscriptions = Subscription.objects.confirmed().annotate(last_sent=Max("sent__sent_at"))
    for subscription in subscriptions.iterator():
        if subscription.frequency == Frequency.WEEKLY:
            last = subscription.last_sent or subscription.confirmed_at
            if now - last < WEEK:
                continue
        try:
            key = (subscription.params, subscription.scope)
            if key not in finders:
                finders[key] = finder_for(subscription.params, subscription.scope_pair)
            since = max(subscription.confirmed_at, now - LOOK_BACK)
            already = set(subscription.sent.values_list("partnership_id", flat=True))
            matches = new_matches(finders[key], since, already)
        except Exception:
            logger.exception("Could not match alert %s", subscription.pk)
            continue
        if not matches:
            continue

        def record(subscription=subscription, matches=matches):
            AlertDelivery.objects.bulk_create(
                [AlertDelivery(subscription=subscription, partnership=p) for p in matches]
            )

        sent += send_once(record, alert_message(subscription, matches))
    return sent


def delete_unconfirmed() -> int:
    """Privacy: a subscription not confirmed within UNCONFIRMED_DAYS is deleted."""
    cutoff = timezone.now() - timedelta(days=UNCONFIRMED_DAYS)
    pending = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    return pending.delete()[0]
