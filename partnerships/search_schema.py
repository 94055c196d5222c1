"""The full-text index of published case studies, kept in step by database triggers: the SQL the
current code expects to find installed, and why it is shaped so.

What migrations ran is frozen in versioned modules that are never edited (partnerships/sql/:
version 1 is what migration 0006 created, 0008 added the head index, 0010 dropped an unused
function). This module builds the same SQL from today's definitions (what "published" means comes
from partnerships.models.published_sql), and tests/partnerships/test_installed_sql.py checks that a
database migrated from zero holds exactly these triggers and functions. partnerships/search.py is
the only code that reads the index.

Triggers, not save() or signals: fixtures, the admin, bulk operations and the moderation workflow
all change these tables directly, and every change must reach the index without anyone remembering
to call anything. The index holds exactly the published case studies: the SQL condition is built
from the same definition as Partnership.objects.published() (models.published_sql).

PostgreSQL: two tables, one row per published case study in each:
  partnerships_search.document
            weighted tsvector of the title (A), summary (B), theme and partner organisation names
            (C), the four long texts (D), plus "word pairs" (each lexeme with the next one, stop
            words skipped: 'mental health'), with a GIN index. The pairs let the index alone answer
            a phrase: a positional phrase search makes PostgreSQL read every candidate's whole
            vector back from TOAST, which takes hundreds of milliseconds for common words. The
            vectors live in TOAST, so the table's own pages are few and fast to visit when a
            common word matches most rows.
  partnerships_search_rank.head
            the title, summary and names part only: small, kept in the table's pages, what
            ts_rank() reads to rank, with a GIN index of its own (0008) that finds the case
            studies worth ranking: those with a word searched for in these fields.
  Statement-level triggers with transition tables refresh each affected case study once per
  statement. A function lists the matches for search.py with sequential and plain index scans
  turned off: the planner does not count the cost of reading vectors from TOAST, and for common
  words it would otherwise read every vector instead of using the GIN index. JIT is off in it
  too: the disabled plans' notional costs would otherwise make PostgreSQL spend ~20 ms compiling.

SQLite: an FTS5 table `partnerships_search` (rowid = partnership id, porter stemming, diacritics
removed) with one column per field, so that bm25() weighs fields and snippet() can pick the field
that matched; row-level triggers delete and re-insert the affected rows.

SQLite alters a table by rebuilding it (Django's _remake_table), which drops that table's triggers
and fails while triggers elsewhere name it. partnerships/apps.py therefore drops the SQLite search
triggers before `migrate` and afterwards restores the version the applied migrations installed
(partnerships/sql/__init__.py), re-indexing everything if any had gone.

Changing the index: change the SQL below, write partnerships/sql/search_v2.py holding exactly what
the new migration runs (never edit search_v1.py), add that version to partnerships/sql/__init__.py,
and run the suite: test_installed_sql fails until the database a fresh `migrate` builds matches.
"""

from partnerships.models.querysets import published_sql
from partnerships.sql import pg_functions

# What migrations 0006 and 0008 run (they import these names): version 1, frozen.
from partnerships.sql.search_v1 import (  # noqa: F401
    create,
    create_head_index,
    drop,
    drop_head_index,
)

