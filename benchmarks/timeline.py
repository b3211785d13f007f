"""Server time of the timeline fragment (the HTMX request a filter change makes) on SQLite.

Builds a throw-away SQLite database with ``manage.py synth`` at 1,000 and at 100,000 contacts,
then times the fragment unfiltered, for the busiest pair and for each other filter an analyst
uses (one country, one kind, one topic, a date range, free text, statements included, the
busiest leader), plus the full leader and pair pages, and prints medians with the ratio against
the 1,000-contact baseline. Goal: under 50 ms at 100,000, and time growing far slower than the
number of contacts (100x the rows).

``--explain`` also prints, for each case at the largest size, its slowest SQL query with the
time it took and its plan (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN ANALYZE).
``--postgres`` times the same cases on PostgreSQL: ``DATABASE_URL`` names a database whose server
holds the records as ``<name>_scale_<size>``, the ones ``benchmarks/scale.py --keep`` builds (each
script reuses the other's; with ``--keep`` they are kept, else dropped at the end). ``--cases``
times only the cases whose names start so (e.g. ``visual``).

    python benchmarks/timeline.py [--runs 30] [--sizes 1000,100000] [--keep DIR] [--explain]
        [--cases visual,pair] [--postgres]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scale_script():
    """benchmarks/scale.py, loaded by path (on sys.path this folder's timeline.py would hide the app):
    the naming, building and dropping of the PostgreSQL records."""
    spec = importlib.util.spec_from_file_location("benchmarks.scale", Path(__file__).with_name("scale.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def env_for(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": str(ROOT),
    }


def build(db: Path, contacts: int) -> float:
    started = time.perf_counter()
    env = env_for(db)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "synth", "--leaders", "300", "--contacts", str(contacts), "--statements", str(contacts * 2)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def record_ready(where: Path | str, size: int, scale=None) -> dict[str, str]:
    """The environment of a child process on the record of ``size`` contacts: a SQLite file
    (``where`` a path) or a PostgreSQL database (a URL, with ``scale_script()``), built unless
    there, migrated if kept."""
    manage = [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"]
    if isinstance(where, Path):
        env = env_for(where)
        if where.exists():  # a kept database gets the indexes of any newer migration
            subprocess.run(manage, env=env, check=True)
        else:
            print(f"built {size:>7,} contacts in {build(where, size):.1f} s ({where})", flush=True)
        return env
    env = scale.env_for(where)
    if scale.contacts_in(where) == size:
        subprocess.run(manage, env=env, check=True)
    else:
        print(f"built {size:>7,} contacts in {scale.build(where, size):.1f} s ({where.rsplit('/', 1)[-1]})", flush=True)
    return env


def cases_for_record() -> dict[str, tuple[str, dict[str, str]]]:
    """The requests to time: name -> (url, headers). Picks the busiest pair and leader, that
    leader's country, a topic, a kind and a year, so every size is asked the same questions."""
    from django.db.models import Count
    from django.urls import reverse

    from tracker.models import Contact, Gap, Person, Topic

    busiest = Gap.objects.order_by().values("person_a", "person_b").annotate(n=Count("id")).order_by("-n").first()
    a, b = (Person.objects.get(pk=busiest[k]).slug for k in ("person_a", "person_b"))
    leader = Person.objects.annotate(n=Count("contacts")).order_by("-n", "pk").select_related("country").first()
    topic = Topic.objects.order_by("slug").first()
    # A year in the middle of the record: about a twentieth of its contacts.
    first, last = Contact.objects.order_by("date").first().date, Contact.objects.order_by("-date").first().date
    year = first.year + (last.year - first.year) // 2
    hx = {"HX-Request": "true"}
    timeline = reverse("timeline:timeline")
    return {
        "unfiltered": (timeline, hx),
        "pair": (f"{timeline}?pair={a},{b}", hx),
        "country": (f"{timeline}?country={leader.country_id}", hx),
        "kind": (f"{timeline}?kind=visit", hx),
        "topic": (f"{timeline}?topic={topic.slug}", hx),
        "dates": (f"{timeline}?start={year}-01-01&end={year}-12-31", hx),
        "text": (f"{timeline}?q={leader.country.name.lower()}", hx),
        "text, no match": (f"{timeline}?q=zqxj", hx),
        "statements": (f"{timeline}?statements=on", hx),
        "person": (f"{timeline}?person={leader.slug}", hx),
        "leader page": (reverse("timeline:leader", args=[leader.slug]), {}),
        "pair page": (reverse("timeline:pair", args=[a, b]), {}),
        # The visual timeline's data endpoint at every zoom: whole record, a year, a month, a week.
        **visual_cases(a, b, leader.slug, leader.country_id, year),
    }


def visual_cases(a: str, b: str, leader: str, country: int, year: int) -> dict[str, tuple[str, dict[str, str]]]:
    from django.urls import reverse

    url = reverse("timeline:visual_data")
    return {
        "visual all": (url, {}),
        "visual year": (f"{url}?start={year}-01-01&end={year}-12-31", {}),
        "visual month": (f"{url}?start={year}-03-01&end={year}-03-31", {}),
        "visual week": (f"{url}?start={year}-03-01&end={year}-03-07", {}),
        "visual pair": (f"{url}?pair={a},{b}", {}),
        "visual pair yr": (f"{url}?pair={a},{b}&start={year}-01-01&end={year}-12-31", {}),
        "visual leader": (f"{url}?person={leader}&lanes=counterpart&lead={leader}", {}),
        "visual country": (f"{url}?country={country}", {}),
    }


def measure(runs: int, explain: bool = False, only: tuple[str, ...] = ()) -> dict[str, float]:
    """Runs inside a child process whose settings point at one database."""
    # This file is named like the app: take its folder off the path so ``timeline`` is the app.
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != here]
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    # Production settings (DEBUG off) but without a collectstatic run: plain static URLs.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages).enable()

    client = Client()
    result = {}
    sizes = {}
    for name, (url, headers) in cases_for_record().items():
        if only and not name.startswith(only):
            continue
        times = []
        for n in range(runs + 3):
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            if n >= 3:  # the first requests warm caches and imports
                times.append(elapsed * 1000)
        result[name] = statistics.median(times)
        sizes[name] = len(response.content)
        if explain:
            with CaptureQueriesContext(connection) as ctx:
                client.get(url, headers=headers)
            slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
            explained = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, COSTS OFF)"
            with connection.cursor() as cursor:
                cursor.execute(f"{explained} {slowest['sql']}")
                plan = "\n".join(f"    {row[-1]}" for row in cursor.fetchall())
            print(
                f"{name} ({url}): {len(ctx.captured_queries)} queries; slowest {float(slowest['time']) * 1000:.0f} ms:"
                f"\n  {slowest['sql'][:600]}\n{plan}",
                file=sys.stderr,
            )
    result["_bytes"] = sizes
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--keep", help="keep the databases in this folder (reused when present)")
    parser.add_argument("--explain", action="store_true", help="print the slowest query of each case and its plan")
    parser.add_argument("--cases", default="", help="only the cases whose names start so, comma-separated")
    parser.add_argument("--postgres", action="store_true", help="on the PostgreSQL server of DATABASE_URL")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = tuple(c for c in args.cases.split(",") if c)
    if args.measure:
        print(json.dumps(measure(args.runs, explain=args.explain, only=only)))
        return
    base_url = os.environ.get("DATABASE_URL", "")
    if args.postgres and not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("--postgres: set DATABASE_URL to a PostgreSQL database; its server gets one database per size.")

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    scale = scale_script() if args.postgres else None
    results = {}
    try:
        for size in sizes:
            where = scale.database_url(base_url, size) if scale else folder / f"synth-{size}.sqlite3"
            env = record_ready(where, size, scale)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", "1", "--runs", str(args.runs), "--cases", args.cases]
                + (["--explain"] if args.explain and size == sizes[-1] else []),
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            ).stdout
            results[size] = json.loads(out.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            for size in sizes if scale else []:
                url = scale.database_url(base_url, size)
                scale.server(url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[-1]}"')

    base = sizes[0]
    database = "PostgreSQL" if scale else "SQLite"
    if not {"unfiltered", "pair"} <= set(results[base]):
        return visual_report(results, sizes, database)
    print(f"\nTimeline fragment, median server time over {args.runs} requests ({database})")
    print(f"{'contacts':>10} {'unfiltered':>12} {'ratio':>7} {'pair':>10} {'ratio':>7}")
    for size in sizes:
        r, b = results[size], results[base]
        print(
            f"{size:>10,} {r['unfiltered']:>9.1f} ms {r['unfiltered'] / b['unfiltered']:>6.2f}x"
            f" {r['pair']:>7.1f} ms {r['pair'] / b['pair']:>6.2f}x"
        )
    print(f"rows grew {sizes[-1] / base:.0f}x; goal: under 50 ms at {sizes[-1]:,}")

    print("\nEvery filter, median server time (fragments; the leader and pair pages are full pages)")
    print(f"{'case':<16}" + "".join(f" {f'{size:,}':>10} {'ratio':>7}" for size in sizes))
    for case in [c for c in results[base] if c != "_bytes"]:
        cells = "".join(
            f" {results[size][case]:>7.1f} ms {results[size][case] / results[base][case]:>6.2f}x" for size in sizes
        )
        slow = "  (over 50 ms)" if results[sizes[-1]][case] > 50 else ""
        print(f"{case:<16}{cells}{slow}")
    visual_report(results, sizes, database)


def visual_report(results: dict, sizes: list[int], database: str) -> None:
    base = sizes[0]
    print(f"\nThe visual timeline's data endpoint, {database} (goal: under 100 ms and 200 KB at 100,000, any zoom)")
    print(f"{'case':<16}" + "".join(f" {f'{size:,}':>10} {'KB':>7}" for size in sizes))
    for case in [c for c in results[base] if c.startswith("visual")]:
        cells = "".join(
            f" {results[size][case]:>7.1f} ms {results[size]['_bytes'][case] / 1024:>6.1f}" for size in sizes
        )
        over = results[sizes[-1]][case] > 100 or results[sizes[-1]]["_bytes"][case] > 200 * 1024
        print(f"{case:<16}{cells}{'  (over the goal)' if over else ''}")


if __name__ == "__main__":
    main()
