"""Small builders for ingest tests: synthetic countries and leaders, and hand-built extractions
shaped like ``tracker.extraction.Extraction`` (so the storing side is tested on its own)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.models import Country, Office, Person


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class PersonMention:
    name: str
    key: str | None
    country: str | None
    office: str | None
    span: Span
    is_new: bool


@dataclass
class ContactItem:
    participants: list[str]
    participant_keys: list[str | None]
    kind: str
    date: date | None
    precision: str
    planned: bool
    span: Span
    evidence: str
    host: str | None = None
    initiator: str | None = None


@dataclass
class StatementItem:
    speaker: str
    speaker_key: str | None
    quote: str
    quote_span: Span
    span: Span
    date: date | None
    precision: str
    channel: str
    is_fragment: bool


@dataclass
class GapClaimItem:
    participants: list[str]
    participant_keys: list[str | None]
    ends: date
    starts: date | None
    comparison: str
    duration_days: int | None
    duration_months: int | None
    anchor: date | None
    text: str
    span: Span


@dataclass
class ArticleMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: date | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass
class Extraction:
    text: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    people: list[PersonMention] = field(default_factory=list)
    contacts: list[ContactItem] = field(default_factory=list)
    statements: list[StatementItem] = field(default_factory=list)
    gap_claims: list[GapClaimItem] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
        participant_keys=[str(p.pk) for p in people],
        kind=kind,
        date=day,
        precision=extra.pop("precision", "day"),
        planned=extra.pop("planned", False),
        span=span_of(text, words),
        evidence=words,
        **extra,
    )
