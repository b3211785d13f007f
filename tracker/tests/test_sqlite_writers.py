"""Processes sharing one SQLite file wait for each other's write lock instead of failing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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
