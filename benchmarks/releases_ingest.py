"""Full run on real data: every White House readout, the founding article, then every Kremlin and
Ukrainian release, into a fresh database with the demo fixtures.

    DEBUG=1 .venv/bin/python benchmarks/releases_ingest.py                     # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker DEBUG=1 \\
        .venv/bin/python benchmarks/releases_ingest.py --workers 4           # PostgreSQL

Prints the wall time and articles/s of each pass and of the whole ingest, against a baseline
measured first in the same process: extraction alone over the same articles (read, then
``extract`` against the demo's gazetteer, nothing stored), so "× extract" is what storing, merging
and upkeep cost on top. Then the Biden–Putin video call of 2021-12-07 (one contact, several
sources); the founding claim's verdict; how many releases proposed a contact, and how many whose
title announces none did.

On PostgreSQL (``DATABASE_URL`` names a server database; the runs get databases of their own beside
it, ``<name>_releases_one`` and ``<name>_releases_workers``, dropped at the end unless ``--keep``)
``--workers N`` then queues the same files as background jobs (``ingest --background``) into the
second database, runs N ``manage.py db_worker --batch`` processes until the queue is empty, prints
their wall time against the one process's, and checks that they made the same record: the same
contacts (day, kind, status, participants, number of sources), statements, gaps, people and
verdicts, printing the rows only one side has. The workers store the articles in another order
(the two release files side by side), and on real text what extraction makes of a name can depend
on the names met before it (see ``test_concurrent_ingest``), so rows naming such people may differ.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUIET_TITLES = re.compile(r"^(?:Greetings|Congratulations|Executive Order|Launching|Address|Message|Condolences)\b")

# The record two runs must agree on, read without ids (which depend on who inserted first).
RECORD = {
    "contacts": """SELECT c.id, c.date, c.kind, c.status, c.planned,
        (SELECT count(*) FROM tracker_contactsource s WHERE s.contact_id = c.id) FROM tracker_contact c""",
    "statements": """SELECT p.name, a.content_hash, s.start, s."end", s.status, s.date FROM tracker_statement s
        JOIN tracker_person p ON p.id = s.speaker_id JOIN tracker_article a ON a.id = s.article_id""",
    "gaps": """SELECT pa.name, pb.name, g.start, g."end", g.days, g.is_record, g.in_office FROM tracker_gap g
        JOIN tracker_person pa ON pa.id = g.person_a_id JOIN tracker_person pb ON pb.id = g.person_b_id""",
    "people": "SELECT name, status FROM tracker_person",
    "verdicts": "SELECT ends, comparison, verdict FROM tracker_gapclaim",
}
PARTICIPANTS = """SELECT cp.contact_id, p.name FROM tracker_contact_participants cp
    JOIN tracker_person p ON p.id = cp.person_id"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--workers", type=int, default=0, help="PostgreSQL: also N background workers.")
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep the databases.")
    parser.add_argument("--limit", type=int, default=0, help="Only the first N readouts and releases of each site.")
    args = parser.parse_args()
    shared = Path(args.shared)
    if not (shared / "kremlin-ukraine").is_dir():
        sys.exit(f"{shared} not found")
    tmp = Path(tempfile.mkdtemp(prefix="releases-bench-"))
    server = os.environ.get("DATABASE_URL", "")
    postgres = server.startswith(("postgres://", "postgresql://"))
    if args.workers and not postgres:
        sys.exit("--workers needs DATABASE_URL to name a PostgreSQL database")
    one = _fresh_database(server, "one") if postgres else f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DATABASE_URL"] = one
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tracker.extraction import documents_from_file, extract
    from tracker.models import Article, Contact, ContactSource, GapClaim, Person
    from tracker.services.gazetteer import gazetteer_from_db, topic_keywords_from_db
    from tracker.services.ingest_files import article_files

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-editor", "--no-readout-facts", stdout=StringIO())
    passes = _passes(shared, tmp, args.limit)
    print(f"database: {connection.vendor}; {_uptime()}")

    # The baseline: extraction alone over each pass's articles, against the record's people.
    gazetteer, topics = gazetteer_from_db(), topic_keywords_from_db()
    extract_s: dict[str, float] = {}
    print(f"{'pass':<24} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'× extract':>10}")
    for name, paths, _ in passes:
        documents = [d for f in article_files(paths)[0] for d in documents_from_file(f)]
        start = time.perf_counter()
        for d in documents:
            if d.text and not d.errors:
                extract(d.text, published=d.published, gazetteer=gazetteer, topics=topics, title=d.title, url=d.url)
        extract_s[name] = time.perf_counter() - start
        _row(f"extract {name}", len(documents), extract_s[name], extract_s[name])

    total_s, total_n = 0.0, 0
    for name, paths, options in passes:
        out = StringIO()
        before = Article.objects.count()
        start = time.perf_counter()
        call_command("ingest", *paths, *options, stdout=out, verbosity=0)
        seconds = time.perf_counter() - start
        n = Article.objects.count() - before
        total_s, total_n = total_s + seconds, total_n + n
        _row(f"ingest {name}", n, seconds, extract_s[name])
        print("    " + " ".join(out.getvalue().splitlines()[:3]))
    _row("ingest, all", total_n, total_s, sum(extract_s.values()))
    storing = total_s - sum(extract_s.values())
    print(
        f"beyond extraction (storing, matching, upkeep): {storing:.1f} s = {storing * 1000 / total_n:.1f} ms an article"
    )
    print(_uptime())

    biden, putin = Person.objects.get(name="Joe Biden"), Person.objects.get(name="Vladimir Putin")
    calls = list(Contact.objects.involving(biden, putin).filter(date=date(2021, 12, 7)))
    for call in calls:
        sources = [s.article.publisher for s in call.sources.select_related("article")]
        print(f"Biden–Putin 2021-12-07: {call.kind}, {len(sources)} sources: {sources}")
    print(f"Biden–Putin contacts on 2021-12-07: {len(calls)}")
    claim = GapClaim.objects.filter(comparison="longest_since", ends=date(2024, 3, 18)).first()
    if claim:
        print(f"founding claim: {claim.verdict}: {claim.verdict_reason}")
    releases = passes[2][1]
    records = [json.loads(line) for path in releases for line in Path(path).read_text(encoding="utf-8").splitlines()]
    proposing = set(ContactSource.objects.filter(article__url__isnull=False).values_list("article__url", flat=True))
    quiet = [r for r in records if QUIET_TITLES.match(r["title"] or "")]
    noisy = [r for r in quiet if r["url"] in proposing]
    print(f"releases proposing a contact: {sum(r['url'] in proposing for r in records)} of {len(records)}")
    print(f"releases whose title announces no contact but that proposed one: {len(noisy)} of {len(quiet)}")
    for r in noisy[:10]:
        print(f"    {r['published']} {r['title'][:90]}")

    if args.workers:
        with connection.cursor() as cursor:
            expected = record_of(cursor)
        workers_run(server, passes, args.workers, total_s, expected)
    connection.close()
    if postgres and not args.keep:
        for name in ("one", "workers"):
            _server_sql(server, f'DROP DATABASE IF EXISTS "{_name(server, name)}"')


