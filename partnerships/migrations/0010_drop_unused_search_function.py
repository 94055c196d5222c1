"""PostgreSQL: drop partnerships_search_ranked(), which search.py has not called since migration
0008 (it ranks with the head index instead). SQLite never had it. The SQL is held here, frozen:
forwards drops the function, backwards re-creates it exactly as migration 0006 did."""

from django.db import migrations

DROP = "DROP FUNCTION partnerships_search_ranked(tsquery, tsquery, bigint[], integer, integer);"

CREATE = r"""
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
"""


def drop_ranked(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


def create_ranked(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0009_change_stamp")]

    operations = [migrations.RunPython(drop_ranked, create_ranked, elidable=False)]
