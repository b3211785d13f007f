"""SQLite's settings for every new connection: write-ahead logging (readers never wait for a
writer, and writers wait for each other on the busy timeout) and NORMAL sync, safe under WAL."""

import time

from django.db.utils import OperationalError


def sqlite_connection_configure(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    timeout = connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)
    with connection.cursor() as cursor:
        sqlite_pragmas_set(cursor, deadline=time.monotonic() + timeout)


def sqlite_pragmas_set(cursor, *, deadline: float, pause: float = 0.05) -> str:
    """Switch the file to WAL and return its journal mode. Switching needs the file to itself, and
    when two processes open a new file together SQLite answers one "database is locked" at once
    (waiting could deadlock, so its busy timeout does not apply): retry until ``deadline``. Once
    switched the mode is kept in the file; an in-memory database stays "memory"."""
    while True:
        try:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA journal_mode=WAL")
            return cursor.fetchone()[0]
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
