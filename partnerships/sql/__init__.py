"""The SQL that migrations ran, frozen: one module per version of each set of triggers and
functions, never edited once a migration that runs it has landed.

    search_v1.py, search_v1_sqlite.py   the full-text index (migrations 0006 and 0008)
    change_stamp_v1.py                  the finder's change stamp (migration 0009)

Migration 0010 drops one unused PostgreSQL function and holds its own SQL. What the current
code expects to find installed is built in partnerships/search_schema.py and
partnerships/change_stamp.py; tests/partnerships/test_installed_sql.py checks that a database
migrated from zero matches it.

SQLite drops a table's triggers when Django rebuilds the table to alter it, so partnerships/apps.py
takes the trigger sets below away before `migrate` and afterwards restores, for each set, the
version that the latest applied migration among its `versions` installed: what the migrations
installed, never today's constants.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from partnerships.sql import change_stamp_v1, search_v1


@dataclass(frozen=True)
class Version:
    migration: tuple[str, str]  # (app label, migration name) that installs this version
    triggers: dict[str, str]  # trigger name -> what follows the name in CREATE TRIGGER
    catch_up: Callable  # (cursor) -> None: brings the set's table up to date after an absence


@dataclass(frozen=True)
class SQLiteTriggerSet:
    table: str  # the table the triggers serve (no table: nothing to restore)
    prefix: str  # every trigger of the set, in any version, has a name starting so
    versions: tuple[Version, ...]  # oldest first

    def in_force(self, applied: Iterable[tuple[str, str]]) -> Version | None:
        """The version the latest applied migration installed, or None before the first."""
        applied = set(applied)
        chosen = None
        for version in self.versions:
            if version.migration in applied:
                chosen = version
        return chosen


SQLITE_TRIGGER_SETS = (
    SQLiteTriggerSet(
        table="partnerships_search",
        prefix="partnerships_search_",
        versions=(
            Version(
                ("partnerships", "0006_search_index"),
                search_v1.SQLITE_TRIGGERS,
                search_v1.sqlite_rebuild,  # re-index everything
            ),
        ),
    ),
    SQLiteTriggerSet(
        table="partnerships_change_stamp",
        prefix="partnerships_stamp_",
        versions=(
            Version(
                ("partnerships", "0009_change_stamp"),
                change_stamp_v1.SQLITE_TRIGGERS,
                # every worker rebuilds its finder index
                lambda cursor: cursor.execute(change_stamp_v1.SQLITE_MOVE),
            ),
        ),
    ),
)


_FUNCTION = re.compile(r"CREATE FUNCTION (\w+)\(.*?AS \$\$(.*?)\$\$", re.DOTALL)


def pg_functions(sql: str) -> dict[str, str]:
    """name -> body (the text between $$, as PostgreSQL keeps it in pg_proc.prosrc) of each
    function that `sql` creates."""
    return dict(_FUNCTION.findall(sql))
