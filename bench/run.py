#!/usr/bin/env python
"""Time each kind of page, and the search engine on its own, against a generated database.

    .venv/bin/python bench/run.py                       # bench/bench.sqlite3
    .venv/bin/python bench/run.py --sqlite bench/bench-100k.sqlite3
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/run.py --searches-only ...     # only the searches: writes nothing
    .venv/bin/python bench/run.py --detail-only ...       # only the case study page: writes nothing
    .venv/bin/python bench/run.py --rebuild-only ...      # only the waits during a rebuild

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


class Split:
    """Milliseconds spent in SQL (an execute wrapper) and in rendering templates (Django's
    template backend), during one action."""

    def __init__(self) -> None:
        self.sql = self.templates = 0.0

    def install(self) -> None:
        from django.template.backends.django import Template

        original, split = Template.render, self

        def render(template, *args, **kwargs):
            started = time.perf_counter()
            try:
                return original(template, *args, **kwargs)
            finally:
                split.templates += (time.perf_counter() - started) * 1000

        Template.render = render

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql += (time.perf_counter() - started) * 1000


SPLIT = Split()


def measure(action, repeat: int = REPEAT) -> tuple[float, float, int, float, float]:
    """(p50 ms, p95 ms, queries, p50 SQL ms, p50 template ms) of calling action(). SQL run while
    rendering (lazy querysets) counts in both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        action()
    times, sql, templates = [], [], []
    with connection.execute_wrapper(SPLIT):
        for _ in range(repeat):
            SPLIT.sql = SPLIT.templates = 0.0
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
            sql.append(SPLIT.sql)
            templates.append(SPLIT.templates)
    with CaptureQueriesContext(connection) as queries:
        action()
    return (
        statistics.median(times),
        percentile(times, 0.95),
        len(queries),
        statistics.median(sql),
        statistics.median(templates),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument(
        "--searches-only",
        action="store_true",
        help="only the search pages asked for the first time and the search engine alone: "
        "nothing is written to the database (no publish, no index rebuild)",
    )
    parser.add_argument(
        "--detail-only",
        action="store_true",
        help="only the case study page (no search, no engine rows): nothing is written to the "
        "database (no publish, no index rebuild)",
    )
    parser.add_argument(
        "--rebuild-only",
        action="store_true",
        help="only the longest request while the finder's index is rebuilt after a publish, "
        "REBUILDS times, with the longest the interpreter made another thread wait meanwhile",
    )
    args = parser.parse_args()
    import os
    import warnings

    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic
    os.environ["PAGE_CACHE_ENABLED"] = "false"  # server time to build each page (bench/load.py
    # measures the cached pages)
    setup(args)
    SPLIT.install()

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from partnerships import cards, search, search_memo
    from partnerships.models import Partnership
    from partnerships.templatetags import cards as card_markup
    from partnerships.views import case_study_extras

    published = Partnership.objects.published()
    total = published.count()
    if not total:
        sys.exit("No published case studies: run bench/generate.py first.")
    client = Client()
    list_url = reverse("partnerships:list")
    detail = published.order_by("pk")[total // 2]
    deep_page = max(1, int(total / settings.PAGE_SIZE * 0.9))

    def page(params: dict, first_time: bool = False):
        def get():
            if first_time:  # as if nobody had asked for this page since the last change
                search_memo.forget()
                cards.forget()
                card_markup.forget()
            response = client.get(list_url, params)
            assert response.status_code == 200, response.status_code
            return response

        return get

    def get_detail(first_time: bool = False):
        if first_time:  # as if nobody had asked for this page since the last change
            case_study_extras.forget()
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
    if args.rebuild_only:
        rebuild_only(client, list_url, detail)
        return
    print(
        f"{REPEAT if args.repeat == REPEAT else args.repeat} timed requests after {WARM_UP} "
        "warm-up; milliseconds of server time"
    )
    print()
    header = (
        f"{'page':44} {'results':>9} {'p50':>7} {'p95':>7} {'queries':>8} {'SQL':>6} {'tmpl':>6}"
    )
    print(header)
    print("-" * len(header))
    for label, params in [] if args.searches_only or args.detail_only else pages:
        p50, p95, queries, sql, tmpl = measure(page(params), args.repeat)
        timing = f"{p50:7.1f} {p95:7.1f} {queries:8d} {sql:6.1f} {tmpl:6.1f}"
        print(f"{label:44} {shown(params):>9} {timing}")
    # A search and the cards of a page are remembered until something published changes
    # (partnerships/search_memo.py, partnerships/cards.py), so the repeated pages above are
    # answered from memory: each again, asked the first time.
    for label, params in [] if args.detail_only else pages:
        p50, p95, queries, sql, tmpl = measure(page(params, first_time=True), args.repeat)
        timing = f"{p50:7.1f} {p95:7.1f} {queries:8d} {sql:6.1f} {tmpl:6.1f}"
        print(f"{label + ', first time':44} {shown(params):>9} {timing}")
    if not args.searches_only:
        p50, p95, queries, sql, tmpl = measure(get_detail, args.repeat)
        timing = f"{p50:7.1f} {p95:7.1f} {queries:8d} {sql:6.1f} {tmpl:6.1f}"
        print(f"{'detail page':44} {'':>9} {timing}")
        # The page's data is remembered until something published changes
        # (partnerships/views/case_study_extras.py): again, asked the first time.
        p50, p95, queries, sql, tmpl = measure(lambda: get_detail(first_time=True), args.repeat)
        timing = f"{p50:7.1f} {p95:7.1f} {queries:8d} {sql:6.1f} {tmpl:6.1f}"
        print(f"{'detail page, first time':44} {'':>9} {timing}")
    if not (args.searches_only or args.detail_only):
        longest_wait_after_a_publish(client, list_url, detail)  # writes: moves the stamp
    if args.detail_only:
        return

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
        p50, p95, queries, _, _ = measure(run, args.repeat)
        print(f"{label:44} {matches:>9,} {p50:7.1f} {p95:7.1f} {queries:8d}")


def longest_wait_after_a_publish(client, list_url: str, partnership) -> tuple[int, float, float]:
    """Move the change stamp (as a publish does), then request the finder as fast as possible
    until the index in this process has been rebuilt: the longest of those requests is what a
    visitor waits for a rebuild (with FINDER_BACKGROUND_REBUILD, the previous index serves).
    Prints and returns (requests, milliseconds until rebuilt, longest request's milliseconds)."""
    from django.conf import settings

    from partnerships import facet_index
    from partnerships.models import Partnership

    Partnership.objects.filter(pk=partnership.pk).update(title=partnership.title)  # stamp moves
    waits, started = [], time.perf_counter()
    stamp = facet_index.current_stamp()
    while True:
        began = time.perf_counter()
        assert client.get(list_url).status_code == 200
        waits.append((time.perf_counter() - began) * 1000)
        if facet_index.get_index().stamp == stamp:
            break
        time.sleep(0.005)
    rebuilt = (time.perf_counter() - started) * 1000
    mode = "background" if settings.FINDER_BACKGROUND_REBUILD else "in the request"
    print(
        f"\nAfter a publish (index rebuilt {mode}): {len(waits)} requests while it was rebuilt "
        f"in {rebuilt:,.0f} ms; the longest took {max(waits):.1f} ms"
    )
    return len(waits), rebuilt, max(waits)


REBUILDS = 5


class LateWakes:
    """A thread that asks to wake every millisecond and records how late it wakes: at least as
    long as another thread of the process kept the interpreter (the GIL) from it, plus the
    machine's own scheduling delays."""

    def __init__(self) -> None:
        import threading

        self.latest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            before = time.perf_counter()
            time.sleep(0.001)
            self.latest = max(self.latest, (time.perf_counter() - before - 0.001) * 1000)

    def __enter__(self) -> "LateWakes":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


class Steps:
    """Stands in for `time` in partnerships/index_child.py, whose rebuilding thread sleeps
    between the pieces it reads and frees: the longest CPU time it ran between two sleeps is the
    longest it held the interpreter's lock (it blocks on the pipe only inside a step, lock free)."""

    def __init__(self) -> None:
        self.longest, self._since = 0.0, {}  # thread -> its CPU time after its last sleep

    def sleep(self, seconds: float) -> None:
        import threading

        now, thread = time.thread_time(), threading.get_ident()
        if thread in self._since:
            self.longest = max(self.longest, (now - self._since[thread]) * 1000)
        time.sleep(seconds)
        self._since[thread] = time.thread_time()

    def __getattr__(self, name: str):
        return getattr(time, name)


def rebuild_only(client, list_url: str, partnership) -> None:
    """The unfiltered finder with no rebuild under way, then REBUILDS publishes each followed by
    requests until the index is rebuilt, with LateWakes running throughout."""
    try:
        from partnerships import index_child
    except ImportError:  # the index is rebuilt in a thread of this process
        index_child = None
    for _ in range(WARM_UP):
        assert client.get(list_url).status_code == 200  # the process's first index
    times = []
    with LateWakes() as quiet:
        for _ in range(REPEAT):
            began = time.perf_counter()
            assert client.get(list_url).status_code == 200
            times.append((time.perf_counter() - began) * 1000)
            time.sleep(0.005)
    print(
        f"Unfiltered finder, no rebuild: p50 {statistics.median(times):.1f} ms, longest "
        f"{max(times):.1f} ms; latest 1 ms wake-up {quiet.latest:.1f} ms late"
    )
    for _ in range(REBUILDS):
        steps = Steps()
        if index_child is not None:
            index_child.time = steps
        with LateWakes() as wakes:
            longest_wait_after_a_publish(client, list_url, partnership)
        print(f"  latest 1 ms wake-up meanwhile: {wakes.latest:.1f} ms late", end="")
        if index_child is not None:
            print(f"; the rebuild's threads' longest step: {steps.longest:.1f} ms of CPU", end="")
        print()


if __name__ == "__main__":
    main()
