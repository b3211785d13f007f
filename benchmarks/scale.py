"""Server time of the timeline fragment, the pair and leader pages and every chart on PostgreSQL,
at growing numbers of synthetic contacts, with the query plans that show what reads an index.

For each size, a PostgreSQL database of its own (``<DATABASE_URL's name>_scale_<size>``) is
migrated and filled by ``manage.py synth`` (fictional leaders, two statements per contact), then
analysed; a child process times each request through Django's test client (server time: no
network, no gunicorn) and prints medians with the ratio against the smallest size, and each
case's first request as ``<case> (cold)`` (imports, connection and the database's buffers unwarmed
by that case). Goal (issue 14): each under 100 ms at 1,000,000, growing far slower than the data.

``--explain`` prints, for each case at the largest size, its slowest query with EXPLAIN ANALYZE's
plan, a line per case naming the indexes read and any sequential scan of a large table, and the
case's slowest queries with their times (where its time goes, query by query).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker python benchmarks/scale.py \\
        [--sizes 1000,100000] [--runs 10] [--warmup 2] [--cases "pair page,chart"] [--keep] [--explain]

``--keep`` leaves the databases in place and reuses them on the next run (a 100,000-contact
build takes minutes); without it they are dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Tables that grow with the record: a sequential scan of one of them grows with it.
LARGE_TABLES = {
    "tracker_contact",
    "tracker_contact_participants",
    "tracker_contact_topics",
    "tracker_contactsource",
    "tracker_statement",
    "tracker_statement_topics",
    "tracker_gap",
    "tracker_article",
}


def database_url(base: str, size: int) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_scale_{size}"))


def env_for(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "testserver",
        "STATIC_MANIFEST": "0",
        # Every request rendered: with the page cache on, all but a case's first answer came from
        # it and the medians timed a cache hit (load.py measures the cache on and off).
        "PAGE_CACHE_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
    }


def server(url: str, *statements: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
        for sql in statements:
            db.execute(sql)


def contacts_in(url: str) -> int | None:
    import psycopg

    try:
        with psycopg.connect(url) as db:
            return db.execute("SELECT count(*) FROM tracker_contact").fetchone()[0]
    except psycopg.Error:
        return None


def record_synthesize(env: dict[str, str], contacts: int) -> None:
    """Migrate the database ``env`` points at and fill it with the benchmarks' synthetic record:
    300 leaders, ``contacts`` contacts and two statements each (load.py builds its SQLite one so too)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "synth", "--leaders", "300", "--contacts", str(contacts), "--statements", str(contacts * 2)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def build(url: str, contacts: int) -> float:
    name = urlsplit(url).path.lstrip("/")
    server(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    record_synthesize(env_for(url), contacts)
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def cases_for_record() -> dict[str, tuple[str, dict[str, str]]]:
    """name -> (url, headers): the busiest pairs (by gaps, and by contacts) and leader, so every
    size is asked the same."""
    from django.db.models import Count
    from django.urls import reverse

    from timeline.charts import CHARTS
    from tracker.models import Gap, PairContactCount, Person

    busiest = Gap.objects.order_by().values("person_a", "person_b").annotate(n=Count("id")).order_by("-n").first()
    a, b = (Person.objects.get(pk=busiest[k]).slug for k in ("person_a", "person_b"))
    # The pair with the most gaps need not be the one with the most contacts (many on one day).
    most = PairContactCount.objects.select_related("person_a", "person_b").order_by("-contacts", "person_a").first()
    busy = [most.person_a.slug, most.person_b.slug]
    through = Person.contacts.through.objects
    top = through.values("person_id").order_by().annotate(n=Count("id")).order_by("-n", "person_id").first()
    leader = Person.objects.select_related("country").get(pk=top["person_id"])
    # A rare word: the country of the leader with the fewest contacts (some, not none).
    least = through.values("person_id").order_by().annotate(n=Count("id")).order_by("n", "person_id").first()
    quiet = Person.objects.select_related("country").get(pk=least["person_id"])
    hx = {"HX-Request": "true"}
    timeline = reverse("timeline:timeline")
    cases = {
        "timeline": (timeline, hx),
        "timeline pair": (f"{timeline}?pair={a},{b}", hx),
        "timeline pair most contacts": (f"{timeline}?pair={','.join(busy)}", hx),
        "timeline person": (f"{timeline}?person={leader.slug}", hx),
        "timeline text": (f"{timeline}?q={leader.country.name.lower()}", hx),
        "timeline no match": (f"{timeline}?q=zqxj", hx),
        # A word in every summary, and one in few: the full-text index's two ends.
        "timeline text common": (f"{timeline}?q=leaders", hx),
        "timeline text rare": (f"{timeline}?q={quiet.country.name.lower()}", hx),
        "pair page": (reverse("timeline:pair", args=[a, b]), {}),
        "pair page most contacts": (reverse("timeline:pair", args=busy), {}),
        "leader page": (reverse("timeline:leader", args=[leader.slug]), {}),
        # The busiest pair's whole CSV, read to its end (a streamed response).
        "pair export": (reverse("timeline:pair_contacts_export", args=[*busy, "csv"]), {}),
    }
    for name in CHARTS:
        url = reverse("timeline:chart", args=[name])
        cases[f"chart {name}"] = (url, hx)
        cases[f"chart {name} pair"] = (f"{url}?pair={a},{b}", hx)
    return cases


def plan_summary(plan: str) -> str:
    indexes = sorted(
        set(re.findall(r"Index (?:Only )?Scan (?:Backward )?using (\w+) on", plan))
        | set(re.findall(r"Bitmap Index Scan on (\w+)", plan))
    )
    seq = sorted({t for t in re.findall(r"Seq Scan on (\w+)", plan) if t in LARGE_TABLES})
    return f"indexes: {', '.join(indexes) or 'none'}; seq scans of large tables: {', '.join(seq) or 'none'}"


def measure(runs: int, warmup: int, explain: bool, only: list[str]) -> dict:
    """In a child process whose settings point at one database."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != here]
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    result: dict = {}
    for name, (url, headers) in cases_for_record().items():
        if only and not name.startswith(tuple(only)):
            continue
        times = []
        for n in range(runs + warmup):
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            read(response)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            if n == 0:
                result[f"{name} (cold)"] = elapsed * 1000
            if n >= warmup:  # the first requests warm caches and imports
                times.append(elapsed * 1000)
        result[name] = statistics.median(times)
        if explain:
            with CaptureQueriesContext(connection) as ctx:
                read(client.get(url, headers=headers))
            queries = [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
            slowest = max(queries, key=lambda q: float(q["time"]))
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {slowest['sql']}")
                plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
            print(
                f"\n== {name} ({url}): {len(ctx.captured_queries)} queries; slowest "
                f"{float(slowest['time']) * 1000:.1f} ms\n  {plan_summary(plan)}\n"
                f"{queries_breakdown(ctx.captured_queries)}\n  {slowest['sql'][:400]}\n{plan}",
                file=sys.stderr,
            )
    return result


def read(response) -> None:
    """A streamed response's rows are read as it is sent: time them too."""
    if response.streaming:
        for _ in response.streaming_content:
            pass


def queries_breakdown(queries: list[dict], shown: int = 6) -> str:
    """The request's SQL time and its ``shown`` slowest queries, one line each (time, start of the
    SQL): where a case's time goes, query by query."""
    total = sum(float(q["time"]) for q in queries) * 1000
    lines = [f"  SQL {total:.0f} ms in {len(queries)} queries; the slowest:"]
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:shown]:
        lines.append(f"    {float(q['time']) * 1000:7.1f} ms  {' '.join(q['sql'].split())[:150]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2, help="requests per case before the timed ones")
    parser.add_argument("--cases", default="", help="only the cases whose names start so, comma-separated")
    parser.add_argument("--keep", action="store_true", help="keep the databases, and reuse kept ones")
    parser.add_argument("--explain", action="store_true", help="print each case's slowest query and its plan")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.runs, args.warmup, args.explain, [c for c in args.cases.split(",") if c])))
        return
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: its server gets one database per size.")

    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    try:
        for size in sizes:
            url = database_url(base, size)
            if args.keep and contacts_in(url) == size:
                subprocess.run(
                    [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env_for(url), check=True
                )
                print(f"reusing {size:>9,} contacts ({url.rsplit('/', 1)[-1]})", flush=True)
            else:
                seconds = build(url, size)
                print(f"built {size:>9,} contacts in {seconds:.1f} s ({url.rsplit('/', 1)[-1]})", flush=True)
            explain = ["--explain"] if args.explain and size == sizes[-1] else []
            out = subprocess.run(
                [sys.executable, __file__, "--measure", "1", "--runs", str(args.runs), "--warmup", str(args.warmup)]
                + ["--cases", args.cases]
                + explain,
                env=env_for(url),
                check=True,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            ).stdout
            results[size] = json.loads(out.strip().splitlines()[-1])
            # A shared machine: the load beside each size's figures says how far to trust them.
            print(f"measured {size:>9,} contacts; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            for size in sizes:
                url = database_url(base, size)
                server(url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[-1]}"')

    first, last = sizes[0], sizes[-1]
    print(f"\nMedian server time over {args.runs} requests (PostgreSQL), ratio against {first:,} contacts")
    print(f"{'case':<29}" + "".join(f" {f'{size:,}':>11} {'ratio':>7}" for size in sizes))
    for case in results[first]:
        cells = "".join(
            f" {results[size][case]:>8.1f} ms {results[size][case] / results[first][case]:>6.2f}x" for size in sizes
        )
        print(f"{case:<29}{cells}{'  (over 100 ms)' if results[last][case] > 100 else ''}")
    print(f"rows grew {last / first:.0f}x; goal: each under 100 ms at 1,000,000")


if __name__ == "__main__":
    main()
