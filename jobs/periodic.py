"""The periodic jobs, run in order by `manage.py run_periodic_jobs` (from cron or a systemd timer).

Each is safe to run at any time, as often as you like and on several machines at once: what it
sends is recorded with a unique constraint, so a second run finds nothing left to do (and the
open-data files are built only when they are not current, one builder at a time).
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# A task still "running" after this long belonged to a worker that died: it is run again. The
# tasks here are short (a few e-mails each), and a re-run sends nothing twice.
STUCK_AFTER = timedelta(minutes=15)
# Finished task results are kept this long for the admin, then deleted.
KEEP_RESULTS = timedelta(days=14)
RELAY_TASK = "contact_relay.tasks.relay_emails"


def requeue_stuck_tasks() -> int:
    """Put back in the queue the tasks whose worker died half-way, so nothing is lost."""
    stuck = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - STUCK_AFTER)
    count = stuck.update(status="READY", started_at=None)
    if count:
        logger.warning("Re-queued %d task(s) whose worker stopped half-way", count)
    return count


def prune_task_results() -> int:
    """Finished task results hold the e-mails they sent: delete them after KEEP_RESULTS, and
    relayed contact messages at once."""
    old = DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - KEEP_RESULTS)
    # Relayed contact messages are not kept beyond delivery: deleted at the first run after.
    relayed = DBTaskResult.objects.finished().filter(task_path=RELAY_TASK)
    return old.delete()[0] + relayed.delete()[0]


def jobs():
    """(name, function) for every periodic job, in the order they run."""
    from alerts import jobs as alerts
    from opendata import prebuilt
    from reminders import jobs as reminders

    return [
        ("requeue stuck tasks", requeue_stuck_tasks),
        ("send alerts", alerts.send_alerts),
        ("delete unconfirmed alerts", alerts.delete_unconfirmed),
        ("send review reminders", reminders.send_reminders),
        ("prune task results", prune_task_results),
        # Last: a build reads every published case study (and runs only after a change).
        ("refresh open-data files", prebuilt.build),
    ]


def run_all() -> dict[str, int]:
    """Run every job; one that fails is logged and the others still run."""
    done = {}
    for name, job in jobs():
        try:
            done[name] = job()
        except Exception:
            logger.exception("Periodic job %r failed", name)
            done[name] = -1
    return done
