#!/usr/bin/env python
"""Time /practice/ (map and coverage tables), one of its CSVs and a police force area's page
against a generated database (bench/generate.py), as bench/run.py does for the finder.

    .venv/bin/python bench/practice.py --sqlite bench/bench-10000.sqlite3
    .venv/bin/python bench/practice.py --database-url postgres://postgres@127.0.0.1:5432/bench

Each page is requested WARM_UP times, then REPEAT times timed (server time through Django's test
Client, template rendering included); SQL queries are counted on one more request. The finder's
index is warm, as it is between changes to what is published.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import add_database_arguments, describe, setup  # noqa: E402
from bench.run import FILTERS, percentile  # noqa: E402

WARM_UP = 3
REPEAT = 30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    import os
    import warnings

    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    warnings.filterwarnings("ignore", message="No directory at")
    setup(args)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from partnerships.models import Partnership

    total = Partnership.objects.published().count()
    if not total:
        sys.exit("No published case studies: run bench/generate.py first.")
    client = Client()
    practice = reverse("practice:page")
    pages = [
        ("finder list page (for comparison)", reverse("partnerships:list"), {}),
        ("practice, unfiltered", practice, {}),
        ("practice, one theme", practice, {"theme": FILTERS["theme"]}),
        ("practice, three filters", practice, FILTERS),
        ("practice, search word (community)", practice, {"q": "community"}),
        ("CSV, themes by region", reverse("practice:csv", args=["themes-by-region"]), {}),
        ("area page (durham)", reverse("practice:area", args=["durham"]), {}),
    ]
    print(f"{describe(args)}: {total:,} published case studies, {connection.vendor}")
    print(f"{args.repeat} timed requests after {WARM_UP} warm-up; milliseconds of server time")
    print()
    header = f"{'page':40} {'bytes':>9} {'p50':>7} {'p95':>7} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for label, url, params in pages:
        for _ in range(WARM_UP):
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        print(
            f"{label:40} {len(response.content):>9,} {statistics.median(times):7.1f} "
            f"{percentile(times, 0.95):7.1f} {len(queries):8d}"
        )


if __name__ == "__main__":
    main()
