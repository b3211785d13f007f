"""Planner statistics: keep the database's query planner informed as the record grows.

SQLite plans from ``sqlite_stat1``, which only ``ANALYZE`` writes. Without it, "contacts of
this person" walks the whole status index instead of starting from the person's few rows (at
100,000 contacts the leader charts and the comparison took twice as long). A database that
grows through normal edits never gets statistics by itself, so:

- bulk commands (``synth``, ``ingest``, ``load_demo``) call ``planner_statistics_refresh``;
- ``PlannerStatisticsMiddleware`` runs ``PRAGMA optimize`` after each request, as SQLite
  recommends for every connection: it re-analyses only the tables the request read that were
  never analysed or grew or shrank a lot since, and is otherwise a no-op (0.2 ms a request at
  100,000 contacts; the first request after the statistics went missing paid about 100 ms).

Both cap the sampling with ``analysis_limit``: a bounded ANALYZE costs milliseconds whatever
the size, and at 100,000 contacts it planned the charts as well as a full one (see
benchmarks/charts.py). PostgreSQL's autovacuum analyses tables as they change; after a bulk
load an explicit ``ANALYZE`` gives the planner the new shape at once.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

# Rows sampled per index by a SQLite ANALYZE; SQLite's documentation suggests 100 to 1000.
ANALYSIS_LIMIT = 400


def planner_statistics_refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    """Analyse every table now (after a bulk load)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")


def planner_statistics_top_up(using: str = DEFAULT_DB_ALIAS) -> None:
    """``PRAGMA optimize`` on an open SQLite connection outside a transaction; else nothing."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.connection is None or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            cursor.execute("PRAGMA optimize")
    except DatabaseError:
        # A writer holds the database: statistics can wait for the next request.
        pass


class PlannerStatisticsMiddleware:
    """Top up SQLite's planner statistics once the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        planner_statistics_top_up()
        return response
