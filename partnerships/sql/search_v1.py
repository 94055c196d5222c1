"""Version 1 of the full-text index, frozen: exactly the SQL that migration 0006 (and 0008 for
the head index) ran. Never edit this module: a change is a new version and a new migration
(partnerships/sql/README in CONTRIBUTING.md). Why the index is shaped so: partnerships/search_schema.py.
"""

# ruff: noqa: E501, W291

from partnerships import sqlite_triggers
from partnerships.sql.search_v1_sqlite import SQLITE_CREATE_TABLE, SQLITE_REBUILD, SQLITE_TRIGGERS

PG_CREATE = r"""
CREATE TABLE partnerships_search (
    partnership_id bigint PRIMARY KEY,
    document tsvector NOT NULL
);
COMMENT ON TABLE partnerships_search IS
    'Full-text index of published partnerships, kept in step by triggers: see search_schema.py.';
-- Serves every search: document @@ query.
CREATE INDEX partnerships_search_document_idx ON partnerships_search USING gin (document);

CREATE TABLE partnerships_search_rank (
    partnership_id bigint PRIMARY KEY,
    head tsvector NOT NULL
);
COMMENT ON TABLE partnerships_search_rank IS
    'What partnerships are ranked on, kept in step by triggers: see search_schema.py.';

-- Each lexeme followed by the next one in the text ('mental health'), as lexemes of their own.
CREATE FUNCTION partnerships_search_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector)
    FROM (
        SELECT lexeme || ' ' || lead(lexeme) OVER (ORDER BY position) AS pair
        FROM unnest(v) AS u(lexeme, positions, weights), unnest(u.positions) AS position
    ) pairs
    WHERE pair IS NOT NULL
$$;

-- A phrase as a query the GIN index answers alone: its word pairs, exact for two words. With three
-- or more words, also the positional phrase, which PostgreSQL then checks on the candidates only.
CREATE FUNCTION partnerships_search_phrase(words text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    lexemes text[];
    pairs tsquery;
BEGIN
    SELECT array_agg(lexeme ORDER BY position) INTO lexemes
    FROM unnest(to_tsvector('english'::regconfig, words)) AS u(lexeme, positions, weights),
         unnest(u.positions) AS position;
    IF coalesce(array_length(lexemes, 1), 0) < 2 THEN
        RETURN plainto_tsquery('english'::regconfig, words);
    END IF;
    SELECT string_agg(
               quote_literal(replace(lexemes[i] || ' ' || lexemes[i + 1], '\', '')), ' & '
           )::tsquery
      INTO pairs
      FROM generate_series(1, array_length(lexemes, 1) - 1) AS i;
    IF array_length(lexemes, 1) = 2 THEN
        RETURN pairs;
    END IF;
    RETURN pairs && phraseto_tsquery('english'::regconfig, words);
END $$;

CREATE FUNCTION partnerships_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM partnerships_search s
    WHERE s.partnership_id = ANY (ids)
      AND NOT EXISTS (
          SELECT 1 FROM partnerships_partnership p
          WHERE p.id = s.partnership_id AND p.status = 'published');
    DELETE FROM partnerships_search_rank s
    WHERE s.partnership_id = ANY (ids)
      AND NOT EXISTS (
          SELECT 1 FROM partnerships_partnership p
          WHERE p.id = s.partnership_id AND p.status = 'published');
    WITH fields AS MATERIALIZED (
        SELECT
            p.id,
            setweight(to_tsvector('english'::regconfig, p.title), 'A')
            || setweight(to_tsvector('english'::regconfig, p.summary), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce((
                    SELECT string_agg(t.name, ' ; ' ORDER BY t.name)
                    FROM partnerships_partnership_themes pt
                    JOIN themes_theme t ON t.id = pt.theme_id
                    WHERE pt.partnership_id = p.id), '')), 'C')
            || setweight(to_tsvector('english'::regconfig, coalesce((
                    SELECT string_agg(o.name, ' ; ' ORDER BY o.name)
                    FROM partnerships_partnershipmember m
                    JOIN partnerships_organisation o ON o.id = m.organisation_id
                    WHERE m.partnership_id = p.id), '')), 'C') AS head,
            setweight(to_tsvector('english'::regconfig,
                concat_ws(' ', p.problem, p.approach, p.outcomes, p.learning)), 'D') AS body
        FROM partnerships_partnership p
        WHERE p.id = ANY (ids) AND p.status = 'published'
    ),
    documents AS (
        INSERT INTO partnerships_search AS s (partnership_id, document)
        SELECT id, head || body || partnerships_search_pairs(head || body) FROM fields
        ON CONFLICT (partnership_id) DO UPDATE SET document = excluded.document
    )
    INSERT INTO partnerships_search_rank AS s (partnership_id, head)
    SELECT id, head FROM fields
    ON CONFLICT (partnership_id) DO UPDATE SET head = excluded.head;
$$;

-- The ids of matching case studies (among `allowed`, if given), in no order.
CREATE FUNCTION partnerships_search_ids(q tsquery, allowed bigint[] DEFAULT NULL) RETURNS bigint[]
LANGUAGE sql STABLE
SET enable_seqscan = off SET enable_indexscan = off SET jit = off AS $$
    SELECT coalesce(array_agg(partnership_id), '{}')
    FROM partnerships_search
    WHERE document @@ q AND (allowed IS NULL OR partnership_id IN (SELECT unnest(allowed)))
$$;

-- In one pass: `matches`, the ids of every match (among `allowed`, if given), newest first; and
-- `best`, the best `lim` of the `pool` most recently added matches (highest ids) by ts_rank on
-- head, best first, ties newest first.
CREATE FUNCTION partnerships_search_ranked(
    q tsquery, rank_q tsquery, allowed bigint[], pool integer, lim integer,
    OUT best bigint[], OUT matches bigint[]
)
LANGUAGE plpgsql STABLE
SET enable_seqscan = off SET enable_indexscan = off SET jit = off AS $$
BEGIN
    SELECT coalesce(array_agg(partnership_id ORDER BY partnership_id DESC), '{}') INTO matches
    FROM partnerships_search
    WHERE document @@ q AND (allowed IS NULL OR partnership_id IN (SELECT unnest(allowed)));
    SELECT coalesce(array_agg(partnership_id ORDER BY score DESC, partnership_id DESC), '{}')
      INTO best
      FROM (
          SELECT partnership_id, ts_rank(head, rank_q) AS score
          FROM partnerships_search_rank
          WHERE partnership_id = ANY (matches[1:pool])
          ORDER BY score DESC, partnership_id DESC
          LIMIT lim
      ) ranked;
END $$;

-- Case studies: a new one is indexed; an edit re-indexes it when its text or status changed.
CREATE FUNCTION partnerships_search_partnership_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_search_partnership_insert
    AFTER INSERT ON partnerships_partnership REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_partnership_inserted();

CREATE FUNCTION partnerships_search_partnership_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.status, n.title, n.summary, n.problem, n.approach, n.outcomes, n.learning)
              IS DISTINCT FROM
              (o.status, o.title, o.summary, o.problem, o.approach, o.outcomes, o.learning)
    ));
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_search_partnership_update
    AFTER UPDATE ON partnerships_partnership
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_partnership_updated();

CREATE FUNCTION partnerships_search_partnership_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM partnerships_search WHERE partnership_id IN (SELECT id FROM old_rows);
    DELETE FROM partnerships_search_rank WHERE partnership_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_search_partnership_delete
    AFTER DELETE ON partnerships_partnership REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_partnership_deleted();

-- Django's flush (tests) empties tables with TRUNCATE, which fires no DELETE trigger.
CREATE FUNCTION partnerships_search_partnership_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE partnerships_search, partnerships_search_rank;
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_search_partnership_truncate
    AFTER TRUNCATE ON partnerships_partnership
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_partnership_truncated();

-- Partners and themes of a case study: rows of the link tables added, removed or changed.
CREATE FUNCTION partnerships_search_link_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(SELECT DISTINCT partnership_id FROM new_rows));
    RETURN NULL;
END $$;
CREATE FUNCTION partnerships_search_link_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(SELECT DISTINCT partnership_id FROM old_rows));
    RETURN NULL;
END $$;
CREATE FUNCTION partnerships_search_link_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(
        SELECT partnership_id FROM new_rows UNION SELECT partnership_id FROM old_rows));
    RETURN NULL;
END $$;

CREATE TRIGGER partnerships_search_member_insert
    AFTER INSERT ON partnerships_partnershipmember REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_link_inserted();
CREATE TRIGGER partnerships_search_member_delete
    AFTER DELETE ON partnerships_partnershipmember REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_link_deleted();
CREATE TRIGGER partnerships_search_member_update
    AFTER UPDATE ON partnerships_partnershipmember
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_link_updated();

CREATE TRIGGER partnerships_search_theme_link_insert
    AFTER INSERT ON partnerships_partnership_themes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_link_inserted();
CREATE TRIGGER partnerships_search_theme_link_delete
    AFTER DELETE ON partnerships_partnership_themes REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_link_deleted();
CREATE TRIGGER partnerships_search_theme_link_update
    AFTER UPDATE ON partnerships_partnership_themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_link_updated();

-- Renaming an organisation or a theme re-indexes every case study that names it.
CREATE FUNCTION partnerships_search_organisation_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(
        SELECT DISTINCT m.partnership_id
        FROM new_rows n
        JOIN old_rows o ON o.id = n.id
        JOIN partnerships_partnershipmember m ON m.organisation_id = n.id
        WHERE n.name IS DISTINCT FROM o.name));
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_search_organisation_update
    AFTER UPDATE ON partnerships_organisation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_organisation_renamed();

CREATE FUNCTION partnerships_search_theme_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM partnerships_search_refresh(ARRAY(
        SELECT DISTINCT pt.partnership_id
        FROM new_rows n
        JOIN old_rows o ON o.id = n.id
        JOIN partnerships_partnership_themes pt ON pt.theme_id = n.id
        WHERE n.name IS DISTINCT FROM o.name));
    RETURN NULL;
END $$;
CREATE TRIGGER partnerships_search_theme_update
    AFTER UPDATE ON themes_theme
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION partnerships_search_theme_renamed();

SELECT partnerships_search_refresh(ARRAY(SELECT id FROM partnerships_partnership));
ANALYZE partnerships_search;
ANALYZE partnerships_search_rank;
"""

