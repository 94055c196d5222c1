"""The finder's freshness check: a stamp that database triggers move on every change to what the
facet index reads (partnerships/change_stamp.py). It replaces comparing the count, id range and
latest `updated_at` of published case studies, which missed renamed themes and organisations, so
the index that served that comparison goes."""

from django.db import migrations

from partnerships import change_stamp


def create_change_stamp(apps, schema_editor) -> None:
    change_stamp.create(schema_editor)


def drop_change_stamp(apps, schema_editor) -> None:
    change_stamp.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0008_search_head_index"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_change_stamp, drop_change_stamp, elidable=False),
        migrations.RemoveIndex(model_name="partnership", name="partnership_status_updated_idx"),
    ]
