"""The app side by side with Datasette over the same synthetic contacts on SQLite: the timeline
fragment, the one-pair list and the pair page against Datasette's HTML table views of the same
rows, with interleaved requests, printing app time / Datasette time.

Datasette is installed for this benchmark only, into a throw-away virtual environment
(``$TMPDIR/peer-datasette-venv``, made on first use with ``pip install datasette``; never in the
project's requirements). The record is a SQLite file built by ``manage.py synth`` (the same one
``benchmarks/load.py --database sqlite`` builds and ``--keep`` reuses), and Datasette serves that
very file (immutable, facet suggestions off, pages of 50 rows like the timeline's), so both read
the same rows from the same disk.

The app runs under gunicorn with one sync worker and Datasette as one process; requests go one at
a time, alternating app and Datasette (which goes first swaps every round), each on a new
connection, timed until the last byte. The pairs of views:

- timeline fragment (``/timeline/``, HTMX request) and Datasette's ``tracker_contact`` table,
  confirmed contacts newest first;
- one pair (``/timeline/?pair=a,b``) and the same table limited to contacts with both leaders;
- pair page (``/pairs/a/b/``) and that same one-pair table.

Goal (issue 14): at most 1.0x for each.

The app caches public pages until the record changes (timeline.page_cache); ``--uncached`` turns
that off, so every request renders its page as the first visitor's after a change does.

    python benchmarks/peer.py [--contacts 100000] [--rounds 30] [--warmup 3] [--keep] [--uncached]
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode


def _load_script():
    spec = importlib.util.spec_from_file_location("benchmarks.load", Path(__file__).with_name("load.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


load = _load_script()  # the SQLite record, gunicorn, the cases

ROOT = load.ROOT
VENV = Path(tempfile.gettempdir()) / "peer-datasette-venv"
PAGE = 50  # the timeline's page size (timeline.views.PAGE_SIZE)


def datasette() -> Path:
    """The datasette command of the throw-away environment, made on first use."""
    command = VENV / "bin" / "datasette"
    if not command.exists():
        print(f"installing datasette into {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "datasette"], check=True)
    version = subprocess.run([str(command), "--version"], check=True, capture_output=True, text=True).stdout
    print(version.strip(), flush=True)
    return command


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[float, int, bytes]:
    """Seconds to the last byte, status and body of one GET on a new connection."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return time.perf_counter() - started, response.status, body


def wait_for(port: int, path: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited with {process.returncode}")
        try:
            if get(port, path)[1] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"{what} did not answer {path} within 120 s")


def pair_ids(db: Path, a: str, b: str) -> tuple[int, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = dict(conn.execute("SELECT slug, id FROM tracker_person WHERE slug IN (?, ?)", (a, b)).fetchall())
    return ids[a], ids[b]


def pairs_of_views(db: Path, chosen: dict[str, tuple[str, dict[str, str]]]) -> dict[str, tuple]:
    """name -> ((app path, headers), Datasette path)."""
    pair_page = chosen["pair page"][0]
    a, b = pair_page.rstrip("/").split("/")[-2:]
    id_a, id_b = pair_ids(db, a, b)
    table = f"/{db.stem}/tracker_contact"
    newest = {"status__exact": "confirmed", "_sort_desc": "date", "_size": PAGE}
    with_both = " and ".join(
        f"id in (select contact_id from tracker_contact_participants where person_id = {i})" for i in (id_a, id_b)
    )
    pair = {**newest, "_where": with_both}
    return {
        "timeline fragment": (chosen["timeline"], f"{table}?{urlencode(newest)}"),
        "one pair": (chosen["timeline pair"], f"{table}?{urlencode(pair)}"),
        "pair page": (chosen["pair page"], f"{table}?{urlencode(pair)}"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per view on each side")
    parser.add_argument("--warmup", type=int, default=3, help="requests per view on each side before timing")
    parser.add_argument("--keep", action="store_true", help="keep the record and reuse a kept one")
    parser.add_argument("--uncached", action="store_true", help="the app's page cache off: every request renders")
    parser.add_argument("--cases", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cases:
        load.setup_django()
        print(json.dumps(load.scale.cases_for_record()))
        return

    command = datasette()
    Path(load.EMPTY_STATIC).mkdir(exist_ok=True)
    database_url = load.prepare("sqlite", args.contacts, args.keep)
    db = Path(database_url.removeprefix("sqlite:///"))
    processes: list[subprocess.Popen] = []
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--cases", "1"],
            env=load.env_for(database_url),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        ).stdout
        views = pairs_of_views(db, json.loads(out.strip().splitlines()[-1]))

        app_port, ds_port = load.free_port(), load.free_port()
        processes.append(load.start_gunicorn(database_url, 1, app_port, page_cache=not args.uncached))
        processes.append(
            subprocess.Popen(
                [str(command), "serve", "-i", str(db), "-h", "127.0.0.1", "-p", str(ds_port)]
                + ["--setting", "suggest_facets", "off", "--setting", "default_page_size", str(PAGE)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(ds_port, "/-/versions.json", processes[-1], "datasette")

        for name, ((app_path, headers), ds_path) in views.items():
            rows = json.loads(get(ds_port, ds_path.replace("tracker_contact?", "tracker_contact.json?"))[2])
            print(f"  {name}: Datasette's table has {rows['filtered_table_rows_count']:,} rows", flush=True)
            for _ in range(args.warmup):
                for port, path, h in ((app_port, app_path, headers), (ds_port, ds_path, {})):
                    _, status, _ = get(port, path, h)
                    if status != 200:
                        sys.exit(f"{path} answered {status}")

        times: dict[str, dict[str, list[float]]] = {name: {"app": [], "datasette": []} for name in views}
        for n in range(args.rounds):
            for name, ((app_path, headers), ds_path) in views.items():
                sides = [("app", app_port, app_path, headers), ("datasette", ds_port, ds_path, {})]
                for side, port, path, h in sides if n % 2 == 0 else sides[::-1]:
                    elapsed, status, _ = get(port, path, h)
                    if status != 200:
                        sys.exit(f"{path} answered {status}")
                    times[name][side].append(elapsed * 1000)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        if not args.keep:
            load.remove(database_url)

    print(
        f"\nApp (gunicorn, 1 worker) and Datasette over the same {args.contacts:,} synthetic contacts (SQLite), "
        f"{args.rounds} interleaved requests each, the app's page cache {'off' if args.uncached else 'on'}; "
        "ratio = app time / Datasette time"
    )
    print(f"{'view':<18} {'app ms':>9} {'datasette ms':>13} {'ratio':>7} {'ratio q1-q3':>13}  app path")
    for name, ((app_path, _), _) in views.items():
        app, ds = times[name]["app"], times[name]["datasette"]
        per_round = sorted(x / y for x, y in zip(app, ds, strict=True))
        q1, q3 = per_round[len(per_round) // 4], per_round[(3 * len(per_round)) // 4]
        ratio = statistics.median(app) / statistics.median(ds)
        note = "  (over 1.0x)" if ratio > 1.0 else ""
        print(
            f"{name:<18} {statistics.median(app):>9.1f} {statistics.median(ds):>13.1f} {ratio:>6.2f}x "
            f"{f'{q1:.2f}-{q3:.2f}x':>13}  {app_path}{note}"
        )
    print("goal: at most 1.0x for each (medians)")


if __name__ == "__main__":
    main()
