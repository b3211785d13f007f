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


@pytest.mark.django_db
def test_synth_leaves_the_planner_statistics_of_the_contacts():
    call_command("synth", leaders=6, contacts=50, statements=0, seed=3, verbosity=0)
    if connection.vendor == "sqlite":
        assert {"tracker_contact", "tracker_contact_participants", "tracker_pairmonthcount"} <= analysed_tables()


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
