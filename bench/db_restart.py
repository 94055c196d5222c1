"""Proof that the service rides out a database restart: 503s while it is down, then recovery,
with no restart of the app.

Starts a PostgreSQL cluster of its own (initdb + pg_ctl in a temporary directory, on
BENCH_PG_PORT, 55501 by default; as the postgres user when run as root), migrates it, serves the
app with gunicorn on BENCH_PORT (8101) with production-like settings and persistent connections,
and requests pages without pause while it stops the cluster, waits, and starts it again. It
prints what each phase got and exits non-zero if any request got a 500 (or anything but 200
and 503), if the outage gave no 503 with Retry-After, or if the app did not recover by itself.
Never touches the shared cluster on 5432.

    .venv/bin/python bench/db_restart.py
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "55501"))
APP_PORT = int(os.environ.get("BENCH_PORT", "8101"))
PATHS = ["/partnerships/", "/", "/organisations/"]
OUTAGE_SECONDS = 4


def pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    return str(versions[-1] / name)


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)


class Cluster:
    def __init__(self, directory: Path) -> None:
        self.data = directory / "data"
        self.socket = directory
        self.log = directory / "postgres.log"

    def init(self) -> None:
        run(as_postgres([pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]))

    def start(self) -> None:
        options = f"-p {PG_PORT} -k {self.socket} -c listen_addresses=127.0.0.1"
        run(
            as_postgres(
                [
                    pg_bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.log),
                    "-w",
                    "start",
                ]
            )
        )

    def stop(self) -> None:
        run(as_postgres([pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]))


def get(path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{APP_PORT}{path}", timeout=10) as r:
            return r.status, r.headers.get("Retry-After", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After", "")
    except OSError as error:
        return 0, type(error).__name__


def main() -> int:
    directory = Path(tempfile.mkdtemp(prefix="partnerships-restart-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = Cluster(directory)
    gunicorn = None
    try:
        cluster.init()
        cluster.start()
        database_url = f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres"
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "600",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "LOG_LEVEL": "CRITICAL",
        }
        for command in (["migrate", "--no-input", "-v0"], ["createcachetable"]):
            run([str(PYTHON), "manage.py", *command], cwd=ROOT, env=env)
        gunicorn = subprocess.Popen(
            [
                str(PYTHON),
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--log-level",
                "critical",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if get("/")[0] == 200:
                break
            time.sleep(0.2)

        results: dict[str, list[tuple[int, str]]] = {"before": [], "outage": [], "after": []}
        phase = ["before"]
        stop = threading.Event()

        def load() -> None:
            n = 0
            while not stop.is_set():
                got = get(PATHS[n % len(PATHS)])
                results[phase[0]].append(got)  # the phase it ended in
                n += 1
                time.sleep(0.02)

        threads = [threading.Thread(target=load) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        phase[0] = "outage"
        cluster.stop()
        print(f"PostgreSQL on {PG_PORT} stopped; the app keeps running")
        time.sleep(OUTAGE_SECONDS)
        cluster.start()
        print(f"PostgreSQL started again after {OUTAGE_SECONDS} s")
        phase[0] = "after"
        time.sleep(4)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        if gunicorn:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        try:
            cluster.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(directory, ignore_errors=True)

    failures = []
    for name, got in results.items():
        counts = Counter(status for status, _ in got)
        print(f"{name:>7}: {len(got):4} requests, statuses {dict(sorted(counts.items()))}")
        if set(counts) - {200, 503}:
            failures.append(f"{name}: statuses other than 200 and 503: {dict(counts)}")
    outage = results["outage"]
    if not any(status == 503 and retry for status, retry in outage):
        failures.append("outage: no 503 with Retry-After")
    if not results["before"] or any(status != 200 for status, _ in results["before"]):
        failures.append("before: not every request got a 200")
    tail = results["after"][-20:]
    if len(tail) < 20 or any(status != 200 for status, _ in tail):
        failures.append("after: the last 20 requests did not all get a 200 (no recovery)")
    else:
        first_ok = next(i for i, (s, _) in enumerate(results["after"]) if s == 200)
        print(f"Recovered by itself: {first_ok} requests after the restart still got a 503")
    for failure in failures:
        print("FAILED", failure)
    print("PASSED" if not failures else "")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
