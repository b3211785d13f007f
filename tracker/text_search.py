"""Substring search over contact summaries and statement quotes that does not read every row.

On SQLite the free-text filter (``icontains``) is a LIKE over every summary and every quote:
at 100,000 contacts and 200,000 statements a search that matches little reads them all. So on
SQLite, when its FTS5 has the ``trigram`` tokenizer (3.34+), two external-content FTS5 tables
index those two columns by trigram: a phrase query of three or more characters then finds
exactly the rows whose text contains it, case-insensitively, like ``icontains`` does.
PostgreSQL keeps ``icontains`` (ILIKE).

The index is kept in step by triggers. Django rebuilds a SQLite table to alter it (and drops
its triggers with it), so the tables and triggers are not made by a migration but ensured after
every ``migrate`` (``text_index_ensure``, from a post_migrate receiver), which rebuilds an index
whenever its triggers had to be made again.
"""

from __future__ import annotations

import functools
import sqlite3

from django.db.backends.base.base import BaseDatabaseWrapper

MIN_LENGTH = 3  # a trigram index cannot look up anything shorter

# index table -> (content table, column)
INDEXES = {
    "tracker_contact_summary_fts": ("tracker_contact", "summary"),
    "tracker_statement_quote_fts": ("tracker_statement", "quote"),
}


@functools.cache
def sqlite_has_trigram() -> bool:
    """Whether this Python's SQLite library has FTS5 with the trigram tokenizer."""
    try:
        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
    except sqlite3.Error:
        return False
    return True


def text_index_usable(connection: BaseDatabaseWrapper, text: str) -> bool:
    return connection.vendor == "sqlite" and len(text) >= MIN_LENGTH and sqlite_has_trigram()


def fts_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase (a string literal in FTS5 syntax): matched as a substring."""
    return '"' + text.replace('"', '""') + '"'


def _triggers(index: str, table: str, column: str) -> dict[str, str]:
    delete = f"INSERT INTO {index}({index}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    insert = f"INSERT INTO {index}(rowid, {column}) VALUES (new.id, new.{column});"
    return {
        f"{index}_insert": f"AFTER INSERT ON {table} BEGIN {insert} END",
        f"{index}_delete": f"AFTER DELETE ON {table} BEGIN {delete} END",
        f"{index}_update": f"AFTER UPDATE OF {column} ON {table} BEGIN {delete} {insert} END",
    }


def text_index_ensure(connection: BaseDatabaseWrapper) -> list[str]:
    """Make the SQLite text indexes and their triggers where missing; rebuild an index whose
    triggers were missing (its rows may be stale). Returns the indexes rebuilt. A no-op on
    other databases, or without the trigram tokenizer."""
    if connection.vendor != "sqlite" or not sqlite_has_trigram():
        return []
    rebuilt = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        for index, (table, column) in INDEXES.items():
            if table not in existing:
                continue
            triggers = _triggers(index, table, column)
            if index in existing and all(name in existing for name in triggers):
                continue
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5("
                f"{column}, content='{table}', content_rowid='id', tokenize='trigram')"
            )
            for name, body in triggers.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"CREATE TRIGGER {name} {body}")
            cursor.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
            rebuilt.append(index)
    return rebuilt
