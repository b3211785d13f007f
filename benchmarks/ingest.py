"""End-to-end ingest of ../shared/readouts into a fresh SQLite database.

    /work/main/.venv/bin/python benchmarks/ingest.py [--limit N] [--tracemalloc]

Prints wall time, articles per second and peak memory for three passes over the same files,
measured in this process so the ratios compare like with like:

1. read: ``documents_from_file`` only (the baseline: parsing files);
2. extract: read + ``extract`` against the gazetteer, nothing stored;
3. ingest: ``manage.py ingest --confirm`` into the empty database (store, merge, gaps).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--limit", type=int, default=0, help="Only the first N files (0: all).")
    parser.add_argument("--tracemalloc", action="store_true", help="Trace Python allocations (slower).")
    args = parser.parse_args()

    readouts = Path(args.shared) / "readouts"
    if not readouts.is_dir():
        sys.exit(f"{readouts} not found")
    tmp = tempfile.mkdtemp(prefix="ingest-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from tracker.extraction import documents_from_file, extract
    from tracker.services.gazetteer import gazetteer_from_db

    call_command("migrate", verbosity=0)
    files = sorted(readouts.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    folder = Path(tmp) / "files"
    folder.mkdir()
    for i, f in enumerate(files):  # names repeat across the readouts' folders
        (folder / f"{i:04d}-{f.name}").symlink_to(f)
    print(f"{len(files)} files from {readouts}; database {tmp}/bench.sqlite3")

    if args.tracemalloc:
        tracemalloc.start()

    start = time.perf_counter()
    documents = [d for f in files for d in documents_from_file(f)]
    read_s = time.perf_counter() - start

    gazetteer = gazetteer_from_db()
    start = time.perf_counter()
    for d in documents:
        if d.text and not d.errors:
            extract(d.text, published=d.published, gazetteer=gazetteer, title=d.title, url=d.url)
    extract_s = time.perf_counter() - start

    out = StringIO()
    start = time.perf_counter()
    call_command("ingest", str(folder), "--confirm", "--publisher", "The White House", stdout=out, verbosity=0)
    ingest_s = time.perf_counter() - start

    from tracker.models import Article, Contact, ContactSource, Gap, Person, Statement

    n = len(documents)
    print(out.getvalue().splitlines()[0])
    print(
        f"stored: {Article.objects.count()} articles, {Contact.objects.count()} contacts, "
        f"{ContactSource.objects.count()} sources, {Statement.objects.count()} statements, "
        f"{Person.objects.count()} people, {Gap.objects.count()} gaps"
    )
    print(f"{'pass':<8} {'seconds':>8} {'articles/s':>11} {'× read':>8}")
    for name, seconds in [("read", read_s), ("extract", extract_s), ("ingest", ingest_s)]:
        print(f"{name:<8} {seconds:8.2f} {n / seconds if seconds else 0:11.1f} {seconds / read_s:8.1f}")
    print(f"ingest/extract ratio: {ingest_s / extract_s:.2f} (the cost of storing, merging and gaps)")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {maxrss:.0f} MB")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        print(f"peak traced Python allocations: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
