from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        # Schema upkeep, not model side effects: see partnerships/search_schema.py and
        # partnerships/change_stamp.py.
        pre_migrate.connect(drop_sqlite_search_triggers, sender=self)
        post_migrate.connect(restore_sqlite_search_triggers, sender=self)
        pre_migrate.connect(drop_sqlite_change_stamp_triggers, sender=self)
        post_migrate.connect(restore_sqlite_change_stamp_triggers, sender=self)


# Database alias -> whether every search trigger was in place before `migrate` dropped them.
_triggers_were_complete: dict[str, bool] = {}


def drop_sqlite_search_triggers(using: str, **kwargs) -> None:
    """SQLite rebuilds a table to alter it, which fails while the search triggers name it: take
    them away for the duration of `migrate` (restore_sqlite_search_triggers puts them back)."""
    from partnerships import search_schema

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if search_schema.sqlite_index_exists(cursor):
            existing = search_schema.sqlite_existing_triggers(cursor)
            _triggers_were_complete[using] = existing >= set(search_schema.SQLITE_TRIGGERS)
            search_schema.sqlite_drop_triggers(cursor)


def restore_sqlite_search_triggers(using: str, plan=None, **kwargs) -> None:
    """Re-create missing search triggers on SQLite, and re-index unless nothing can have changed
    without them: migrations ran (data migrations change rows too) or some were already missing
    before. Also runs after `flush`; then it finds the triggers in place and does nothing."""
    from partnerships import search_schema

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not search_schema.sqlite_index_exists(cursor):
            return
        were_complete = _triggers_were_complete.pop(using, False)
        missing = set(search_schema.SQLITE_TRIGGERS) - search_schema.sqlite_existing_triggers(
            cursor
        )
        if not missing:
            return
        search_schema.sqlite_create_triggers(cursor)
        if plan or not were_complete:
            search_schema.sqlite_rebuild(cursor)


def drop_sqlite_change_stamp_triggers(using: str, **kwargs) -> None:
    """Rebuilding a table on SQLite drops the triggers on it: take the change-stamp triggers
    away for the duration of `migrate`, like the search triggers, and put them back afterwards."""
    from partnerships import change_stamp

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if change_stamp.sqlite_table_exists(cursor):
            change_stamp.sqlite_drop_triggers(cursor)


def restore_sqlite_change_stamp_triggers(using: str, **kwargs) -> None:
    """Re-create missing change-stamp triggers on SQLite and move the stamp, since rows may have
    changed while they were away. After `flush` it finds them in place and does nothing."""
    from partnerships import change_stamp

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not change_stamp.sqlite_table_exists(cursor):
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        existing = {name for (name,) in cursor.fetchall()}
        if set(change_stamp.SQLITE_TRIGGERS) <= existing:
            return
        change_stamp.sqlite_create_triggers(cursor)
        change_stamp.sqlite_move(cursor)
