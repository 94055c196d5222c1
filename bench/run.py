#!/usr/bin/env python
"""Time each kind of page, and the search engine on its own, against a generated database.

    .venv/bin/python bench/run.py                       # bench/bench.sqlite3
    .venv/bin/python bench/run.py --sqlite bench/bench-100k.sqlite3
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/bench

Pages are requested through Django's test Client at their real URLs, with production-like
settings (DEBUG off, persistent database connections): each is requested WARM_UP times, then
REPEAT times timed (server time: from the request entering Django to the response being complete,
template rendering included). SQL queries are counted on one extra request with
CaptureQueriesContext. "search engine" rows time partnerships.search the way the list page uses
it: matching_ids() for the total, rank() of the matches the filters leave, snippets() for a page.
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import add_database_arguments, describe, setup  # noqa: E402

WARM_UP = 3
REPEAT = 30

BROAD_WORD = "community"
VERY_BROAD_WORD = "health"
TWO_WORDS = "naloxone overdose"
PHRASE = '"street triage"'
BROAD_PHRASE = '"mental health"'
FILTERS = {"theme": "mental-health", "region": "north-west", "evaluation": "before_after"}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(action, repeat: int = REPEAT) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries) of calling action()."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        action()
    return statistics.median(times), percentile(times, 0.95), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    import os
    import warnings

    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic
    setup(args)

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from partnerships import search
    from partnerships.models import Partnership

    published = Partnership.objects.published()
    total = published.count()
    if not total:
        sys.exit("No published case studies: run bench/generate.py first.")
    client = Client()
    list_url = reverse("partnerships:list")
    detail = published.order_by("pk")[total // 2]
    deep_page = max(1, int(total / settings.PAGE_SIZE * 0.9))

    def page(params: dict):
        def get():
            response = client.get(list_url, params)
            assert response.status_code == 200, response.status_code
            return response

        return get

    def get_detail():
        response = client.get(detail.get_absolute_url())
        assert response.status_code == 200, response.status_code

    def shown(params: dict) -> str:
        """The count the page shows (the list template's #result-count)."""
        found = re.search(r'id="result-count">\s*([\d,]+)', page(params)().text)
        return found.group(1) if found else "?"

    pages = [
        ("list, unfiltered", {}),
        ("list, three filters", FILTERS),
        (f"search, broad word ({BROAD_WORD})", {"q": BROAD_WORD}),
        (f"search, two words ({TWO_WORDS})", {"q": TWO_WORDS}),
        (f"search, phrase ({PHRASE})", {"q": PHRASE}),
        ("search + three filters", {"q": BROAD_WORD, **FILTERS}),
        (f"list, deep page ({deep_page:,})", {"page": deep_page}),
    ]

    print(f"{describe(args)}: {total:,} published case studies, {connection.vendor}")
    print(
        f"{REPEAT if args.repeat == REPEAT else args.repeat} timed requests after {WARM_UP} "
        "warm-up; milliseconds of server time"
    )
    print()
    header = f"{'page':44} {'results':>9} {'p50':>7} {'p95':>7} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for label, params in pages:
        p50, p95, queries = measure(page(params), args.repeat)
        print(f"{label:44} {shown(params):>9} {p50:7.1f} {p95:7.1f} {queries:8d}")
    p50, p95, queries = measure(get_detail, args.repeat)
    print(f"{'detail page':44} {'':>9} {p50:7.1f} {p95:7.1f} {queries:8d}")

    print()
    print("Search engine alone: matching_ids() + rank() + snippets() for a page of 20")
    print(header.replace("results", "matches"))
    print("-" * len(header))
    filtered = published.filter(
        themes__slug=FILTERS["theme"], evaluation_type=FILTERS["evaluation"]
    ).filter(police_force_areas__region__slug=FILTERS["region"])
    engine = [
        (f"broad word ({BROAD_WORD})", BROAD_WORD, published, 0),
        (f"very broad word ({VERY_BROAD_WORD})", VERY_BROAD_WORD, published, 0),
        (f"two words ({TWO_WORDS})", TWO_WORDS, published, 0),
        (f"phrase ({PHRASE})", PHRASE, published, 0),
        (f"broad phrase ({BROAD_PHRASE})", BROAD_PHRASE, published, 0),
        (f"{BROAD_WORD} + three filters", BROAD_WORD, filtered, 0),
        (f"{BROAD_WORD}, last ranked page", BROAD_WORD, published, search.RANKED_LIMIT - 20),
    ]
    for label, text, queryset, offset in engine:

        def run(text=text, queryset=queryset, offset=offset):
            prepared = search.prepare(text)
            ids = search.matching_ids(prepared)
            allowed = (
                set(queryset.values_list("pk", flat=True)) if queryset is not published else None
            )
            candidates = ids if allowed is None else [pk for pk in ids if pk in allowed]
            page = search.rank(prepared, candidates)[offset : offset + 20]
            search.snippets(prepared, page)
            return candidates

        matches = len(run())
        p50, p95, queries = measure(run, args.repeat)
        print(f"{label:44} {matches:>9,} {p50:7.1f} {p95:7.1f} {queries:8d}")


if __name__ == "__main__":
    main()
