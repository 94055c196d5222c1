"""Load the reference data and demo case studies into an empty database.

`make run` calls this every time: it loads nothing when the database already holds themes or case
studies, so editors' changes are never overwritten. Use `loaddata` directly to reload on purpose.

With --demo-accounts (development only: refused unless DEBUG is on) it also creates a demo editor
and a demo contributor, prints their sign-in details the one time they are created, and queues the
contributor's demo submissions for moderation (partnerships/management/demo_accounts.py).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from partnerships.management.demo_accounts import create_demo_accounts
from partnerships.models import Organisation, Partnership
from themes.models import Theme

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
REFERENCE = ["regions_and_forces.json", "themes.json"]
DEMO = ["demo_partnerships_a.json", "demo_partnerships_b.json", "demo_partnerships_c.json"]
# What the research says: toolkit entries with their ratings as published (evidence/fixtures).
EVIDENCE = settings.BASE_DIR / "evidence" / "fixtures" / "evidence_resources.json"


class Command(BaseCommand):
    help = "Load reference data and demo case studies, but only into an empty database."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Development only: also create a demo editor and contributor (sign-in details "
            "are printed once) and queue demo submissions for moderation.",
        )

    def handle(self, *args, **options) -> None:
        if options["demo_accounts"] and not settings.DEBUG:
            raise CommandError("Demo accounts are for development only: DEBUG is off.")
        if Theme.objects.exists() or Partnership.objects.exists() or Organisation.objects.exists():
            self.stdout.write("The database already has data: nothing loaded.")
        else:
            fixtures = [str(FIXTURES_DIR / name) for name in REFERENCE + DEMO] + [str(EVIDENCE)]
            call_command("loaddata", *fixtures, verbosity=options["verbosity"])
        if options["demo_accounts"]:
            self._demo_accounts()

    def _demo_accounts(self) -> None:
        accounts = create_demo_accounts()
        if not accounts:
            return
        self.stdout.write(
            self.style.WARNING("Demo accounts (development only; this is the only time shown):")
        )
        for account in accounts:
            self.stdout.write(f"  {account.role}: {account.email}  password: {account.password}")
        self.stdout.write(
            "  The demo contributor's submissions are waiting in the moderation queue."
        )
