from django.apps import AppConfig


class TrackerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tracker"
    verbose_name = "Diplomatic record"

    def ready(self):
        from tracker import signals  # noqa: F401  (connects the gap-keeping receivers)
