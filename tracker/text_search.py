"""Substring search over contact summaries and statement quotes that does not read every row.

On SQLite the free-text filter (``icontains``) is a LIKE over every summary and every quote:
at 100,000 contacts and 200,000 statements a search that matches little reads them all. So on
SQLite, when its FTS5 has the ``trigram`` tokenizer (3.34+), two external-content FTS5 tables
index those two columns by trigram: a phrase query of three or more characters then finds
exactly the rows whose text contains it, case-insensitively, like ``icontains`` does.

The index is kept in step by triggers. Django rebuilds a SQLite table to alter it (and drops
its triggers with it), so the tables and triggers are not made by a migration but ensured after
every ``migrate`` (``text_index_ensure``, from a post_migrate receiver), which rebuilds an index
whenever its triggers had to be made again.

On PostgreSQL the same columns have full-text indexes: GIN over ``to_tsvector('simple', ...)``
(the ``simple`` configuration: lower-cased words, no stemming, no stop words, so a search finds
what was written, as on SQLite), made by a migration on PostgreSQL only. A search looks up every
word of the text as a prefix (``grain:* & ex:*``, through the index), then applies
``icontains`` to the few rows found, so what is found contains the text exactly, as on SQLite.
The one difference: PostgreSQL finds words from their start ("fisher" finds "fisheries",
"sheries" does not), SQLite anywhere inside a word. Text without a letter or digit has no word
to look up and is read with ``icontains`` over every row.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3

from django.db.backends.base.base import BaseDatabaseWrapper

MIN_LENGTH = 3  # a trigram index cannot look up anything shorter
# The most matches of a search any page reads (its count and its facets stop there:
# ``timeline.feed.COUNT_CAP``), newest first.
MATCHES_READ = 10_000
ESTIMATE = "the share a search matches"  # marks the planner's estimates among the queries

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


# The full-text indexes on PostgreSQL: name -> (model name, column). Their expression is
# ``fts_vector(column)``, the one a search uses, so that the planner matches the two.
PG_INDEXES = {
    "tracker_contact_summary_fts": ("contact", "summary"),
    "tracker_statement_quote_fts": ("statement", "quote"),
}
PG_CONFIG = "simple"
_WORD = re.compile(r"[^\W_]")


def fts_usable(connection: BaseDatabaseWrapper, text: str) -> bool:
    """Whether ``text`` can be looked up in PostgreSQL's full-text index (it has a word)."""
    return connection.vendor == "postgresql" and bool(_WORD.search(text))


def fts_vector(column: str):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(column, config=PG_CONFIG)


def fts_prefix_query(text: str):
    """The words of ``text`` as PostgreSQL's own parser cuts them, each as a prefix, all required
    (``grain:* & ex:*``). Built in the database, by one uncorrelated subquery, so the words are
    cut exactly as the index cut the rows."""
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import TextField
    from django.db.models.expressions import RawSQL

    words = RawSQL(
        f"SELECT string_agg(quote_literal(lexeme) || ':*', ' & ') FROM unnest(to_tsvector('{PG_CONFIG}', %s))",
        [text],
        output_field=TextField(),
    )
    return SearchQuery(words, search_type="raw", config=PG_CONFIG)


def fts_index(column: str, name: str):
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(fts_vector(column), name=name)


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


def matches_most_on_postgresql(connection: BaseDatabaseWrapper, table: str, column: str, text: str) -> bool:
    """Whether the rows of ``table`` whose ``column`` holds the words of ``text`` (PostgreSQL's
    full-text index, as ``fts_prefix_query``) are so many that reading rows in date order and
    testing each is cheaper than collecting the matches first: the newest ``MATCHES_READ``
    matches are about MATCHES_READ / s rows read that way (s: the share found), s * N to
    collect, equal at s = sqrt(MATCHES_READ / N).

    Both numbers are the planner's estimates (EXPLAIN of the words as a literal, and the
    table's size; nothing is read): its statistics of the index's words are close (at
    1,000,000 synthetic contacts a word in every summary was estimated 1,000,000, a country's
    name 396,233 for 394,980, a rare one 5,500 for 5,465)."""
    if not fts_usable(connection, text):
        return False
    vector = f"to_tsvector('{PG_CONFIG}', COALESCE({column}, ''))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT /* {ESTIMATE} */ string_agg(quote_literal(lexeme) || ':*', ' & '), "
            f"(SELECT reltuples FROM pg_class WHERE oid = %s::regclass) FROM unnest(to_tsvector('{PG_CONFIG}', %s))",
            [table, text],
        )
        words, total = cursor.fetchone()
        if not words or not total or total <= 0:
            return False
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT /* {ESTIMATE} */ 1 FROM {table} "
            f"WHERE {vector} @@ to_tsquery('{PG_CONFIG}', %s)",
            [words],
        )
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = plan[0]["Plan"]["Plan Rows"]
    return found * found >= MATCHES_READ * total
