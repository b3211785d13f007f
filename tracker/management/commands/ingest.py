"""Ingest article files into the record: ``python manage.py ingest PATH... [--confirm] [--background]``.

Loops over files and calls ``tracker.services.ingest_files.file_ingest``; one bad file never
stops the batch. Gaps are recomputed once per touched pair at the end. ``--background`` queues
one ingest job per file instead (``tracker.services.ingest_jobs``) for ``manage.py db_worker``.

Exit status: 0 when the batch is stored, refused files included (each is listed in the summary
with its reason); non-zero when nothing could be ingested, or when any article was not stored
because of an error (of the program or the database, not of the file), which is also written to
stderr as it happens (with its traceback at ``-v 2``).
"""

from __future__ import annotations

import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.ingest import IngestResult
from tracker.services.ingest_batch import articles_batched
from tracker.services.ingest_files import article_files, file_ingest
from tracker.services.ingest_jobs import ingest_job_results, ingest_jobs_create_for_paths


class Command(BaseCommand):
    help = "Ingest articles from .txt, .html, .md (YAML front matter) or .jsonl files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--confirm", action="store_true", help="Confirm the items at once (trusted official archives only)."
        )
        parser.add_argument("--publisher", default="", help="Publisher for documents that do not name one.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue one job per file for the workers (manage.py db_worker) instead of ingesting here.",
        )

    def handle(self, *args, paths, confirm=False, publisher="", background=False, **options):
        if background:
            return self.enqueue(list(paths), confirm=confirm, publisher=publisher)
        files, failures = article_files(list(paths))
        results: list[IngestResult] = list(failures)
        quiet = options.get("verbosity", 1) == 0
        with articles_batched():
            for path in tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=quiet or None):
                done = file_ingest(path, confirm=confirm, publisher=publisher)
                for result in done:
                    if result.error:  # now, not only in the summary: the batch may run for hours
                        self.stderr.write(f"ERROR {result.source}: {result.reason}")
                        if options.get("verbosity", 1) >= 2:
                            self.stderr.write(result.error)
                results.extend(done)
        planner_statistics_refresh()
        self.stdout.write(ingest_summary(results, confirmed=confirm))
        if results and all(r.status == "failed" for r in results):
            raise CommandError("no article could be ingested")
        if errors := sum(1 for r in results if r.error):
            raise CommandError(
                f"{errors} article(s) not stored because of an error, not of their files (listed above); "
                "the rest of the batch is stored, and running ingest again once the error is fixed adds them"
            )

    def enqueue(self, paths: list[str], *, confirm: bool, publisher: str) -> None:
        jobs, failures = ingest_jobs_create_for_paths(paths, confirm=confirm, publisher=publisher)
        waiting = [job for job in jobs if job.status == job.Status.QUEUED]
        self.stdout.write(f"Queued {len(jobs)} ingest job(s): {job_numbers(jobs)}.\n" if jobs else "Queued no job.\n")
        for failure in failures:
            self.stdout.write(f"  FAILED {failure.source}: {failure.reason}\n")
        if waiting:
            self.stdout.write(f"{len(waiting)} wait for a worker: run `manage.py db_worker` (the admin shows them).\n")
        else:  # the immediate backend ran them
            results = failures + [r for job in jobs for r in ingest_job_results(job)]
            self.stdout.write(ingest_summary(results, confirmed=confirm))
        if not jobs:
            raise CommandError("no file to ingest")


def job_numbers(jobs) -> str:
    return f"job {jobs[0].pk}" if len(jobs) == 1 else f"jobs {jobs[0].pk}–{jobs[-1].pk}"


def ingest_summary(results: list[IngestResult], *, confirmed: bool = False) -> str:
    counts = Counter(r.status for r in results)
    items: Counter = Counter()
    for r in results:
        items.update(r.proposed)
    merged = sum(r.merged for r in results)
    verb = "confirmed" if confirmed else "proposed"
    lines = [
        f"Articles: {counts['new']} new, {counts['duplicate']} duplicate, {counts['failed']} failed.",
        f"Items {verb}: "
        + (
            ", ".join(f"{n} {kind.replace('_', ' ')}{'s' if n != 1 else ''}" for kind, n in sorted(items.items()))
            or "none"
        )
        + ".",
        f"Contacts merged into one already on record: {merged}.",
    ]
    for r in results:
        if r.status == "failed":
            lines.append(f"  {'ERROR' if r.error else 'FAILED'} {r.source}: {r.reason}")
    for r in results:
        for note in r.notes if r.status == "new" else ():
            lines.append(f"  note {r.source}: {note}")
    for r in results:
        if r.status == "duplicate":
            lines.append(f"  duplicate {r.source}: {r.reason}")
    return "\n".join(lines) + "\n"
