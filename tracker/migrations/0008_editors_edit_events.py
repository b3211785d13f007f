"""Editors keep the table of events claims count from, as they keep topics."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_event" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the new model's are needed now.
    tracker = apps.get_app_config("tracker")
    tracker.models_module = True
    create_permissions(tracker, apps=apps, verbosity=0)
    tracker.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="tracker", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="editors"):
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="tracker", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("tracker", "0007_gap_claim_shapes_and_events")]

    operations = [migrations.RunPython(grant, revoke)]
