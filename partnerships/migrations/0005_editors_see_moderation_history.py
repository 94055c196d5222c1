"""Editors may view the moderation history in the admin (decisions are made on /moderation/)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partnerships")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        Permission.objects.get(
            content_type__app_label="partnerships", codename="view_moderationevent"
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="partnerships", codename="view_moderationevent"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0004_submission_and_moderation")]

    operations = [migrations.RunPython(grant, revoke)]
