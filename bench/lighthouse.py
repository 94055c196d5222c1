#!/usr/bin/env python
"""Lighthouse (mobile, its default simulated throttling) on the home page, the finder and a case
study, against gunicorn with the production settings (DEBUG off, WhiteNoise, the manifest static
files) and the demo data; prints each page's four scores and its cumulative layout shift.

    .venv/bin/python bench/lighthouse.py              # port 8103, bench/bench-demo.sqlite3
    .venv/bin/python bench/lighthouse.py --port 8111 --runs 3

Lighthouse comes from the npm registry through `npx --yes lighthouse@VERSION` (pinned below: the
last release that runs on Node 20), not from package.json: nothing else needs it. It drives
Chromium at CHROME_PATH (default /usr/bin/chromium), headless. With --runs N each page is measured
N times and the median performance run is printed (Lighthouse's own advice for noisy machines),
with Lighthouse's benchmark index of the CPU it had (CPU: lower means a busier machine).
The targets of issue 12: performance >= 95, SEO 100, CLS <= 0.05.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import GUNICORN, ROOT, environment, prepare  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-dev-shm-usage"


def pages(base: str) -> list[tuple[str, str]]:
    html = urllib.request.urlopen(base + "/partnerships/").read().decode()
    detail = re.search(r'href="(/partnerships/[^/"?]+/)"', html).group(1)
    return [("home", "/"), ("finder", "/partnerships/"), ("case study", detail)]


def lighthouse(url: str, chrome: str) -> dict:
    out = subprocess.run(
        [
            "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": chrome},
    ).stdout
    report = json.loads(out)
    audits = report["audits"]
    failed = [
        audit["id"]
        for category in ("seo", "accessibility", "best-practices")
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audit := audits[ref["id"]])["score"] not in (None, 1)
    ]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "failed": failed,
        # Lighthouse's measure of the CPU it had: lower means a busier machine, slower scores.
        "cpu": report["environment"]["benchmarkIndex"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--database", type=Path, default=ROOT / "bench" / "bench-demo.sqlite3")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        sys.exit(f"Chromium is needed at {chrome} (make browser-deps, or set CHROME_PATH).")
    if not shutil.which("npx"):
        sys.exit("npx (Node.js) is needed.")
    if args.database.resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing to use the development database db.sqlite3 for benchmarks.")
    static_root = tempfile.mkdtemp(prefix="lighthouse-static-")
    base = f"http://127.0.0.1:{args.port}"
    env = environment(args.database, static_root, SITE_URL=base)
    try:
        prepare(args.database, static_root)
        server = subprocess.Popen(
            [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", "2"]
            + ["--log-level", "warning"],
            env=env,
            cwd=ROOT,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/")
                    break
                except OSError:
                    time.sleep(0.1)
            with open("/proc/loadavg") as load:
                print(f"Load average before: {' '.join(load.read().split()[:3])}")
            print(f"{LIGHTHOUSE}, mobile, median of {args.runs} run(s) by performance")
            print(
                f"{'page':12} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5} {'CLS':>6} "
                f"{'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CPU':>5}  failing audits"
            )
            for name, path in pages(base):
                runs = sorted(
                    (lighthouse(base + path, chrome) for _ in range(args.runs)),
                    key=lambda r: r["performance"],
                )
                r = runs[len(runs) // 2]
                spread = statistics.pstdev(x["performance"] for x in runs)
                print(
                    f"{name:12} {r['performance']:5} {r['accessibility']:5} "
                    f"{r['best-practices']:5} {r['seo']:5} {r['cls']:6.3f} {r['fcp']:7.0f} "
                    f"{r['lcp']:7.0f} {r['tbt']:7.0f} {r['cpu']:5.0f}  "
                    f"{', '.join(r['failed']) or '-'}"
                    + (f"  (perf spread ±{spread:.0f})" if args.runs > 1 else "")
                )
            with open("/proc/loadavg") as load:
                print(f"Load average after: {' '.join(load.read().split()[:3])}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
