"""A stamp that moves whenever something the finder's facet index reads changes (DDL, one read).

partnerships/facets.py keeps an in-memory index of published case studies, their facets, card
themes and lead partners, and rebuilds it when this stamp differs from the one it was built at.
Database triggers move the stamp on every insert, update or delete (and TRUNCATE, on PostgreSQL)
that touches what the index reads: published case studies and their links to themes, forces,
population groups and partners; police forces and the partners of published case studies;
regions, themes and population groups. So renaming a theme or a partner, or changing a link
directly in SQL, is seen as surely as publishing: nobody has to remember to call anything. Drafts,
submissions and the organisations their authors add do not move it (`WATCHED` below says which
rows count), so a contributor saving a draft does not make every worker rebuild the index.
Migration partnerships 0009 creates it.

The stamp is a value never used before, not a counter: a transaction that rolls back restores the
old stamp, and a counter would then hand out its rolled-back number again, for different data,
to an index built inside that transaction. PostgreSQL takes it from a sequence (nextval is never
rolled back); SQLite, which has no sequences, takes a random 64-bit number.

One row, updated by every statement that changes published data: concurrent publishing
transactions queue on it until they commit. Editors publish one case study at a time, so this
costs nothing here; it would matter for a write-heavy table.

What migration 0009 ran is frozen in partnerships/sql/change_stamp_v1.py; this module builds the
SQL the current code expects from today's definitions (`WATCHED`, and what "published" means from
partnerships.models.published_sql), and tests/partnerships/test_installed_sql.py checks that a
database migrated from zero holds exactly these triggers and functions.

Changing it (a table to watch, a condition): change `WATCHED` here, write
partnerships/sql/change_stamp_v2.py holding exactly the SQL a new migration runs to move from
version 1 to it (never edit change_stamp_v1.py), add the version to partnerships/sql/__init__.py
and run the suite: test_installed_sql fails until a fresh `migrate` builds what this module says.
"""

from django.db import connections

from partnerships.models.querysets import published_sql
from partnerships.sql import pg_functions

# What migration 0009 runs (it imports these names): version 1, frozen.
from partnerships.sql.change_stamp_v1 import create, drop  # noqa: F401

TABLE = "partnerships_change_stamp"

_MOVE = f"UPDATE {TABLE} SET stamp = {{next}} WHERE id = 1"
_PG_NEXT = "nextval('partnerships_change_stamp_seq')"


# Which changed rows matter, as a condition on one row `r`. Drafts, submissions and the
# organisations their authors add are written all the time and are not in the index: changing them
# must not make every worker rebuild it.
def _published(r: str) -> str:
    return published_sql(r)


def _of_published(r: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM partnerships_partnership p "
        f"WHERE p.id = {r}.partnership_id AND {published_sql('p')})"
    )


def _force_or_partner_in_published(r: str) -> str:
    return (
        f"{r}.kind = 'police_force' OR EXISTS (SELECT 1 FROM partnerships_partnershipmember m "
        "JOIN partnerships_partnership p ON p.id = m.partnership_id "
        f"WHERE m.organisation_id = {r}.id AND {published_sql('p')})"
    )


# What partnerships/facets.py reads, and which rows of it move the stamp (None: every row).
WATCHED = {
    "partnerships_partnership": _published,
    "partnerships_partnership_themes": _of_published,
    "partnerships_partnership_police_force_areas": _of_published,
    "partnerships_partnership_population_groups": _of_published,
    "partnerships_partnershipmember": _of_published,
    "partnerships_organisation": _force_or_partner_in_published,
    "partnerships_region": None,
    "themes_theme": None,
    "themes_populationgroup": None,
}
WATCHED_TABLES = tuple(WATCHED)

# An update moves the stamp if the row mattered before it or matters after it.
_ROWS = {"INSERT": ("new_rows",), "UPDATE": ("old_rows", "new_rows"), "DELETE": ("old_rows",)}
_REFERENCING = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}


TRIGGER_PREFIX = "partnerships_stamp_"


def _name(table: str, event: str = "") -> str:
    """A trigger's (and its function's) name, within PostgreSQL's 63 characters."""
    return f"{TRIGGER_PREFIX}{table.removeprefix('partnerships_')}{event and '_'}{event.lower()}"


def _pg_conditional(table: str, event: str, matters) -> str:
    """A statement-level trigger that moves the stamp if any changed row matters."""
    name = _name(table, event)
    condition = " OR ".join(
        f"EXISTS (SELECT 1 FROM {rows} r WHERE {matters('r')})" for rows in _ROWS[event]
    )
    return f"""
CREATE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF {condition} THEN
        {_MOVE.format(next=_PG_NEXT)};
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER {name} AFTER {event} ON {table} {_REFERENCING[event]}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}();"""


def _pg_triggers(table: str, matters) -> str:
    if matters is None:
        return f"""
CREATE TRIGGER {_name(table)}
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();"""
    # TRUNCATE empties the table: always a change (and it has no transition tables).
    return (
        "".join(_pg_conditional(table, event, matters) for event in _ROWS)
        + f"""
CREATE TRIGGER {_name(table, "truncate")} AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();"""
    )


PG_CREATE = f"""
CREATE SEQUENCE partnerships_change_stamp_seq;
CREATE TABLE {TABLE} (
    id smallint PRIMARY KEY CHECK (id = 1),
    stamp bigint NOT NULL
);
COMMENT ON TABLE {TABLE} IS
    'Moves on every change to what the finder index reads, by triggers: see change_stamp.py.';
INSERT INTO {TABLE} VALUES (1, {_PG_NEXT});

CREATE FUNCTION partnerships_change_stamp_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {_MOVE.format(next=_PG_NEXT)};
    RETURN NULL;
END $$;
""" + "".join(_pg_triggers(table, matters) for table, matters in WATCHED.items())

PG_TRIGGER_NAMES = [
    _name(table, event)
    for table, matters in WATCHED.items()
    for event in ([""] if matters is None else [*_ROWS, "truncate"])
]

PG_FUNCTIONS = pg_functions(PG_CREATE)

SQLITE_CREATE_TABLE = f"""
CREATE TABLE {TABLE} (
    id integer PRIMARY KEY CHECK (id = 1),
    stamp integer NOT NULL
)
"""


def _sqlite_when(event: str, matters) -> str:
    if matters is None:
        return ""
    rows = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[event]
    return "WHEN " + " OR ".join(f"({matters(row)})" for row in rows)


# name -> CREATE TRIGGER statement, one per watched table and kind of change (row-level: SQLite has
# no statement-level triggers)
SQLITE_TRIGGERS = {
    _name(table, event): f"""
        AFTER {event} ON {table} {_sqlite_when(event, matters)}
        BEGIN {_MOVE.format(next="random()")}; END"""
    for table, matters in WATCHED.items()
    for event in _ROWS
}


def sqlite_move(cursor) -> None:
    cursor.execute(_MOVE.format(next="random()"))


_SELECT = f"SELECT stamp FROM {TABLE} WHERE id = 1"


def current(alias: str) -> int:
    """The stamp now, on database `alias`."""
    with connections[alias].cursor() as cursor:
        cursor.execute(_SELECT)
        return cursor.fetchone()[0]
