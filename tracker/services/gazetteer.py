"""The extraction gazetteer and topic keywords, read from the database.

``KnownPerson.key`` is the person's slug (``Person.objects.get(slug=key)`` finds them again).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson
from tracker.models import Country, Person, Topic

# Inside ``gazetteer_batch()``: the batch's gazetteer and topics, built on first use.
_batch: contextvars.ContextVar[dict | None] = contextvars.ContextVar("gazetteer_batch", default=None)


@contextmanager
def gazetteer_batch() -> Iterator[None]:
    """Within the block, ``gazetteer_current()`` builds the gazetteer once instead of per article.

    For bulk ingestion in one process: people created meanwhile are added with
    ``gazetteer_person_added``; edits made elsewhere during the batch are not seen until it ends.
    """
    token = _batch.set({})
    try:
        yield
    finally:
        _batch.reset(token)


def gazetteer_current() -> tuple[Gazetteer, dict[str, list[str]]]:
    """The gazetteer and topic keywords: the batch's if one is open, else fresh from the database."""
    batch = _batch.get()
    if batch is None:
        return gazetteer_from_db(), topic_keywords_from_db()
    if "gazetteer" not in batch:
        batch["gazetteer"], batch["topics"] = gazetteer_from_db(), topic_keywords_from_db()
    return batch["gazetteer"], batch["topics"]


def batch_cached(name: str, build):
    """``build()``, computed once per open batch (every time when none is open)."""
    batch = _batch.get()
    if batch is None:
        return build()
    if name not in batch:
        batch[name] = build()
    return batch[name]


def gazetteer_person_added(person: Person) -> None:
    """Tell the open batch (if any) about a person just created or renamed, so later articles find
    them (a renamed person is then known by both names, under one key)."""
    batch = _batch.get()
    if batch and "gazetteer" in batch:
        batch["gazetteer"].add_person(known_person(person, offices=list(person.offices.all())))


def known_person(person: Person, *, offices) -> KnownPerson:
    return KnownPerson(
        key=person.slug,
        name=person.name,
        aliases=tuple(person.alias_list),
        country=person.country.name if person.country else None,
        # An office of unknown start (inferred from one article) would name its holder on any
        # day; only offices with a known start place a title ("the French President") on a day.
        offices=tuple(KnownOffice(o.title, o.country.name, o.start, o.end) for o in offices if o.start is not None),
    )


def gazetteer_from_db() -> Gazetteer:
    """Every person with offices, and every country. Three queries."""
    people = [
        known_person(person, offices=person.offices.all())
        for person in Person.objects.select_related("country").prefetch_related("offices__country")
    ]
    countries = [KnownCountry(c.name, tuple(c.alias_list), tuple(c.demonym_list)) for c in Country.objects.all()]
    return Gazetteer(people=people, countries=countries)


def topic_keywords_from_db() -> dict[str, list[str]]:
    """Topic name → its keywords (the name itself when none are listed). One query."""
    return {t.name: t.keyword_list for t in Topic.objects.all()}
