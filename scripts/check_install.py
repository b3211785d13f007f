"""Fail when the virtual environment lacks a package the code needs.

Imports every third-party module that the project's code imports (found by reading its
sources, so a new import is checked without editing this file) and the ones only named in
settings or used optionally by a library, then starts Django and imports every app,
middleware and storage its settings name.
Run by scripts/setup.sh after each install: `.venv/bin/python scripts/check_install.py`.
"""

from __future__ import annotations

import ast
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["tracker", "timeline", "benchmarks", "manage.py"]
LOCAL = {"tracker", "timeline", "benchmarks", "conftest"}
# Needed although no source file imports them by name.
INDIRECT = {
    "lxml.html.clean": "trafilatura's jusText cleans HTML with it (package lxml_html_clean)",
    "brotli": "whitenoise compresses static files with it",
    "gunicorn": "the production server (scripts/serve.sh)",
    "psycopg": "PostgreSQL through DATABASE_URL",
    "whitenoise.storage": "hashed, compressed static files",
}


def imported_top_level_modules() -> set[str]:
    names: set[str] = set()
    for source in SOURCES:
        path = ROOT / source
        for file in [path] if path.is_file() else path.rglob("*.py"):
            for node in ast.walk(ast.parse(file.read_text(), str(file))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in LOCAL}


def main() -> int:
    failures = []
    # Some libraries (django-ninja) read Django's settings as they are imported.
    os.environ.setdefault("SECRET_KEY", "install-check-not-secret")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    for name in sorted(imported_top_level_modules()) + sorted(INDIRECT):
        try:
            importlib.import_module(name)
        except ImportError as error:
            failures.append(f"{name}: {error}" + (f" ({INDIRECT[name]})" if name in INDIRECT else ""))
    try:
        import django
        from django.conf import settings
        from django.utils.module_loading import import_string

        django.setup()  # imports every installed app
        for dotted in settings.MIDDLEWARE + [settings.STORAGES["staticfiles"]["BACKEND"]]:
            import_string(dotted)
    except ImportError as error:
        failures.append(f"Django settings: {error}")
    for failure in failures:
        print(f"missing: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
