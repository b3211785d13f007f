import secrets

from django.db import migrations, models


def first_version(apps, schema_editor):
    # A random start: a database made anew must not meet the pages a shared cache folder
    # (PAGE_CACHE_DIR) still keeps under the numbers of the one it replaced.
    apps.get_model("timeline", "RecordVersion").objects.create(id=1, number=secrets.randbits(48))


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RecordVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
