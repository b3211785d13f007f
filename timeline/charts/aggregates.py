"""The counts behind the charts, each one query: a queryset in, one row per bar, cell or edge out.

Plain ``Count``: ContactFilter narrows with ``pk IN (subquery)``, never a join, so a contact is one
row however many of the filtered people took part.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import combinations

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum

from timeline.charts.base import Pair
from timeline.charts.periods import period_start
from timeline.charts.tally import Tally, day_tally
from tracker.models import Contact, Gap, PairContactCount, PairGapCount, Person, PersonPairCount
from tracker.models.record import CROWDED, participants

CHUNK = 500  # ids per ``pk IN (…)``, well inside every backend's limit on parameters


def as_day(value) -> date:
    """Trunc* on a DateField gives a date; some backends hand back a datetime."""
    return value.date() if hasattr(value, "hour") else value


def by_day(rows) -> list[dict]:
    """The rows with their ``period`` as a date, whatever the backend handed back."""
    return [{**row, "period": as_day(row["period"])} for row in rows]


def unordered(contacts: QuerySet) -> QuerySet:
    # An ordering left on the queryset would join the GROUP BY and split every bucket.
    return contacts.order_by()


def contact_counts_by_period(contacts: QuerySet, period: str) -> list[dict]:
    """Rows ``{"period": date, "kind": str, "n": int}``, ordered by period then kind."""
    return by_day(
        unordered(contacts)
        .annotate(period=period_start(period))
        .values("period", "kind")
        .annotate(n=Count("id"))
        .order_by("period", "kind")
    )


def tallied_counts_by_period(days: QuerySet, period: str) -> list[dict]:
    """``contact_counts_by_period`` from the day tally: the same rows, one per day and kind read."""
    return by_day(
        days.order_by()
        .annotate(period=period_start(period))
        .values("period", "kind")
        .annotate(n=Sum("contacts"))
        .order_by("period", "kind")
    )


def pair_counts_by_period(contacts: QuerySet, pair: Pair, period: str) -> list[dict]:
    """Rows ``{"period": date, "n": int}`` of the pair's contacts among ``contacts``."""
    return by_day(
        unordered(contacts.involving_all(*pair))
        .annotate(period=period_start(period))
        .values("period")
        .annotate(n=Count("id"))
        .order_by("period")
    )


def contact_date_span(contacts: QuerySet, tally: Tally | None = None) -> tuple[date | None, date | None]:
    days = day_tally(tally)
    span = (days if days is not None else unordered(contacts)).aggregate(first=Min("date"), last=Max("date"))
    return span["first"], span["last"]


def contact_counts_by_day(contacts: QuerySet, year: int, tally: Tally | None = None) -> dict[date, int]:
    if (days := day_tally(tally)) is not None:
        rows = days.filter(date__year=year).values("date").annotate(n=Sum("contacts"))
    else:
        rows = unordered(contacts).filter(date__year=year).values("date").annotate(n=Count("id"))
    return {row["date"]: row["n"] for row in rows.order_by("date")}


def contact_counts_by_pair(contacts: QuerySet, limit: int, tally: Tally | None = None) -> list[tuple[int, int, int]]:
    """``(person_a_id, person_b_id, contacts)`` for the ``limit`` pairs that shared the most.

    Unfiltered: the first rows of the ``PairContactCount`` index. Otherwise ``pair_counts_in``:
    a self-join of the participants table inside the database.
    """
    if tally and tally.pairs is not None:
        rows = tally.pairs.order_by("-contacts", "person_a_id", "person_b_id")[:limit]
        return [(r.person_a_id, r.person_b_id, r.contacts) for r in rows]
    return busiest(pair_counts_in(contacts), limit)


