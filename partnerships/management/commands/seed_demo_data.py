"""Load the reference data and demo case studies into an empty database.

`make run` calls this every time: it loads nothing when the database already holds themes or case
studies, so editors' changes are never overwritten. Use `loaddata` directly to reload on purpose.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from partnerships.models import Organisation, Partnership
from themes.models import Theme

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
REFERENCE = ["regions_and_forces.json", "themes.json"]
DEMO = ["demo_partnerships_a.json", "demo_partnerships_b.json", "demo_partnerships_c.json"]


class Command(BaseCommand):
    help = "Load reference data and demo case studies, but only into an empty database."

    def handle(self, *args, **options) -> None:
        if Theme.objects.exists() or Partnership.objects.exists() or Organisation.objects.exists():
            self.stdout.write("The database already has data: nothing loaded.")
            return
        fixtures = [str(FIXTURES_DIR / name) for name in REFERENCE + DEMO]
        call_command("loaddata", *fixtures, verbosity=options["verbosity"])
