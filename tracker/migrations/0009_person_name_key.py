"""One person per matching key (the folded name), so concurrent ingesters make one person of a
new name. Existing rows get their key; a second person already on record under the same key
keeps it with its id appended (an editor merges or renames them)."""

from django.db import migrations, models


def keys_fill(apps, schema_editor):
    from tracker.extraction.gazetteer import name_key

    Person = apps.get_model("tracker", "Person")
    seen = set()
    for person in Person.objects.order_by("pk"):
        key = name_key(person.name)
        if key in seen:
            key = f"{key} #{person.pk}"
        seen.add(key)
        Person.objects.filter(pk=person.pk).update(name_key=key)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0008_editors_edit_events")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(keys_fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                fields=("name_key",),
                name="person_name_key_unique",
                violation_error_message="A person with this name is already on record.",
            ),
        ),
    ]
