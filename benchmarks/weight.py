"""Bytes over the wire for the home, timeline, pair and charts pages, on a first and a second visit.

Production settings (DEBUG off, ``collectstatic`` into a temporary STATIC_ROOT, whitenoise with
hashed names, Brotli and gzip) on a throw-away SQLite database made by ``manage.py synth``. Each
page is fetched with ``Accept-Encoding: br, gzip``, then every script and stylesheet it names and
the data its scripts fetch (the visual timeline's JSON). A first visit pays for all of it; a
second visit pays again only for what is not cached for good (hashed static files are sent
``Cache-Control: max-age=315360000, immutable``, so the browser does not ask again). Goal: each
page under 1.5 MB on a first visit, under 100 KB on a second.

    python benchmarks/weight.py [--contacts 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_GOAL, SECOND_GOAL = 1.5 * 1024 * 1024, 100 * 1024


def env_for(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'weight.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "DEBUG": "0",
        "STATIC_MANIFEST": "1",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": str(ROOT),
    }


def build(folder: Path, contacts: int) -> None:
    env = env_for(folder)
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not (folder / "weight.sqlite3").exists():
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        synth = [*manage, "synth", "--leaders", "100", "--contacts", str(contacts), "--statements", str(contacts)]
        subprocess.run(synth, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)


def page_weights() -> dict[str, dict]:
    """Runs in a child process with the production settings of ``env_for``."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != here]
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from tracker.models import Gap, Person

    busiest = Gap.objects.order_by().values("person_a", "person_b").annotate(n=Count("id")).order_by("-n").first()
    a, b = (Person.objects.get(pk=busiest[k]).slug for k in ("person_a", "person_b"))
    visual = reverse("timeline:visual_data")
    pages = {
        "home": (reverse("timeline:home"), []),
        "timeline": (reverse("timeline:timeline"), [f"{visual}?lanes=pair&rows=8"]),
        "pair": (reverse("timeline:pair", args=[a, b]), [f"{visual}?pair={a},{b}&lanes=kind&rows=8"]),
        "charts": (reverse("timeline:charts"), []),
    }
    client = Client(headers={"Accept-Encoding": "br, gzip"})
    out = {}
    for name, (url, data_urls) in pages.items():
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        raw = page.content
        html = (gzip.decompress(raw) if page.get("Content-Encoding") == "gzip" else raw).decode()
        assets = re.findall(r'<(?:script[^>]+src|link[^>]+href)="(/static/[^"]+)"', html)
        first, second, files = len(page.content), len(page.content), {}
        for asset in dict.fromkeys(assets):
            response = client.get(asset)
            assert response.status_code == 200, asset
            body = b"".join(response.streaming_content) if response.streaming else response.content
            cached = "immutable" in response.get("Cache-Control", "")
            files[asset] = {"bytes": len(body), "encoding": response.get("Content-Encoding", ""), "cached": cached}
            first += len(body)
            second += 0 if cached else len(body)
        for data_url in data_urls:
            size = len(client.get(data_url).content)  # as sent: gzipped when large enough
            first += size
            second += size
        out[name] = {"first": first, "second": second, "files": files}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--keep", help="keep the database and static files in this folder")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="list every file with its size and encoding")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(page_weights()))
        return
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="weight-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        build(folder, args.contacts)
        out = subprocess.run(
            [sys.executable, __file__, "--measure"],
            env=env_for(folder),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        ).stdout
        results = json.loads(out.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("Bytes over the wire (Accept-Encoding: br, gzip; hashed static files cached for good)")
    print(f"{'page':<10} {'first visit':>14} {'second visit':>14}")
    for name, r in results.items():
        over = "  (over the goal)" if r["first"] > FIRST_GOAL or r["second"] > SECOND_GOAL else ""
        print(f"{name:<10} {r['first'] / 1024:>11.1f} KB {r['second'] / 1024:>11.1f} KB{over}")
        if args.verbose:
            for path, f in r["files"].items():
                print(f"    {f['bytes'] / 1024:>9.1f} KB {f['encoding'] or 'identity':<9} {path}")
    print("goal: under 1,536 KB on a first visit, under 100 KB on a second")


if __name__ == "__main__":
    main()
