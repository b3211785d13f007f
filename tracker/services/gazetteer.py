"""The extraction gazetteer and topic keywords, read from the database.

``KnownPerson.key`` is the person's slug (``Person.objects.get(slug=key)`` finds them again).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Count, Max, Prefetch, Sum
from django.db.models.functions import Coalesce, Length

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson
from tracker.models import Country, Office, Person, Topic

# Inside ``gazetteer_batch()``: the batch's gazetteer and topics, built on first use.
_batch: contextvars.ContextVar[dict | None] = contextvars.ContextVar("gazetteer_batch", default=None)


@contextmanager
def gazetteer_batch() -> Iterator[None]:
    """Within the block, ``gazetteer_current()`` builds the gazetteer once instead of per article.

    For bulk ingestion: people this process creates are added with ``gazetteer_person_added``;
    people other processes create, rename or give offices meanwhile are seen from the next
    article on (``gazetteer_fingerprint`` changes, and the gazetteer is built again). An edit that
    changes none of what the fingerprint sums (a name replaced by one as long) is seen only in the
    next batch.
    """
    token = _batch.set({})
    try:
        yield
    finally:
        _batch.reset(token)


def gazetteer_current() -> tuple[Gazetteer, dict[str, list[str]]]:
    """The gazetteer and topic keywords: the batch's if one is open and the people on record are
    as it knows them (one query to tell), else fresh from the database."""
    batch = _batch.get()
    if batch is None:
        return gazetteer_from_db(), topic_keywords_from_db()
    seen = gazetteer_fingerprint()
    if "gazetteer" not in batch or batch["fingerprint"] != seen:
        batch["gazetteer"], batch["topics"] = gazetteer_from_db(), topic_keywords_from_db()
        batch["fingerprint"] = seen
    return batch["gazetteer"], batch["topics"]


def gazetteer_fingerprint() -> tuple:
    """Changes whenever a person is added or removed, renamed to a name of another length, given
    an alias, a country or an office: what the gazetteer knows of people. Two aggregate reads."""
    people = Person.objects.aggregate(
        n=Count("pk"),
        top=Max("pk"),
        letters=Coalesce(Sum(Length("name") + Length("aliases")), 0),
        countries=Coalesce(Sum("country_id"), 0),
    )
    offices = Office.objects.aggregate(n=Count("pk"), top=Max("pk"))
    return (*people.values(), *offices.values())


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
        # Our own change is known now; another process's (none can write meanwhile: the caller
        # holds the ingest lock) would show in the next fingerprint.
        batch["fingerprint"] = gazetteer_fingerprint()


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
        # Offices with their country joined, not prefetched: Django writes a prefetch of a
        # foreign key as ``id = … OR …``, which SQLite refuses past 1,000 countries.
        for person in Person.objects.select_related("country").prefetch_related(
            Prefetch("offices", queryset=Office.objects.select_related("country"))
        )
    ]
    countries = [KnownCountry(c.name, tuple(c.alias_list), tuple(c.demonym_list)) for c in Country.objects.all()]
    return Gazetteer(people=people, countries=countries)


def topic_keywords_from_db() -> dict[str, list[str]]:
    """Topic name → its keywords (the name itself when none are listed). One query."""
    return {t.name: t.keyword_list for t in Topic.objects.all()}
