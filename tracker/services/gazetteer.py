"""The extraction gazetteer and topic keywords, read from the database.

``KnownPerson.key`` is the person's slug (``Person.objects.get(slug=key)`` finds them again).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import Prefetch

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
    gazetteer, topics, _ = gazetteer_current_fingerprinted()
    return gazetteer, topics


def gazetteer_current_fingerprinted() -> tuple[Gazetteer, dict[str, list[str]], tuple]:
    """``gazetteer_current()`` and the fingerprint of the people it was checked against (read
    once), for a caller that checks again later whether they changed meanwhile."""
    batch = _batch.get()
    seen = gazetteer_fingerprint()
    if batch is None:
        return gazetteer_from_db(), topic_keywords_from_db(), seen
    if "gazetteer" not in batch or batch["fingerprint"] != seen or batch.get("unsettled"):
        batch["gazetteer"], batch["topics"] = gazetteer_from_db(), topic_keywords_from_db()
        batch["fingerprint"], batch["unsettled"] = seen, False
    return batch["gazetteer"], batch["topics"], seen


def gazetteer_fingerprint() -> tuple:
    """Changes whenever a person is added or removed, renamed to a name of another length, given
    an alias, a country or an office: what the gazetteer knows of people. One aggregate read
    (written out: it runs a few times per article, where the ORM's compiling cost more than the
    query)."""
    person, office = Person._meta.db_table, Office._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(id), MAX(id), COALESCE(SUM(LENGTH(name) + LENGTH(aliases)), 0), "
            f"COALESCE(SUM(country_id), 0), (SELECT COUNT(id) FROM {office}), (SELECT MAX(id) FROM {office}) "
            f"FROM {person}"
        )
        return tuple(cursor.fetchone())


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
    them (a renamed person is then known by both names, under one key). Call
    ``gazetteer_batch_settle`` before the transaction that made them ends."""
    batch = _batch.get()
    if batch and "gazetteer" in batch:
        batch["gazetteer"].add_person(known_person(person, offices=list(person.offices.all())))
        batch["unsettled"] = True


def gazetteer_batch_settle() -> None:
    """Take the fingerprint of the people on record as the batch's own, once the people an article
    added are all in its gazetteer (one read, not one per person). Call inside the transaction
    that added them, under the ingest lock: no other ingester's change can then be taken for ours
    (an editor's made meanwhile, without the lock, is seen only in the next batch)."""
    batch = _batch.get()
    if batch and batch.get("unsettled"):
        batch["fingerprint"], batch["unsettled"] = gazetteer_fingerprint(), False


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
