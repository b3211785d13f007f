"""Upkeep of the derived data: gaps, the charts' tallies, and (through ``tracker.services.claims``)
the verdicts of gap claims.

Gaps are derived data. Every change to a contact (added, moved, confirmed, rejected, deleted,
participants changed) marks the pairs it touches; each marked pair is recomputed alone, then the
verdicts of the claims about that pair. ``tracker.signals`` marks pairs for saves made anywhere
(admin, shell, services); ``gaps_deferred()`` batches the work for bulk loads.

The charts' tallies are derived the same way: ``PairContactCount`` and ``PairMonthCount`` are
rewritten with a pair's gaps, and ``ContactDayCount`` for each day a changed contact was on
(before and after the change).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import combinations

from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from tracker.gaps import ContactPoint, GapRow, gaps_between
from tracker.models import Contact, ContactDayCount, Gap, GapClaim, PairContactCount, PairMonthCount, ReviewStatus
from tracker.rules import Pair, pair_key
from tracker.services.claims import PairRecord, contact_point, contact_points_for_pair, gap_claim_verify, stored_gaps
from tracker.services.offices import OfficeJudges, pair_office_judge

_deferred: contextvars.ContextVar[set[Pair] | None] = contextvars.ContextVar("gaps_deferred", default=None)
_deferred_days: contextvars.ContextVar[set[date] | None] = contextvars.ContextVar("days_deferred", default=None)


def pairs_among(person_ids: Iterable[int]) -> set[Pair]:
    return {pair_key(a, b) for a, b in combinations(sorted(set(person_ids)), 2)}


def pairs_of_contacts(contact_ids: Iterable[int]) -> set[Pair]:
    """Every pair of people who share one of the contacts (one query)."""
    by_contact: dict[int, list[int]] = {}
    through = Contact.participants.through.objects.filter(contact_id__in=list(contact_ids))
    for contact_id, person_id in through.values_list("contact_id", "person_id"):
        by_contact.setdefault(contact_id, []).append(person_id)
    pairs: set[Pair] = set()
    for people in by_contact.values():
        pairs |= pairs_among(people)
    return pairs


@contextlib.contextmanager
def gaps_deferred() -> Iterator[set[Pair]]:
    """Collect the pairs touched inside the block and recompute each once at its end."""
    if _deferred.get() is not None:  # nested: the outer block recomputes
        yield _deferred.get()
        return
    pending: set[Pair] = set()
    days: set[date] = set()
    token, days_token = _deferred.set(pending), _deferred_days.set(days)
    try:
        yield pending
    finally:
        _deferred.reset(token)
        _deferred_days.reset(days_token)
    for a, b in sorted(pending):
        gaps_recompute_pair(a, b)
    contact_day_counts_recompute(days)


def gaps_mark_dirty(pairs: Iterable[Pair]) -> None:
    pending = _deferred.get()
    if pending is not None:
        pending.update(pairs)
        return
    for a, b in sorted(set(pairs)):
        gaps_recompute_pair(a, b)


def contact_days_mark_dirty(days: Iterable[date]) -> None:
    pending = _deferred_days.get()
    if pending is not None:
        pending.update(days)
        return
    contact_day_counts_recompute(days)


@transaction.atomic
def contact_day_counts_recompute(days: Iterable[date]) -> None:
    """Rewrite the ``ContactDayCount`` rows of ``days`` from the contacts (three queries)."""
    days = sorted(set(days))
    if not days:
        return
    ContactDayCount.objects.filter(date__in=days).delete()
    # status__in as well: the (status, date, id) index then serves the look-up on every backend.
    rows = (
        Contact.objects.filter(status__in=ReviewStatus.values, date__in=days)
        .order_by()
        .values("date", "kind", "status")
        .annotate(n=Count("id"))
    )
    ContactDayCount.objects.bulk_create(
        ContactDayCount(date=r["date"], kind=r["kind"], status=r["status"], contacts=r["n"]) for r in rows
    )


def pair_counts_recompute(a: int, b: int) -> None:
    """Rewrite the pair's ``PairMonthCount`` rows and its ``PairContactCount`` (the confirmed
    ones summed) from its contacts: one grouped read."""
    a, b = pair_key(a, b)
    rows = list(
        Contact.objects.filter(status__in=ReviewStatus.values)
        .involving_all(a, b)
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values("month", "kind", "status")
        .annotate(n=Count("id"))
    )
    PairMonthCount.objects.filter(person_a_id=a, person_b_id=b).delete()
    PairMonthCount.objects.bulk_create(
        PairMonthCount(
            person_a_id=a, person_b_id=b, month=r["month"], kind=r["kind"], status=r["status"], contacts=r["n"]
        )
        for r in rows
    )
    confirmed = sum(r["n"] for r in rows if r["status"] == ReviewStatus.CONFIRMED)
    if confirmed:
        PairContactCount.objects.update_or_create(person_a_id=a, person_b_id=b, defaults={"contacts": confirmed})
    else:
        PairContactCount.objects.filter(person_a_id=a, person_b_id=b).delete()


def contact_counts_recompute_all() -> None:
    """Rewrite the charts' tallies from scratch (after a bulk load): three grouped queries."""
    with transaction.atomic():
        ContactDayCount.objects.all().delete()
        rows = Contact.objects.order_by().values("date", "kind", "status").annotate(n=Count("id"))
        ContactDayCount.objects.bulk_create(
            (ContactDayCount(date=r["date"], kind=r["kind"], status=r["status"], contacts=r["n"]) for r in rows),
            batch_size=2000,
        )
        # Each participant row of a contact paired with the contact's other participants (lower id first).
        pair_rows = Contact.participants.through.objects.filter(
            person_id__lt=models.F("contact__participants")
        ).order_by()
        PairContactCount.objects.all().delete()
        pairs = (
            pair_rows.filter(contact__status=ReviewStatus.CONFIRMED)
            .values("person_id", "contact__participants")
            .annotate(n=Count("contact_id"))
        )
        PairContactCount.objects.bulk_create(
            (
                PairContactCount(person_a_id=r["person_id"], person_b_id=r["contact__participants"], contacts=r["n"])
                for r in pairs
            ),
            batch_size=2000,
        )
        PairMonthCount.objects.all().delete()
        months = (
            pair_rows.annotate(month=TruncMonth("contact__date"))
            .values("person_id", "contact__participants", "month", "contact__kind", "contact__status")
            .annotate(n=Count("contact_id"))
        )
        PairMonthCount.objects.bulk_create(
            (
                PairMonthCount(
                    person_a_id=r["person_id"],
                    person_b_id=r["contact__participants"],
                    month=r["month"],
                    kind=r["contact__kind"],
                    status=r["contact__status"],
                    contacts=r["n"],
                )
                for r in months
            ),
            batch_size=2000,
        )


