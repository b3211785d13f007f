"""Article files in: the files under the paths given, and every article of one file ingested.

Shared by the ``ingest`` command (in the foreground) and the ingest jobs that the background
workers run (``tracker.services.ingest_jobs``), so both read a file the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.services.ingest import IngestResult, article_error, article_ingest

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


# Called with the number of articles the file holds, once it is read, then after each article.
Progress = Callable[[int, IngestResult | None], None]


def file_ingest(
    path: Path, *, confirm: bool, publisher: str, source: str = "", progress: Progress | None = None
) -> list[IngestResult]:
    """Every article of one file, each with its outcome; reading errors become a failure.

    ``source`` names the file in the results (default: its path); ``progress`` hears of each
    article as it is stored."""
    from tracker.extraction import documents_from_file

    path = Path(path)
    name = source or str(path)
    results: list[IngestResult] = []
    try:
        documents = list(documents_from_file(path))
        if progress:
            progress(len(documents), None)
        for number, document in enumerate(documents, start=1):
            where = document.source or str(path)
            if path.suffix.lower() == ".jsonl" and where == str(path):
                where = f"{path}:{number}"
            if source and where.startswith(str(path)):  # a temporary copy: named as its owner knows it
                where = source + where[len(str(path)) :]
            try:
                result = article_ingest(document=document, source_file=where, confirm=confirm, publisher=publisher)
            except Exception as error:  # noqa: BLE001 - reported as an error, the batch goes on
                result = article_error(error, where)
            results.append(result)
            if progress:
                progress(len(documents), result)
    except UnicodeDecodeError as error:
        results.append(
            IngestResult("failed", reason=f"not valid UTF-8 text ({error.reason} at byte {error.start})", source=name)
        )
    except Exception as error:  # noqa: BLE001 - reading reports bad input in ``errors``: this is a bug
        results.append(article_error(error, name, "cannot read the file: "))
    if not results:
        results.append(IngestResult("failed", reason="the file holds no article", source=name))
    return results
