"""Precision of the people ingestion creates from the White House readouts in ../shared/readouts.

    DEBUG=1 /work/main/.venv/bin/python benchmarks/people_precision.py [--show]

Runs ``migrate``, ``load_demo --no-editor`` and ``ingest --confirm`` into a temporary SQLite
database, then judges every person the ingest created by checks that share no code with the
extractor (their word lists and place names are this script's own, places from pycountry):

- single word: "Gallant", "Head" (a person is named by more than one word);
- title word: a title or role word inside the name ("Secretary Marty Walsh", "Affairs Jake Sullivan");
- place: the name is, or contains, a country or a US state ("New Mexico", "Oklahoma Farmers Union");
- organisation: an organisation or event word ("Dartmouth College", "Kishida’s Official Visit");
- duplicate: another person has the same name once accents, hyphens and word order are folded away
  ("Kishida Fumio" / "Fumio Kishida"), or one's words are a prefix or suffix of the other's
  ("Mohamed bin Zayed" / "Mohamed bin Zayed Al Nahyan") with no disagreeing country.

Prints the counts, the share judged junk by at least one check, and (with ``--show``) the names.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLE_WORDS = set(
    """president vice prime minister secretary chancellor king queen emir amir sultan crown prince princess
    premier senator governor ambassador general admiral advisor adviser director administrator chair chairman
    chairwoman co-chair representative delegate congressman congresswoman envoy counselor speaker leader
    deputy designate mayor affairs security national head chief commissioner special senior attorney nsa
    sheikh cardinal pope spokesperson minister pro tempore""".split()
)
ORGANISATION_WORDS = set(
    """university college union church center centre network league federation alliance initiative agenda
    order framework summary call visit county family members academy congress guard council committee
    partnership bureau association institute foundation school agency department ministry office
    technology emerging meeting summit""".split()
)


def folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").casefold().split())


def place_names() -> set[str]:
    import pycountry

    names = set()
    for c in pycountry.countries:
        names.update(folded(n) for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")) if n)
    names.update(folded(s.name) for s in pycountry.subdivisions.get(country_code="US"))
    return names


def contains_place(name: str, places: set[str]) -> bool:
    words = folded(name).split()
    return any(" ".join(words[i:j]) in places for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def duplicates(people: list[tuple[str, str | None]]) -> dict[str, str]:
    """Name -> the other person's name it duplicates (folded, permuted, or prefix/suffix)."""
    out: dict[str, str] = {}
    by_sorted: dict[tuple[str, ...], list[tuple[str, str | None]]] = defaultdict(list)
    for name, country in people:
        by_sorted[tuple(sorted(folded(name).split()))].append((name, country))
    for group in by_sorted.values():
        for name, _ in group[1:]:
            out[name] = group[0][0]
    tokens = [(name, country, folded(name).split()) for name, country in people]
    for name, country, words in tokens:
        if len(words) < 2 or name in out:
            continue
        for other, other_country, other_words in tokens:
            if len(other_words) <= len(words) or (country and other_country and country != other_country):
                continue
            n = len(words)
            if other_words[:n] == words or other_words[-n:] == words:
                out[name] = other
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--show", action="store_true", help="List the names each check flags.")
    args = parser.parse_args()
    readouts = Path(args.shared) / "readouts"
    if not readouts.is_dir():
        sys.exit(f"{readouts} not found")
    tmp = tempfile.mkdtemp(prefix="people-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/people.sqlite3"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tracker.models import Contact, Person

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-editor", verbosity=0, stdout=StringIO())
    known = set(Person.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    call_command("ingest", str(readouts), "--confirm", stdout=StringIO(), stderr=StringIO())
    seconds = time.perf_counter() - started

    everyone = list(Person.objects.select_related("country").order_by("pk"))  # the first seen is the original
    created = [p for p in everyone if p.pk not in known]
    in_contacts = set(Contact.objects.confirmed().values_list("participants", flat=True))
    places = place_names()
    dupes = duplicates([(p.name, p.country.name if p.country else None) for p in everyone])
    checks = {
        "single word": lambda p: len(p.name.split()) < 2,
        "title word": lambda p: any(w in TITLE_WORDS for w in folded(p.name).split()),
        "place": lambda p: contains_place(p.name, places),
        "organisation": lambda p: any(w.strip("'s") in ORGANISATION_WORDS for w in folded(p.name).split()),
        "duplicate": lambda p: p.name in dupes,
    }
    flagged = {label: [p for p in created if check(p)] for label, check in checks.items()}
    junk = {p.pk for found in flagged.values() for p in found}

    print(f"ingest of {readouts}: {seconds:.1f} s; {Contact.objects.confirmed().count()} confirmed contacts")
    print(f"people created: {len(created)} ({sum(p.pk in in_contacts for p in created)} in confirmed contacts)")
    print(f"  without a country: {sum(p.country is None for p in created)}")
    for label, found in flagged.items():
        print(f"  {label:13s} {len(found):4d}")
    print(f"  junk by any check: {len(junk)} of {len(created)} ({len(junk) / max(len(created), 1):.0%})")
    print(f"  in contacts and junk: {len(junk & in_contacts)}")
    if args.show:
        for label, found in flagged.items():
            print(f"\n{label}:")
            for p in sorted(found, key=lambda p: p.name):
                extra = f" = {dupes[p.name]}" if label == "duplicate" else ""
                print(f"  {p.name}{extra}" + (" [contact]" if p.pk in in_contacts else ""))


if __name__ == "__main__":
    main()
