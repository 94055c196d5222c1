from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        # Schema upkeep, not model side effects: see partnerships/sql/__init__.py.
        pre_migrate.connect(drop_sqlite_triggers, sender=self)
        post_migrate.connect(restore_sqlite_triggers, sender=self)


# (database alias, table) -> whether all its triggers were in place before `migrate` dropped them.
_triggers_were_complete: dict[tuple[str, str], bool] = {}


def _applied(connection) -> set[tuple[str, str]]:
    from django.db.migrations.recorder import MigrationRecorder

    return set(MigrationRecorder(connection).applied_migrations())


def drop_sqlite_triggers(using: str, **kwargs) -> None:
    """SQLite alters a table by rebuilding it, which drops the triggers on it and fails while
    triggers elsewhere name it: take the search and change-stamp triggers away for the duration of
    `migrate` (restore_sqlite_triggers puts back what the migrations installed)."""
    from partnerships import sqlite_triggers
    from partnerships.sql import SQLITE_TRIGGER_SETS

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = _applied(connection)
    with connection.cursor() as cursor:
        for trigger_set in SQLITE_TRIGGER_SETS:
            version = trigger_set.in_force(applied)
            if version is None or not sqlite_triggers.table_exists(cursor, trigger_set.table):
                continue
            installed = sqlite_triggers.installed(cursor, trigger_set.prefix)
            _triggers_were_complete[using, trigger_set.table] = installed >= set(version.triggers)
            sqlite_triggers.drop(cursor, installed)


def restore_sqlite_triggers(using: str, plan=None, **kwargs) -> None:
    """Re-create, on SQLite, the missing triggers of the version each set's latest applied
    migration installed, and bring their table up to date unless nothing can have changed without
    them: migrations ran (data migrations change rows too) or some were already missing before.
    Also runs after `flush`; then it finds them in place and does nothing."""
    from partnerships import sqlite_triggers
    from partnerships.sql import SQLITE_TRIGGER_SETS

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = _applied(connection)
    with connection.cursor() as cursor:
        for trigger_set in SQLITE_TRIGGER_SETS:
            were_complete = _triggers_were_complete.pop((using, trigger_set.table), False)
            version = trigger_set.in_force(applied)
            if version is None or not sqlite_triggers.table_exists(cursor, trigger_set.table):
                continue
            if set(version.triggers) <= sqlite_triggers.installed(cursor, trigger_set.prefix):
                continue
            sqlite_triggers.create(cursor, version.triggers)
            if plan or not were_complete:
                version.catch_up(cursor)