PG_DROP = r"""
DROP TABLE partnerships_search;
DROP TABLE partnerships_search_rank;
DROP FUNCTION partnerships_search_theme_renamed() CASCADE;
DROP FUNCTION partnerships_search_organisation_renamed() CASCADE;
DROP FUNCTION partnerships_search_link_updated() CASCADE;
DROP FUNCTION partnerships_search_link_deleted() CASCADE;
DROP FUNCTION partnerships_search_link_inserted() CASCADE;
DROP FUNCTION partnerships_search_partnership_truncated() CASCADE;
DROP FUNCTION partnerships_search_partnership_deleted() CASCADE;
DROP FUNCTION partnerships_search_partnership_updated() CASCADE;
DROP FUNCTION partnerships_search_partnership_inserted() CASCADE;
DROP FUNCTION partnerships_search_ranked(tsquery, tsquery, bigint[], integer, integer);
DROP FUNCTION partnerships_search_ids(tsquery, bigint[]);
DROP FUNCTION partnerships_search_refresh(bigint[]);
DROP FUNCTION partnerships_search_phrase(text);
DROP FUNCTION partnerships_search_pairs(tsvector);
"""

PG_HEAD_INDEX_CREATE = r"""
CREATE INDEX partnerships_search_rank_head_idx ON partnerships_search_rank USING gin (head);
"""

