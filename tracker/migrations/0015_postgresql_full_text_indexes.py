"""Full-text indexes on PostgreSQL for the free-text search (see tracker.text_search).

On PostgreSQL only: SQLite has its trigram tables instead (made after migrate, see
tracker.text_search), and GIN indexes do not exist there. Not in the models' Meta.indexes for
the same reason, so makemigrations leaves them alone.
"""

from django.db import migrations

from tracker.text_search import PG_INDEXES, fts_index


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (model_name, column) in PG_INDEXES.items():
        schema_editor.add_index(apps.get_model("tracker", model_name), fts_index(column, name))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (model_name, column) in PG_INDEXES.items():
        schema_editor.remove_index(apps.get_model("tracker", model_name), fts_index(column, name))


class Migration(migrations.Migration):
    dependencies = [("tracker", "0014_ingest_jobs")]

    operations = [migrations.RunPython(create, drop)]
