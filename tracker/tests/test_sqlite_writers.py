"""Processes sharing one SQLite file wait for each other's write lock instead of failing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db.utils import OperationalError

from tracker.sqlite_pragmas import sqlite_pragmas_set

ROOT = Path(__file__).resolve().parents[2]

# Each process reads, pauses while the other one holds or wants the lock, then writes, in one
# transaction per row: the pattern of ingest (look up, then insert). With SQLite's default
# deferred transactions the second writer fails at once with "database is locked".
WRITER = """
import sys, time
import django
django.setup()
from django.db import connection, transaction
start, name = float(sys.argv[1]), sys.argv[2]
time.sleep(max(0.0, start - time.time()))
for i in range(5):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        time.sleep(0.05)
        cursor.execute("INSERT INTO note (writer, seq) VALUES (%s, %s)", [name, i])
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
"""


def test_two_processes_writing_at_once_both_succeed(tmp_path):
    database = tmp_path / "shared.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, writer TEXT, seq INTEGER)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "test-only-not-secret",
    }
    start = time.time() + 2.0  # both processes past Django's start-up before either writes
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(start), name],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    results = [writer.communicate(timeout=60) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["wal", "wal"]
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT writer, count(*) FROM note GROUP BY writer ORDER BY writer").fetchall()
    assert rows == [("first", 5), ("second", 5)]


OPENER = """
import sys, time
import django
django.setup()
from django.db import connection
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
connection.ensure_connection()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
"""


def test_processes_opening_a_new_file_at_the_same_instant_all_switch_it_to_wal(tmp_path):
    # Switching to WAL needs the file to itself and SQLite does not wait on the busy timeout for
    # it: without a retry, some of these fail with "database is locked".
    database = tmp_path / "fresh.sqlite3"
    sqlite3.connect(database).close()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "test-only-not-secret"}
    env["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    start = time.time() + 3.0
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(start)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(8)
    ]
    results = [opener.communicate(timeout=60) for opener in openers]
    assert [opener.returncode for opener in openers] == [0] * 8, [err.decode()[-300:] for _, err in results]
    assert [out.decode().strip() for out, _ in results] == ["wal"] * 8


class LockedAtFirst:
    """A cursor whose file another process holds for its first ``busy`` attempts."""

    def __init__(self, busy: int):
        self.busy, self.statements = busy, []

    def execute(self, sql):
        self.statements.append(sql)
        if sql.endswith("=WAL") and self.busy:
            self.busy -= 1
            raise OperationalError("database is locked")

    def fetchone(self):
        return ("wal",)


def test_switching_to_wal_tries_again_while_another_process_holds_the_file():
    cursor = LockedAtFirst(busy=3)
    assert sqlite_pragmas_set(cursor, deadline=time.monotonic() + 5, pause=0) == "wal"
    assert cursor.statements.count("PRAGMA journal_mode=WAL") == 4


def test_switching_to_wal_gives_up_with_the_error_after_the_timeout():
    with pytest.raises(OperationalError, match="locked"):
        sqlite_pragmas_set(LockedAtFirst(busy=10**9), deadline=time.monotonic() + 0.05, pause=0.01)
