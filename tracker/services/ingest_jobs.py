"""Background ingestion: articles queued as jobs, run by a worker through Django's tasks API.

``ingest_job_create`` stores what to ingest (a file the worker reads, a pasted text, an uploaded
file) and enqueues ``tracker.tasks.ingest_job_task``; the task calls ``ingest_job_run``, which
ingests through ``article_ingest`` exactly as the ``ingest`` command does, writing the job's
progress after each article. With the immediate backend (the embedded SQLite setup) the job has
run when ``ingest_job_create`` returns; with django-tasks-db it waits in the database for
``manage.py db_worker`` on any machine that reaches it.

A job that failed, or some of whose articles failed, can be retried (``ingest_job_retry``): the
whole job is run again, and the articles it stored before are duplicates that add nothing. So can a
job whose worker died while running it (``IngestJob.stalled``: no progress written for
``INGEST_JOB_STALL_MINUTES``). Each run writes only to its own attempt, so a worker that was merely
stuck and comes back cannot overwrite the run that replaced it.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from tracker.models import IngestJob
from tracker.models.jobs import stalled_rows, this_run
from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.ingest import IngestResult, article_ingest
from tracker.services.ingest_batch import articles_batched
from tracker.services.ingest_files import article_files, file_ingest

PASTED = "pasted text"


def ingest_job_create(
    *,
    path: str | Path | None = None,
    text: str = "",
    upload: bytes | None = None,
    upload_name: str = "",
    title: str = "",
    url: str | None = None,
    publisher: str = "",
    published: date | None = None,
    confirm: bool = False,
    user=None,
) -> IngestJob:
    """Queue one file (``path``), one pasted ``text`` or one ``upload`` for ingestion and return
    its job, already run when the tasks backend is the immediate one."""
    if sum(bool(x) for x in (path, text, upload is not None)) != 1:
        raise ValueError("give one of path, text or upload")
    if path:
        source = str(path)
    else:
        source = upload_name if upload is not None else PASTED
    job = IngestJob.objects.create(
        source=source[:1000],
        path=str(path or "")[:1000],
        text=text,
        upload=upload,
        title=title[:500],
        url=url or "",
        publisher=publisher[:200],
        published=published,
        confirm=confirm,
        signature=file_signature(Path(path)) if path else "",
        requested_by=user if getattr(user, "pk", None) else None,
    )
    ingest_job_enqueue(job)
    job.refresh_from_db()
    return job


def ingest_jobs_create_for_paths(paths: list[str], *, confirm: bool, publisher: str = "", user=None):
    """One job per readable file under ``paths``, and the failures for paths that cannot be read."""
    files, failures = article_files(paths)
    jobs = [ingest_job_create(path=f, confirm=confirm, publisher=publisher, user=user) for f in files]
    return jobs, failures


def ingest_job_enqueue(job: IngestJob) -> None:
    from tracker.tasks import ingest_job_task

    # django-tasks-db stores the task in the caller's transaction: a worker sees it once the job
    # row is committed with it. The immediate backend has run the job by the time this returns.
    result = ingest_job_task.enqueue(job.pk)
    IngestJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])


def ingest_job_retry(job: IngestJob) -> bool:
    """Queue a failed job (or one with failed articles) again; False if it has nothing to retry."""
    if not job.retryable:
        return False
    still = IngestJob.objects.filter(pk=job.pk, status=job.status)
    if job.status == IngestJob.Status.RUNNING:  # stalled: only while it still is (checked in the update)
        still = still.filter(stalled_rows())
    updated = still.update(status=IngestJob.Status.QUEUED, task_id="", error="", finished=None)
    if updated:
        ingest_job_enqueue(job)
    return bool(updated)


def ingest_job_run(job_id: int) -> dict:
    """Run one job: ingest its articles, recording progress and each article's outcome on the
    job. Returns the counts. An unexpected error marks the job failed with the reason and is
    raised again, so the task is failed too."""
    claimed = IngestJob.objects.filter(pk=job_id).exclude(status=IngestJob.Status.RUNNING)
    now = timezone.now()
    if not claimed.update(
        status=IngestJob.Status.RUNNING,
        started=now,
        heartbeat=now,
        finished=None,
        attempts=F("attempts") + 1,
        total=0,
        processed=0,
        new=0,
        duplicate=0,
        failed=0,
        results=[],
        error="",
    ):
        return {"skipped": "the job is running already or no longer exists"}
    job = IngestJob.objects.get(pk=job_id)
    run = this_run(job)
    try:
        with articles_batched():
            results = _job_ingest(job)
    except Exception as error:
        run.update(status=IngestJob.Status.FAILED, error=f"{type(error).__name__}: {error}", finished=timezone.now())
        raise
    counts = {status: sum(r.status == status for r in results) for status in ("new", "duplicate", "failed")}
    job.articles.add(*[r.article.pk for r in results if r.article is not None and r.article.pk])
    everything_failed = results and counts["failed"] == len(results)
    run.update(
        status=IngestJob.Status.FAILED if everything_failed else IngestJob.Status.DONE,
        error="nothing could be ingested" if everything_failed else "",
        finished=timezone.now(),
        processed=len(results),
        results=[job_entry(r) for r in results],
        **counts,
    )
    return counts


def _job_ingest(job: IngestJob) -> list[IngestResult]:
    progress = _progress_writer(job)
    if job.path:
        return file_ingest(Path(job.path), confirm=job.confirm, publisher=job.publisher, progress=progress)
    if job.upload is not None:
        suffix = Path(job.source).suffix.lower()
        handle, tmp = tempfile.mkstemp(suffix=suffix)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(bytes(job.upload))
            return file_ingest(
                Path(tmp), confirm=job.confirm, publisher=job.publisher, source=job.source, progress=progress
            )
        finally:
            os.unlink(tmp)
    progress(1, None)
    result = article_ingest(
        text=job.text,
        published=job.published,
        title=job.title,
        url=job.url or None,
        publisher=job.publisher,
        confirm=job.confirm,
        source_file="",
    )
    progress(1, result)
    return [result]


def _progress_writer(job: IngestJob):
    """Write the job's progress after each article (its own statement, after the article's
    savepoint: editors watch it move at each commit of the ``articles_batched`` transaction), with
    the heartbeat that tells a live worker from a dead one."""
    entries: list[dict] = []
    run = this_run(job)

    def progress(total: int, result: IngestResult | None) -> None:
        if result is None:
            run.update(total=total, heartbeat=timezone.now())
            return
        entries.append(job_entry(result))
        # The outcomes are rewritten whole: after each failure (editors see it at once) and every
        # so often, not after every article of a long .jsonl file.
        keep = {"results": entries} if result.status == "failed" or len(entries) % 25 == 0 else {}
        run.update(
            total=total,
            processed=len(entries),
            heartbeat=timezone.now(),
            **keep,
            **{result.status: F(result.status) + 1},
        )

    return progress


def job_entry(result: IngestResult) -> dict:
    """What a job keeps of one article's outcome (what the admin shows)."""
    return {
        "status": result.status,
        "source": result.source,
        "message": str(result),
        "reason": result.reason,
        "article": result.article.pk if result.article is not None and result.article.pk else None,
        "proposed": dict(result.proposed),
        "merged": result.merged,
        "notes": list(result.notes),
    }