def pair_counts_in(contacts: QuerySet) -> list[tuple[int, int, int]]:
    """Every pair of participants of ``contacts`` with the number they shared, ``(lower id, higher
    id, contacts)``, unordered: one query, the participants table joined to itself on the contact
    for the contacts of the selection. (The ORM's ``contact__participants`` joins through the
    contacts table as well, a third more time on a leader's 20,000 contacts.) Rows: the pairs of
    the selection, a few hundred for one leader, a few thousand for the whole record."""
    try:
        selected, params = unordered(contacts).values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that cannot match (``.none()``, an empty IN list)
        return []
    table = connections[contacts.db].ops.quote_name(Contact.participants.through._meta.db_table)
    sql = (
        f"SELECT a.person_id, b.person_id, COUNT(*) FROM {table} a JOIN {table} b"
        " ON b.contact_id = a.contact_id AND a.person_id < b.person_id"
        f" WHERE a.contact_id IN ({selected}) GROUP BY a.person_id, b.person_id"
    )
    with connections[contacts.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [(a, b, n) for a, b, n in cursor.fetchall()]


def pair_counts_of_people(
    contacts: QuerySet, tally: Tally, crowded: list[tuple[tuple, list[int]]] | None = None
) -> list[tuple[int, int, int]]:
    """``pair_counts_in`` of the contacts of some people (``tally.people``, no pair filter: a person
    or a country its nationals speak for, whose every contact has one of them), without pairing
    every participant of every contact: the pairs with one of them from the pair tallies (whole
    record: ``PairContactCount``; else their month tallies and the contacts of the months the
    dates cut), the pairs of two others from the contacts of three or more participants, the
    only ones that hold such pairs (``crowded_rows``, unless given; one person's whole record:
    their ``PersonPairCount`` rows)."""
    people = tally.people
    with_them = Q(person_a_id__in=people) | Q(person_b_id__in=people)
    pair = ("person_a_id", "person_b_id")
    if tally.whole:
        rows = PairContactCount.objects.filter(with_them).values_list(*pair, "contacts")
    else:
        months = tally.months.order_by().filter(with_them).values(*pair)
        rows = months.annotate(n=Sum("contacts")).values_list(*pair, "n")
    counted = Counter({(a, b): n for a, b, n in rows})
    for first, last in tally.cut:
        cut = pair_counts_in(contacts.filter(date__gte=first, date__lte=last))
        counted.update({(a, b): n for a, b, n in cut if a in people or b in people})
    if crowded is None and tally.whole and (person := tally.one_person()) is not None:
        # One person's whole record: the pairs of others are tallied too.
        others = PersonPairCount.objects.filter(person_id=person).values_list(*pair, "contacts")
        counted.update({(a, b): n for a, b, n in others})
    else:
        for _, met in crowded_rows(contacts) if crowded is None else crowded:
            others = (pair for pair in combinations(sorted(met), 2) if not (pair[0] in people or pair[1] in people))
            counted.update(others)
    return [(a, b, n) for (a, b), n in counted.items() if n]


def crowded_rows(contacts: QuerySet, *fields: str) -> list[tuple[tuple, list[int]]]:
    """``(values of fields, participant ids)`` of each contact of ``contacts`` with three or more
    participants (the ``contact_crowded`` index): their ids first (asked at once, the planners
    pair every contact of the selection before keeping the few: 30 ms against 9 for a leader at
    100,000 contacts), then their participants rows by contact id."""
    rows = list(unordered(contacts).filter(participant_count__gte=CROWDED).values_list("pk", *fields))
    people_of: dict[int, list[int]] = {}
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), CHUNK):
        found = participants().filter(contact_id__in=ids[start : start + CHUNK]).values_list("contact_id", "person_id")
        for contact_id, person_id in found:
            people_of.setdefault(contact_id, []).append(person_id)
    return [(row[1:], people_of.get(row[0], [])) for row in rows]


def busiest(pairs: list[tuple[int, int, int]], limit: int) -> list[tuple[int, int, int]]:
    """The ``limit`` pairs that shared the most, ties by ids (the order of the tally's index)."""
    return sorted(pairs, key=lambda r: (-r[2], r[0], r[1]))[:limit]


def totals_by_person(pairs: Iterable[tuple[int, int, int]]) -> dict[int, int]:
    """Each person's pair-contacts: for every contact, one per other participant (a call of two
    counts one for each; a meeting of three, two for each)."""
    totals: dict[int, int] = {}
    for a, b, n in pairs:
        totals[a] = totals.get(a, 0) + n
        totals[b] = totals.get(b, 0) + n
    return totals


def tallied_totals_by_person(tally: Tally) -> dict[int, int]:
    """``totals_by_person`` of every pair, from ``PairContactCount`` (two grouped queries)."""
    totals: dict[int, int] = {}
    for side in ("person_a_id", "person_b_id"):
        for pid, n in tally.pairs.order_by().values(side).annotate(n=Sum("contacts")).values_list(side, "n"):
            totals[pid] = totals.get(pid, 0) + n
    return totals


def tallied_pairs_among(tally: Tally, ids: list[int]) -> list[tuple[int, int, int]]:
    """The pairs of two of ``ids`` from ``PairContactCount`` (lower id first)."""
    rows = tally.pairs.filter(person_a_id__in=ids, person_b_id__in=ids).order_by()
    return list(rows.values_list("person_a_id", "person_b_id", "contacts"))


def pair_counts_by_month(
    contacts: QuerySet, pair: tuple[int, int], tally: Tally, by_kind: bool = False
) -> list[dict] | None:
    """Rows ``{"period": month, ["kind": str,] "n": int}`` of the pair's contacts under the
    filter, ordered like ``contact_counts_by_period``; None when the tally cannot stand for them.

    Whole months come from ``PairMonthCount`` (at most months x kinds rows, whatever the number
    of contacts); the months the dates cut are counted from the contacts of those days.
    """
    months = tally.pair_months(*pair)
    if months is None:
        return None
    return tallied_counts_by_month(months, contacts.involving_all(*pair), tally.cut, by_kind)


