"""Upkeep of ``FacetMonthCount``: the timeline's country, topic and publisher facets by month;
and of ``PairFacetMonthCount``, the same (and the participants) of each pair's contacts.

Rewritten month by month: whatever changes which values a contact counts for marks its month
(``facet_months_mark_dirty``): a contact saved, moved or deleted (with its days,
``upkeep.contact_days_mark_dirty``), its participants, topics or reports changed (with its
articles' tallies, ``person_articles``), a participant's country or offices changed (every month
of their contacts), an article's publisher changed (the months it reports). Each month marked is
counted again from its own contacts, a read bounded by the month, not by the record, and the
difference written, under each month's lock (``months_lock``, before the articles'); the
``gaps_deferred`` block batches the marks. Both tallies are counted in the one read of a month's
contacts, so a pair's facets follow every change the record's facets follow.

``FacetCount`` and ``PairFacetCount`` hold the month tallies summed over all time, written in the
same transaction as them: the difference each rewrite of a month makes is added to them
(``facet_count_differences_add``; the country, topic and publisher rows and every pair's by
``facet_counts_recompute``, the kinds' by ``upkeep.contact_day_counts_recompute``), and each
person's rows are written with their month tallies (``person_counts``); a repair writes them all
as the sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import combinations

from django.db import models, transaction
from django.db.models import Q, Sum

from tracker.models import (
    Contact,
    ContactSource,
    FacetCount,
    FacetMonthCount,
    Office,
    PairFacetCount,
    PairFacetMonthCount,
    Person,
    ReviewStatus,
    participants,
)
from tracker.rules import month_after, month_start, office_held_on
from tracker.services import upkeep
from tracker.services.deferred import DeferredMarks
from tracker.services.locks import months_lock

FACET_KEYS = ("facet", "status", "month", "kind", "value")
PAIR_FACET_KEYS = ("person_a_id", "person_b_id", *FACET_KEYS)
COUNTRY, TOPIC, PUBLISHER = FacetMonthCount.COUNTRY, FacetMonthCount.TOPIC, FacetMonthCount.PUBLISHER
PERSON = PairFacetMonthCount.PERSON
FACET_COUNT_KEYS = ("facet", "status", "kind", "value")
PAIR_FACET_COUNT_KEYS = ("person_a_id", "person_b_id", *FACET_COUNT_KEYS)
MONTH_FACETS = (COUNTRY, TOPIC, PUBLISHER)  # the facets of ``FacetMonthCount``
_MONTHS_PER_READ = 24
_PARAMETERS_PER_UPSERT = 990  # inside SQLite's oldest limit (999)

_marks = DeferredMarks("facets_deferred", lambda months: facet_counts_recompute(months))


def facets_deferred():
    """Collect the months marked inside the block and count each once at its end."""
    return _marks.block()


def facet_months_mark_dirty(days: Iterable[date | None]) -> None:
    """The facet tallies of the months of ``days`` are to be counted again."""
    _marks.mark({month_start(day) for day in days if day is not None})


def contact_facets_mark_dirty(contact_ids: Iterable[int]) -> None:
    """``facet_months_mark_dirty`` for the months of these contacts (one query)."""
    contact_ids = list(contact_ids)
    if contact_ids:
        facet_months_mark_dirty(Contact.objects.filter(pk__in=contact_ids).values_list("date", flat=True).distinct())


def person_facets_mark_dirty(people: Iterable[int | None]) -> None:
    """For a change of the people's country or offices: the months of all their contacts."""
    people = {pk for pk in people if pk is not None}
    if people:
        days = Contact.objects.filter(participants__in=people).order_by().values_list("date", flat=True).distinct()
        facet_months_mark_dirty(days)


def article_facets_mark_dirty(articles: Iterable[int | None]) -> None:
    """For a change of the articles' reports or publisher: the months of the contacts they report."""
    articles = {pk for pk in articles if pk is not None}
    if articles:
        reported = ContactSource.objects.filter(article_id__in=articles).values("contact_id")
        facet_months_mark_dirty(Contact.objects.filter(pk__in=reported).values_list("date", flat=True).distinct())


@transaction.atomic
def facet_counts_recompute(months: Iterable[date]) -> Counter:
    """Rewrite the ``FacetMonthCount`` and ``PairFacetMonthCount`` rows of ``months`` from their
    contacts (a few queries per chunk of months) and add the difference to ``FacetCount``; returns
    the rows changed, by model name."""
    changed, differences = _months_recompute(months)
    changed["FacetCount"] += facet_count_differences_add(differences[FacetMonthCount])
    changed["PairFacetCount"] += facet_count_differences_add(
        differences[PairFacetMonthCount], PairFacetCount, PAIR_FACET_COUNT_KEYS
    )
    return changed


