"""Ingest article files into the record: ``python manage.py ingest PATH... [--confirm]``.

Loops over files and calls ``tracker.services.ingest.article_ingest``; one bad file never stops
the batch. Gaps are recomputed once per touched pair at the end.

Exit status: 0 when the batch is stored, refused files included (each is listed in the summary
with its reason); non-zero when nothing could be ingested, or when any article was not stored
because of an error (of the program or the database, not of the file), which is also written to
stderr as it happens (with its traceback at ``-v 2``).
"""

from __future__ import annotations

import sys
import traceback
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.gazetteer import gazetteer_batch
from tracker.services.ingest import IngestResult, article_ingest
from tracker.services.upkeep import gaps_deferred

SUFFIXES = {".txt", ".html", ".htm", ".md", ".markdown", ".jsonl"}


def article_files(paths: list[str]) -> tuple[list[Path], list[IngestResult]]:
    """The readable files under ``paths`` (folders recursively, sorted) and a failure for each
    path that is missing or of a kind we do not read."""
    files: list[Path] = []
    failures: list[IngestResult] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                failures.append(
                    IngestResult("failed", reason="the folder holds no .txt/.html/.md/.jsonl file", source=raw)
                )
            files.extend(found)
        elif p.is_file():
            if p.suffix.lower() in SUFFIXES:
                files.append(p)
            else:
                failures.append(
                    IngestResult("failed", reason=f"unknown file type {p.suffix or '(none)'!r}", source=raw)
                )
        else:
            failures.append(IngestResult("failed", reason="no such file or folder", source=raw))
    return files, failures


def file_ingest(path: Path, *, confirm: bool, publisher: str) -> list[IngestResult]:
    """Every article of one file, each with its outcome; reading errors become a failure."""
    from tracker.extraction import documents_from_file

    results = []
    try:
        for number, document in enumerate(documents_from_file(path), start=1):
            source = document.source or str(path)
            if path.suffix.lower() == ".jsonl" and source == str(path):
                source = f"{path}:{number}"
            try:
                results.append(
                    article_ingest(document=document, source_file=source, confirm=confirm, publisher=publisher)
                )
            except Exception as error:  # noqa: BLE001 - reported as an error, the batch goes on
                results.append(_error(error, source))
    except UnicodeDecodeError as error:
        results.append(
            IngestResult(
                "failed", reason=f"not valid UTF-8 text ({error.reason} at byte {error.start})", source=str(path)
            )
        )
    except Exception as error:  # noqa: BLE001 - reading reports bad input in ``errors``: this is a bug
        results.append(_error(error, str(path), "cannot read the file: "))
    if not results:
        results.append(IngestResult("failed", reason="the file holds no article", source=str(path)))
    return results


def _error(error: Exception, source: str, what: str = "") -> IngestResult:
    reason = f"{what}{type(error).__name__}: {error}"
    return IngestResult("failed", reason=reason, source=source, error=traceback.format_exc())


class Command(BaseCommand):
    help = "Ingest articles from .txt, .html, .md (YAML front matter) or .jsonl files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--confirm", action="store_true", help="Confirm the items at once (trusted official archives only)."
        )
        parser.add_argument("--publisher", default="", help="Publisher for documents that do not name one.")

    def handle(self, *args, paths, confirm=False, publisher="", **options):
        files, failures = article_files(list(paths))
        results: list[IngestResult] = list(failures)
        quiet = options.get("verbosity", 1) == 0
        with gaps_deferred(), gazetteer_batch():
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