def person_counts_by_month(contacts: QuerySet, tally: Tally) -> list[dict] | None:
    """``pair_counts_by_month`` (by kind) of the one person ``contacts`` are filtered on, from
    ``PersonMonthCount``; None when the filter is not one person's (``tally.person_months``)."""
    if tally.person_months is None:
        return None
    return tallied_counts_by_month(tally.person_months, contacts, tally.cut, by_kind=True)


def tallied_counts_by_month(months: QuerySet, contacts: QuerySet, cut: list, by_kind: bool) -> list[dict]:
    """The rows of ``pair_counts_by_month``: the whole months summed from the tally rows
    ``months``, the stretches ``cut`` counted from ``contacts``, what the tally rows hold."""
    fields = ["kind"] if by_kind else []
    rows = list(months.order_by().values(*fields, period=F("month")).annotate(n=Sum("contacts")))
    for first, last in cut:
        edge = unordered(contacts).filter(date__range=(first, last))
        month = first.replace(day=1)
        if by_kind:
            rows += [{"period": month, **r} for r in edge.values("kind").annotate(n=Count("id"))]
        elif n := edge.count():
            rows.append({"period": month, "n": n})
    return sorted(rows, key=lambda r: (r["period"], r.get("kind", "")))


def gaps_ending_between(gaps: QuerySet, start: date | None, end: date | None) -> QuerySet:
    """The gaps that ended inside [start, end] (the ``gap_pair_end`` index for one pair)."""
    if start:
        gaps = gaps.filter(end__gte=start)
    if end:
        gaps = gaps.filter(end__lte=end)
    return gaps


def pairs_with_most_gaps(n: int, *, start: date | None, end: date | None, people: Iterable[Person] = ()) -> list[Pair]:
    """The ``n`` pairs with the most held contacts in the period (among ``people``, if any),
    counted on the stored gaps: one scan of an indexed table instead of a self-join of the
    participants. Kind and topic filters do not narrow it (gaps are made of every held contact)."""
    ids = [p.pk for p in people]
    of_people = Q(person_a__in=ids) | Q(person_b__in=ids) if ids else Q()
    if start is None and end is None:
        # All time: each pair's gaps counted in their tally (its index), not grouped here.
        most = PairGapCount.objects.filter(of_people).order_by("-gaps", "person_a_id", "person_b_id")
        pairs = list(most.values_list("person_a_id", "person_b_id")[:n])
    else:
        gaps = gaps_ending_between(Gap.objects.all(), start, end).filter(of_people)
        rows = (
            gaps.values("person_a_id", "person_b_id")
            .annotate(n=Count("id"))
            .order_by("-n", "person_a_id", "person_b_id")[:n]
        )
        pairs = [(r["person_a_id"], r["person_b_id"]) for r in rows]
    found = Person.objects.in_bulk({i for pair in pairs for i in pair})
    return [(found[a], found[b]) for a, b in pairs]


def busiest_pairs(
    contacts: QuerySet, n: int, *, start: date | None, end: date | None, people: Iterable[Person], narrowed: bool
) -> list[Pair]:
    """The ``n`` pairs with the most contacts in the selection. Counted on the stored gaps
    (``pairs_with_most_gaps``: one indexed table) when the filter narrows by nothing but people and
    dates; when it also narrows by what the gaps do not know (``narrowed``: country, kind, topic,
    publisher, text), on the filtered contacts themselves, so that ``?country=XX`` chooses among
    the pairs that country took part in."""
    if not narrowed:
        return pairs_with_most_gaps(n, start=start, end=end, people=people)
    pairs = [(a, b) for a, b, _ in contact_counts_by_pair(contacts, n)]
    found = Person.objects.in_bulk({i for pair in pairs for i in pair})
    return [(found[a], found[b]) for a, b in pairs]


def gap_rows(gaps: QuerySet, latest: int | None = None) -> list[dict]:
    """The gaps as dicts, oldest first; only the ``latest`` ones if given: those are chosen first
    (their ids, from the pair's index) and only they joined to their contacts' kinds, two short
    queries (joined first, the 3,800 gaps of a pair at 1,000,000 contacts took 28 ms for the 400
    shown; chosen in a subquery, PostgreSQL read every gap at 100,000 to join the 400)."""
    fields = ["start", "end", "days", "is_record", "longest_since", "approximate", "before_id", "after_id"]
    fields += ["in_office", "office_note"]
    kinds = {"before_kind": F("before__kind"), "after_kind": F("after__kind")}
    if latest is None:
        return list(gaps.order_by("end", "after_id").values(*fields, **kinds))
    newest = list(gaps.order_by("-end", "-after_id").values_list("pk", flat=True)[:latest])
    chosen = Gap.objects.filter(pk__in=newest).order_by("-end", "-after_id")
    return list(reversed(chosen.values(*fields, **kinds)))
