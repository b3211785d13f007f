"""Recall of bilateral leader contacts over every White House readout in ../shared/readouts.

    DEBUG=1 /work/main/.venv/bin/python benchmarks/readouts_recall.py [--show]

The oracle is each readout's title ("Readout of President Biden's Call with Prime Minister Ishiba of
Japan"): from it alone come the expected kind class (call or meeting), the two sides (the President
or Vice President, and one named head of state or government) and the date window (the publication
day or the day before: readouts say "today" or "yesterday"). Titles about several counterparts,
domestic meetings, the National Security Advisor, or people without a leader's title are counted
apart and not scored.

Extraction runs as ``ingest`` runs it, against the gazetteer of a fresh SQLite database with the
demo fixtures loaded (``migrate`` + ``load_demo --no-editor``). The extractor never sees the title
as text (readouts keep it in front matter), so the figures measure the body's language rules.

A readout counts as found when one proposed contact has the two expected people, each once (by
surname or any other word of the counterpart's name), the expected kind class and a date in the
window. Others may take part too (the Vice President often joins a call); how many found contacts
have exactly the two is printed as well.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.tests.readout_titles import expected_from_title, fold, name_words, same_person  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--show", action="store_true", help="List what was not scored, too.")
    args = parser.parse_args()
    readouts = Path(args.shared) / "readouts"
    if not readouts.is_dir():
        sys.exit(f"{readouts} not found")

    tmp = tempfile.mkdtemp(prefix="recall-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/recall.sqlite3"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tracker.extraction import documents_from_file, extract_document
    from tracker.rules import scored_kind
    from tracker.services.gazetteer import gazetteer_from_db, topic_keywords_from_db

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0, stdout=open(os.devnull, "w"))
    gazetteer, topics = gazetteer_from_db(), topic_keywords_from_db()

    files = sorted(f for f in readouts.rglob("*.md") if f.name != "README.md")
    skipped: Counter = Counter()
    skipped_titles: list[str] = []
    by_subject: Counter = Counter()
    found_by_subject: Counter = Counter()
    misses: list[str] = []
    exactly_two = 0
    start = time.perf_counter()
    for f in files:
        doc = next(documents_from_file(f))
        expected, reason = expected_from_title(doc.title or "")
        if expected is None:
            skipped[reason] += 1
            skipped_titles.append(f"  [{reason}] {doc.title}")
            continue
        kind, subject, counterpart = expected
        by_subject[subject] += 1
        result = extract_document(doc, gazetteer=gazetteer, topics=topics)
        wanted = name_words(counterpart)
        low, high = doc.published - timedelta(days=1), doc.published

        def fits(c, kind=kind, subject=subject, wanted=wanted, low=low, high=high) -> bool:
            # A "Meeting" held virtually ("met virtually today with ...") is a video call by its words.
            virtual = kind == "meeting" and c.kind == "video_call" and "virtual" in c.evidence.lower()
            if c.date is None or (scored_kind(c.kind) != kind and not virtual):
                return False
            if not (low <= c.date <= high):
                return False
            words = [name_words(p) for p in c.participants]
            subjects = [w for w in words if fold(subject) in w]
            others = [w for w in words if same_person(wanted, w) and fold(subject) not in w]
            return len(subjects) == 1 and len(others) == 1

        fitting = [c for c in result.contacts if fits(c)]
        if fitting:
            found_by_subject[subject] += 1
            exactly_two += any(len(c.participants) == 2 for c in fitting)
        else:
            seen = "; ".join(f"{c.kind} {c.date} {' + '.join(c.participants)}" for c in result.contacts) or "no contact"
            misses.append(f"  {doc.published} {doc.title!r}\n      -> {seen}")
    elapsed = time.perf_counter() - start

    total, found = sum(by_subject.values()), sum(found_by_subject.values())
    print(f"{len(files)} readouts; {total} scored as bilateral leader contacts; extraction {elapsed:.1f} s")
    for subject in sorted(by_subject):
        n, k = by_subject[subject], found_by_subject[subject]
        print(f"  {subject:<7} {k:4d} / {n:<4d} recall {k / n:.3f}")
    print(f"recall: {found} / {total} = {found / total:.3f} ({exactly_two} of the found have exactly the two)")
    print("not scored: " + ", ".join(f"{n} {reason}" for reason, n in skipped.most_common()))
    if misses:
        print(f"misses ({len(misses)}):")
        print("\n".join(misses))
    if args.show:
        print("not scored:")
        print("\n".join(sorted(skipped_titles)))


if __name__ == "__main__":
    main()