def _months_recompute(months: Iterable[date]) -> tuple[Counter, dict]:
    """The rows changed by model name, and for each month tally the difference made to its sums
    over all time (``FacetMonthCount``: ``FACET_COUNT_KEYS``, ``PairFacetMonthCount``:
    ``PAIR_FACET_COUNT_KEYS`` -> contacts)."""
    months = sorted(set(months))
    changed: Counter = Counter()
    differences: dict = {FacetMonthCount: Counter(), PairFacetMonthCount: Counter()}
    for i in range(0, len(months), _MONTHS_PER_READ):
        chunk = months[i : i + _MONTHS_PER_READ]
        months_lock(chunk)
        within = Q()
        for month in chunk:
            within |= Q(date__gte=month, date__lt=month_after(month))
        whole, of_pairs = _counted(Contact.objects.filter(within))
        for model, keys, wanted in (
            (FacetMonthCount, FACET_KEYS, whole),
            (PairFacetMonthCount, PAIR_FACET_KEYS, of_pairs),
        ):
            # Read under the months' locks: what the last writer of these months committed.
            stored = list(model.objects.filter(month__in=chunk).values_list("pk", *keys, "contacts"))
            differences[model].update(_all_time(wanted.items()))
            differences[model].subtract(_all_time((tuple(row[1:-1]), row[-1]) for row in stored))
            changed[model.__name__] += upkeep._tally_rows_sync(model, stored, keys, wanted)
    return changed, differences


def _all_time(month_counts: Iterable[tuple[tuple, int]]) -> Counter:
    """``(…, facet, status, month, kind, value) -> n`` summed over the months (the month dropped)."""
    summed: Counter = Counter()
    for (*key, _month, kind, value), n in month_counts:
        summed[(*key, kind, value)] += n
    return summed


def facet_counts_recompute_all() -> Counter:
    """Rewrite every month's facet tallies (after a bulk load, or to repair them), and the
    all-time counts of their facets as their sums; the caller holds ``derived_lock_all``. Month by
    month as ``facet_counts_recompute`` does (a chunk of months in memory at a time, not the
    record), over every month with contacts or rows."""
    held = Contact.objects.order_by().dates("date", "month")
    changed, _ = _months_recompute(
        {
            *held,
            *FacetMonthCount.objects.order_by().values_list("month", flat=True).distinct(),
            *PairFacetMonthCount.objects.order_by().values_list("month", flat=True).distinct(),
        }
    )
    summed = FacetMonthCount.objects.order_by().values_list(*FACET_COUNT_KEYS).annotate(n=Sum("contacts"))
    changed["FacetCount"] += facet_counts_sync(MONTH_FACETS, {tuple(row[:-1]): row[-1] for row in summed})
    summed = PairFacetMonthCount.objects.order_by().values_list(*PAIR_FACET_COUNT_KEYS).annotate(n=Sum("contacts"))
    wanted = {tuple(row[:-1]): row[-1] for row in summed if row[-1]}
    changed["PairFacetCount"] += upkeep._tally_sync(
        PairFacetCount, PairFacetCount.objects.all(), PAIR_FACET_COUNT_KEYS, wanted
    )
    return changed


def facet_counts_sync(facets: Iterable[str], wanted: dict, stored=None) -> int:
    """Make the ``FacetCount`` rows of ``facets`` (or ``stored``, some of them) hold ``wanted``
    (``FACET_COUNT_KEYS`` -> contacts); the rows changed. For a writer that holds every lock over
    them (a repair; a person's rows under the person's lock)."""
    stored = FacetCount.objects.filter(facet__in=list(facets)) if stored is None else stored
    return upkeep._tally_sync(FacetCount, stored, FACET_COUNT_KEYS, {k: n for k, n in wanted.items() if n})


def person_facet_counts_delete(person_id: int) -> None:
    """A person deleted: their ``FacetCount`` rows, as their ``PersonMonthCount`` rows (a cascade)."""
    FacetCount.objects.filter(facet=FacetCount.PERSON, value=str(person_id)).delete()


