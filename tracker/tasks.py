"""Background tasks (Django's tasks API, through the django-tasks backport until Django 6).

Each task only calls a service; ``tracker.services.ingest_jobs`` says what they do. They run in
``manage.py db_worker`` (django-tasks-db), or at once where the backend is the immediate one.
"""

from django_tasks import task

from tracker.services import ingest_jobs


@task()
def ingest_job_task(job_id: int) -> dict:
    """Ingest the articles of one ``IngestJob``."""
    return ingest_jobs.ingest_job_run(job_id)


@task()
def folders_reingest_task(reschedule: bool = False) -> dict:
    """Queue jobs for the new and changed files of the watched folders; then, if ``reschedule``,
    the next run ``INGEST_EVERY_MINUTES`` later."""
    try:
        jobs, failures = ingest_jobs.folders_reingest()
    finally:
        if reschedule:
            ingest_jobs.folders_reingest_next()
    return {"jobs": len(jobs), "failures": [str(f) for f in failures]}
