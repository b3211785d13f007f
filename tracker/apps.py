from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def _text_index_ensure(sender, using="default", **kwargs):
    from tracker.text_search import text_index_ensure

    text_index_ensure(connections[using])


class TrackerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tracker"
    verbose_name = "Diplomatic record"

    def ready(self):
        from tracker import signals  # noqa: F401  (connects the gap-keeping receivers)
        from tracker.sqlite_pragmas import sqlite_connection_configure

        connection_created.connect(sqlite_connection_configure, dispatch_uid="tracker_sqlite_pragmas")

        # After every migrate: SQLite's text index lives outside migrations (tracker.text_search).
        post_migrate.connect(_text_index_ensure, sender=self, dispatch_uid="tracker_text_index_ensure")
