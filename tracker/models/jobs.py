"""Ingest jobs: articles handed to the background workers, with their progress and outcome.

One job is one file on the worker's disk, one pasted text or one uploaded file. The job row is
what editors see (status, progress, what failed and why); the task that runs it is django-tasks'
(``tracker.tasks.ingest_job_task``), found again by ``task_id``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class IngestJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    source = models.CharField(
        max_length=1000, help_text="The file read (on the worker's disk), the upload's name, or “pasted text”."
    )
    path = models.CharField(max_length=1000, blank=True, help_text="A file the worker reads; empty for a paste.")
    text = models.TextField(blank=True, help_text="The pasted text.")
    upload = models.BinaryField(null=True, blank=True, editable=False)
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    confirm = models.BooleanField(default=False, help_text="Items confirmed at once (a trusted archive).")
    signature = models.CharField(
        max_length=100, blank=True, help_text="Size and modification time of the file when it was queued."
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="The id of the task that runs the job.")
    attempts = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveIntegerField(default=0, help_text="Articles the file holds (known once it is read).")
    processed = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    duplicate = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    results = models.JSONField(
        default=list, blank=True, help_text="One entry per article: its status, source, message and article id."
    )
    error = models.TextField(blank=True, help_text="Why the job itself failed (the file could not be read, …).")
    articles = models.ManyToManyField("tracker.Article", blank=True, related_name="ingest_jobs")
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    heartbeat = models.DateTimeField(
        null=True, blank=True, help_text="When the worker running the job last wrote its progress."
    )
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["path", "status"], name="ingestjob_path_status")]

    def __str__(self) -> str:
        return f"job {self.pk}: {self.source}"

    @property
    def stalled(self) -> bool:
        """Running, but its worker has written nothing for ``INGEST_JOB_STALL_MINUTES``: it died
        (killed, machine restarted) and the job will not move again unless retried."""
        last = self.heartbeat or self.started
        return self.status == self.Status.RUNNING and last is not None and last < stall_cutoff()

    @property
    def retryable(self) -> bool:
        """Whether retrying can change anything: the job failed, some of its articles did, or its
        worker died."""
        return (
            self.status == self.Status.FAILED or (self.status == self.Status.DONE and self.failed > 0) or self.stalled
        )


def stall_cutoff():
    """A running job that has written no progress since then has lost its worker (each article
    writes progress, and one article takes seconds at most)."""
    return timezone.now() - timedelta(minutes=settings.INGEST_JOB_STALL_MINUTES)


def stalled_rows() -> models.Q:
    """``IngestJob.stalled`` as a condition on the rows, for an update that must find the job
    still stalled when it runs."""
    cutoff = stall_cutoff()
    return models.Q(status=IngestJob.Status.RUNNING) & (
        models.Q(heartbeat__lt=cutoff) | models.Q(heartbeat__isnull=True, started__lt=cutoff)
    )


def this_run(job: IngestJob) -> models.QuerySet:
    """The job's row while it is still the run ``job`` was claimed for: a later retry bumps
    ``attempts``, and a stuck worker's writes then reach nothing."""
    return IngestJob.objects.filter(pk=job.pk, attempts=job.attempts)
