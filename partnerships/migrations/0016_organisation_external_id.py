"""Organisations get an optional external identifier (360Giving org-id style), unique when set.

On SQLite the column is added with ALTER TABLE ADD COLUMN rather than Django's usual rebuild of
the table: the search and change-stamp triggers (migrations 0006 and 0009) name the organisations
table, and a rebuild fails while they do. PostgreSQL adds it the usual way.
"""

import django.core.validators
from django.db import migrations, models

SQLITE_ADD_COLUMN = (
    "ALTER TABLE partnerships_organisation "
    "ADD COLUMN external_id varchar(100) NOT NULL DEFAULT ''"
)

FIELD = models.CharField(
    "external identifier",
    blank=True,
    help_text="Optional. The organisation's identifier in an official register, written as "
    "360Giving's org-id does: GB-CHC-… for a charity, GB-COH-… for a company, GB-NHS-… for "
    "an NHS body, GB-LAE-…, GB-LAS-… or GB-PLA-… for a council, or the ONS code of a police "
    "force area. Published in the open data.",
    max_length=100,
    validators=[
        django.core.validators.RegexValidator(
            "^(?:[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9][A-Za-z0-9./-]*|[EWSN][0-9]{8})$",
            "Enter an identifier in org-id style, like GB-CHC-1234567 or GB-COH-01234567, or "
            "an ONS code like E23000036",
        )
    ],
)


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_ADD_COLUMN)
        return
    organisation = apps.get_model("partnerships", "Organisation")
    field = FIELD.clone()
    field.set_attributes_from_name("external_id")
    schema_editor.add_field(organisation, field)


def remove_column(apps, schema_editor):
    # Going backwards, the state handed in no longer has the field: drop the column by name
    # (both databases drop what depends on it with it).
    schema_editor.execute("ALTER TABLE partnerships_organisation DROP COLUMN external_id")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0015_partnership_review_due_on"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="organisation", name="external_id", field=FIELD)
            ],
            database_operations=[migrations.RunPython(add_column, remove_column)],
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("external_id", ""), _negated=True),
                fields=("external_id",),
                name="organisation_external_id_unique",
            ),
        ),
    ]
