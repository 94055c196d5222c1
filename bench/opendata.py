#!/usr/bin/env python
"""Time the open-data outputs against a generated database (bench/generate.py), and the memory
the full downloads and building their files take.

    .venv/bin/python bench/opendata.py --sqlite bench/bench-10000.sqlite3
    .venv/bin/python bench/opendata.py --sqlite bench/bench-100000.sqlite3 --full-only
    .venv/bin/python bench/opendata.py --database-url postgres://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/opendata.py --sqlite bench/bench-10000.sqlite3 --api-feeds

The full downloads (every case study, CSV and JSON) are requested through Django's test Client and
read to the end once each, after one small warm-up request: the time is from the request to the
last byte, and the memory is the process's resident size (sampled every 10 ms while streaming)
above what it was just before the download started (the facet index already built, as on a
running server). Each is timed streamed live (no prebuilt file yet, as just after a change), then
from its prebuilt file (opendata/prebuilt.py), and the CSV also from its file to a client that
accepts gzip (compressed on the fly by the middleware). Between them the files are built once
(`prebuilt.build`), timed with its peak memory, into a temporary OPEN_DATA_DIR under /tmp that is
deleted afterwards. This part writes nothing to the database: tasks go to an in-memory queue and
the cache is in memory. The API list pages, the feeds and the /data/ page are requested like
bench/run.py's pages: p50/p95 server time over REPEAT requests after WARM_UP. The API's case-study
lists and the feeds are measured a second time, "first time", with the records and feed entries
they remember (opendata/records.py, opendata/feeds.py) forgotten before each request.
`--api-feeds` measures only those.
"""

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import add_database_arguments, describe, setup  # noqa: E402
from bench.run import REPEAT, measure  # noqa: E402

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES / 1_000_000


class PeakResident:
    """The largest resident size seen while the block runs."""

    def __enter__(self):
        self.idle = self.peak = resident_mb()
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while self._running:
            self.peak = max(self.peak, resident_mb())
            time.sleep(0.01)

    def __exit__(self, *exc):
        self._running = False
        self._thread.join()
        self.peak = max(self.peak, resident_mb())


def stream(client, url: str, **headers) -> tuple[float, int, int, bool]:
    """(seconds, bytes, lines, whether it came from its file) for the whole download."""
    from django.http import FileResponse

    started = time.perf_counter()
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return time.perf_counter() - started, size, lines, isinstance(response, FileResponse)


FULL = [
    ("case-studies.csv", "/data/case-studies.csv"),
    ("partners.csv", "/data/partners.csv"),
    ("case-studies.json", "/data/case-studies.json"),
]


def full_downloads(client) -> None:
    """The full downloads live, the build of their files, and the downloads from the files."""
    from django.test import override_settings

    from opendata import prebuilt

    columns = ["seconds", "MB sent", "rows", "idle MB", "peak +MB"]
    print(f"{'full download':36} " + " ".join(f"{name:>8}" for name in columns))
    folder = Path(tempfile.mkdtemp(prefix="open-data-bench-", dir="/tmp"))
    memory_cache = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    def row(label, url, from_file, **headers):
        with PeakResident() as memory:
            seconds, size, lines, was_file = stream(client, url, **headers)
        assert was_file == from_file, (label, was_file)
        rows = f"{lines - 1 if url.endswith('.csv') else lines - 2:8,}"
        print(
            f"{label:36} {seconds:8.2f} {size / 1e6:8.1f} {'(gzip)' if headers else rows:>8} "
            f"{memory.idle:8.0f} {memory.peak - memory.idle:8.1f}"
        )

    try:
        with override_settings(OPEN_DATA_DIR=folder, CACHES=memory_cache):
            for label, url in FULL:
                row(f"{label} live", url, False)
            with PeakResident() as memory:
                started = time.perf_counter()
                written = prebuilt.build(force=True)
                seconds = time.perf_counter() - started
            size = sum(path.stat().st_size for path in folder.glob("*.*"))
            label = f"build ({written} + gzipped), MB written"
            print(
                f"{label:36} {seconds:8.2f} {size / 1e6:8.1f} {'':8} "
                f"{memory.idle:8.0f} {memory.peak - memory.idle:8.1f}"
            )
            for label, url in FULL:
                row(f"{label} from file", url, True)
            row("case-studies.csv from file, gzip", FULL[0][1], True, accept_encoding="gzip")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--full-only", action="store_true", help="only the full downloads")
    parser.add_argument("--pages-only", action="store_true", help="no full downloads")
    parser.add_argument(
        "--api-feeds",
        action="store_true",
        help="only the API list pages and the feeds (no full downloads, no other pages)",
    )
    args = parser.parse_args()
    import warnings

    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["API_RATE_LIMIT"] = "1000000000"  # the benchmark is one address
    # A full download streamed live asks for a build of the files: kept in memory, not queued in
    # the database.
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    warnings.filterwarnings("ignore", message="No directory at")
    setup(args)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from opendata import feeds, records
    from partnerships.models import Partnership

    call_command("createcachetable", verbosity=0)  # the API's rate limit counts in it
    total = Partnership.objects.published().count()
    client = Client()
    client.get("/data/case-studies.csv?q=nothing-matches-this-word")  # builds the facet index
    print(f"{describe(args)}: {total:,} published case studies, {connection.vendor}")
    print()
    if not (args.pages_only or args.api_feeds):
        full_downloads(client)
    if args.full_only:
        return

    print()
    print(f"{args.repeat} timed requests after warm-up; milliseconds of server time")
    print(
        "first time: the same with the remembered records and feed entries (opendata/records.py, "
        "opendata/feeds.py) forgotten before each request"
    )
    header = (
        f"{'address':60} {'p50':>7} {'p95':>7} {'queries':>8}"
        f" {'first p50':>10} {'first p95':>10} {'queries':>8}"
    )
    print(header)
    print("-" * len(header))
    addresses = [
        "/api/v1/case-studies",
        "/api/v1/case-studies?page=200",
        "/api/v1/case-studies?theme=mental-health&region=north-west&evaluation=before_after",
        "/api/v1/case-studies?q=community",
        "/api/v1/case-studies?page_size=100",
        "/api/v1/themes",
        "/api/v1/force-areas",
        "/api/v1/organisations",
        "/feeds/case-studies/",
        "/feeds/themes/mental-health/",
        "/feeds/case-studies/?theme=mental-health&region=north-west&evaluation=before_after",
        "/feeds/case-studies/?q=community",
        "/data/",
        # For comparison, measured in the same run: the finder's own page and a static page.
        "/partnerships/",
        "/about/",
    ]
    remembering = ("/api/v1/case-studies", "/feeds/")  # what reads remembered records
    if args.api_feeds:
        addresses = [a for a in addresses if a.startswith(remembering)]
    for address in addresses:

        def get(address=address):
            response = client.get(address)
            assert response.status_code == 200, (address, response.status_code)

        def first_time(address=address):
            records.forget()
            feeds.forget()
            get(address)

        p50, p95, queries, _sql, _templates = measure(get, args.repeat)
        line = f"{address[:60]:60} {p50:7.1f} {p95:7.1f} {queries:8d}"
        if address.startswith(remembering):
            p50, p95, queries, _sql, _templates = measure(first_time, args.repeat)
            line += f" {p50:10.1f} {p95:10.1f} {queries:8d}"
        print(line)


if __name__ == "__main__":
    main()
