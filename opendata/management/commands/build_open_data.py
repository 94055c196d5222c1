"""`manage.py build_open_data`: write the full downloads' files now (opendata.prebuilt)."""

from django.core.management.base import BaseCommand

from opendata import prebuilt


class Command(BaseCommand):
    help = (
        "Build the files of the full open-data downloads (case-studies.csv, partners.csv, "
        "case-studies.json) in OPEN_DATA_DIR, if they are not current for what is published now. "
        "Safe to run at any time, and beside the task worker and the periodic jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Write them even if they are current."
        )

    def handle(self, *, force: bool, verbosity: int, **options):
        written = prebuilt.build(force=force)
        if verbosity:
            where = prebuilt.directory()
            self.stdout.write(f"{written} file(s) written in {where}" if written else "Current.")
