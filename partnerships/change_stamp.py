"""A stamp that moves whenever anything the finder's facet index reads changes (DDL and one read).

partnerships/facets.py keeps an in-memory index of published case studies, their facets, card
themes and lead partners, and rebuilds it when this stamp differs from the one it was built at.
Database triggers move the stamp on every insert, update or delete (and TRUNCATE, on PostgreSQL)
in the tables the index reads: case studies, their links to themes, forces, population groups and
partners, organisations, regions, themes and population groups. So renaming a theme or a partner,
or changing a link directly in SQL, is seen as surely as publishing: nobody has to remember to
call anything. Migration partnerships 0009 creates it.

The stamp is a value never used before, not a counter: a transaction that rolls back restores the
old stamp, and a counter would then hand out its rolled-back number again, for different data,
to an index built inside that transaction. PostgreSQL takes it from a sequence (nextval is never
rolled back); SQLite, which has no sequences, takes a random 64-bit number.

One row that every writing statement updates: concurrent writers queue on it until they commit.
Case studies are written by editors and contributors one at a time, so this costs nothing here;
it would matter for a write-heavy table.

Changing it: never edit the DDL below in place (migration 0009 runs it); add new definitions and a
migration that moves from these to them.
"""

from django.db import connections

TABLE = "partnerships_change_stamp"

# What partnerships/facets.py reads, and so what moves the stamp.
WATCHED_TABLES = (
    "partnerships_partnership",
    "partnerships_partnership_themes",
    "partnerships_partnership_police_force_areas",
    "partnerships_partnership_population_groups",
    "partnerships_partnershipmember",
    "partnerships_organisation",
    "partnerships_region",
    "themes_theme",
    "themes_populationgroup",
)

PG_CREATE = """
CREATE SEQUENCE partnerships_change_stamp_seq;
CREATE TABLE partnerships_change_stamp (
    id smallint PRIMARY KEY CHECK (id = 1),
    stamp bigint NOT NULL
);
COMMENT ON TABLE partnerships_change_stamp IS
    'Moves on every change the finder index reads, by triggers: see change_stamp.py.';
INSERT INTO partnerships_change_stamp VALUES (1, nextval('partnerships_change_stamp_seq'));

CREATE FUNCTION partnerships_change_stamp_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE partnerships_change_stamp SET stamp = nextval('partnerships_change_stamp_seq')
    WHERE id = 1;
    RETURN NULL;
END $$;
""" + "".join(
    f"""
CREATE TRIGGER partnerships_change_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_change_stamp_move();"""
    for table in WATCHED_TABLES
)

PG_DROP = """
DROP FUNCTION partnerships_change_stamp_move() CASCADE;
DROP TABLE partnerships_change_stamp;
DROP SEQUENCE partnerships_change_stamp_seq;
"""

SQLITE_CREATE_TABLE = """
CREATE TABLE partnerships_change_stamp (
    id integer PRIMARY KEY CHECK (id = 1),
    stamp integer NOT NULL
)
"""

# name -> CREATE TRIGGER statement, one per watched table and kind of change
SQLITE_TRIGGERS = {
    f"partnerships_change_stamp_{table}_{event.lower()}": f"""
        AFTER {event} ON {table}
        BEGIN UPDATE partnerships_change_stamp SET stamp = random() WHERE id = 1; END"""
    for table in WATCHED_TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
}


def sqlite_table_exists(cursor) -> bool:
    cursor.execute(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{TABLE}'")
    return cursor.fetchone() is not None


def sqlite_create_triggers(cursor) -> None:
    for name, body in SQLITE_TRIGGERS.items():
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def sqlite_drop_triggers(cursor) -> None:
    for name in SQLITE_TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def sqlite_move(cursor) -> None:
    cursor.execute(f"UPDATE {TABLE} SET stamp = random() WHERE id = 1")


def create(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(SQLITE_CREATE_TABLE)
            cursor.execute(f"INSERT INTO {TABLE} VALUES (1, random())")
            sqlite_create_triggers(cursor)
    else:
        raise NotImplementedError(f"Written for PostgreSQL and SQLite, not {vendor}.")


def drop(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            sqlite_drop_triggers(cursor)
            cursor.execute(f"DROP TABLE {TABLE}")


_SELECT = f"SELECT stamp FROM {TABLE} WHERE id = 1"


def current(alias: str) -> int:
    """The stamp now, on database `alias`."""
    with connections[alias].cursor() as cursor:
        cursor.execute(_SELECT)
        return cursor.fetchone()[0]
