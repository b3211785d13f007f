"""Full run on real data: every White House readout, the founding article, then every Kremlin and
Ukrainian release, into a fresh SQLite database with the demo fixtures.

    DEBUG=1 /work/main/.venv/bin/python benchmarks/releases_ingest.py

Prints throughput per pass; the Biden–Putin video call of 2021-12-07 (one contact, two sources);
the founding claim's verdict with the deciding gap and runner-up; how many releases proposed a
contact, and how many of those whose title announces none (greetings, decrees, addresses) did.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUIET_TITLES = re.compile(r"^(?:Greetings|Congratulations|Executive Order|Launching|Address|Message|Condolences)\b")


def main() -> None:
    shared = ROOT.parent / "shared"
    if not (shared / "kremlin-ukraine").is_dir():
        sys.exit(f"{shared} not found")
    tmp = tempfile.mkdtemp(prefix="releases-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tracker.models import Article, Contact, ContactSource, GapClaim, Person

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-editor", "--no-readout-facts", stdout=StringIO())
    folder = Path(tmp) / "readouts"
    folder.mkdir()
    files = sorted(f for f in (shared / "readouts").rglob("*.md") if f.name != "README.md")
    for i, f in enumerate(files):  # names repeat across the readouts' folders
        (folder / f"{i:04d}-{f.name}").symlink_to(f)
    cnn = Path(tmp) / "cnn" / "cnn-2024-03-18-biden-netanyahu.md"
    cnn.parent.mkdir()
    text = (shared / "corpus" / "cnn-2024-03-18-biden-netanyahu.txt").read_text(encoding="utf-8")
    cnn.write_text("---\ndate: '2024-03-18'\npublisher: CNN\n---\n" + text, encoding="utf-8")
    releases = [shared / "kremlin-ukraine" / "kremlin.jsonl", shared / "kremlin-ukraine" / "ukraine.jsonl"]

    for name, args in [
        ("readouts", [str(folder), "--confirm", "--publisher", "The White House"]),
        ("founding article", [str(cnn), "--confirm"]),
        ("releases", [*map(str, releases), "--confirm"]),
    ]:
        out = StringIO()
        before = Article.objects.count()
        start = time.perf_counter()
        call_command("ingest", *args, stdout=out, verbosity=0)
        seconds = time.perf_counter() - start
        n = Article.objects.count() - before
        print(f"{name:<17} {n:5d} articles in {seconds:6.1f} s = {n / seconds:6.1f} articles/s")
        print("    " + " ".join(out.getvalue().splitlines()[1:3]))

    biden, putin = Person.objects.get(name="Joe Biden"), Person.objects.get(name="Vladimir Putin")
    calls = list(Contact.objects.involving(biden, putin).filter(date=date(2021, 12, 7)))
    for call in calls:
        sources = [s.article.publisher for s in call.sources.select_related("article")]
        print(f"Biden–Putin 2021-12-07: {call.kind}, {len(sources)} sources: {sources}")
    print(f"Biden–Putin contacts on 2021-12-07: {len(calls)}")

    claim = GapClaim.objects.filter(comparison="longest_since", ends=date(2024, 3, 18)).first()
    if claim:
        print(f"founding claim: {claim.verdict}: {claim.verdict_reason}")

    records = [json.loads(line) for path in releases for line in path.read_text(encoding="utf-8").splitlines()]
    proposing = set(ContactSource.objects.filter(article__url__isnull=False).values_list("article__url", flat=True))
    quiet = [r for r in records if QUIET_TITLES.match(r["title"] or "")]
    noisy = [r for r in quiet if r["url"] in proposing]
    print(f"releases proposing a contact: {sum(r['url'] in proposing for r in records)} of {len(records)}")
    print(f"releases whose title announces no contact but that proposed one: {len(noisy)} of {len(quiet)}")
    for r in noisy[:10]:
        print(f"    {r['published']} {r['title'][:90]}")


if __name__ == "__main__":
    main()