def facet_count_differences_add(
    differences: Counter, model: type[models.Model] = FacetCount, keys: tuple[str, ...] = FACET_COUNT_KEYS
) -> int:
    """Add each ``keys -> n`` difference to its ``model`` row (``FacetCount`` or ``PairFacetCount``;
    made when missing), in upserts in the keys' order (the one order every writer locks the rows
    in), and delete the rows that reach zero; returns the rows changed. Added, not written:
    writers of different months change the same rows at once, each under its own months' locks,
    and their differences add up whatever order they commit in."""
    rows = sorted((key, n) for key, n in differences.items() if n)
    if not rows:
        return 0
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(column) for column in keys)
    contacts = quote("contacts")
    one = f"({', '.join(['%s'] * (len(keys) + 1))})"
    per_upsert = _PARAMETERS_PER_UPSERT // (len(keys) + 1)
    with connection.cursor() as cursor:
        for i in range(0, len(rows), per_upsert):
            chunk = rows[i : i + per_upsert]
            cursor.execute(
                f"INSERT INTO {table} ({columns}, {contacts}) VALUES {', '.join([one] * len(chunk))}"
                f" ON CONFLICT ({columns}) DO UPDATE SET {contacts} = {table}.{contacts} + excluded.{contacts}",
                [part for key, n in chunk for part in (*key, n)],
            )
    reached_zero = model.objects.filter(facet__in={key[keys.index("facet")] for key, _ in rows}, contacts__lte=0)
    if model is PairFacetCount:  # the pairs' own rows (their unique index), not every pair's
        reached_zero = reached_zero.filter(person_a_id__in={key[0] for key, _ in rows})
    reached_zero.delete()
    return len(rows)


def _counted(contacts) -> tuple[Counter, Counter]:
    """``(facet, status, month, kind, value) -> contacts`` of ``contacts``, and the same keyed
    first by each pair of their participants (lower id first) with the ``person`` facet too: one
    read of them, of their participants, topics and confirmed reports, and of their participants'
    countries and confirmed offices."""
    contacts = contacts.filter(status__in=ReviewStatus.values).order_by()
    shape = {pk: (status, day, kind) for pk, status, day, kind in contacts.values_list("pk", "status", "date", "kind")}
    # Each read below is its own snapshot (PostgreSQL's read committed): a contact another process
    # commits after ``shape`` was read is left out here and counted by that process's own upkeep,
    # which waits for this one's month locks.
    chosen = contacts.values("pk")
    values: dict[tuple[str, int], set[str]] = {}

    def add(facet: str, contact_id: int, value) -> None:
        if contact_id in shape:
            values.setdefault((facet, contact_id), set()).add(str(value))

    took_part = list(participants().filter(contact_id__in=chosen).values_list("contact_id", "person_id"))
    people = {pk for _, pk in took_part}
    people_of: dict[int, list[int]] = {}
    country_of = dict(Person.objects.filter(pk__in=people, country__isnull=False).values_list("pk", "country_id"))
    offices: dict[int, list[tuple]] = {}
    held = Office.objects.filter(person_id__in=people, status=ReviewStatus.CONFIRMED)
    for person_id, country_id, start, end in held.values_list("person_id", "country_id", "start", "end"):
        offices.setdefault(person_id, []).append((country_id, start, end))
    # A contact counts for a country a participant spoke for on the day (``of_countries``): a
    # national of it, or holding one of its confirmed offices that day.
    for contact_id, person_id in took_part:
        if contact_id not in shape:
            continue
        people_of.setdefault(contact_id, []).append(person_id)
        if person_id in country_of:
            add(COUNTRY, contact_id, country_of[person_id])
        day = shape[contact_id][1]
        for country_id, start, end in offices.get(person_id, ()):
            if office_held_on(start, end, day):
                add(COUNTRY, contact_id, country_id)
    for contact_id, topic_id in Contact.topics.through.objects.filter(contact_id__in=chosen).values_list(
        "contact_id", "topic_id"
    ):
        add(TOPIC, contact_id, topic_id)
    reports = ContactSource.objects.filter(contact_id__in=chosen, status=ReviewStatus.CONFIRMED)
    for contact_id, publisher in reports.exclude(article__publisher="").values_list("contact_id", "article__publisher"):
        add(PUBLISHER, contact_id, publisher)
    counted: Counter = Counter()
    of_pairs: Counter = Counter()
    for (facet, contact_id), found in values.items():
        status, day, kind = shape[contact_id]
        for value in found:
            counted[(facet, status, month_start(day), kind, value)] += 1
    for contact_id, taking_part in people_of.items():
        status, day, kind = shape[contact_id]
        month = month_start(day)
        found = [
            (facet, value) for facet in (COUNTRY, TOPIC, PUBLISHER) for value in values.get((facet, contact_id), ())
        ]
        found += [(PERSON, str(person_id)) for person_id in set(taking_part)]
        for a, b in combinations(sorted(set(taking_part)), 2):
            for facet, value in found:
                of_pairs[(a, b, facet, status, month, kind, value)] += 1
    return counted, of_pairs
