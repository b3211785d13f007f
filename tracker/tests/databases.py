"""Databases of their own for tests that run ``manage.py`` in other processes: a SQLite file, or
a PostgreSQL database beside the test database (named after it, ``…_<name>``), made, copied
from a template, read with plain SQL and dropped."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def record_tables() -> list[str]:
    """Every table of the record: each tracker model's and each of its many-to-many tables."""
    tables = []
    for model in apps.get_app_config("tracker").get_models():
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many]
    return sorted(tables)


def vendor_or_skip(vendor: str) -> str:
    if vendor == "postgresql" and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    return vendor


class Database:
    """A database for one run: a SQLite file, or a PostgreSQL database beside the test database."""

    def __init__(self, vendor: str, name: str, folder: Path):
        self.vendor, self.name, self.folder = vendor, name, folder
        if vendor == "sqlite":
            self.path = folder / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.pg_name = f"{settings.DATABASES['default']['NAME']}_{name}"
            params = settings.DATABASES["default"]
            self.url = (
                f"postgres://{params['USER']}:{params.get('PASSWORD') or ''}@{params['HOST'] or 'localhost'}:"
                f"{params.get('PORT') or 5432}/{self.pg_name}"
            )

    def create(self, template: Database | None = None) -> Database:
        if self.vendor == "sqlite":
            self.path.unlink(missing_ok=True)
            if template is not None:
                shutil.copy(template.path, self.path)
            return self
        copy = f' TEMPLATE "{template.pg_name}"' if template else ""
        self._server(f'DROP DATABASE IF EXISTS "{self.pg_name}"', f'CREATE DATABASE "{self.pg_name}"{copy}')
        return self

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._server(f'DROP DATABASE IF EXISTS "{self.pg_name}"')

    def _server(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
            for sql in statements:
                db.execute(sql)

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return [tuple(map(str, row)) for row in db.execute(sql).fetchall()]
        import psycopg

        with psycopg.connect(self.url) as db:
            return [tuple(map(str, row)) for row in db.execute(sql).fetchall()]

    def table_rows(self, table: str) -> list[tuple]:
        """Every row of ``table``, each column as text, in a stable order."""
        return sorted(self.query(f'SELECT * FROM "{table}"'))


def manage(db: Database, *args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DATABASE_URL": db.url,
        "SECRET_KEY": "test-only-not-secret",
        "STATIC_MANIFEST": "0",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_all(processes: list[subprocess.Popen]) -> list[str]:
    """Wait for every process; the outputs, after checking that each one finished cleanly."""
    outputs = [p.communicate(timeout=600) for p in processes]
    failures = [err[-3000:] for p, (_, err) in zip(processes, outputs, strict=True) if p.returncode != 0]
    assert not failures, failures
    return [out for out, _ in outputs]


class StatementsOnly:
    """What the migrations' fill functions use of a schema editor (SQLite's refuses to open inside
    the test's transaction): its connection, quoting and plain statements."""

    connection = connection
    quote_name = staticmethod(connection.ops.quote_name)

    def execute(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
