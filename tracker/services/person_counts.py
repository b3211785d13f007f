"""Upkeep of ``PersonMonthCount``, each person's contacts by month, kind and review status.

Every change to a contact marks the pairs of its participants (``tracker.signals``, the
services), so every participant is in one of the pairs whose tallies ``tracker.services.upkeep``
rewrites: it rewrites their people's month tallies with them, a difference against the stored
rows like the other tallies, under each person's lock (``people_lock``, after the pairs' locks).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from django.db.models.functions import TruncMonth

from tracker.models import PersonMonthCount, ReviewStatus, participants
from tracker.services import upkeep
from tracker.services.locks import people_lock

PERSON_MONTH_KEYS = ("person_id", "status", "month", "kind")


def _tallied(rows) -> dict[tuple, int]:
    """``(person_id, status, month, kind) -> contacts`` of ``rows``, participants rows."""
    grouped = (
        rows.order_by()
        .annotate(month=TruncMonth("contact__date"))
        .values_list("person_id", "contact__status", "month", "contact__kind")
        .annotate(n=Count("contact_id"))
    )
    return {tuple(r[:-1]): r[-1] for r in grouped}


def person_month_counts_recompute(people: Iterable[int]) -> int:
    """Rewrite the ``PersonMonthCount`` rows of ``people`` from their contacts (a grouped read of
    their participants rows, a read of their tally rows, the changed rows written); returns the
    rows changed. Inside a transaction: the people's locks are held until it ends."""
    people = sorted(set(people))
    if not people:
        return 0
    people_lock(people)
    # status__in as well: each contact's status is then checked from the (id, status) index.
    wanted = _tallied(participants().filter(person_id__in=people, contact__status__in=ReviewStatus.values))
    stored = PersonMonthCount.objects.filter(person_id__in=people)
    return upkeep._tally_sync(PersonMonthCount, stored, PERSON_MONTH_KEYS, wanted)


def person_month_counts_recompute_all() -> int:
    """Rewrite every ``PersonMonthCount`` row (after a bulk load, or to repair them): one grouped
    read of the participants rows and a read of the table. The caller holds ``derived_lock_all``."""
    wanted = _tallied(participants())
    return upkeep._tally_sync(PersonMonthCount, PersonMonthCount.objects.all(), PERSON_MONTH_KEYS, wanted)
