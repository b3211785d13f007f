"""Upkeep of the derived data: gaps, the charts' tallies, and (through ``tracker.services.claims``)
the verdicts of gap claims.

Gaps are derived data. Every change to a contact (added, moved, confirmed, rejected, deleted,
participants changed) marks the pairs it touches; each marked pair is recomputed alone, then the
verdicts of the claims about that pair. ``tracker.signals`` marks pairs for saves made anywhere
(admin, shell, services); ``gaps_deferred()`` batches the work for bulk loads.

The charts' tallies are derived the same way: ``PairContactCount`` and ``PairMonthCount`` are
rewritten with a pair's gaps (and, once all the pairs marked are, their people's own tallies:
``tracker.services.person_counts``), and ``ContactDayCount`` for each day a changed contact was
on (before and after the change), with the kinds' all-time ``FacetCount`` rows;
``PersonArticleCount`` and ``PairArticleCount`` for each article a change touches
(``tracker.services.person_articles``).

Safe with any number of writers: a pair is recomputed under its lock and the days under theirs
(``tracker.services.locks``), and every rewrite is a difference against the stored rows (insert
the missing, update the changed tallies with ``INSERT … ON CONFLICT``, delete the extra), so a
recomputation of data that is already right writes nothing, and each returns how many rows it
changed per table (what ``record_repair`` reports).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import combinations

from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from tracker.gaps import ContactPoint, GapRow, gaps_between
from tracker.models import (
    Contact,
    ContactDayCount,
    FacetCount,
    Gap,
    GapClaim,
    PairContactCount,
    PairGapCount,
    PairMonthCount,
    ReviewStatus,
)
from tracker.rules import Pair, pair_key
from tracker.services import facet_counts, person_articles, person_counts
from tracker.services.claims import (
    PairRecord,
    contact_point,
    contact_points_for_pair,
    gap_claim_verdict_refresh,
    stored_gaps,
)
from tracker.services.locks import days_lock, derived_lock_all, ingest_lock, pair_lock, pairs_lock
from tracker.services.offices import OfficeJudges, pair_office_judge
from tracker.services.participant_counts import contact_participant_counts_recompute_all

_deferred: contextvars.ContextVar[set[Pair] | None] = contextvars.ContextVar("gaps_deferred", default=None)
_deferred_days: contextvars.ContextVar[set[date] | None] = contextvars.ContextVar("days_deferred", default=None)

# Rows changed (inserted, updated or deleted) per derived table, by model name; verdicts
# changed are counted under "gap verdicts".
Changes = Counter
VERDICTS = "gap verdicts"
PARTICIPANT_COUNTS = "participant counts"  # contacts whose stored ``participant_count`` changed
DERIVED_TABLES = (
    "Gap",
    "PairGapCount",
    "PairContactCount",
    "PairMonthCount",
    "ContactDayCount",
    "PersonMonthCount",
    "PersonPairCount",
    "PersonArticleCount",
    "PairArticleCount",
    "FacetMonthCount",
    "PairFacetMonthCount",
    "FacetCount",
    "PairFacetCount",
    VERDICTS,
    PARTICIPANT_COUNTS,
)
_CHUNK = 500  # ids per ``pk IN (…)``, well inside every backend's limit on parameters


def changes_summary(changes: Changes) -> str:
    """ "Gap 2, PairContactCount 0, …": the rows changed in each derived table."""
    return ", ".join(f"{table} {changes[table]}" for table in DERIVED_TABLES)


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
    # The articles last, after every other lock; the facets' months just before them.
    with person_articles.articles_deferred(), facet_counts.facets_deferred():
        pending: set[Pair] = set()
        days: set[date] = set()
        token, days_token = _deferred.set(pending), _deferred_days.set(days)
        try:
            yield pending
        finally:
            _deferred.reset(token)
            _deferred_days.reset(days_token)
        people = {p for pair in pending for p in pair}
        if len(pending) == 1:
            gaps_recompute_pair(*pending.pop())
        else:
            gaps_recompute_pairs(pending)
        person_counts.person_counts_recompute(people)
        contact_day_counts_recompute(days)


def gaps_mark_dirty(pairs: Iterable[Pair]) -> None:
    pending = _deferred.get()
    if pending is not None:
        pending.update(pairs)
        return
    pairs = sorted(set(pairs))
    for a, b in pairs:
        gaps_recompute_pair(a, b)
    person_counts.person_counts_recompute({p for pair in pairs for p in pair})


def gap_claim_mark_dirty(claim: GapClaim) -> None:
    """A claim saved: verified now, or with its pair at the end of a ``gaps_deferred`` block (when
    the contacts stored meanwhile are committed, and under the pair's lock)."""
    pending = _deferred.get()
    if pending is not None:
        pending.add(pair_key(claim.person_a_id, claim.person_b_id))
        return
    with transaction.atomic():
        pair_lock(claim.person_a_id, claim.person_b_id)
        gap_claim_verdict_refresh(claim)


def contact_days_mark_dirty(days: Iterable[date]) -> None:
    days = set(days)
    pending = _deferred_days.get()
    if pending is not None:
        pending.update(days)
    else:
        contact_day_counts_recompute(days)
    facet_counts.facet_months_mark_dirty(days)  # a contact's move, status or kind: its month's facets


# --- Rewriting stored rows as a difference ------------------------------------------------------


def _delete_ids(model: type[models.Model], ids: list[int]) -> None:
    for i in range(0, len(ids), _CHUNK):
        model.objects.filter(pk__in=ids[i : i + _CHUNK]).delete()


def _tally_sync(
    model: type[models.Model], stored: models.QuerySet, keys: tuple[str, ...], wanted: dict, count: str = "contacts"
) -> int:
    """Make the tally rows of ``stored`` (a filtered ``model`` QuerySet) hold ``wanted`` (a tuple
    of ``keys`` values -> its ``count`` field): an upsert of the missing and changed rows on the
    unique ``keys``, a delete of the rest. Returns the rows changed."""
    return _tally_rows_sync(model, stored.values_list("pk", *keys, count), keys, wanted, count)


def _tally_rows_sync(
    model: type[models.Model], stored: Iterable[tuple], keys: tuple[str, ...], wanted: dict, count: str = "contacts"
) -> int:
    """``_tally_sync`` given the stored rows as ``(pk, *keys, count)``."""
    have = {tuple(row[1:-1]): (row[0], row[-1]) for row in stored}
    changed = [key for key, n in wanted.items() if have.get(key, (None, None))[1] != n]
    extra = [pk for key, (pk, _) in have.items() if key not in wanted]
    if changed:
        model.objects.bulk_create(
            [model(**dict(zip(keys, key, strict=True)), **{count: wanted[key]}) for key in changed],
            update_conflicts=True,
            unique_fields=list(keys),
            update_fields=[count],
            batch_size=1000,
        )
    _delete_ids(model, extra)
    return len(changed) + len(extra)


GAP_FIELDS = tuple(f.name for f in dataclasses.fields(GapRow))
PAIR_KEYS = ("person_a_id", "person_b_id")
GAP_KEY = (*PAIR_KEYS, *GAP_FIELDS)  # a gap row, whatever its id


def gap_from_row(a: int, b: int, row: GapRow) -> Gap:
    fields = dataclasses.asdict(row)
    return Gap(person_a_id=a, person_b_id=b, **fields)


def _gaps_sync(wanted: dict[Pair, list[GapRow]], stored: Iterable[tuple], every_pair: bool = False) -> Changes:
    """Make the stored gaps equal ``wanted`` for those pairs: ``stored`` is ``(pk, person_a,
    person_b, *GAP_FIELDS)`` of their rows (the stray copies of a row left by an old race are
    extra too); and their ``PairGapCount`` rows (``every_pair``: every one, for a ``wanted`` of
    every pair) the number of each one's gaps. Returns the rows changed in both."""
    have: dict[tuple, list[int]] = {}
    for pk, *row in stored:
        have.setdefault(tuple(row), []).append(pk)
    pairs = set(wanted) | {tuple(row[:2]) for row in have}
    counted = {pair: len(rows) for pair, rows in wanted.items() if rows}
    if every_pair:
        counts = list(PairGapCount.objects.values_list("pk", *PAIR_KEYS, "gaps"))
    else:
        counts = _of_pairs(PairGapCount, pairs, "gaps")
    changes = Changes(PairGapCount=_tally_rows_sync(PairGapCount, counts, PAIR_KEYS, counted, "gaps"))
    extra: list[int] = []
    new: list[Gap] = []
    for (a, b), rows in wanted.items():
        for row in rows:
            ids = have.get((a, b, *dataclasses.astuple(row)))
            if ids:
                ids.pop()
            else:
                new.append(gap_from_row(a, b, row))
    for ids in have.values():
        extra.extend(ids)
    _delete_ids(Gap, extra)
    Gap.objects.bulk_create(new, batch_size=2000)
    changes["Gap"] = len(new) + len(extra)
    return changes


# --- One pair, some days ------------------------------------------------------------------------

DAY_KEYS = ("status", "date", "kind")
PAIR_MONTH_KEYS = ("person_a_id", "person_b_id", "status", "month", "kind")


@transaction.atomic
def contact_day_counts_recompute(days: Iterable[date]) -> int:
    """Rewrite the ``ContactDayCount`` rows of ``days`` from the contacts (three queries)."""
    days = sorted(set(days))
    if not days:
        return 0
    days_lock(days)
    # status__in as well: the (status, date, id) index then serves the look-up on every backend.
    rows = (
        Contact.objects.filter(status__in=ReviewStatus.values, date__in=days)
        .order_by()
        .values_list(*DAY_KEYS)
        .annotate(n=Count("id"))
    )
    wanted = {tuple(r[:-1]): r[-1] for r in rows}
    # Read under the days' lock: what the last writer of these days committed.
    stored = list(ContactDayCount.objects.filter(date__in=days).values_list("pk", *DAY_KEYS, "contacts"))
    differences = _kinds_all_time(wanted.items())
    differences.subtract(_kinds_all_time((tuple(row[1:-1]), row[-1]) for row in stored))
    facet_counts.facet_count_differences_add(differences)
    return _tally_rows_sync(ContactDayCount, stored, DAY_KEYS, wanted)


def _kinds_all_time(day_counts: Iterable[tuple[tuple, int]]) -> Counter:
    """``(status, date, kind) -> n`` summed over the days as the kind facet's ``FacetCount`` keys."""
    summed: Counter = Counter()
    for (status, _, kind), n in day_counts:
        summed[(FacetCount.KIND, status, kind, kind)] += n
    return summed


def pair_counts_recompute(a: int, b: int) -> Changes:
    """Rewrite the pair's ``PairMonthCount`` rows and its ``PairContactCount`` (the confirmed
    ones summed) from its contacts: one grouped read. The caller holds the pair's lock."""
    a, b = pair_key(a, b)
    rows = list(
        Contact.objects.filter(status__in=ReviewStatus.values)
        .involving_all(a, b)
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values_list("status", "month", "kind")
        .annotate(n=Count("id"))
    )
    months = {(a, b, status, month, kind): n for status, month, kind, n in rows}
    changes = Changes()
    changes["PairMonthCount"] = _tally_sync(
        PairMonthCount, PairMonthCount.objects.filter(person_a_id=a, person_b_id=b), PAIR_MONTH_KEYS, months
    )
    confirmed = sum(n for status, _, _, n in rows if status == ReviewStatus.CONFIRMED)
    changes["PairContactCount"] = _tally_sync(
        PairContactCount,
        PairContactCount.objects.filter(person_a_id=a, person_b_id=b),
        ("person_a_id", "person_b_id"),
        {(a, b): confirmed} if confirmed else {},
    )
    return changes


@transaction.atomic
def gaps_recompute_pair(a: int, b: int) -> Changes:
    """Rewrite the gaps of one pair from its held contacts, then re-verify its claims (and rewrite
    the pair's chart tallies, which change on the same events), under the pair's lock."""
    a, b = pair_key(a, b)
    pair_lock(a, b)
    changes = pair_counts_recompute(a, b)
    points = contact_points_for_pair(a, b)
    rows = gaps_between(points, pair_office_judge(a, b))
    stored = Gap.objects.filter(person_a_id=a, person_b_id=b).values_list("pk", *GAP_KEY)
    changes.update(_gaps_sync({(a, b): rows}, stored))
    claims = list(GapClaim.objects.filter(person_a_id=a, person_b_id=b).select_related("anchor_event"))
    if claims:  # the record just computed serves every claim of the pair
        record = PairRecord(points, rows, stored_gaps(a, b))
        changes[VERDICTS] = sum(gap_claim_verdict_refresh(claim, record=record) for claim in claims)
    return changes


# --- Many pairs ---------------------------------------------------------------------------------

# Pairs recomputed in one transaction: PostgreSQL holds each pair's lock until it ends, and its
# table of locks is shared by every connection.
PAIRS_PER_TRANSACTION = 200


def gaps_recompute_pairs(pairs: Iterable[Pair]) -> Changes:
    """``gaps_recompute_pair`` for each of ``pairs``, with the same rows and verdicts as a result:
    for a batch (the end of a ``gaps_deferred`` block), about ten queries per chunk of pairs
    instead of about twelve per pair. Each chunk is one transaction, under its pairs' locks."""
    pairs = sorted({pair_key(a, b) for a, b in pairs})
    changes = Changes()
    for i in range(0, len(pairs), PAIRS_PER_TRANSACTION):
        changes.update(_pairs_recompute(pairs[i : i + PAIRS_PER_TRANSACTION]))
    return changes


def _of_pairs(model: type[models.Model], pairs: set[Pair], *fields: str) -> list[tuple]:
    """``(pk, person_a_id, person_b_id, *fields)`` of the ``model`` rows of ``pairs``: one read."""
    lows, highs = {a for a, _ in pairs}, {b for _, b in pairs}
    rows = model.objects.filter(person_a_id__in=lows, person_b_id__in=highs).order_by()
    return [row for row in rows.values_list("pk", "person_a_id", "person_b_id", *fields) if row[1:3] in pairs]


@transaction.atomic
def _pairs_recompute(pairs: list[Pair]) -> Changes:
    pairs_lock(pairs)
    wanted_pairs = set(pairs)
    through = Contact.participants.through.objects
    theirs = through.filter(person_id__in={p for pair in pairs for p in pair}).values("contact_id")
    people: dict[int, list[int]] = {}
    for contact_id, person_id in through.filter(contact_id__in=theirs).values_list("contact_id", "person_id"):
        people.setdefault(contact_id, []).append(person_id)
    contacts = Contact.objects.filter(pk__in=theirs, status__in=ReviewStatus.values).order_by()
    contacts = contacts.values_list("id", "date", "date_precision", "kind", "status")
    held = set(Contact.objects.held().filter(pk__in=theirs).values_list("id", flat=True))
    months: dict[tuple, int] = Counter()
    confirmed: dict[tuple, int] = Counter()
    points: dict[Pair, list[ContactPoint]] = {pair: [] for pair in pairs}
    for contact_id, day, precision, kind, status in contacts:
        for a, b in pairs_among(people.get(contact_id, ())) & wanted_pairs:
            months[(a, b, status, day.replace(day=1), kind)] += 1
            confirmed[(a, b)] += status == ReviewStatus.CONFIRMED
            if contact_id in held:
                points[(a, b)].append(contact_point(contact_id, day, precision, kind))
    changes = Changes()
    stored = _of_pairs(PairMonthCount, wanted_pairs, "status", "month", "kind", "contacts")
    changes["PairMonthCount"] = _tally_rows_sync(PairMonthCount, stored, PAIR_MONTH_KEYS, months)
    stored = _of_pairs(PairContactCount, wanted_pairs, "contacts")
    counts = {pair: n for pair, n in confirmed.items() if n}
    changes["PairContactCount"] = _tally_rows_sync(PairContactCount, stored, ("person_a_id", "person_b_id"), counts)
    judges = OfficeJudges()
    rows = {pair: gaps_between(points[pair], judges.for_pair(*pair)) for pair in pairs}
    changes.update(_gaps_sync(rows, _of_pairs(Gap, wanted_pairs, *GAP_FIELDS)))
    claims = GapClaim.objects.filter(pk__in=[pk for pk, *_ in _of_pairs(GapClaim, wanted_pairs)])
    claims = list(claims.select_related("anchor_event"))
    if claims:  # the records just computed serve every claim of their pairs
        claimed = {(c.person_a_id, c.person_b_id) for c in claims}
        gaps: dict[Pair, dict] = {pair: {} for pair in claimed}
        lows, highs = {a for a, _ in claimed}, {b for _, b in claimed}
        for gap in Gap.objects.filter(person_a_id__in=lows, person_b_id__in=highs):
            if (pair := (gap.person_a_id, gap.person_b_id)) in gaps:
                gaps[pair][(gap.before_id, gap.after_id)] = gap
        records = {pair: PairRecord(points[pair], rows[pair], gaps[pair]) for pair in claimed}
        verdicts = (gap_claim_verdict_refresh(c, record=records[(c.person_a_id, c.person_b_id)]) for c in claims)
        changes[VERDICTS] = sum(verdicts)
    return changes


# --- Everything ---------------------------------------------------------------------------------


def _pair_rows() -> models.QuerySet:
    # Each participant row of a contact paired with the contact's other participants (lower id first).
    return Contact.participants.through.objects.filter(person_id__lt=models.F("contact__participants")).order_by()


def contact_counts_recompute_all() -> Changes:
    """Rewrite the charts' tallies from scratch (after a bulk load, or to repair them): three
    grouped queries and a read of each table."""
    changes = Changes()
    with transaction.atomic():
        derived_lock_all()
        rows = Contact.objects.order_by().values_list(*DAY_KEYS).annotate(n=Count("id"))
        days = {tuple(r[:-1]): r[-1] for r in rows}
        changes["ContactDayCount"] = _tally_sync(ContactDayCount, ContactDayCount.objects.all(), DAY_KEYS, days)
        kinds = facet_counts.facet_counts_sync([FacetCount.KIND], _kinds_all_time(days.items()))
        confirmed = (
            _pair_rows()
            .filter(contact__status=ReviewStatus.CONFIRMED)
            .values_list("person_id", "contact__participants")
            .annotate(n=Count("contact_id"))
        )
        pairs = {(a, b): n for a, b, n in confirmed}
        changes["PairContactCount"] = _tally_sync(
            PairContactCount, PairContactCount.objects.all(), ("person_a_id", "person_b_id"), pairs
        )
        by_month = (
            _pair_rows()
            .annotate(month=TruncMonth("contact__date"))
            .values_list("person_id", "contact__participants", "contact__status", "month", "contact__kind")
            .annotate(n=Count("contact_id"))
        )
        months = {tuple(r[:-1]): r[-1] for r in by_month}
        changes["PairMonthCount"] = _tally_sync(PairMonthCount, PairMonthCount.objects.all(), PAIR_MONTH_KEYS, months)
        changes.update(person_counts.person_counts_recompute_all())
        changes.update(person_articles.person_article_counts_recompute_all())
        changes.update(facet_counts.facet_counts_recompute_all())
        changes["FacetCount"] += kinds
    return changes


def derived_recompute_all() -> tuple[int, Changes]:
    """Rewrite every pair's gaps, every tally and every claim's verdict from the record; returns
    the number of pairs with held contacts and the rows changed per table.

    For bulk loads and repairs: a constant number of queries however many pairs (one read of the
    held contacts, one of the participants, one of the stored gaps, batched writes), instead of
    ``gaps_recompute_pair``'s four queries per pair; then two queries per claim. Holds the
    ingest lock and every derived-data lock meanwhile, so no writer changes the record under it.
    """
    with transaction.atomic():
        ingest_lock()
        derived_lock_all()
        points = {
            row[0]: contact_point(*row)
            for row in Contact.objects.held()
            .values_list("id", "date", "date_precision", "kind")
            .iterator(chunk_size=5000)
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
        wanted = {pair: gaps_between(pair_points, judges.for_pair(*pair)) for pair, pair_points in by_pair.items()}
        stored = Gap.objects.values_list("pk", *GAP_KEY).iterator(chunk_size=5000)
        changes = _gaps_sync(wanted, stored, every_pair=True)
        claims = GapClaim.objects.select_related("anchor_event")
        changes[VERDICTS] = sum(gap_claim_verdict_refresh(claim) for claim in claims)
        changes.update(contact_counts_recompute_all())
        changes[PARTICIPANT_COUNTS] = contact_participant_counts_recompute_all()
    return len(by_pair), changes


def gaps_recompute_all() -> int:
    """``derived_recompute_all``, for callers that only report the number of pairs."""
    return derived_recompute_all()[0]
