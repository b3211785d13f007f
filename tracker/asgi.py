import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_asgi_application()

from tracker.static_manifest import static_manifest_require  # noqa: E402  (needs the settings)

static_manifest_require()