def gap_from_row(a: int, b: int, row: GapRow) -> Gap:
    return Gap(
        person_a_id=a,
        person_b_id=b,
        before_id=row.before_id,
        after_id=row.after_id,
        start=row.start,
        end=row.end,
        days=row.days,
        longest_since=row.longest_since,
        is_record=row.is_record,
        approximate=row.approximate,
        in_office=row.in_office,
        office_note=row.office_note[:500],
    )


@transaction.atomic
def gaps_recompute_pair(a: int, b: int) -> list[Gap]:
    """Rewrite the gaps of one pair from its held contacts, then re-verify its claims (and rewrite
    the pair's chart tallies, which change on the same events)."""
    a, b = pair_key(a, b)
    pair_counts_recompute(a, b)
    points = contact_points_for_pair(a, b)
    rows = gaps_between(points, pair_office_judge(a, b))
    Gap.objects.filter(person_a_id=a, person_b_id=b).delete()
    gaps = Gap.objects.bulk_create(gap_from_row(a, b, r) for r in rows)
    claims = list(GapClaim.objects.filter(person_a_id=a, person_b_id=b))
    if claims:  # the record just computed serves every claim of the pair
        record = PairRecord(points, rows, stored_gaps(a, b))
        for claim in claims:
            gap_claim_verify(claim, record=record)
    return gaps


def gaps_recompute_all() -> int:
    """Rewrite every pair's gaps from scratch, then re-verify every claim; returns the number of pairs.

    For bulk loads: a constant number of queries however many pairs (one read of the held
    contacts, one of the participants, batched inserts), instead of ``gaps_recompute_pair``'s
    four queries per pair.
    """
    points = {
        row[0]: contact_point(*row)
        for row in Contact.objects.held().values_list("id", "date", "date_precision").iterator(chunk_size=5000)
    }
    by_contact: dict[int, list[int]] = {}
    through = Contact.participants.through.objects.values_list("contact_id", "person_id")
    for contact_id, person_id in through.iterator(chunk_size=5000):
        if contact_id in points:
            by_contact.setdefault(contact_id, []).append(person_id)
    by_pair: dict[Pair, list[ContactPoint]] = {}
    for contact_id, people in by_contact.items():
        for pair in pairs_among(people):
            by_pair.setdefault(pair, []).append(points[contact_id])
    judges = OfficeJudges()
    with transaction.atomic():
        Gap.objects.all().delete()
        Gap.objects.bulk_create(
            (
                gap_from_row(a, b, r)
                for (a, b), pair_points in by_pair.items()
                for r in gaps_between(pair_points, judges.for_pair(a, b))
            ),
            batch_size=2000,
        )
        for claim in GapClaim.objects.all():
            gap_claim_verify(claim)
        contact_counts_recompute_all()
    return len(by_pair)
