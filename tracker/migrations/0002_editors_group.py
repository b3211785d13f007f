"""The editors group: everything an editor needs to enter, correct and review the record.

Gaps are derived (view only); users, groups and site settings stay with administrators.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = ["article", "contact", "contactsource", "statement", "gapclaim", "topic", "person", "office"]
ADD_AND_CHANGE = ["country"]
VIEW_ONLY = ["gap"]


def codenames():
    names = []
    for model in EDITABLE:
        names += [f"{action}_{model}" for action in ("add", "change", "delete", "view")]
    for model in ADD_AND_CHANGE:
        names += [f"{action}_{model}" for action in ("add", "change", "view")]
    for model in VIEW_ONLY:
        names.append(f"view_{model}")
    return names


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; editors need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    wanted = codenames()
    perms = Permission.objects.filter(content_type__app_label="tracker", codename__in=wanted)
    missing = set(wanted) - set(perms.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions not found: {sorted(missing)}")
    editors.permissions.set(perms)


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Backwards the group stays, with its members: it belongs to auth, and migrating forward again
    # (create_editors: get or create, then set its permissions) finds it as it was.
    operations = [migrations.RunPython(create_editors, migrations.RunPython.noop)]
