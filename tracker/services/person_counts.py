"""Upkeep of each person's own tallies: ``PersonMonthCount`` (their contacts by month, kind and
review status) and ``PersonPairCount`` (the pairs of others in their confirmed contacts).

Every change to a contact marks the pairs of its participants (``tracker.signals``, the
services), so every participant is in one of the pairs whose tallies ``tracker.services.upkeep``
rewrites: it rewrites their people's tallies with them (``person_counts_recompute``), a
difference against the stored rows like the other tallies, under each person's lock
(``people_lock``, after the pairs' locks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from tracker.models import Contact, PersonMonthCount, PersonPairCount, ReviewStatus, participants
from tracker.models.record import CROWDED
from tracker.services import upkeep
from tracker.services.locks import people_lock

PERSON_MONTH_KEYS = ("person_id", "status", "month", "kind")
PERSON_PAIR_KEYS = ("person_id", "person_a_id", "person_b_id")


def _months(rows: QuerySet) -> dict[tuple, int]:
    """``(person_id, status, month, kind) -> contacts`` of ``rows``, participants rows."""
    grouped = (
        rows.order_by()
        .annotate(month=TruncMonth("contact__date"))
        .values_list("person_id", "contact__status", "month", "contact__kind")
        .annotate(n=Count("contact_id"))
    )
    return {tuple(r[:-1]): r[-1] for r in grouped}


def _pairs_of_others(crowded: QuerySet, people: set[int] | None) -> dict[tuple, int]:
    """``(person_id, person_a_id, person_b_id) -> contacts`` of the contacts ``crowded`` (confirmed,
    of three or more participants), for each of their participants in ``people`` (all if None):
    one read of their participants rows."""
    met: dict[int, list[int]] = {}
    for contact_id, person_id in participants().filter(contact__in=crowded).values_list("contact_id", "person_id"):
        met.setdefault(contact_id, []).append(person_id)
    counted: Counter = Counter()
    for ids in met.values():
        ids.sort()
        for person in ids if people is None else people.intersection(ids):
            counted.update((person, a, b) for a, b in combinations([i for i in ids if i != person], 2))
    return counted


def _crowded() -> QuerySet:
    # The stored participant count: ``tracker.signals`` refreshes it before it marks the pairs.
    return Contact.objects.filter(status=ReviewStatus.CONFIRMED, participant_count__gte=CROWDED).values("pk")


def person_counts_recompute(people: Iterable[int]) -> upkeep.Changes:
    """Rewrite the ``PersonMonthCount`` and ``PersonPairCount`` rows of ``people`` from their
    contacts (two grouped reads, a read of each table's rows of theirs, the changed rows written);
    returns the rows changed per table. Inside a transaction: the people's locks are held until
    it ends."""
    people = sorted(set(people))
    if not people:
        return upkeep.Changes()
    people_lock(people)
    theirs = participants().filter(person_id__in=people)
    # status__in as well: each contact's status is then checked from the (id, status) index.
    months = _months(theirs.filter(contact__status__in=ReviewStatus.values))
    pairs = _pairs_of_others(_crowded().filter(pk__in=theirs.values("contact_id")), set(people))
    return _stored(months, pairs, people)


def person_counts_recompute_all() -> upkeep.Changes:
    """Rewrite every person's tallies (after a bulk load, or to repair them): two grouped reads
    and a read of each table. The caller holds ``derived_lock_all``."""
    return _stored(_months(participants()), _pairs_of_others(_crowded(), None), None)


def _stored(months: dict, pairs: dict, people: list[int] | None) -> upkeep.Changes:
    """Make the rows of ``people`` (everyone's if None) hold ``months`` and ``pairs``; the rows
    changed per table."""
    changes = upkeep.Changes()
    for model, keys, wanted in (
        (PersonMonthCount, PERSON_MONTH_KEYS, months),
        (PersonPairCount, PERSON_PAIR_KEYS, pairs),
    ):
        stored = model.objects.all() if people is None else model.objects.filter(person_id__in=people)
        changes[model.__name__] = upkeep._tally_sync(model, stored, keys, wanted)
    return changes
