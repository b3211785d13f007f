import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

from tracker.static_manifest import static_manifest_require  # noqa: E402  (needs the settings)

static_manifest_require()
