"""Background ingestion: jobs queued by ``ingest --background`` and the admin, run by a worker (or at
once with the immediate backend), with their progress, failures and retries; and the periodic
re-ingestion of watched folders.

The extractor is the hand-built one of ``test_ingest_command``; the worker here is django-tasks-db's
own loop, run in the test's process (``db_worker --batch``). ``test_ingest_worker`` runs real
worker processes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tracker.models import Article, Contact, IngestJob
from tracker.services.ingest_jobs import folders_reingest, folders_reingest_schedule, ingest_job_retry
from tracker.tasks import folders_reingest_task
from tracker.tests import test_ingest_command
from tracker.tests.test_ingest_command import READOUT, md

pytestmark = pytest.mark.django_db

fake_extractor = test_ingest_command.fake_extractor  # the fixture, shared

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def work() -> None:
    """What ``manage.py db_worker`` does, until the queue is empty. In the test's transaction:
    the worker's hygiene of closing a connection that is not in autocommit would end it."""
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=StringIO(), stderr=StringIO()
        )


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.md").write_text(md("2024-03-18"))
    (tmp_path / "b.md").write_text(md("2024-04-02", READOUT.replace("grain", "timber")))
    return tmp_path


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_in_the_embedded_setup_a_background_ingest_runs_at_once(folder, fake_extractor):
    out = run("ingest", "--background", folder)
    assert "Queued 2 ingest job(s)" in out and "Articles: 2 new, 0 duplicate, 0 failed." in out
    assert "Items proposed: 2 contacts." in out  # the summary the foreground ingest prints
    assert Article.objects.count() == 2
    assert sorted(IngestJob.objects.values_list("status", "total", "processed", "new")) == [("done", 1, 1, 1)] * 2


