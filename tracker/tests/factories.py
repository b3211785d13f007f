"""Factories for tests: plainly synthetic records (fictional people and countries) and hand-built
extractions (the real ``tracker.extraction`` classes, filled by hand, so the storing side is tested
on its own). Plain functions; the fixtures built from them live in ``tracker/tests/conftest.py``."""

from __future__ import annotations

from datetime import date

from tracker.extraction import ArticleMeta, ContactItem, Extraction, GapClaimItem, PersonMention, Span, StatementItem
from tracker.models import Contact, Country, Office, Person, ReviewStatus
from tracker.services.contacts import contact_create

__all__ = [
    "GapClaimItem",
    "admin_contact_saved",
    "PersonMention",
    "Span",
    "StatementItem",
    "an_editor_request",
    "an_extraction",
    "call_item",
    "gap_claim_item",
    "make_contact",
    "make_country",
    "make_leader",
    "make_person",
    "span_of",
    "statement_item",
]

# --- The record ---------------------------------------------------------------------------------


def make_country(name: str = "Norvania", demonyms: str = "", aliases: str = "", **fields) -> Country:
    """The country of that name, made with these fields the first time it is asked for."""
    country, _ = Country.objects.get_or_create(name=name, defaults={"demonyms": demonyms, "aliases": aliases, **fields})
    return country


def make_person(
    name: str, *, country: Country | None = None, office: str | None = None, start=None, end=None, **fields
) -> Person:
    """A person, holding ``office`` of their country (Norvania if none) from ``start`` to ``end``."""
    person = Person.objects.create(name=name, country=country, **fields)
    if office:
        Office.objects.create(person=person, title=office, country=country or make_country(), start=start, end=end)
    return person


def make_leader(name: str, title: str, of: Country, since: date = date(2020, 1, 1)) -> Person:
    """A national of ``of`` holding ``title`` of it since ``since`` (still in office)."""
    return make_person(name, country=of, office=title, start=since)


def make_contact(
    *people: Person, on: date, kind: str = Contact.Kind.PHONE_CALL, status=ReviewStatus.CONFIRMED, **fields
) -> Contact:
    """A contact between ``people`` on ``on``, confirmed unless told otherwise, through the service."""
    return contact_create(kind=kind, date=on, participants=people, status=status, **fields)


def admin_contact_saved(client, contact: Contact, on: date, *people: Person) -> None:
    """Save ``contact`` through the admin's change form (``client`` an editor's) as a confirmed
    meeting of ``people`` on ``on``, with its inlines untouched."""
    from django.urls import reverse

    fields = {
        "kind": "meeting",
        "date": on.isoformat(),
        "date_precision": "day",
        "participants": [p.pk for p in people],
        "status": "confirmed",
        **{f"{inline}-{n}_FORMS": 0 for inline in ("sources", "statements") for n in ("TOTAL", "INITIAL")},
    }
    response = client.post(reverse("admin:tracker_contact_change", args=[contact.pk]), fields)
    assert response.status_code == 302, response.content.decode()[:2000]


def an_editor_request(path: str = "/"):
    """A GET request from a logged-in editor (an administrator, so no database row is needed)."""
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    request.user = User(username="editor", is_staff=True, is_superuser=True, is_active=True)
    return request


# --- Extractions --------------------------------------------------------------------------------


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


def statement_item(
    text: str, quote: str, speaker: Person, *, said: str, day: date | None, channel: str = "readout"
) -> StatementItem:
    """``speaker``'s ``quote`` in ``text``, introduced by the words ``said`` ("Varen said")."""
    return StatementItem(
        speaker=speaker.name,
        speaker_key=speaker.slug,
        quote=quote,
        quote_span=span_of(text, quote),
        span=span_of(text, said),
        date=day,
        precision="day",
        channel=channel,
        is_fragment=False,
    )


def gap_claim_item(text: str, words: str, people: list[Person], ends: date, **extra) -> GapClaimItem:
    """The claim made by ``words`` of ``text`` about ``people``; 'more than a month' unless told otherwise."""
    return GapClaimItem(
        participants=[p.name for p in people],
        participant_keys=[p.slug for p in people],
        ends=ends,
        starts=extra.get("starts"),
        comparison=extra.get("comparison", "more_than"),
        duration_days=extra.get("duration_days"),
        duration_months=extra.get("duration_months", 1),
        anchor=extra.get("anchor"),
        text=words,
        span=span_of(text, words),
    )