def _row(name: str, n: int, seconds: float, extracting: float) -> None:
    rate = f"{n / seconds:11.1f}" if seconds else " " * 11
    print(f"{name:<24} {n:8d} {seconds:8.1f} {rate} {seconds / extracting if extracting else 0:10.2f}")


def _passes(shared: Path, tmp: Path, limit: int = 0) -> list[tuple[str, list[str], list[str]]]:
    """The three ingests, in order: (name, paths, options); ``limit``: of the first articles only."""
    folder = tmp / "readouts"
    folder.mkdir()
    files = sorted(f for f in (shared / "readouts").rglob("*.md") if f.name != "README.md")
    for i, f in enumerate(files[:limit] if limit else files):  # names repeat across the readouts' folders
        (folder / f"{i:04d}-{f.name}").symlink_to(f)
    cnn = tmp / "cnn" / "cnn-2024-03-18-biden-netanyahu.md"
    cnn.parent.mkdir()
    text = (shared / "corpus" / "cnn-2024-03-18-biden-netanyahu.txt").read_text(encoding="utf-8")
    cnn.write_text("---\ndate: '2024-03-18'\npublisher: CNN\n---\n" + text, encoding="utf-8")
    releases = [str(shared / "kremlin-ukraine" / f"{name}.jsonl") for name in ("kremlin", "ukraine")]
    if limit:
        for i, path in enumerate(releases):
            lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)[:limit]
            (tmp / Path(path).name).write_text("".join(lines), encoding="utf-8")
            releases[i] = str(tmp / Path(path).name)
    return [
        ("readouts", [str(folder)], ["--confirm", "--publisher", "The White House"]),
        ("founding article", [str(cnn)], ["--confirm"]),
        ("releases", releases, ["--confirm"]),
    ]


