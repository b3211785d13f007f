"""The timeline's CSV export at 100,000 synthetic contacts on SQLite, against sqlite3's own CSV.

    python benchmarks/exports.py [--contacts 100000] [--repeat 3]

Fills a throw-away SQLite database with ``manage.py synth`` (fictional leaders), then, in the same
run, on the same rows (every confirmed contact, newest first, with participants, topics and
sources):

- ``/timeline.csv`` through Django's test client (the whole view: filters, streaming, CSV):
  time to first byte, total time, and the peak of Python's allocations (tracemalloc, in a
  separate pass) after the first tenth of the rows and after all of them: flat memory means the
  two are about the same;
- the ``sqlite3`` command-line shell's ``-csv`` output of one SQL query giving the same columns
  (``group_concat`` for the many-valued ones): time to first byte and total.

Goals: total within 3x of sqlite3's, and memory flat as rows grow.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
DB_FILE = Path(tempfile.mkdtemp(prefix="exports-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from tracker.models import Contact  # noqa: E402

GOAL_RATIO = 3.0
SEP = " | "

# The same rows and columns as timeline.export_rows.contact_rows, in one query.
SQLITE_QUERY = f"""
SELECT c.id, c.date, c.date_precision, c.kind, c.planned, c.status,
  (SELECT group_concat(slug, '{SEP}') FROM (SELECT p.slug FROM tracker_contact_participants cp
     JOIN tracker_person p ON p.id = cp.person_id WHERE cp.contact_id = c.id ORDER BY p.name, p.id)) AS participants,
  (SELECT group_concat(name, '{SEP}') FROM (SELECT p.name FROM tracker_contact_participants cp
     JOIN tracker_person p ON p.id = cp.person_id WHERE cp.contact_id = c.id ORDER BY p.name, p.id)) AS names,
  h.slug AS host, i.slug AS initiator,
  (SELECT group_concat(slug, '{SEP}') FROM (SELECT t.slug FROM tracker_contact_topics ct
     JOIN tracker_topic t ON t.id = ct.topic_id WHERE ct.contact_id = c.id ORDER BY t.slug)) AS topics,
  c.summary, '/contacts/' || c.id || '/' AS page_url,
  (SELECT group_concat(article_id, '{SEP}') FROM (SELECT s.article_id FROM tracker_contactsource s
     JOIN tracker_article a ON a.id = s.article_id WHERE s.contact_id = c.id ORDER BY a.published, s.id)) AS ids,
  (SELECT group_concat(coalesce(url, ''), '{SEP}') FROM (SELECT a.url FROM tracker_contactsource s
     JOIN tracker_article a ON a.id = s.article_id WHERE s.contact_id = c.id ORDER BY a.published, s.id)) AS urls,
  (SELECT group_concat(publisher, '{SEP}') FROM (SELECT a.publisher FROM tracker_contactsource s
     JOIN tracker_article a ON a.id = s.article_id WHERE s.contact_id = c.id ORDER BY a.published, s.id)) AS pubs,
  (SELECT group_concat(span, '{SEP}') FROM (SELECT s.start || '-' || s."end" AS span FROM tracker_contactsource s
     JOIN tracker_article a ON a.id = s.article_id WHERE s.contact_id = c.id ORDER BY a.published, s.id)) AS spans
FROM tracker_contact c LEFT JOIN tracker_person h ON h.id = c.host_id
  LEFT JOIN tracker_person i ON i.id = c.initiator_id
WHERE c.status = 'confirmed' ORDER BY c.date DESC, c.id DESC;
"""


def django_export() -> tuple[float, float, int, int]:
    """Seconds to the first byte and in total, bytes, and data lines of /timeline.csv."""
    started = time.perf_counter()
    response = Client().get("/timeline.csv")
    first = None
    size = lines = 0
    for chunk in response.streaming_content:
        if first is None:
            first = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
    return first, time.perf_counter() - started, size, lines - 1


def django_export_memory(rows: int) -> tuple[int, int]:
    """Peak traced bytes after a tenth of the rows, and after all of them (allocations made by
    the export only: tracing starts after the request's set-up)."""
    response = Client().get("/timeline.csv")
    stream = iter(response.streaming_content)
    tracemalloc.start()
    seen, at_tenth = 0, None
    for chunk in stream:
        seen += chunk.count(b"\n")
        if at_tenth is None and seen >= rows // 10:
            at_tenth = tracemalloc.get_traced_memory()[1]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return at_tenth or peak, peak


def sqlite_export() -> tuple[float, float, int]:
    started = time.perf_counter()
    shell = subprocess.Popen(["sqlite3", "-csv", "-header", str(DB_FILE), SQLITE_QUERY], stdout=subprocess.PIPE)
    first_byte = shell.stdout.read(1)
    first = time.perf_counter() - started
    size = len(first_byte) + sum(len(block) for block in iter(lambda: shell.stdout.read(1 << 16), b""))
    shell.wait()
    return first, time.perf_counter() - started, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("synth", leaders=300, contacts=args.contacts, statements=0, seed=1, verbosity=0)
    rows = Contact.objects.confirmed().count()
    print(f"{Contact.objects.count():,} synthetic contacts, {rows:,} confirmed (the rows exported)")

    ours = [django_export() for _ in range(args.repeat)]
    theirs = [sqlite_export() for _ in range(args.repeat)]
    ttfb, total = statistics.median(r[0] for r in ours), statistics.median(r[1] for r in ours)
    s_ttfb, s_total = statistics.median(r[0] for r in theirs), statistics.median(r[1] for r in theirs)
    print(
        f"/timeline.csv: first byte {ttfb * 1000:.1f} ms, total {total:.2f} s,"
        f" {ours[0][2]:,} bytes, {ours[0][3]:,} rows"
    )
    print(f"sqlite3 -csv:  first byte {s_ttfb * 1000:.1f} ms, total {s_total:.2f} s, {theirs[0][2]:,} bytes")
    ratio = total / s_total
    print(
        f"ratio (ours / sqlite3, total): {ratio:.2f}x (goal within {GOAL_RATIO:.0f}x):"
        f" {'met' if ratio <= GOAL_RATIO else 'NOT met'}"
    )
    at_tenth, peak = django_export_memory(rows)
    print(f"peak traced memory: {at_tenth / 1e6:.1f} MB after {rows // 10:,} rows, {peak / 1e6:.1f} MB after {rows:,}")
    assert ours[0][3] == rows, "the export must hold every confirmed contact"


if __name__ == "__main__":
    main()
