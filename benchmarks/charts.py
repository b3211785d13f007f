"""Server time and JSON size of each chart, at 1,000 and at 100,000 synthetic contacts on SQLite.

    python benchmarks/charts.py [--small 1000] [--large 100000] [--repeat 5]

Fills a throw-away SQLite database with ``manage.py synth`` (fictional leaders), once per size,
and times ``chart_context`` plus the rendering of ``timeline/_chart.html`` (what the fragment
view does) with no filter (every confirmed contact: the worst case) and with one leader's
filter (the leader page). Goals: under 100 ms and under 100 KB per chart, and about the same at
both sizes (the ratio printed is large / small).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
DB_FILE = Path(tempfile.mkdtemp(prefix="charts-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.serializers.json import DjangoJSONEncoder  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from timeline.chart_views import chart_context  # noqa: E402
from timeline.charts import CHARTS  # noqa: E402
from tracker.models import Contact, Person  # noqa: E402

GOAL_MS = 100
GOAL_KB = 100


def measure(name: str, query: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds for context + fragment render, and the figure's JSON size in bytes."""
    params = QueryDict(query)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        ctx = chart_context(name, params)
        render_to_string("timeline/_chart.html", {"c": ctx})
        times.append((time.perf_counter() - start) * 1000)
    size = len(json.dumps(ctx["chart"].figure, cls=DjangoJSONEncoder))
    return statistics.median(times), size


def busiest_leader() -> str:
    through = Contact.participants.through.objects
    top = through.values("person_id").order_by().annotate(n=django.db.models.Count("id")).order_by("-n").first()
    return Person.objects.get(pk=top["person_id"]).slug


def run(contacts: int, repeat: int) -> dict[tuple[str, str], tuple[float, int]]:
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("synth", leaders=300, contacts=contacts, statements=0, seed=1, verbosity=0)
    print(f"\n{contacts:,} contacts made in {time.perf_counter() - started:.1f} s")
    leader = busiest_leader()
    results = {}
    for label, query in [("all", ""), ("leader", f"person={leader}")]:
        for name in CHARTS:
            measure(name, query, 1)  # warm caches (templates, plotly validators)
            results[(name, label)] = ms, size = measure(name, query, repeat)
            flag = "" if ms < GOAL_MS and size < GOAL_KB * 1024 else "  <-- over goal"
            print(f"  {name:<11} {label:<7} {ms:8.1f} ms {size / 1024:8.1f} KB{flag}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    small = run(args.small, args.repeat)
    large = run(args.large, args.repeat)
    print(
        f"\n{'chart':<11} {'filter':<7} {'ms @small':>10} {'ms @large':>10} {'ratio':>6} {'KB @large':>10} {'ratio':>6}"
    )
    for key in large:
        (ms_s, kb_s), (ms_l, kb_l) = small[key], large[key]
        print(
            f"{key[0]:<11} {key[1]:<7} {ms_s:10.1f} {ms_l:10.1f} {ms_l / ms_s:6.2f} "
            f"{kb_l / 1024:10.1f} {kb_l / kb_s:6.2f}"
        )
    worst_ms = max(ms for ms, _ in large.values())
    worst_kb = max(kb for _, kb in large.values()) / 1024
    print(f"\nworst at {args.large:,}: {worst_ms:.1f} ms (goal {GOAL_MS}), {worst_kb:.1f} KB (goal {GOAL_KB})")
    DB_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
