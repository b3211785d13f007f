"""Eight ingesters at once end with the record one ingester makes: the same rows in every table
(articles, contacts, sources, people, offices, statements, gaps, tallies, claims and verdicts),
on SQLite and, when the suite runs on it, on PostgreSQL.

Each run is real ``manage.py ingest --confirm`` processes against a database of its own (a copy
of one migrated and loaded with a fictional world, ``ingest_world``).
"""

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

from tracker.tests.ingest_world import world_articles, world_fixture

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8

pytestmark = pytest.mark.slow


def record_tables() -> list[str]:
    """Every table of the record: each tracker model's and each of its many-to-many tables."""
    tables = []
    for model in apps.get_app_config("tracker").get_models():
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many]
    return sorted(tables)


# What the record holds, read without ids (which depend on who inserted first).
CONTENT = {
    "people": "SELECT name FROM tracker_person",
    "gaps": 'SELECT start, "end", days, is_record FROM tracker_gap',
    "verdicts": "SELECT ends, verdict FROM tracker_gapclaim",
}
CONTACTS = """SELECT c.id, c.date, c.kind, c.status, (SELECT count(*) FROM tracker_contactsource s
              WHERE s.contact_id = c.id) FROM tracker_contact c"""
PARTICIPANTS = """SELECT cp.contact_id, p.name FROM tracker_contact_participants cp
                  JOIN tracker_person p ON p.id = cp.person_id"""


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

    def record(self) -> dict:
        counts = {table: int(self.query(f'SELECT count(*) FROM "{table}"')[0][0]) for table in record_tables()}
        names: dict[str, list[str]] = {}
        for contact_id, name in self.query(PARTICIPANTS):
            names.setdefault(contact_id, []).append(name)
        contacts = sorted((*row[1:], *sorted(names[row[0]])) for row in self.query(CONTACTS))
        return {
            "counts": counts,
            "contacts": contacts,
            **{name: sorted(self.query(sql)) for name, sql in CONTENT.items()},
        }


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


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request, tmp_path):
    """A migrated database holding the fictional world, the folder of its articles, and a
    factory of fresh copies of that database."""
    vendor = request.param
    if vendor == "postgresql" and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    fixture = world_fixture(tmp_path / "world.json")
    files = world_articles(tmp_path / "articles")
    template = Database(vendor, "ingest_template", tmp_path).create()
    run_all([manage(template, "migrate", "-v0")])
    run_all([manage(template, "loaddata", str(fixture), "-v0")])
    made: list[Database] = [template]

    def fresh(name: str) -> Database:
        made.append(Database(vendor, f"ingest_{name}", tmp_path).create(template))
        return made[-1]

    yield fresh, files
    for db in reversed(made):
        db.drop()


def test_eight_ingesters_over_one_folder_make_the_record_one_ingester_makes(world):
    fresh, files = world
    folder = str(files[0].parent)
    one = fresh("one")
    run_all([manage(one, "ingest", "--confirm", folder, "-v0")])
    expected = one.record()
    assert expected["counts"]["tracker_article"] == len(files)
    assert expected["counts"]["tracker_gap"] > 0 and expected["counts"]["tracker_gapclaim"] > 0

    many = fresh("eight")
    outputs = run_all([manage(many, "ingest", "--confirm", folder, "-v0") for _ in range(PROCESSES)])
    assert many.record() == expected
    new = sum(int(out.split("Articles: ")[1].split(" new")[0]) for out in outputs)
    assert new == len(files)  # each article stored by exactly one of them

    # Nothing to repair afterwards: every derived row is what a recomputation makes.
    repair = run_all([manage(many, "record_repair")])[0]
    assert "Nothing to repair." in repair, repair

    split = fresh("split")
    shares = [[str(f) for f in files[i::PROCESSES]] for i in range(PROCESSES)]
    run_all([manage(split, "ingest", "--confirm", *share, "-v0") for share in shares])
    assert split.record() == expected
