"""`manage.py run_periodic_jobs`: alert e-mails, review reminders and clean-up, for cron."""

import time

from django.core.management.base import BaseCommand

from jobs.periodic import run_all


class Command(BaseCommand):
    help = (
        "Run the periodic jobs once (alert e-mails, review reminders, clean-up). Safe to run "
        "as often as you like and on several machines at once; every 5 minutes is about right."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, every SECONDS (development; use cron or a timer in production).",
        )

    def handle(self, *, every: int, verbosity: int, **options):
        while True:
            done = run_all()
            if verbosity > 1 or (verbosity and any(done.values())):
                self.stdout.write(", ".join(f"{name}: {n}" for name, n in done.items()))
            if not every:
                return
            time.sleep(every)
