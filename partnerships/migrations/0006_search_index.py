"""Full-text search: an index of published case studies kept in step by database triggers.

The DDL (PostgreSQL tsvector table with a GIN index and PL/pgSQL triggers; SQLite FTS5 table and
triggers) and why it is shaped so: partnerships/search_schema.py.
"""

from django.db import migrations

from partnerships import search_schema


def create_search_index(apps, schema_editor) -> None:
    search_schema.create(schema_editor)


def drop_search_index(apps, schema_editor) -> None:
    search_schema.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_editors_see_moderation_history"),
        ("themes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_search_index, drop_search_index, elidable=False)]
