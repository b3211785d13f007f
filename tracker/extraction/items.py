"""The plain values extraction reads (the gazetteer) and proposes (people, contacts, statements, claims).

Every proposed item carries a ``Span`` into the original text, so a reviewer can see the exact words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.rules import office_held_on


@dataclass(frozen=True)
class KnownOffice:
    title: str
    country: str
    start: date
    end: date | None  # the successor's first day; None while in office

    def held_on(self, day: date) -> bool:
        return office_held_on(self.start, self.end, day)


@dataclass(frozen=True)
class KnownPerson:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    offices: tuple[KnownOffice, ...] = ()


@dataclass(frozen=True)
class KnownCountry:
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


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
    variant: str | None = None  # another form of a known person's name, written here ("Kishida Fumio")


@dataclass
class ContactItem:
    participants: list[str]
    participant_keys: list[str | None]
    kind: str  # phone_call|video_call|meeting|visit|letter|message|other: decided by extraction, stored as is
    date: date | None
    precision: str  # day|week|month|approximate
    planned: bool
    span: Span
    evidence: str
    host: str | None = None
    initiator: str | None = None
    # What the source's own words call the contact when that differs from ``kind`` (the Kremlin's
    # "meeting, held via videoconference" is a video call reported as a meeting); None when the same.
    reported_kind: str | None = None


@dataclass
class StatementItem:
    speaker: str
    speaker_key: str | None
    quote: str
    quote_span: Span
    span: Span
    date: date | None
    precision: str
    channel: str  # readout|briefing|interview|written|speech|social|other
    is_fragment: bool


@dataclass
class GapClaimItem:
    participants: list[str]
    participant_keys: list[str | None]
    ends: date
    starts: date | None
    comparison: str  # more_than|at_least|exactly|less_than|longest_since|first_since|ordinal|last_contact
    duration_days: int | None
    duration_months: int | None
    anchor: date | None
    text: str
    span: Span
    ordinal: int | None = None  # "our 12th meeting": 12; "the first time they met": 1
    anchor_text: str | None = None  # the anchor as written ("the harbour bombing", "2019", "this year")
    anchor_precision: str | None = None  # day|week|month|year or approximate; None when undated
    contact_noun: str | None = None  # the kind of contact counted ("videoconference", "visit")
    contact_kind: str | None = None  # its kind class ("remote", "in_person"); None when any contact counts
    last_when: str | None = None  # "last met in Lisbon": "in Lisbon"


@dataclass
class ArticleMeta:
    title: str | None
    authors: list[str]
    dateline: str | None
    published: date | None
    url: str | None
    publisher: str | None


@dataclass
class Extraction:
    text: str
    meta: ArticleMeta
    people: list[PersonMention]
    contacts: list[ContactItem]
    statements: list[StatementItem]
    gap_claims: list[GapClaimItem]
    topics: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Document:
    text: str
    published: date | None
    title: str | None
    url: str | None
    publisher: str | None
    source: str
    errors: list[str] = field(default_factory=list)
    doc_id: str | None = None  # the "id" of a JSONL line, when there is one
    authors: list[str] = field(default_factory=list)
