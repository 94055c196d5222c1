"""Point Django at a benchmark database given on the command line, never at the developer's own."""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "bench" / "bench.sqlite3"
sys.path.insert(0, str(ROOT))


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--sqlite",
        type=Path,
        default=DEFAULT_SQLITE,
        help=f"SQLite file to use (default: {DEFAULT_SQLITE.relative_to(ROOT)})",
    )
    where.add_argument(
        "--database-url",
        help="PostgreSQL database to use instead, e.g. postgres://postgres@127.0.0.1:5432/bench",
    )


def describe(args: argparse.Namespace) -> str:
    if args.database_url:
        return f"PostgreSQL {args.database_url.rsplit('@', 1)[-1]}"
    return f"SQLite {args.sqlite}"


def setup(args: argparse.Namespace) -> None:
    """Configure the environment for production-like settings on the chosen database, then
    django.setup(). DEBUG stays off: with it on, Django records every query and runs slower."""
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        os.environ.pop("SQLITE_PATH", None)
    else:
        path = args.sqlite.resolve()
        if path == (ROOT / "db.sqlite3").resolve():
            sys.exit("Refusing to use the development database db.sqlite3 for benchmarks.")
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(path)
    os.environ["DEBUG"] = "false"
    # Server time to build each page: the anonymous page cache would answer every repeat of the
    # same address from memory (bench/load.py measures the cached pages).
    os.environ["PAGE_CACHE_ENABLED"] = "false"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
