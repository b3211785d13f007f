"""Small builders for ingest tests: synthetic countries and leaders, and hand-built extractions
(the real ``tracker.extraction`` classes, filled by hand, so the storing side is tested on its own)."""

from __future__ import annotations

from datetime import date

from tracker.extraction import (
    ArticleMeta,
    ContactItem,
    Extraction,
    GapClaimItem,
    PersonMention,
    Span,
    StatementItem,
)
from tracker.models import Country, Office, Person

__all__ = ["GapClaimItem", "PersonMention", "StatementItem"]


def an_extraction(text: str, **items) -> Extraction:
    """An extraction as ``tracker.extraction.extract`` returns it, with only the given items."""
    return Extraction(
        text=text,
        meta=items.pop("meta", ArticleMeta(None, [], None, None, None, None)),
        people=items.pop("people", []),
        contacts=items.pop("contacts", []),
        statements=items.pop("statements", []),
        gap_claims=items.pop("gap_claims", []),
        topics=items.pop("topics", []),
        **items,
    )


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def country(name: str, demonym: str = "", aliases: str = "") -> Country:
    return Country.objects.create(name=name, demonyms=demonym, aliases=aliases)


def leader(name: str, title: str, of: Country, since: date = date(2020, 1, 1)) -> Person:
    person = Person.objects.create(name=name, country=of)
    Office.objects.create(person=person, title=title, country=of, start=since)
    return person


def call_item(text: str, words: str, people: list[Person], day: date, kind: str = "phone_call", **extra) -> ContactItem:
    return ContactItem(
        participants=[p.name for p in people],
        participant_keys=[p.slug for p in people],
        kind=kind,
        date=day,
        precision=extra.pop("precision", "day"),
        planned=extra.pop("planned", False),
        span=span_of(text, words),
        evidence=words,
        **extra,
    )
