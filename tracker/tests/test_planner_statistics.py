"""The query planner gets statistics after bulk loads and as a SQLite database grows by edits."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker.planner_statistics import planner_statistics_top_up

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own statistics")


def analysed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_schema WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


def planner_row_estimates(tables: set[str]) -> dict[str, tuple[float, int]]:
    """PostgreSQL: the planner's row count of each table (ANALYZE writes it) and the real one."""
    estimates = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            (estimate,) = cursor.fetchone()
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            estimates[table] = (estimate, cursor.fetchone()[0])
    return estimates


BULK_TABLES = {"tracker_contact", "tracker_contact_participants", "tracker_pairmonthcount"}


@pytest.mark.django_db
def test_synth_leaves_the_planner_statistics_of_the_contacts():
    call_command("synth", leaders=6, contacts=50, statements=0, seed=3, verbosity=0)
    if connection.vendor == "sqlite":
        assert BULK_TABLES <= analysed_tables()
    else:
        # A table never analysed has reltuples -1; a small one ANALYZE reads whole, so exactly.
        estimates = planner_row_estimates(BULK_TABLES)
        assert all(count > 0 for _, count in estimates.values())
        assert {table: estimate for table, (estimate, _) in estimates.items()} == {
            table: count for table, (_, count) in estimates.items()
        }


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_every_request_ends_by_letting_sqlite_top_up_its_statistics(client):
    # Which tables PRAGMA optimize then analyses is SQLite's decision (those the connection
    # read that were never analysed or changed size a lot); here: that it is asked, last.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("timeline:chart", args=["comparison"])).status_code == 200
    assert [q["sql"] for q in captured.captured_queries][-2:] == ["PRAGMA analysis_limit = 400", "PRAGMA optimize"]


@sqlite_only
@pytest.mark.django_db
def test_statistics_are_not_topped_up_inside_a_transaction():
    # The test runs inside a transaction: an ANALYZE there would join (and lock) it.
    with CaptureQueriesContext(connection) as captured:
        planner_statistics_top_up()
    assert captured.captured_queries == []