def ingest_job_results(job: IngestJob) -> list[IngestResult]:
    """The job's outcome as ``IngestResult``s again (for the ``ingest`` summary)."""
    from tracker.models import Article

    ids = [e["article"] for e in job.results if e.get("article")]
    articles = Article.objects.in_bulk(ids)
    results = [
        IngestResult(
            e["status"],
            article=articles.get(e.get("article")),
            reason=e["reason"],
            source=e["source"],
            proposed=Counter(e.get("proposed", {})),
            merged=e.get("merged", 0),
            notes=e.get("notes", []),
        )
        for e in job.results
    ]
    if job.status == IngestJob.Status.FAILED and not results:
        results.append(IngestResult("failed", reason=job.error, source=job.source))
    return results


# --- Periodic re-ingestion ---------------------------------------------------------------


def file_signature(path: Path) -> str:
    """Size and modification time: a file that changes gets a new job, one that does not, none."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def folders_reingest(folders: list[dict] | None = None) -> tuple[list[IngestJob], list[IngestResult]]:
    """Queue a job for each new or changed file under the watched folders (``INGEST_FOLDERS``):
    files whose last job with the same size and modification time is done or waiting are left
    alone, so an archive that grows daily costs only its new files."""
    folders = settings.INGEST_FOLDERS if folders is None else folders
    jobs: list[IngestJob] = []
    failures: list[IngestResult] = []
    for folder in folders:
        files, missing = article_files([folder["path"]])
        failures.extend(missing)
        known = set(
            IngestJob.objects.filter(path__in=[str(f) for f in files])
            .exclude(status=IngestJob.Status.FAILED)
            .values_list("path", "signature")
        )
        for f in files:
            if (str(f), file_signature(f)) in known:
                continue
            jobs.append(
                ingest_job_create(path=f, confirm=folder.get("confirm", False), publisher=folder.get("publisher", ""))
            )
    if jobs and not _tasks_deferred():
        planner_statistics_refresh()
    return jobs, failures


def folders_reingest_schedule() -> bool:
    """Make sure a periodic re-ingestion is waiting in the queue (every ``INGEST_EVERY_MINUTES``).
    False when there is nothing to schedule: no folders, or a backend that cannot run tasks later."""
    if not settings.INGEST_FOLDERS or not _tasks_deferred():
        return False
    from django_tasks_db.models import DBTaskResult

    from tracker.tasks import folders_reingest_task

    waiting = DBTaskResult.objects.filter(task_path=folders_reingest_task.module_path).exclude(
        status__in=["SUCCESSFUL", "FAILED"]
    )
    if not waiting.exists():
        folders_reingest_task.using(run_after=timezone.now()).enqueue(reschedule=True)
    return True


def folders_reingest_next() -> None:
    """Queue the next periodic run, ``INGEST_EVERY_MINUTES`` from now."""
    from tracker.tasks import folders_reingest_task

    later = timezone.now() + timedelta(minutes=settings.INGEST_EVERY_MINUTES)
    folders_reingest_task.using(run_after=later).enqueue(reschedule=True)


def _tasks_deferred() -> bool:
    """Whether tasks wait for a worker (django-tasks-db) rather than run at once."""
    from django_tasks import default_task_backend

    return bool(default_task_backend.supports_defer)
