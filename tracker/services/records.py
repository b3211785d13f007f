"""Contacts, their sources, gaps and gap-claim verdicts: the writes that keep the record whole.

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
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tracker.gaps import Claim, ContactPoint, GapRow, gap_claim_verdict, gaps_between
from tracker.models import (
    Article,
    Contact,
    ContactDayCount,
    ContactSource,
    Gap,
    GapClaim,
    PairContactCount,
    PairMonthCount,
    Person,
    Precision,
    ReviewStatus,
    Topic,
)

Pair = tuple[int, int]

_deferred: contextvars.ContextVar[set[Pair] | None] = contextvars.ContextVar("gaps_deferred", default=None)
_deferred_days: contextvars.ContextVar[set[date] | None] = contextvars.ContextVar("days_deferred", default=None)


def pair_key(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


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


def contact_point(contact_id: int, day, precision: str) -> ContactPoint:
    return ContactPoint(id=contact_id, date=day, exact=precision == Precision.DAY)


def contact_points_for_pair(a: int, b: int) -> list[ContactPoint]:
    rows = (
        Contact.objects.held().filter(participants=a).filter(participants=b).values_list("id", "date", "date_precision")
    )
    return [contact_point(*row) for row in rows]


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
    )


@transaction.atomic
def gaps_recompute_pair(a: int, b: int) -> list[Gap]:
    """Rewrite the gaps of one pair from its held contacts, then re-verify its claims (and rewrite
    the pair's chart tallies, which change on the same events)."""
    a, b = pair_key(a, b)
    pair_counts_recompute(a, b)
    points = contact_points_for_pair(a, b)
    rows = gaps_between(points)
    Gap.objects.filter(person_a_id=a, person_b_id=b).delete()
    gaps = Gap.objects.bulk_create(gap_from_row(a, b, r) for r in rows)
    claims = list(GapClaim.objects.filter(person_a_id=a, person_b_id=b))
    if claims:  # the record just computed serves every claim of the pair
        record = PairRecord(points, rows, _stored_gaps(a, b))
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
    with transaction.atomic():
        Gap.objects.all().delete()
        Gap.objects.bulk_create(
            (gap_from_row(a, b, r) for (a, b), pair_points in by_pair.items() for r in gaps_between(pair_points)),
            batch_size=2000,
        )
        for claim in GapClaim.objects.all():
            gap_claim_verify(claim)
        contact_counts_recompute_all()
    return len(by_pair)


def _row_for(gap_row, stored: dict[tuple[int, int], Gap]) -> Gap | None:
    return stored.get((gap_row.before_id, gap_row.after_id)) if gap_row else None


def _stored_gaps(a: int, b: int) -> dict[tuple[int, int], Gap]:
    return {(g.before_id, g.after_id): g for g in Gap.objects.filter(person_a_id=a, person_b_id=b)}


@dataclass(frozen=True)
class PairRecord:
    """A pair's held contacts, the gaps computed from them, and the stored gap rows."""

    points: list[ContactPoint]
    rows: list[GapRow]
    stored: dict[tuple[int, int], Gap]


def gap_claim_verify(claim: GapClaim, *, record: PairRecord | None = None) -> GapClaim:
    """Compute and store the claim's verdict against its pair's current record (read here unless
    the caller has just computed it: two queries saved per claim)."""
    a, b = pair_key(claim.person_a_id, claim.person_b_id)
    if record is None:
        points = contact_points_for_pair(a, b)
        record = PairRecord(points, gaps_between(points), _stored_gaps(a, b))
    points, rows, stored = record.points, record.rows, record.stored
    result = gap_claim_verdict(
        Claim(
            comparison=claim.comparison,
            ends=claim.ends,
            starts=claim.starts,
            duration_days=claim.duration_days,
            duration_months=claim.duration_months,
            anchor=claim.anchor,
        ),
        points,
        rows,
    )
    claim.verdict = result.verdict
    claim.verdict_reason = result.reason
    claim.deciding_gap = _row_for(result.deciding, stored)
    claim.runner_up_gap = _row_for(result.runner_up, stored)
    claim.conflicting_contact_id = result.conflicting_contact_id
    claim.verified = timezone.now()
    GapClaim.objects.filter(pk=claim.pk).update(
        verdict=claim.verdict,
        verdict_reason=claim.verdict_reason,
        deciding_gap=claim.deciding_gap,
        runner_up_gap=claim.runner_up_gap,
        conflicting_contact_id=claim.conflicting_contact_id,
        verified=claim.verified,
    )
    return claim


# --- Contacts ----------------------------------------------------------------------------


def contact_validate_participants(participants: Iterable[Person]) -> list[Person]:
    people = list({p.pk: p for p in participants}.values())
    if len(people) < 2:
        raise ValidationError("A contact needs at least two different participants.")
    return people


@transaction.atomic
def contact_create(
    *,
    kind: str,
    date: date,
    participants: Iterable[Person],
    date_precision: str = Precision.DAY,
    status: str = ReviewStatus.PROPOSED,
    planned: bool = False,
    summary: str = "",
    host: Person | None = None,
    initiator: Person | None = None,
    topics: Iterable[Topic] = (),
) -> Contact:
    people = contact_validate_participants(participants)
    contact = Contact(
        kind=kind,
        date=date,
        date_precision=date_precision,
        status=status,
        planned=planned,
        summary=summary,
        host=host,
        initiator=initiator,
    )
    contact.full_clean()
    contact.save()
    contact.participants.set(people)
    if topics:
        contact.topics.set(topics)
    return contact


@transaction.atomic
def contact_source_add(
    *,
    contact: Contact,
    article: Article,
    start: int | None = None,
    end: int | None = None,
    evidence: str = "",
    reported_kind: str = "",
) -> ContactSource:
    """Link an article to a contact it reports; a second link from the same article is the same source."""
    source, _ = ContactSource.objects.get_or_create(
        contact=contact,
        article=article,
        defaults={"start": start, "end": end, "evidence": evidence, "reported_kind": reported_kind},
    )
    return source


@transaction.atomic
def contacts_set_status(contacts: Iterable[Contact], status: str) -> int:
    """Confirm or reject contacts in bulk; each touched pair's gaps are recomputed once."""
    ids = [c.pk for c in contacts]
    changed = Contact.objects.filter(pk__in=ids).exclude(status=status).update(status=status, updated=timezone.now())
    gaps_mark_dirty(pairs_of_contacts(ids))
    contact_days_mark_dirty(Contact.objects.filter(pk__in=ids).values_list("date", flat=True).distinct())
    return changed


@transaction.atomic
def gap_claim_create(
    *,
    person_a: Person,
    person_b: Person,
    ends: date,
    comparison: str,
    text: str,
    article: Article | None = None,
    starts: date | None = None,
    duration_days: int | None = None,
    duration_months: int | None = None,
    anchor: date | None = None,
    start_offset: int | None = None,
    end_offset: int | None = None,
    status: str = ReviewStatus.PROPOSED,
) -> GapClaim:
    if person_a.pk == person_b.pk:
        raise ValidationError("A gap claim is about two different people.")
    claim = GapClaim(
        article=article,
        person_a=person_a,
        person_b=person_b,
        ends=ends,
        starts=starts,
        comparison=comparison,
        duration_days=duration_days,
        duration_months=duration_months,
        anchor=anchor,
        text=text,
        start_offset=start_offset,
        end_offset=end_offset,
        status=status,
    )
    claim.full_clean()
    claim.save()
    return gap_claim_verify(claim)
