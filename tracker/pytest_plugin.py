"""Loaded by pytest before Django (see ``addopts`` in pyproject.toml).

Tests run with DEBUG off, as production does; they need a key but no real secret.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
# Static files are served uncollected in tests, so without hashed names.
os.environ.setdefault("STATIC_MANIFEST", "0")