def workers_run(server: str, passes, workers: int, one_s: float, expected: dict) -> None:
    """The same files as background jobs in a fresh database, run by ``workers`` db_workers."""
    url = _fresh_database(server, "workers")
    env = {**os.environ, "DATABASE_URL": url, "TASKS_BACKEND": "database"}
    log = (Path(tempfile.gettempdir()) / "releases-bench-workers.log").open("w")  # the workers' task lines

    def manage(*command: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log
        )

    for command in [["migrate", "-v0"], ["load_demo", "--no-editor", "--no-readout-facts"]]:
        manage(*command).communicate()
    start = time.perf_counter()
    for _, paths, options in passes:
        manage("ingest", "--background", *paths, *options).communicate()
    queued_s = time.perf_counter() - start
    start = time.perf_counter()
    running = [manage("db_worker", "--batch", "--no-startup-delay", "--no-reload") for _ in range(workers)]
    failed = sum(p.wait() != 0 for p in running)
    run_s = time.perf_counter() - start
    import psycopg

    with psycopg.connect(url) as db, db.cursor() as cursor:
        cursor.execute("SELECT status, count(*) FROM tracker_ingestjob GROUP BY status ORDER BY status")
        jobs = ", ".join(f"{n} {status}" for status, n in cursor.fetchall())
        cursor.execute("SELECT count(*) FROM tracker_article")
        articles = cursor.fetchone()[0]
        found = record_of(cursor)
    print(f"\n{workers} background workers: {articles} articles on record; jobs: {jobs}; {failed} workers failed")
    print(f"    queueing {queued_s:.1f} s, workers {run_s:.1f} s = {run_s / one_s:.2f} × one process; {_uptime()}")
    for table, rows in expected.items():
        missing, extra = rows - found[table], found[table] - rows
        verdict = "the same" if not (missing or extra) else f"{len(missing)} missing, {len(extra)} extra"
        print(f"    {table:<10} {len(rows):6d} rows in one process; the workers': {verdict}")
        for row in sorted(missing, key=str)[:3]:
            print(f"        only in one process: {row}")
        for row in sorted(extra, key=str)[:3]:
            print(f"        only with the workers: {row}")


def record_of(cursor) -> dict[str, set]:
    """Each part of ``RECORD`` as a set of rows (as text, repeated rows numbered); a contact with
    its participants' names."""
    cursor.execute(PARTICIPANTS)
    names: dict[int, list[str]] = {}
    for contact_id, name in cursor.fetchall():
        names.setdefault(contact_id, []).append(name)
    found = {}
    for table, sql in RECORD.items():
        cursor.execute(sql)
        rows: dict[tuple, int] = {}
        for row in cursor.fetchall():
            if table == "contacts":
                row = (*row[1:], *sorted(names.get(row[0], [])))
            key = tuple(map(str, row))
            rows[key] = rows.get(key, 0) + 1
        found[table] = {(*key, n) for key, count in rows.items() for n in range(count)}
    return found


def _name(server: str, suffix: str) -> str:
    return f"{server.rsplit('/', 1)[1]}_releases_{suffix}"


def _server_sql(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute(sql)


def _fresh_database(server: str, suffix: str) -> str:
    name = _name(server, suffix)
    _server_sql(server, f'DROP DATABASE IF EXISTS "{name}"')
    _server_sql(server, f'CREATE DATABASE "{name}"')
    return f"{server.rsplit('/', 1)[0]}/{name}"


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
