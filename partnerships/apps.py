from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        # Schema upkeep, not model side effects: see partnerships/search_schema.py and
        # partnerships/change_stamp.py.
        pre_migrate.connect(drop_sqlite_triggers, sender=self)
        post_migrate.connect(restore_sqlite_triggers, sender=self)


def _trigger_sets() -> list[tuple]:
    """SQLite's trigger sets: (the table they serve, their name prefix, {name: body}, what brings
    that table up to date after they were away)."""
    from partnerships import change_stamp, search_schema

    return [
        (
            search_schema.SQLITE_TABLE,
            search_schema.SQLITE_TRIGGER_PREFIX,
            search_schema.SQLITE_TRIGGERS,
            search_schema.sqlite_rebuild,  # re-index everything
        ),
        (
            change_stamp.TABLE,
            change_stamp.TRIGGER_PREFIX,
            change_stamp.SQLITE_TRIGGERS,
            change_stamp.sqlite_move,  # every worker rebuilds its finder index
        ),
    ]


# (database alias, table) -> whether all its triggers were in place before `migrate` dropped them.
_triggers_were_complete: dict[tuple[str, str], bool] = {}


def drop_sqlite_triggers(using: str, **kwargs) -> None:
    """SQLite alters a table by rebuilding it, which drops the triggers on it and fails while
    triggers elsewhere name it: take the search and change-stamp triggers away for the duration of
    `migrate` (restore_sqlite_triggers puts them back)."""
    from partnerships import sqlite_triggers

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table, prefix, triggers, _ in _trigger_sets():
            if sqlite_triggers.table_exists(cursor, table):
                installed = sqlite_triggers.installed(cursor, prefix)
                _triggers_were_complete[using, table] = installed >= set(triggers)
                sqlite_triggers.drop(cursor, triggers)


def restore_sqlite_triggers(using: str, plan=None, **kwargs) -> None:
    """Re-create missing triggers on SQLite, and bring their table up to date unless nothing can
    have changed without them: migrations ran (data migrations change rows too) or some were
    already missing before. Also runs after `flush`; then it finds them in place and does
    nothing."""
    from partnerships import sqlite_triggers

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table, prefix, triggers, catch_up in _trigger_sets():
            if not sqlite_triggers.table_exists(cursor, table):
                continue
            were_complete = _triggers_were_complete.pop((using, table), False)
            if set(triggers) <= sqlite_triggers.installed(cursor, prefix):
                continue
            sqlite_triggers.create(cursor, triggers)
            if plan or not were_complete:
                catch_up(cursor)
