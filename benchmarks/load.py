"""Load on gunicorn: requests per second, p50 and p99 latency and errors for the timeline fragment,
a pair page, a leader page, a chart and an export, on SQLite or PostgreSQL.

A synthetic record (``manage.py synth``: fictional leaders, two statements per contact) is built,
or reused with ``--keep``; gunicorn then serves it as in production (``scripts/serve.sh``: sync
workers, ``DEBUG`` off) with ``--workers`` processes on a free local port, and a load generator in
this process (asyncio, one new connection per request as gunicorn's sync workers close each one)
keeps ``--connections`` requests in flight against one URL at a time for ``--seconds``. Any
response that is not 2xx, and any failed or timed-out connection, counts as an error.

Public pages are cached until the record changes (``timeline.page_cache``), and a load test asks
one URL again and again, so it measures cached answers; ``--uncached`` turns the cache off and
measures rendering every request.

Goals (issue 14): pair page >= 50 requests/s and timeline fragment >= 100 requests/s, p99 under
250 ms, 0 errors, on both databases at 100,000 contacts.

    python benchmarks/load.py [--database sqlite|postgresql] [--contacts 100000] [--workers 4]
        [--connections 8] [--seconds 20] [--keep] [--uncached]

SQLite: the record is ``$TMPDIR/load-bench-<contacts>.sqlite3``. PostgreSQL: ``DATABASE_URL`` must
name a PostgreSQL database; beside it the record is ``<name>_scale_<contacts>``, the same one
``benchmarks/scale.py --keep`` builds, so either script reuses the other's. Without ``--keep`` the
record is removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def sibling(name: str) -> ModuleType:
    """Another script of benchmarks/, loaded by path: putting the folder on sys.path would let its
    timeline.py hide the app of that name (for this script's importers too, e.g. tests)."""
    if f"benchmarks.{name}" not in sys.modules:
        spec = importlib.util.spec_from_file_location(f"benchmarks.{name}", Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules[f"benchmarks.{name}"]


scale = sibling("scale")  # the synthetic record; on PostgreSQL its naming, building, dropping

GOALS = {"timeline": 100, "pair page": 50}  # requests/s
P99_GOAL_MS = 250
EMPTY_STATIC = str(Path(tempfile.gettempdir()) / "load-bench-static")


def sqlite_path(contacts: int) -> Path:
    return Path(tempfile.gettempdir()) / f"load-bench-{contacts}.sqlite3"


def env_for(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "STATIC_MANIFEST": "0",
        "SECURE_COOKIES": "0",
        # Connections kept between requests, as README's "Run in production" advises: a cached page
        # costs one short query, and opening a PostgreSQL connection for it cost several times that.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "PYTHONPATH": str(ROOT),
        # Pages name static files without serving them here: an empty folder keeps whitenoise quiet.
        "STATIC_ROOT": EMPTY_STATIC,
    }


def sqlite_contacts(db: Path) -> int | None:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM tracker_contact").fetchone()[0]
    except sqlite3.Error:
        return None


def build_sqlite(db: Path, contacts: int) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    scale.record_synthesize(env_for(f"sqlite:///{db}"), contacts)
    with sqlite3.connect(db) as conn:
        conn.execute("ANALYZE")
    return time.perf_counter() - started


def prepare(database: str, contacts: int, keep: bool) -> str:
    """The record's DATABASE_URL, built unless --keep finds one of the right size."""
    if database == "sqlite":
        db = sqlite_path(contacts)
        url = f"sqlite:///{db}"
        if keep and sqlite_contacts(db) == contacts:
            subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env_for(url), check=True)
            print(f"reusing {contacts:,} contacts ({db})", flush=True)
        else:
            print(f"built {contacts:,} contacts in {build_sqlite(db, contacts):.1f} s ({db})", flush=True)
        return url
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("--database postgresql: set DATABASE_URL to a PostgreSQL database (the record goes beside it).")
    url = scale.database_url(base, contacts)
    name = url.rsplit("/", 1)[-1]
    if keep and scale.contacts_in(url) == contacts:
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env_for(url), check=True)
        print(f"reusing {contacts:,} contacts ({name})", flush=True)
    else:
        print(f"built {contacts:,} contacts in {scale.build(url, contacts):.1f} s ({name})", flush=True)
    return url