@override_settings(TASKS=DATABASE_TASKS)
def test_a_background_ingest_waits_for_the_worker_then_stores_the_articles(folder, fake_extractor):
    out = run("ingest", "--background", folder)
    assert "2 wait for a worker" in out
    assert not Article.objects.exists()
    assert list(IngestJob.objects.values_list("status", flat=True)) == ["queued", "queued"]
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    work()
    assert Article.objects.count() == 2
    jobs = list(IngestJob.objects.order_by("source"))
    assert [(j.status, j.processed, j.total, j.new, j.attempts) for j in jobs] == [("done", 1, 1, 1, 1)] * 2
    assert [j.articles.get().source_file for j in jobs] == [str(folder / "a.md"), str(folder / "b.md")]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failed_article_shows_its_reason_and_is_ingested_when_retried(folder, fake_extractor, admin_client):
    bad = folder / "c.md"
    bad.write_text(md("2999-01-01"))
    run("ingest", "--background", bad)
    work()
    job = IngestJob.objects.get()
    assert (job.status, job.failed, job.error) == ("failed", 1, "nothing could be ingested")
    page = admin_client.get(reverse("admin:tracker_ingestjob_change", args=[job.pk])).content.decode()
    assert "the publication date 2999-01-01 is in the future" in page
    listing = admin_client.get(reverse("admin:tracker_ingestjob_changelist")).content.decode()
    assert "c.md" in listing and "1 of 1 article(s)" in listing
    assert "the publication date 2999-01-01 is in the future" in listing
    assert 'name="_save"' not in page  # read-only: the retry is the one change

    bad.write_text(md("2024-05-06"))  # the editor fixes the file, then retries from the list
    response = admin_client.post(
        reverse("admin:tracker_ingestjob_changelist"), {"action": "retry_failed", "_selected_action": [job.pk]}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "queued"
    work()
    job.refresh_from_db()
    assert (job.status, job.new, job.failed, job.attempts) == ("done", 1, 0, 2)
    assert Article.objects.get().published.isoformat() == "2024-05-06"


@override_settings(TASKS=DATABASE_TASKS)
def test_only_failed_jobs_are_retried(folder, fake_extractor):
    run("ingest", "--background", folder / "a.md")
    job = IngestJob.objects.get()
    assert not ingest_job_retry(job)  # still waiting
    work()
    job.refresh_from_db()
    assert not ingest_job_retry(job) and job.status == "done"


@override_settings(TASKS=DATABASE_TASKS)
def test_a_job_that_crashes_is_failed_with_the_reason(folder, fake_extractor, monkeypatch):
    from tracker.services import ingest_jobs

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(ingest_jobs, "file_ingest", broken)
    run("ingest", "--background", folder / "a.md")
    work()
    job = IngestJob.objects.get()
    assert (job.status, job.error) == ("failed", "RuntimeError: the disk went away")
    assert DBTaskResult.objects.get().status == "FAILED"  # the task too, with its traceback
    assert job.retryable


@override_settings(TASKS=DATABASE_TASKS)
def test_pasting_in_the_admin_queues_a_job_and_leads_to_it(admin_client, fake_extractor, admin_user):
    response = admin_client.post(reverse("admin:tracker_article_add"), {"text": READOUT, "published": "2024-03-18"})
    job = IngestJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:tracker_ingestjob_change", args=[job.pk])
    assert (job.status, job.source, job.requested_by) == ("queued", "pasted text", admin_user)
    page = admin_client.get(response["Location"]).content.decode()
    assert "waiting for a worker" in page
    work()
    job.refresh_from_db()
    assert job.status == "done" and job.articles.get().published.isoformat() == "2024-03-18"


@override_settings(TASKS=DATABASE_TASKS)
def test_an_upload_is_kept_for_the_worker(admin_client, fake_extractor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("varen-kost.md", md("2024-03-18").encode(), content_type="text/markdown")
    admin_client.post(reverse("admin:tracker_article_add"), {"upload": upload})
    assert not Article.objects.exists()
    work()
    assert Article.objects.get().source_file == "varen-kost.md"


@override_settings(TASKS=DATABASE_TASKS)
def test_watched_folders_queue_only_new_and_changed_files(folder, fake_extractor, settings):
    settings.INGEST_FOLDERS = [{"path": str(folder), "confirm": True, "publisher": "Norvanian Presidency"}]
    jobs, failures = folders_reingest()
    assert len(jobs) == 2 and not failures and all(j.confirm for j in jobs)
    work()
    assert folders_reingest() == ([], [])  # nothing new
    (folder / "c.md").write_text(md("2024-05-06", READOUT.replace("grain", "steel")))
    jobs, _ = folders_reingest()
    assert [j.source for j in jobs] == [str(folder / "c.md")]
    work()
    assert Article.objects.count() == 3
    assert set(Contact.objects.values_list("status", flat=True)) == {"confirmed"}
    assert set(Article.objects.values_list("publisher", flat=True)) == {"Norvanian Presidency"}


@override_settings(TASKS=DATABASE_TASKS)
def test_the_periodic_run_is_scheduled_once_and_schedules_the_next(folder, fake_extractor, settings):
    settings.INGEST_FOLDERS = [{"path": str(folder), "confirm": False, "publisher": ""}]
    settings.INGEST_EVERY_MINUTES = 30
    assert "every 30 minutes" in run("ingest_folders", "--schedule")
    run("ingest_folders", "--schedule")
    periodic = DBTaskResult.objects.filter(task_path=folders_reingest_task.module_path)
    assert periodic.count() == 1  # idempotent
    work()  # the periodic run queues the files' jobs, which run, and the next run waits 30 minutes
    assert Article.objects.count() == 2
    waiting = periodic.get(status="READY")
    first = periodic.get(status="SUCCESSFUL")
    assert 29 * 60 < (waiting.run_after - first.finished_at).total_seconds() <= 30 * 60


def test_without_folders_there_is_nothing_to_schedule(settings):
    settings.INGEST_FOLDERS = []
    assert not folders_reingest_schedule()
    assert "INGEST_FOLDERS is not set" in run("ingest_folders", "--schedule")


def test_the_folders_setting_reads_paths_and_flags():
    from tracker.settings import ingest_folders

    assert ingest_folders(["/srv/wh|confirm|publisher=The White House", "/srv/news"]) == [
        {"path": "/srv/wh", "confirm": True, "publisher": "The White House"},
        {"path": "/srv/news", "confirm": False, "publisher": ""},
    ]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_running_job_shows_how_many_of_its_articles_are_done(tmp_path, fake_extractor, monkeypatch):
    import json

    from tracker.services import ingest as ingest_service

    lines = [
        {"text": READOUT.replace("grain", word), "published": "2024-03-18", "title": word}
        for word in ("grain", "timber", "steel")
    ]
    (tmp_path / "three.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    seen = []
    extract = ingest_service.extraction_run

    def watched(text, **meta):
        job = IngestJob.objects.get()
        seen.append((job.status, job.processed, job.total))
        return extract(text, **meta)

    monkeypatch.setattr(ingest_service, "extraction_run", watched)
    run("ingest", "--background", tmp_path)
    work()
    assert seen == [("running", 0, 3), ("running", 1, 3), ("running", 2, 3)]
    job = IngestJob.objects.get()
    assert (job.status, job.processed, job.total, job.new) == ("done", 3, 3, 3)
    assert [e["source"] for e in job.results] == [f"{tmp_path / 'three.jsonl'}:{n}" for n in (1, 2, 3)]


@override_settings(TASKS=DATABASE_TASKS)
def test_an_editor_sees_the_jobs_and_retries_a_failed_one(folder, fake_extractor, editor_client):
    bad = folder / "c.md"
    bad.write_text(md("2999-01-01"))
    run("ingest", "--background", bad)
    work()
    job = IngestJob.objects.get()
    assert editor_client.get(reverse("admin:tracker_ingestjob_change", args=[job.pk])).status_code == 200
    editor_client.post(
        reverse("admin:tracker_ingestjob_changelist"), {"action": "retry_failed", "_selected_action": [job.pk]}
    )
    job.refresh_from_db()
    assert job.status == "queued"


def worker_dies_while_running(job: IngestJob, *, minutes_ago: int) -> None:
    """What a killed worker leaves behind: the job claimed and running, its last progress
    ``minutes_ago``."""
    from datetime import timedelta

    from django.utils import timezone

    last = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.update(status="RUNNING")  # taken by the worker, never finished
    IngestJob.objects.filter(pk=job.pk).update(status="running", attempts=1, started=last, heartbeat=last)
    job.refresh_from_db()


@override_settings(TASKS=DATABASE_TASKS, INGEST_JOB_STALL_MINUTES=15)
def test_a_job_whose_worker_died_is_stalled_and_runs_again_when_retried(folder, fake_extractor):
    run("ingest", "--background", folder / "a.md")
    job = IngestJob.objects.get()
    worker_dies_while_running(job, minutes_ago=16)
    assert job.stalled and job.retryable
    assert ingest_job_retry(job)
    work()
    job.refresh_from_db()
    assert (job.status, job.new, job.attempts, job.stalled) == ("done", 1, 2, False)
    assert Contact.objects.count() == 1


@override_settings(TASKS=DATABASE_TASKS, INGEST_JOB_STALL_MINUTES=15)
def test_a_job_that_is_still_moving_is_not_retried(folder, fake_extractor):
    run("ingest", "--background", folder / "a.md")
    job = IngestJob.objects.get()
    worker_dies_while_running(job, minutes_ago=14)
    assert not job.stalled and not job.retryable
    assert not ingest_job_retry(job)
    job.refresh_from_db()
    assert job.status == "running"


@override_settings(TASKS=DATABASE_TASKS, INGEST_JOB_STALL_MINUTES=15)
def test_a_stalled_job_that_moves_again_before_the_retry_is_left_to_its_worker(folder, fake_extractor):
    from django.utils import timezone

    run("ingest", "--background", folder / "a.md")
    job = IngestJob.objects.get()
    worker_dies_while_running(job, minutes_ago=16)
    IngestJob.objects.filter(pk=job.pk).update(heartbeat=timezone.now())  # it was only stuck
    assert not ingest_job_retry(job)  # the copy in hand says stalled; the row says otherwise
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)


@override_settings(TASKS=DATABASE_TASKS, INGEST_JOB_STALL_MINUTES=15)
def test_a_stuck_worker_that_comes_back_cannot_overwrite_the_run_that_replaced_it(folder, fake_extractor):
    from tracker.services.ingest_jobs import _progress_writer

    run("ingest", "--background", folder / "a.md")
    job = IngestJob.objects.get()
    worker_dies_while_running(job, minutes_ago=16)
    old_run = IngestJob.objects.get(pk=job.pk)  # what the stuck worker holds: attempt 1
    assert ingest_job_retry(job)
    work()
    _progress_writer(old_run)(7, None)  # the stuck worker writes again
    job.refresh_from_db()
    assert (job.status, job.attempts, job.total, job.new) == ("done", 2, 1, 1)


@override_settings(TASKS=DATABASE_TASKS, INGEST_JOB_STALL_MINUTES=15)
def test_editors_see_a_stalled_job_and_retry_it_from_the_list(folder, fake_extractor, editor_client):
    run("ingest", "--background", folder / "a.md")
    job = IngestJob.objects.get()
    worker_dies_while_running(job, minutes_ago=60)
    page = editor_client.get(reverse("admin:tracker_ingestjob_changelist")).content.decode()
    assert "stalled: no progress since" in page
    editor_client.post(
        reverse("admin:tracker_ingestjob_changelist"), {"action": "retry_failed", "_selected_action": [job.pk]}
    )
    job.refresh_from_db()
    assert job.status == "queued"
