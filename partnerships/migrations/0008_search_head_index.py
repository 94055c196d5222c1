"""PostgreSQL: a GIN index on the ranked part of the search index (title, summary, theme and
partner names), so that relevance is worked out only for the case studies whose ranked fields hold
a searched word. SQLite needs nothing: partnerships/search_schema.py."""

from django.db import migrations

from partnerships import search_schema


def create_head_index(apps, schema_editor) -> None:
    search_schema.create_head_index(schema_editor)


def drop_head_index(apps, schema_editor) -> None:
    search_schema.drop_head_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0007_finder_freshness_index")]

    operations = [migrations.RunPython(create_head_index, drop_head_index, elidable=False)]