def remove(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(database_url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        scale.server(database_url, f'DROP DATABASE IF EXISTS "{database_url.rsplit("/", 1)[-1]}"')


def setup_django() -> None:
    """In a child process whose environment names the record (benchmarks/ leaves the path first:
    its timeline.py would hide the app of that name)."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != here]
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()


def cases() -> dict[str, tuple[str, dict[str, str]]]:
    """In a child process on the record: name -> (path, headers), for the busiest pair and leader."""
    setup_django()
    from django.urls import reverse

    from timeline.charts import CHARTS

    everything = scale.cases_for_record()
    pair_page = everything["pair page"][0]
    a, b = pair_page.rstrip("/").split("/")[-2:]
    chart = next(iter(CHARTS))
    return {
        "timeline": everything["timeline"],
        "pair page": everything["pair page"],
        "leader page": everything["leader page"],
        f"chart {chart}": everything[f"chart {chart}"],
        "pair export csv": (reverse("timeline:pair_contacts_export", args=[a, b, "csv"]), {}),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(database_url: str, workers: int, port: int, page_cache: bool = True) -> subprocess.Popen:
    """gunicorn on the record; ``page_cache`` off renders every page afresh (PAGE_CACHE_SECONDS=0)."""
    env = env_for(database_url) | ({} if page_cache else {"PAGE_CACHE_SECONDS": "0"})
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application"]
        + ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "60"]
        + ["--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not start listening within 60 s")


async def fetch(port: int, path: str, headers: dict[str, str], timeout: float) -> tuple[int, int]:
    """One GET on a new connection: (status, body bytes); status 0 when the connection failed."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(-1), timeout)  # the server closes after the body
    finally:
        writer.close()
    status_line = data.split(b"\r\n", 1)[0].split()
    status = int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 0
    return status, len(data)


async def drive(port: int, path: str, headers: dict[str, str], connections: int, seconds: float, timeout: float):
    """Keep `connections` requests in flight for `seconds`: latencies (ms) and errors, by reason."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    stop = time.perf_counter() + seconds

    async def client() -> None:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                status, _ = await fetch(port, path, headers, timeout)
                reason = None if 200 <= status < 300 else f"HTTP {status}" if status else "no response"
            except (TimeoutError, OSError) as exc:
                reason = type(exc).__name__
            latencies.append((time.perf_counter() - started) * 1000)
            if reason:
                errors[reason] = errors.get(reason, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--connections", type=int, default=8, help="requests in flight at once")
    parser.add_argument("--seconds", type=float, default=20, help="load time per URL")
    parser.add_argument("--warmup", type=int, default=2, help="requests per worker and URL before the timed load")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as failed")
    parser.add_argument("--keep", action="store_true", help="keep the record, and reuse a kept one")
    parser.add_argument("--uncached", action="store_true", help="page cache off: every request renders its page")
    parser.add_argument("--cases", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cases:
        print(json.dumps(cases()))
        return

    Path(EMPTY_STATIC).mkdir(exist_ok=True)
    database_url = prepare(args.database, args.contacts, args.keep)
    server = None
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--cases", "1"],
            env=env_for(database_url),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        ).stdout
        chosen = json.loads(out.strip().splitlines()[-1])
        port = free_port()
        server = start_gunicorn(database_url, args.workers, port, page_cache=not args.uncached)
        rows = []
        for name, (path, headers) in chosen.items():
            for _ in range(args.warmup * args.workers):  # each worker imports and warms its caches
                asyncio.run(fetch(port, path, headers, args.timeout))
            latencies, errors, elapsed = asyncio.run(
                drive(port, path, headers, args.connections, args.seconds, args.timeout)
            )
            rows.append((name, path, len(latencies) / elapsed, latencies, errors))
            print(f"  {name}: {len(latencies)} requests in {elapsed:.1f} s", flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            remove(database_url)

    print(
        f"\ngunicorn, {args.workers} sync workers, {args.database}, {args.contacts:,} synthetic contacts; "
        f"{args.connections} connections for {args.seconds:g} s per URL; page cache "
        f"{'off' if args.uncached else 'on'}; CONN_MAX_AGE {env_for('')['CONN_MAX_AGE']}; "
        f"{os.getloadavg()[0]:.1f} load average (1 min)"
    )
    print(f"{'case':<18} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}  path")
    total_errors = 0
    for name, path, rate, latencies, errors in rows:
        count = sum(errors.values())
        total_errors += count
        p99 = percentile(latencies, 0.99)
        misses = []
        if name in GOALS and rate < GOALS[name]:
            misses.append(f"under {GOALS[name]} req/s")
        if name in GOALS and p99 >= P99_GOAL_MS:
            misses.append(f"p99 over {P99_GOAL_MS} ms")
        if count:
            misses.append(", ".join(f"{n} x {reason}" for reason, n in sorted(errors.items())))
        note = f"  ({'; '.join(misses)})" if misses else ""
        print(f"{name:<18} {rate:>8.1f} {percentile(latencies, 0.5):>9.1f} {p99:>9.1f} {count:>7}  {path}{note}")
    print(
        f"errors in all: {total_errors} (must be 0); goals: timeline >= {GOALS['timeline']} req/s, pair page >= "
        f"{GOALS['pair page']} req/s, p99 under {P99_GOAL_MS} ms"
    )
    if total_errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
