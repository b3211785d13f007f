"""Ingestion on the real data in ../shared, with the real extractor (skipped without either).

Derived facts only (dates, names from titles); no text of the data is copied here.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tracker.models import Article, Contact, ContactSource, GapClaim, Person
from tracker.tests.readout_titles import expected_from_title, fold, name_words, same_person

SHARED = Path(settings.SHARED_DATA_DIR)
READOUTS = SHARED / "readouts"
KREMLIN = SHARED / "kremlin-ukraine" / "kremlin.jsonl"
UKRAINE = SHARED / "kremlin-ukraine" / "ukraine.jsonl"
FOUNDING = SHARED / "corpus" / "cnn-2024-03-18-biden-netanyahu.txt"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.django_db,
    pytest.mark.skipif(not READOUTS.is_dir(), reason="../shared is absent"),
]
pytest.importorskip("tracker.extraction")
pytest.importorskip("tracker.services.gazetteer")


@pytest.fixture
def leaders():
    """The demo fixtures: countries, leaders with their offices, topics (what a real install has)."""
    call_command("load_demo", "--no-editor", "--no-readout-facts", stdout=StringIO())


def ingest(*args) -> str:
    out = StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_every_readout_of_a_bilateral_call_or_meeting_yields_that_contact(leaders, tmp_path):
    files = sorted(f for f in READOUTS.rglob("*.md") if f.name != "README.md")
    for i, f in enumerate(files):  # names repeat across the readouts' folders
        (tmp_path / f"{i:03d}-{f.name}").symlink_to(f)
    print(ingest(tmp_path, "--confirm", "--publisher", "The White House"))
    checked, misses = 0, []
    articles = Article.objects.prefetch_related("contact_sources__contact__participants")
    for article in articles.filter(published__isnull=False):
        expected, _ = expected_from_title(article.title)
        if expected is None:
            continue
        checked += 1
        kind, subject, counterpart = expected
        wanted_kinds = Contact.REMOTE if kind == "call" else Contact.IN_PERSON
        found = []
        for source in article.contact_sources.all():
            contact = source.contact
            names = [name_words(" ".join([p.name, *p.alias_list])) for p in contact.participants.all()]
            # A "Meeting" held virtually ("met virtually today with ...") is a video call by its words.
            virtual = kind == "meeting" and contact.kind in Contact.REMOTE and "virtual" in source.evidence.lower()
            if (
                (contact.kind in wanted_kinds or virtual)
                and article.published - timedelta(days=1) <= contact.date <= article.published
                and sum(fold(subject) in n for n in names) == 1
                and sum(same_person(name_words(counterpart), n) for n in names if fold(subject) not in n) == 1
            ):
                found.append(contact)
        if not found:
            seen = [
                (s.contact.kind, s.contact.date.isoformat(), s.evidence[:80]) for s in article.contact_sources.all()
            ]
            misses.append(f"{article.source_file}: {article.title!r} -> {seen}")
    assert checked >= 500, f"only {checked} bilateral readouts"
    assert not misses, f"{len(misses)} of {checked} bilateral readouts lack their contact:\n" + "\n".join(misses)


# Release titles that announce no contact: greetings, decrees, addresses, messages.
QUIET_TITLES = re.compile(r"^(?:Greetings|Congratulations|Executive Order|Launching|Address|Message|Condolences)\b")


def releases_of_month(path: Path, month: str) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if f'"published": "{month}' in line]


def test_the_biden_putin_video_call_is_one_contact_with_a_source_from_each_side(leaders, tmp_path):
    for i, f in enumerate(sorted(READOUTS.rglob("2021-12-*.md"))):
        (tmp_path / f"{i:03d}-{f.name}").symlink_to(f)
    month = [*releases_of_month(KREMLIN, "2021-12"), *releases_of_month(UKRAINE, "2021-12")]
    assert len(month) > 50
    releases = tmp_path / "releases" / "2021-12.jsonl"
    releases.parent.mkdir()
    releases.write_text("\n".join(month) + "\n", encoding="utf-8")
    ingest(tmp_path, "--confirm", "--publisher", "The White House")

    biden, putin = Person.objects.get(name="Joe Biden"), Person.objects.get(name="Vladimir Putin")
    calls = Contact.objects.involving(biden, putin).filter(date=date(2021, 12, 7))
    assert calls.count() == 1, list(calls.values_list("kind", "date"))
    call = calls.get()
    assert call.kind in Contact.REMOTE
    assert set(call.participants.all()) == {biden, putin}
    # Other releases that recall the call ("the conversation between ...") are sources of it too.
    publishers = sorted(call.sources.values_list("article__publisher", flat=True))
    assert "The White House" in publishers and any("Russia" in p for p in publishers), publishers

    quiet = [json.loads(line) for line in month if QUIET_TITLES.match(json.loads(line)["title"])]
    assert len(quiet) >= 10
    proposing = ContactSource.objects.filter(article__url__in=[r["url"] for r in quiet])
    assert not proposing.exists(), list(proposing.values_list("article__title", "evidence"))


def test_the_founding_articles_longest_gap_claim_gets_a_verdict_from_the_readouts(leaders, tmp_path):
    netanyahu = [f for f in sorted(READOUTS.rglob("*.md")) if "netanyahu" in f.name]
    assert len(netanyahu) > 10
    for i, f in enumerate(netanyahu):
        (tmp_path / f"{i:03d}-{f.name}").symlink_to(f)
    ingest(tmp_path, "--confirm", "--publisher", "The White House")
    (tmp_path / "cnn").mkdir()
    cnn = tmp_path / "cnn" / "cnn-2024-03-18-biden-netanyahu.md"
    cnn.write_text("---\ndate: '2024-03-18'\npublisher: CNN\n---\n" + FOUNDING.read_text(encoding="utf-8"))
    ingest(cnn, "--confirm")

    claim = GapClaim.objects.filter(comparison="longest_since", ends=date(2024, 3, 18)).first()
    assert claim is not None, list(GapClaim.objects.values_list("comparison", "ends", "text"))
    print(f"\nverdict: {claim.verdict}: {claim.verdict_reason}")
    print(f"deciding gap: {claim.deciding_gap}; runner-up: {claim.runner_up_gap}")
    assert claim.anchor == date(2023, 10, 7)
    assert claim.verdict in ("supported", "contradicted"), claim.verdict_reason
    assert claim.deciding_gap is not None and claim.runner_up_gap is not None
