from django.apps import AppConfig
from django.db.backends.signals import connection_created


class TimelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "timeline"

    def ready(self):
        from timeline.record_version import record_writes_watch

        # Every write to the record moves the version public pages are cached under.
        connection_created.connect(record_writes_watch, dispatch_uid="timeline_record_writes_watch")
