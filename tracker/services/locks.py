"""Locks that make concurrent writers (ingesters, web processes) end with the record one process
would make.

On PostgreSQL each lock is a transaction-level advisory lock, released when the transaction that
took it ends, so whatever was written under it is committed before the next holder reads. On
SQLite every transaction begins IMMEDIATE (``tracker.settings``): the one write lock of the file
is held for the whole transaction, which serialises writers already, so these are no-ops there.

Order, so that no two holders wait on each other: ``ingest_lock`` first, then the derived data's
locks: ``derived_lock_all`` (a rewrite of everything), or a pair's or the days' lock, each of
which first takes the shared side of the lock ``derived_lock_all`` takes exclusively; the people's
locks (``people_lock``) after their pairs'; the facets' months (``months_lock``); the articles'
(``articles_lock``) last.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction


def _advisory_lock(name: str, *, shared: bool = False) -> None:
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError(f"the {name!r} lock is held until the transaction ends: take it inside one")
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        # One 64-bit key per name: collisions across names are as unlikely as a hash collision.
        cursor.execute(f"SELECT {function}(hashtextextended(%s, 0))", [f"tracker:{name}"])


def ingest_lock() -> None:
    """Serialise the storing of articles: matching a report to a contact on record, and a name to
    a person, must see what every other ingester stored before."""
    _advisory_lock("ingest")


def derived_lock_all() -> None:
    """Keep every other rewrite of derived data waiting while all of it is recomputed."""
    _advisory_lock("derived")


def pair_lock(a: int, b: int) -> None:
    """Serialise the recomputation of one pair's gaps, tallies and claim verdicts."""
    low, high = (a, b) if a < b else (b, a)
    _advisory_lock("derived", shared=True)
    _advisory_lock(f"pair:{low}:{high}")


def pairs_lock(pairs: list[tuple[int, int]]) -> None:
    """``pair_lock`` for each of ``pairs`` (low id first, sorted: the one order every holder takes
    them in), in one query."""
    _advisory_locks([f"pair:{low}:{high}" for low, high in pairs])


def _advisory_locks(names: list[str]) -> None:
    """An ``_advisory_lock`` of each of ``names``, in their order, in one query (and the shared
    side of the one ``derived_lock_all`` takes)."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql" or not names:
        return
    _advisory_lock("derived", shared=True)
    with connection.cursor() as cursor:  # unnest keeps the order of the list
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(%s::text[]) AS k",
            [[f"tracker:{name}" for name in names]],
        )


def days_lock(days: list[date]) -> None:
    """Serialise the recomputation of the daily tallies (one lock for all days: the rewrite is
    three queries, and one lock cannot be taken in two orders)."""
    if days:
        _advisory_lock("derived", shared=True)
        _advisory_lock("contact-days")


def people_lock(people: list[int]) -> None:
    """Serialise the recomputation of each of ``people``'s own tallies (taken in sorted order, the
    one order every holder takes them in), in one query."""
    _advisory_locks([f"person:{pk}" for pk in sorted(people)])


def articles_lock(articles: list[int]) -> None:
    """Serialise the recomputation of each of ``articles``' people tallies (sorted, the one order
    every holder takes them in), in one query."""
    _advisory_locks([f"article:{pk}" for pk in sorted(articles)])


def months_lock(months: list[date]) -> None:
    """Serialise the recomputation of each of ``months``' facet tallies (sorted, the one order
    every holder takes them in), in one query."""
    _advisory_locks([f"facet-month:{month.isoformat()}" for month in sorted(months)])
