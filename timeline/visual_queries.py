"""The queries behind the visual timeline (``timeline.visual``) that read around the contacts: a
selection's first and last day, its pairs counted (in all, or per period), the month tallies of its
people, a country's pairs from the tallies."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import combinations

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q

from timeline.charts.aggregates import crowded_rows, pair_counts_of_people
from timeline.charts.periods import period_start, period_start_of
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


def of_people_each(contact_filter, tally: Tally):
    """The filter's contacts, its people (``tally.people``: a person or a country's nationals)
    tested on each contact by id (EXISTS) instead of the list of all their contacts, which SQLite
    builds for every query (39,000 for a busy country): for queries of a few days' contacts."""
    if not tally.people or tally.pair:
        return contact_filter.qs
    unnamed = contact_filter.without("person", "country").qs
    return unnamed.filter(Exists(participants().filter(contact_id=OuterRef("pk"), person_id__in=tally.people)))


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


class CountryPairs:
    """Every pair of a country's selection (``tally.people``: its nationals), read once from the
    pair tallies and the selection's contacts of three or more participants
    (``pair_counts_of_people``), instead of pairing a sample of its contacts; from them, the
    selection's exact number of contacts and the counts of a lane of two others."""

    def __init__(self, qs, tally: Tally):
        self.people = tally.people
        self.crowded = crowded_rows(qs, "date", "kind")
        self.pairs = Counter({(a, b): n for a, b, n in pair_counts_of_people(qs, tally, self.crowded)})

    def _with_them(self, a: int, b: int) -> bool:
        return a in self.people or b in self.people

    def total(self) -> int:
        """The contacts: one per pair with a national, less the extra pairs with a national of
        each contact of three or more (every contact of the selection has a national in it)."""
        once = sum(n for (a, b), n in self.pairs.items() if self._with_them(a, b))
        extra = sum(sum(self._with_them(*pair) for pair in combinations(sorted(met), 2)) - 1 for _, met in self.crowded)
        return once - extra

    def rows_of_others(self, pair: tuple[int, int], period: str) -> list[tuple[date, str, int]]:
        """``(period start, kind, contacts)`` of a pair of two others: contacts of three or more."""
        counted = Counter(
            (period_start_of(day, period), kind) for (day, kind), met in self.crowded if set(pair) <= set(met)
        )
        return [(day, kind, n) for (day, kind), n in sorted(counted.items())]


def country_pairs(contact_filter, tally: Tally | None) -> CountryPairs | None:
    """``CountryPairs`` of a country filter its nationals' tallies stand for, else None. The
    nationals by id, not the country's subquery: PostgreSQL then plans on their own rows (on the
    subquery it looked up a busy country's 39,000 contacts one by one: 100-200 ms)."""
    if not (tally and tally.people and not tally.pair and contact_filter.form.cleaned_data.get("country")):
        return None
    return CountryPairs(contact_filter.without("country").qs.order_by().involving_any(tally.people), tally)
