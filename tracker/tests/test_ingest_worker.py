"""Real workers: ``manage.py ingest --background`` queues a folder, two ``manage.py db_worker``
processes ingest it, and the record is the one a foreground ``ingest`` makes, on SQLite and, when
the suite runs on it, on PostgreSQL (each in a database of its own, see ``databases``)."""

from __future__ import annotations

import pytest

from tracker.tests import test_concurrent_ingest
from tracker.tests.databases import manage, run_all
from tracker.tests.test_concurrent_ingest import record_of

pytestmark = pytest.mark.slow

# The fixtures, shared: a fictional world in a database of its own, on each database.
fictional_world, vendor = test_concurrent_ingest.fictional_world, test_concurrent_ingest.vendor

JOB_TABLES = ("tracker_ingestjob", "tracker_ingestjob_articles")


def without_jobs(record: dict) -> dict:
    return {**record, "counts": {t: n for t, n in record["counts"].items() if t not in JOB_TABLES}}


def test_two_workers_ingest_a_queued_folder_into_the_record_one_ingester_makes(fictional_world, monkeypatch):
    fresh, files, _ = fictional_world
    folder = str(files[0].parent)
    one = fresh("foreground")
    run_all([manage(one, "ingest", "--confirm", folder, "-v0")])
    expected = without_jobs(record_of(one))

    monkeypatch.setenv("TASKS_BACKEND", "database")
    queued = fresh("background")
    out = run_all([manage(queued, "ingest", "--background", "--confirm", folder)])[0]
    assert f"{len(files)} wait for a worker" in out
    assert queued.query("SELECT count(*) FROM tracker_article") == [("0",)]
    by_status = "SELECT status, count(*) FROM tracker_ingestjob GROUP BY status"
    assert queued.query(by_status) == [("queued", str(len(files)))]

    workers = [manage(queued, "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1") for _ in range(2)]
    run_all(workers)
    assert queued.query(by_status) == [("done", str(len(files)))]
    assert queued.query("SELECT DISTINCT status FROM django_tasks_database_dbtaskresult") == [("SUCCESSFUL",)]
    assert queued.query("SELECT sum(new), sum(processed) FROM tracker_ingestjob") == [(str(len(files)),) * 2]
    assert without_jobs(record_of(queued)) == expected
    assert expected["counts"]["tracker_article"] == len(files) and expected["counts"]["tracker_contact"] > 0
