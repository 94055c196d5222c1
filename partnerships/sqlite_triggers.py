"""SQLite trigger helpers shared by the frozen SQL versions (partnerships/sql/) and the upkeep
around `migrate` (partnerships/apps.py): a set of triggers is given as {name: what follows the
name in CREATE TRIGGER}."""

from collections.abc import Iterable


def table_exists(cursor, table: str) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
    return cursor.fetchone() is not None


def installed(cursor, prefix: str) -> set[str]:
    """The names of the triggers in the database whose names start with `prefix`."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, %s) = %s",
        [len(prefix), prefix],
    )
    return {name for (name,) in cursor.fetchall()}


def create(cursor, triggers: dict[str, str]) -> None:
    for name, body in triggers.items():
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def drop(cursor, names: Iterable[str]) -> None:
    for name in names:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