PG_HEAD_INDEX_DROP = r"""
DROP INDEX partnerships_search_rank_head_idx;
"""


# The name of every trigger this version installs on PostgreSQL.
PG_TRIGGER_NAMES = [
    "partnerships_search_partnership_insert",
    "partnerships_search_partnership_update",
    "partnerships_search_partnership_delete",
    "partnerships_search_partnership_truncate",
    "partnerships_search_member_insert",
    "partnerships_search_member_delete",
    "partnerships_search_member_update",
    "partnerships_search_theme_link_insert",
    "partnerships_search_theme_link_delete",
    "partnerships_search_theme_link_update",
    "partnerships_search_organisation_update",
    "partnerships_search_theme_update",
]


def sqlite_rebuild(cursor) -> None:
    """Index every published case study afresh, then merge the index into one segment."""
    for statement in SQLITE_REBUILD:
        cursor.execute(statement)


def create(schema_editor) -> None:
    """Migration 0006, forwards."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(SQLITE_CREATE_TABLE)
            sqlite_triggers.create(cursor, SQLITE_TRIGGERS)
            sqlite_rebuild(cursor)
    else:
        raise NotImplementedError(f"Search is written for PostgreSQL and SQLite, not {vendor}.")


def drop(schema_editor) -> None:
    """Migration 0006, backwards."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            sqlite_triggers.drop(cursor, SQLITE_TRIGGERS)
            cursor.execute("DROP TABLE partnerships_search")


def create_head_index(schema_editor) -> None:
    """Migration 0008, forwards (PostgreSQL only: FTS5 answers a column filter itself)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_HEAD_INDEX_CREATE, params=None)


def drop_head_index(schema_editor) -> None:
    """Migration 0008, backwards."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_HEAD_INDEX_DROP, params=None)
