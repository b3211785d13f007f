"""Server time of the timeline fragment (the HTMX request a filter change makes) on SQLite.

Builds a throw-away SQLite database with ``manage.py synth`` at 1,000 and at 100,000 contacts,
then times the fragment unfiltered and for the busiest pair, and prints medians with the
ratio against the 1,000-contact baseline. Goal: under 50 ms at 100,000, and time growing far
slower than the number of contacts (100x the rows).

    python benchmarks/timeline.py [--runs 30] [--sizes 1000,100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
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


def measure(runs: int) -> dict[str, float]:
    """Runs inside a child process whose settings point at one database."""
    # This file is named like the app: take its folder off the path so ``timeline`` is the app.
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != here]
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import override_settings

    from tracker.models import Gap, Person

    # Production settings (DEBUG off) but without a collectstatic run: plain static URLs.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages).enable()

    busiest = Gap.objects.order_by().values("person_a", "person_b").annotate(n=Count("id")).order_by("-n").first()
    a, b = (Person.objects.get(pk=busiest[k]).slug for k in ("person_a", "person_b"))
    client = Client()
    cases = {"unfiltered": "/timeline/", "pair": f"/timeline/?pair={a},{b}"}
    result = {}
    for name, url in cases.items():
        times = []
        for n in range(runs + 3):
            started = time.perf_counter()
            response = client.get(url, headers={"HX-Request": "true"})
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            if n >= 3:  # the first requests warm caches and imports
                times.append(elapsed * 1000)
        result[name] = statistics.median(times)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--keep", help="keep the databases in this folder (reused when present)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.runs)))
        return

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    try:
        for size in sizes:
            db = folder / f"synth-{size}.sqlite3"
            if not db.exists():
                seconds = build(db, size)
                print(f"built {size:>7,} contacts in {seconds:.1f} s ({db})", flush=True)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", "1", "--runs", str(args.runs)],
                env=env_for(db),
                check=True,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            ).stdout
            results[size] = json.loads(out.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    base = sizes[0]
    print(f"\nTimeline fragment, median server time over {args.runs} requests (SQLite)")
    print(f"{'contacts':>10} {'unfiltered':>12} {'ratio':>7} {'pair':>10} {'ratio':>7}")
    for size in sizes:
        r, b = results[size], results[base]
        print(
            f"{size:>10,} {r['unfiltered']:>9.1f} ms {r['unfiltered'] / b['unfiltered']:>6.2f}x"
            f" {r['pair']:>7.1f} ms {r['pair'] / b['pair']:>6.2f}x"
        )
    print(f"rows grew {sizes[-1] / base:.0f}x; goal: under 50 ms at {sizes[-1]:,}")


if __name__ == "__main__":
    main()
