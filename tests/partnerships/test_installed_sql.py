"""The triggers and functions in the database are exactly those the current code expects.

Migrations run frozen SQL (partnerships/sql/); partnerships/search_schema.py and
partnerships/change_stamp.py build what the code expects from today's definitions. These tests
migrate an empty database from zero (SQLite always; PostgreSQL when the suite runs on it) in a
separate process and compare, so a trigger changed in the code without a migration, or a migration
that installs something else, fails here.
"""

import importlib
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from partnerships import change_stamp, search_schema, sqlite_triggers
from partnerships.models import Partnership, querysets
from partnerships.sql import SQLITE_TRIGGER_SETS, SQLiteTriggerSet, Version
from tests import factories

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def expected_sqlite_triggers() -> dict[str, str]:
    triggers = {**search_schema.SQLITE_TRIGGERS, **change_stamp.SQLITE_TRIGGERS}
    return {name: _normal(f"CREATE TRIGGER {name} {body}") for name, body in triggers.items()}


def expected_pg_functions() -> dict[str, str]:
    return {**search_schema.PG_FUNCTIONS, **change_stamp.PG_FUNCTIONS}


def expected_pg_triggers() -> set[str]:
    return set(search_schema.PG_TRIGGER_NAMES) | set(change_stamp.PG_TRIGGER_NAMES)


def installed_sqlite_triggers(cursor) -> dict[str, str]:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {name: _normal(sql) for name, sql in cursor.fetchall()}


def installed_pg(cursor) -> tuple[dict[str, str], set[str]]:
    cursor.execute(
        "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND p.proname LIKE 'partnerships%%'"
    )
    functions = dict(cursor.fetchall())
    cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    return functions, {name for (name,) in cursor.fetchall()}


def _migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", **env},
        check=True,
        timeout=300,
    )


def test_an_empty_sqlite_database_migrated_from_zero_holds_exactly_the_expected_triggers(
    tmp_path,
):
    path = tmp_path / "fresh.sqlite3"
    env = {"SQLITE_PATH": str(path)}
    _migrate({**env, "DATABASE_URL": ""})
    fresh = sqlite3.connect(path)
    try:
        cursor = fresh.cursor()
        assert installed_sqlite_triggers(cursor) == expected_sqlite_triggers()
        cursor.execute("SELECT count(*) FROM partnerships_change_stamp")
        assert cursor.fetchone() == (1,)
    finally:
        fresh.close()


def test_an_empty_postgresql_database_migrated_from_zero_holds_exactly_the_expected_sql():
    if connection.vendor != "postgresql":
        pytest.skip("Runs when the suite runs on PostgreSQL (CI runs it there too).")
    import psycopg

    own = connection.settings_dict
    name = f"{own['NAME']}_fresh_{uuid.uuid4().hex[:8]}"
    credentials = own["USER"] + (f":{own['PASSWORD']}" if own["PASSWORD"] else "")
    server = f"postgres://{credentials}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _migrate({"DATABASE_URL": f"{server}/{name}"})
        with psycopg.connect(f"{server}/{name}") as fresh:
            functions, triggers = installed_pg(fresh.cursor())
        assert functions == expected_pg_functions()
        assert triggers == expected_pg_triggers()
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_test_database_holds_exactly_the_expected_triggers_and_functions():
    """The suite's own database, which pytest-django also builds by migrating from zero."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            functions, triggers = installed_pg(cursor)
            assert functions == expected_pg_functions()
            assert triggers == expected_pg_triggers()
        else:
            assert installed_sqlite_triggers(cursor) == expected_sqlite_triggers()


def test_the_sqlite_upkeep_restores_the_version_the_latest_applied_migration_installed():
    version_1 = Version(("partnerships", "0006_search_index"), {"a": "1"}, lambda cursor: None)
    version_2 = Version(("partnerships", "0042_new_triggers"), {"b": "2"}, lambda cursor: None)
    trigger_set = SQLiteTriggerSet("t", "x_", (version_1, version_2))
    assert trigger_set.in_force([]) is None
    assert trigger_set.in_force([("partnerships", "0006_search_index")]) is version_1
    applied = [("partnerships", "0006_search_index"), ("partnerships", "0042_new_triggers")]
    assert trigger_set.in_force(applied) is version_2
    # Today the versions the migrations installed are what the code expects.
    assert {**SQLITE_TRIGGER_SETS[0].versions[-1].triggers} == search_schema.SQLITE_TRIGGERS
    assert {**SQLITE_TRIGGER_SETS[1].versions[-1].triggers} == change_stamp.SQLITE_TRIGGERS


@pytest.mark.django_db(transaction=True)
def test_after_migrate_sqlite_gets_back_the_frozen_triggers_not_todays_constants(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL keeps its triggers when it alters a table.")
    from partnerships import apps

    # Today's constants say something else: the upkeep must not install it.
    monkeypatch.setitem(search_schema.SQLITE_TRIGGERS, "partnerships_search_bogus", "x")
    apps.drop_sqlite_triggers(using="default")
    with connection.cursor() as cursor:
        assert sqlite_triggers.installed(cursor, "partnerships_search_") == set()
    apps.restore_sqlite_triggers(using="default", plan=[("a migration", False)])
    monkeypatch.undo()
    with connection.cursor() as cursor:
        assert installed_sqlite_triggers(cursor) == expected_sqlite_triggers()


def test_published_sql_selects_what_published_selects():
    factories.partnership(title="Draft one", status=Partnership.Status.DRAFT)
    factories.partnership(title="Public one")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM partnerships_partnership p WHERE " + querysets.published_sql("p")
        )
        ids = {pk for (pk,) in cursor.fetchall()}
    assert ids == set(Partnership.objects.published().values_list("pk", flat=True))
    assert ids


def test_changing_what_published_means_changes_every_trigger_and_search_condition(monkeypatch):
    def rebuilt() -> list[str]:
        schema, stamp = importlib.reload(search_schema), importlib.reload(change_stamp)
        return [
            schema.PG_CREATE,
            *schema.SQLITE_TRIGGERS.values(),
            stamp.PG_CREATE,
            *stamp.SQLITE_TRIGGERS.values(),
        ]

    today = rebuilt()
    assert sum("'published'" in sql for sql in today) > 10
    monkeypatch.setattr(querysets, "published_sql", lambda row: f"{row}.status = 'on_show'")
    try:
        changed = rebuilt()
        assert not any("'published'" in sql for sql in changed)
        assert sum("'on_show'" in sql for sql in changed) == sum(
            "'published'" in sql for sql in today
        )
    finally:
        monkeypatch.undo()
        assert rebuilt() == today
