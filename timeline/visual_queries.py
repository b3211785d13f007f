"""The queries behind the visual timeline (``timeline.visual``) that read around the contacts: a
selection's first and last day, its pairs counted (in all, or per period), the month tallies of its
people."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, F, Max, Min, Q

from timeline.charts.periods import period_start
from timeline.charts.tally import Tally
from tracker.models.record import participants
from tracker.rules import month_after, pair_key


def first_and_last(qs) -> tuple[date | None, date | None]:
    """The first and last date of ``qs``: two look-ups of the date index (SQLite reads an index
    end only for a lone MIN or MAX)."""
    first = qs.order_by("date").values_list("date", flat=True).first()
    last = qs.order_by("-date").values_list("date", flat=True).first()
    return first, last


def first_and_last_tallied(qs, months) -> tuple[date | None, date | None]:
    """``first_and_last`` of ``qs`` when ``months`` (``PairMonthCount`` rows) hold its contacts:
    the first and last months that hold any, then the first and last day of the contacts of those
    two months only. None of the three queries reads every contact of ``qs`` (PostgreSQL walks
    the date index from the month; SQLite reads the index of that month's contacts)."""
    span = months.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return None, None
    first = qs.filter(date__gte=span["first"], date__lt=month_after(span["first"]))
    last = qs.filter(date__gte=span["last"], date__lt=month_after(span["last"]))
    return (
        first.order_by("date").values_list("date", flat=True).first(),
        last.order_by("-date").values_list("date", flat=True).first(),
    )


def involving(months, people):
    """``PairMonthCount`` rows of the pairs with one of ``people`` in them."""
    return months.filter(Q(person_a_id__in=people) | Q(person_b_id__in=people))


def months_of(tally: Tally):
    """The month tallies of the filter's pair or people (every pair's without either)."""
    months = tally.months.order_by()
    if tally.pair:
        return months.filter(person_a_id=tally.pair[0], person_b_id=tally.pair[1])
    return involving(months, list(tally.people)) if tally.people else months


def pairs_in(contacts, among: list[int | None]) -> Counter:
    """``(lower id, higher id) -> contacts`` of the pairs of participants of ``contacts`` (a query
    of contact ids), only those with one of ``among`` in them when it names anyone: one query."""
    pair = Q(contact_id__in=contacts, contact__participants__id__gt=F("person_id"))
    if among := [p for p in among if p]:  # in the same filter(): another would join anew
        pair &= Q(person_id__in=among) | Q(contact__participants__id__in=among)
    rows = participants().filter(pair).values("person_id", "contact__participants__id").annotate(n=Count("id"))
    return Counter({(a, b): n for a, b, n in rows.values_list("person_id", "contact__participants__id", "n")})


def busiest_first(counted: Counter, limit: int) -> list[tuple[int, int, int]]:
    """The ``limit`` pairs with the most contacts, ``(a, b, contacts)``, ties by ids."""
    ranked = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(a, b, n) for (a, b), n in ranked]


def pair_rows_by_period(contacts, pairs: list[tuple[int, int]], period: str) -> dict[tuple[int, int], list]:
    """``(period start, kind, contacts)`` rows of each of ``pairs`` among ``contacts``, by pair
    (lower id first), in one query: the participants of the contacts paired on the contact, so a
    filter the tallies do not know (a country, a topic, text) is evaluated once, not once per pair."""
    ids = {p for pair in pairs for p in pair}
    wanted = {pair_key(*pair) for pair in pairs}
    rows = (
        participants()
        # One filter() call: the two conditions on the other participant share one join.
        .filter(
            contact__in=contacts.values("pk"),
            person_id__in=ids,
            contact__participants__id__in=ids,
            contact__participants__id__gt=F("person_id"),
        )
        .annotate(p=period_start(period, "contact__date"))
        .values("person_id", "contact__participants__id", "p", "contact__kind")
        .annotate(c=Count("id"))
        .values_list("person_id", "contact__participants__id", "p", "contact__kind", "c")
    )
    by_pair = defaultdict(list)
    for a, b, day, kind, c in rows:
        if (a, b) in wanted:
            by_pair[(a, b)].append((day, kind, c))
    return by_pair
