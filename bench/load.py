#!/usr/bin/env python
"""Load bench: wrk against gunicorn on loopback, each page's requests per second printed as a
share of a fixed 20 KB response served by the same gunicorn in the same run.

    .venv/bin/python bench/load.py                    # the demo case studies, SQLite, port 8102
    .venv/bin/python bench/load.py --port 8112 --duration 10

Two gunicorn runs (2 sync workers each, production settings, DEBUG off): with the anonymous page
cache as configured, then with it off (PAGE_CACHE_ENABLED=false: every request renders). Each run
first measures the floor (bench/wsgi.py's fixed 20 KB response), then every page for `--duration`
seconds with `--connections` connections, browsers' Accept-Encoding: gzip included. Also prints
each page's size as sent and uncompressed. The database is bench/bench-demo.sqlite3 (migrated and
seeded with the demo data on first use); the script never touches db.sqlite3.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
FLOOR = "/__bench/fixed-20kb"


def environment(database: Path, static_root: str, **extra) -> dict:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "load-bench-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SQLITE_PATH": str(database),
        "STATIC_ROOT": static_root,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def prepare(database: Path, static_root: str) -> None:
    env = environment(database, static_root)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo_data"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)


def pages(base: str) -> list[tuple[str, str]]:
    html = urllib.request.urlopen(base + "/partnerships/").read().decode()
    detail = re.search(r'href="(/partnerships/[^/"?]+/)"', html).group(1)
    theme = re.search(
        r'href="(/themes/[^/"?]+/)"', urllib.request.urlopen(base + "/").read().decode()
    )
    organisations = urllib.request.urlopen(base + "/organisations/").read().decode()
    organisation = re.search(r'href="(/organisations/[^/"?]+/)"', organisations).group(1)
    return [
        ("fixed 20 KB (the floor)", FLOOR),
        ("home", "/"),
        ("finder", "/partnerships/"),
        ("finder, search + filter", "/partnerships/?q=mental+health&evaluation=evaluated"),
        ("case study", detail),
        ("theme", theme.group(1)),
        ("organisation", organisation),
        ("organisations index", "/organisations/"),
    ]


def wrk(url: str, duration: int, connections: int) -> tuple[float, str]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} error responses\n{out}")
    return rate, p99


def size(url: str) -> tuple[int, int]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        sent = len(body)
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    return sent, len(body)


def run(label: str, database: Path, static_root: str, port: int, args, **extra) -> None:
    env = environment(database, static_root, **extra)
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            GUNICORN,
            "bench.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + FLOOR)
                break
            except OSError:
                time.sleep(0.1)
        targets = pages(base)
        print(
            f"\n{label} (gunicorn, 2 sync workers, wrk -t2 -c{args.connections} -d{args.duration}s)"
        )
        print(f"{'page':28} {'req/s':>9} {'of floor':>9} {'p99':>9} {'sent':>9} {'HTML':>9}")
        floor = None
        for name, path in targets:
            for _ in range(3):  # warm: the index, the page cache, the template cache
                urllib.request.urlopen(base + path).read()
            rate, p99 = wrk(base + path, args.duration, args.connections)
            floor = floor or rate
            sent, html = size(base + path)
            print(
                f"{name:28} {rate:9.0f} {rate / floor:9.1%} {p99:>9} "
                f"{sent / 1024:8.1f}K {html / 1024:8.1f}K"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database", type=Path, default=ROOT / "bench" / "bench-demo.sqlite3")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk).")
    if args.database.resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing to use the development database db.sqlite3 for benchmarks.")
    static_root = tempfile.mkdtemp(prefix="load-bench-static-")
    try:
        prepare(args.database, static_root)
        with open("/proc/loadavg") as load:
            print(f"Load average before: {load.read().split()[:3]}")
        run("Anonymous page cache on", args.database, static_root, args.port, args)
        run(
            "Page cache off (every request renders)",
            args.database,
            static_root,
            args.port,
            args,
            PAGE_CACHE_ENABLED="false",
        )
        with open("/proc/loadavg") as load:
            print(f"\nLoad average after: {load.read().split()[:3]}")
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
