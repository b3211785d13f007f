"""The record's version: a number that goes up after each committed transaction that wrote to the
record, whatever path the write took (admin, services, merges, ingest, bulk loads, raw SQL through
Django's cursor). Public pages are cached under it (``timeline.page_cache``), so a cached page is
served until the record changes.

Every statement Django sends passes ``record_writes_spot``, which notices an INSERT, UPDATE or
DELETE on a table of the record (the tracker app's, less the ingest jobs' progress) and has the
number bumped once the transaction commits (at once in autocommit), in a statement of its own.
Bumping inside the writer's transaction would hold the row's lock to its end: concurrent ingesters
on PostgreSQL would wait on each other, or deadlock against their pair locks. After the commit is
as safe: a reader reads the version before the record, so one that sees the new number sees the
committed rows; one that read the old number may store newer rows under it, which nobody asks for
once the number has moved.
"""

from __future__ import annotations

import re
from functools import cache

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction

# The table a statement writes to: Django's INSERT INTO / UPDATE / DELETE FROM, quoted or not.
_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)
VERSION_ROW = 1


@cache
def record_tables() -> frozenset[str]:
    """The tables whose rows public pages show: every tracker model's and its many-to-many tables,
    less the background jobs' (their progress changes by the second and no public page shows it)."""
    tables = set()
    for model in apps.get_app_config("tracker").get_models():
        if model._meta.label_lower != "tracker.ingestjob":
            tables.add(model._meta.db_table)
            tables.update(f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many)
    return frozenset(tables)


def writes_record(sql: str) -> bool:
    found = _WRITE.match(sql)
    return bool(found) and found.group(1) in record_tables()


def record_version_bump(using: str = DEFAULT_DB_ALIAS) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("UPDATE timeline_recordversion SET number = number + 1 WHERE id = %s", [VERSION_ROW])


@cache
def _bump_for(using: str):
    # One function per database, so a transaction's pending bump can be found among its callbacks.
    return lambda: record_version_bump(using)


def record_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the version once the current transaction commits (once per transaction)."""
    bump = _bump_for(using)
    connection = connections[using]
    if not connection.in_atomic_block and not connection.get_autocommit():
        bump()  # a transaction managed by hand has no on_commit: the bump goes in with it
        return
    if connection.in_atomic_block and any(entry[1] is bump for entry in connection.run_on_commit):
        return
    # robust: the record is committed whatever happens here; a failed bump is logged, and the
    # cache's timeout bounds how long a page can then be stale.
    transaction.on_commit(bump, using=using, robust=True)


def record_writes_spot(execute, sql, params, many, context):
    """An execute wrapper (``connection.execute_wrappers``) on every connection."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and writes_record(sql):
        record_changed(context["connection"].alias)
    return result


def record_writes_watch(sender, connection, **kwargs) -> None:
    """On ``connection_created``: spot the record's writes on this connection from now on."""
    if record_writes_spot not in connection.execute_wrappers:
        connection.execute_wrappers.append(record_writes_spot)


def record_version(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The current number (one short query); None before the migration made the row."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT number FROM timeline_recordversion WHERE id = %s", [VERSION_ROW])
        row = cursor.fetchone()
    return row[0] if row else None
