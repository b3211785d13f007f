"""Upkeep of each person's own tallies: ``PersonMonthCount`` (their contacts by month, kind and
review status, and summed over all time in the person facet's ``FacetCount`` rows) and
``PersonPairCount`` (the pairs of others in their confirmed contacts).

Every change to a contact marks the pairs of its participants (``tracker.signals``, the
services), so every participant is in one of the pairs whose tallies ``tracker.services.upkeep``
rewrites: once it has rewritten all the pairs marked, it rewrites their people's tallies
(``person_counts_recompute``), a difference against the stored rows like the other tallies, under
each person's lock (``people_lock``, after any pair's lock the transaction holds).

Read from the pair tallies, not from every contact of the person: a contact of ``k`` people is
in ``k - 1`` of the person's ``PairMonthCount`` rows, so their sum less ``k - 2`` for each
contact of other than two (the few the ``contact_crowded`` and ``contact_lone`` indexes find)
counts each contact once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import combinations

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from tracker.models import (
    Contact,
    FacetCount,
    PairMonthCount,
    PersonMonthCount,
    PersonPairCount,
    ReviewStatus,
    participants,
)
from tracker.models.record import CROWDED
from tracker.services import facet_counts, upkeep
from tracker.services.locks import people_lock

PERSON_MONTH_KEYS = ("person_id", "status", "month", "kind")
PERSON_PAIR_KEYS = ("person_id", "person_a_id", "person_b_id")


@transaction.atomic
def person_counts_recompute(people: Iterable[int]) -> upkeep.Changes:
    """Rewrite the ``PersonMonthCount`` and ``PersonPairCount`` rows of ``people`` from their
    pairs' month tallies (which must be right: the caller rewrote those of every pair marked) and
    their contacts of other than two people (a read of each, a read of each table's rows of
    theirs, the changed rows written); returns the rows changed per table."""
    people = sorted(set(people))
    if not people:
        return upkeep.Changes()
    people_lock(people)
    theirs = participants().filter(person_id__in=people).values("contact_id")
    odd = Contact.objects.filter(Q(participant_count__gte=CROWDED) | Q(participant_count__lt=2), pk__in=theirs)
    with_them = Q(person_a_id__in=people) | Q(person_b_id__in=people)
    return _stored(*_tallied(PairMonthCount.objects.filter(with_them), odd, set(people)), people)


def person_counts_recompute_all() -> upkeep.Changes:
    """Rewrite every person's tallies (after a bulk load, or to repair them), from every pair's
    month tallies (rewritten first) and the contacts with other than two participants rows (counted
    here: a bulk load stores the contacts' participant counts after). The caller holds
    ``derived_lock_all``."""
    odd = participants().order_by().values("contact_id").annotate(n=Count("id")).exclude(n=2)
    odd = Contact.objects.filter(pk__in=odd.values("contact_id"))
    return _stored(*_tallied(PairMonthCount.objects.all(), odd, None), None)


def _tallied(months: QuerySet, odd: QuerySet, people: set[int] | None) -> tuple[dict, dict]:
    """The month and pair tallies of ``people`` (everyone if None): ``months`` (their
    ``PairMonthCount`` rows) summed for each of them, corrected by ``odd`` (their contacts of
    other than two people), whose confirmed ones give the pairs of others."""
    counted: Counter = Counter()
    fields = ("person_a_id", "person_b_id", "status", "month", "kind", "contacts")
    for a, b, *key, n in months.order_by().values_list(*fields):
        for person in (a, b):
            if people is None or person in people:
                counted[(person, *key)] += n
    pairs: Counter = Counter()
    for (status, month, kind), ids in _met(odd):
        for person in ids if people is None else people.intersection(ids):
            counted[(person, status, month, kind)] -= len(ids) - 2  # it is in len(ids) - 1 pair rows
            if status == ReviewStatus.CONFIRMED:
                pairs.update((person, a, b) for a, b in combinations([i for i in ids if i != person], 2))
    # Below zero only while another writer's contact is committed and its pairs' tallies not yet:
    # that writer rewrites these people after them.
    return {key: n for key, n in counted.items() if n > 0}, pairs


def _met(contacts: QuerySet) -> Iterator[tuple[tuple, list[int]]]:
    """``((status, month, kind), sorted participant ids)`` of each of ``contacts``: one read of
    their participants rows."""
    rows = participants().filter(contact__in=contacts.filter(status__in=ReviewStatus.values))
    met: dict[int, tuple[tuple, list[int]]] = {}
    fields = ("contact_id", "person_id", "contact__status", "contact__date", "contact__kind")
    for contact_id, person_id, status, day, kind in rows.values_list(*fields):
        met.setdefault(contact_id, ((status, day.replace(day=1), kind), []))[1].append(person_id)
    for key, ids in met.values():
        yield key, sorted(ids)


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
    # The person facet's all-time rows: the month rows summed, written with them under the same locks.
    totals: Counter = Counter()
    for (person, status, _, kind), n in months.items():
        totals[(FacetCount.PERSON, status, kind, str(person))] += n
    stored = FacetCount.objects.filter(facet=FacetCount.PERSON)
    if people is not None:
        stored = stored.filter(value__in=[str(person) for person in people])
    changes["FacetCount"] = facet_counts.facet_counts_sync([FacetCount.PERSON], totals, stored)
    return changes
