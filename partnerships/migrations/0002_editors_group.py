"""Create the Editors group with the permissions editors need in the admin and moderation pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "partnerships": ["partnership", "partnershipmember", "source", "organisation"],
    "themes": ["theme", "populationgroup"],
}


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, models in EDITOR_PERMISSIONS.items():
        for model in models:
            for action in ("view", "add", "change", "delete"):
                if model == "partnership" and action == "delete":
                    continue  # Editors archive or reject; deleting is for superusers.
                editors.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("themes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
