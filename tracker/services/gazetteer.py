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
    if batch and batch.get("held") and "gazetteer" in batch and not batch.get("unsettled"):
        return batch["gazetteer"], batch["topics"], batch["fingerprint"]  # see ``gazetteer_batch_hold``
    seen = gazetteer_fingerprint()
    if batch is None:
        return gazetteer_from_db(), topic_keywords_from_db(), seen
    if "gazetteer" not in batch or batch["fingerprint"] != seen or batch.get("unsettled"):
        batch["gazetteer"], batch["topics"] = gazetteer_from_db(), topic_keywords_from_db()
        batch["fingerprint"], batch["unsettled"] = seen, False
        batch.pop("topic_rows", None)  # read again with the keywords (``ingest_items.topics_named``)
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


def gazetteer_person_added(person: Person, *, offices: list[Office] | None = None) -> None:
    """Tell the open batch (if any) about a person just created or renamed, so later articles find
    them (a renamed person is then known by both names, under one key); ``offices``: all of theirs,
    when the caller knows them (one query saved). Call ``gazetteer_batch_settle`` before the
    transaction that made them ends."""
    batch = _batch.get()
    if batch and "gazetteer" in batch:
        offices = list(person.offices.all()) if offices is None else offices
        batch["gazetteer"].add_person(known_person(person, offices=offices))
        batch["unsettled"] = True


def gazetteer_batch_settle() -> None:
    """Take the fingerprint of the people on record as the batch's own, once the people an article
    added are all in its gazetteer (one read, not one per person). Call inside the transaction
    that added them, under the ingest lock: no other ingester's change can then be taken for ours
    (an editor's made meanwhile, without the lock, is seen only in the next batch)."""
    batch = _batch.get()
    if batch and batch.get("unsettled"):
        # Held: read once, when the transaction ends (``gazetteer_batch_release``).
        batch["fingerprint"] = None if batch.get("held") else gazetteer_fingerprint()
        batch["unsettled"] = False


def gazetteer_batch_hold() -> None:
    """The caller has just taken the ingest lock for a transaction of many articles
    (``tracker.services.ingest_batch``): check the people on record once (one read; the gazetteer
    is built again if others changed them), then, until ``gazetteer_batch_release``, take the
    batch's gazetteer as current without reading again: only this transaction changes the people
    meanwhile, and it tells the gazetteer of each change (``gazetteer_person_added``). An article
    that added people and failed before settling still has the gazetteer built again."""
    batch = _batch.get()
    if batch is not None:
        gazetteer_current_fingerprinted()
        batch["held"] = True


def gazetteer_knows_everyone(gazetteer: Gazetteer) -> bool:
    """Whether ``gazetteer`` is the one of a batch that holds the ingest lock
    (``gazetteer_batch_hold``): it then lists every person on record (this transaction tells it
    of each person it adds or renames), so a name it does not know is no one's on record. An
    editor's rename made meanwhile without the lock, to a name as long, is seen from the next batch
    on, as for the gazetteer's own matching (a person created under that name clashes on
    ``Person.name_key``, and the clash finds the renamed one)."""
    batch = _batch.get()
    return bool(batch and batch.get("held") and batch.get("gazetteer") is gazetteer)


def gazetteer_batch_release() -> None:
    """Before the held transaction commits: the fingerprint of what it stored becomes the batch's
    own (one read, if it added people)."""
    batch = _batch.get()
    if batch is not None and batch.pop("held", False) and "gazetteer" in batch and batch["fingerprint"] is None:
        batch["fingerprint"] = gazetteer_fingerprint()


def gazetteer_batch_forget() -> None:
    """After a rollback of many articles: what the batch knows may name people no longer on
    record; all of it is read again on next use."""
    batch = _batch.get()
    if batch is not None:
        batch.clear()


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
