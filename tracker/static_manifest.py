"""With hashed static names (DEBUG off), pages can only be rendered once ``collectstatic`` has
written the manifest: without it every ``{% static %}`` raises and every page is a 500. The
server entry points check at start-up instead, so a missing step is one clear error.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def static_manifest_require() -> None:
    """Raise ImproperlyConfigured if hashed static files are configured but not collected."""
    if isinstance(staticfiles_storage, ManifestFilesMixin) and not staticfiles_storage.exists(
        staticfiles_storage.manifest_name
    ):
        raise ImproperlyConfigured(
            f"Static files are not collected: no {staticfiles_storage.manifest_name} in "
            f"{staticfiles_storage.location}. Run `manage.py collectstatic --noinput` first "
            "(scripts/serve.sh does), or set STATIC_MANIFEST=0 to serve unhashed names."
        )