PG_CREATE = rf"""
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
          WHERE p.id = s.partnership_id AND {published_sql("p")});
    DELETE FROM partnerships_search_rank s
    WHERE s.partnership_id = ANY (ids)
      AND NOT EXISTS (
          SELECT 1 FROM partnerships_partnership p
          WHERE p.id = s.partnership_id AND {published_sql("p")});
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
        WHERE p.id = ANY (ids) AND {published_sql("p")}
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
    SELECT coalesce(array_agg(partnership_id), '{{}}')
    FROM partnerships_search
    WHERE document @@ q AND (allowed IS NULL OR partnership_id IN (SELECT unnest(allowed)))
$$;

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

# --------------------------------------------------------------------------------------------------
# SQLite

SQLITE_CREATE_TABLE = """
CREATE VIRTUAL TABLE partnerships_search USING fts5(
    title, summary, themes, partners, problem, approach, outcomes, learning,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""


def _clean(column: str) -> str:
    """The text without the control characters search.py marks matches with in snippets."""
    return f"replace(replace({column}, char(2), ''), char(3), '')"


def sqlite_refresh_statements(ids: str) -> list[str]:
    """Statements that re-index the case studies whose ids the SQL expression `ids` gives."""
    delete = f"DELETE FROM partnerships_search WHERE rowid IN ({ids})"
    insert = f"""INSERT INTO partnerships_search
        (rowid, title, summary, themes, partners, problem, approach, outcomes, learning)
    SELECT p.id, {_clean("p.title")}, {_clean("p.summary")},
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT t.name FROM partnerships_partnership_themes pt
            JOIN themes_theme t ON t.id = pt.theme_id
            WHERE pt.partnership_id = p.id ORDER BY t.name)), ''),
        coalesce((SELECT group_concat(name, ' ; ') FROM (
            SELECT o.name FROM partnerships_partnershipmember m
            JOIN partnerships_organisation o ON o.id = m.organisation_id
            WHERE m.partnership_id = p.id ORDER BY o.name)), ''),
        {_clean("p.problem")}, {_clean("p.approach")}, {_clean("p.outcomes")},
        {_clean("p.learning")}
    FROM partnerships_partnership p WHERE p.id IN ({ids}) AND {published_sql("p")}"""
    return [delete, insert]


def _refresh(ids: str) -> str:
    return "".join(f"{statement};\n" for statement in sqlite_refresh_statements(ids))


_CHANGED = " OR ".join(
    f"OLD.{column} IS NOT NEW.{column}"
    for column in ("status", "title", "summary", "problem", "approach", "outcomes", "learning")
)

# name -> CREATE TRIGGER statement
SQLITE_TRIGGERS = {
    "partnerships_search_partnership_insert": f"""
        AFTER INSERT ON partnerships_partnership BEGIN {_refresh("NEW.id")} END""",
    "partnerships_search_partnership_update": f"""
        AFTER UPDATE ON partnerships_partnership WHEN {_CHANGED}
        BEGIN {_refresh("OLD.id, NEW.id")} END""",
    "partnerships_search_partnership_delete": """
        AFTER DELETE ON partnerships_partnership
        BEGIN DELETE FROM partnerships_search WHERE rowid = OLD.id; END""",
    "partnerships_search_member_insert": f"""
        AFTER INSERT ON partnerships_partnershipmember
        BEGIN {_refresh("NEW.partnership_id")} END""",
    "partnerships_search_member_delete": f"""
        AFTER DELETE ON partnerships_partnershipmember
        BEGIN {_refresh("OLD.partnership_id")} END""",
    "partnerships_search_member_update": f"""
        AFTER UPDATE OF partnership_id, organisation_id ON partnerships_partnershipmember
        BEGIN {_refresh("OLD.partnership_id, NEW.partnership_id")} END""",
    "partnerships_search_theme_link_insert": f"""
        AFTER INSERT ON partnerships_partnership_themes
        BEGIN {_refresh("NEW.partnership_id")} END""",
    "partnerships_search_theme_link_delete": f"""
        AFTER DELETE ON partnerships_partnership_themes
        BEGIN {_refresh("OLD.partnership_id")} END""",
    "partnerships_search_theme_link_update": f"""
        AFTER UPDATE ON partnerships_partnership_themes
        BEGIN {_refresh("OLD.partnership_id, NEW.partnership_id")} END""",
    "partnerships_search_organisation_update": f"""
        AFTER UPDATE OF name ON partnerships_organisation WHEN OLD.name IS NOT NEW.name
        BEGIN {
        _refresh(
            "SELECT partnership_id FROM partnerships_partnershipmember "
            "WHERE organisation_id = NEW.id"
        )
    } END""",
    "partnerships_search_theme_update": f"""
        AFTER UPDATE OF name ON themes_theme WHEN OLD.name IS NOT NEW.name
        BEGIN {
        _refresh(
            "SELECT partnership_id FROM partnerships_partnership_themes WHERE theme_id = NEW.id"
        )
    } END""",
}


SQLITE_TABLE = "partnerships_search"
SQLITE_TRIGGER_PREFIX = "partnerships_search_"


# Migration 0008: relevance is worked out only for case studies whose title, summary, theme or
# partner names hold a word searched for (search.py, rank()); this GIN index finds them.
PG_HEAD_INDEX_CREATE = """
CREATE INDEX partnerships_search_rank_head_idx ON partnerships_search_rank USING gin (head);
"""


PG_FUNCTIONS = pg_functions(PG_CREATE)
