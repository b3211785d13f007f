"""Which stored tally a chart may count from instead of the contacts, for a given filter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet

from timeline.filters import STATUS_ANY, ContactFilter
from tracker.models import (
    ContactDayCount,
    PairContactCount,
    PairMonthCount,
    PersonMonthCount,
    ReviewStatus,
    country_speakers_every_day,
)
from tracker.rules import month_after, month_start, pair_key


@dataclass
class Tally:
    """The stored tallies narrowed like the filter, when it narrows by nothing but people, a
    pair, status, kind and dates (a country its nationals alone speak for counts as its nationals):
    charts then count from these, not from every contact.

    ``days``: ``ContactDayCount`` rows, when no person or pair narrows the filter either.
    ``pairs``: ``PairContactCount`` rows, only when the filter is the default (confirmed, any
    kind, any date), the one thing that table counts. ``whole``: the filter narrows by nothing
    else than people or a pair, so their pairs' ``PairContactCount`` rows count their contacts.
    ``months``: ``PairMonthCount`` rows of the whole months inside the dates; ``pair_months``
    gives one pair's. ``person_months``: ``PersonMonthCount`` rows of the same months, when the
    filter's people are one person and no pair narrows it (their rows are then its contacts).
    ``cut``: the stretches of the months the dates cut (none, one or two), which the charts count
    from the contacts.
    """

    days: QuerySet | None
    months: QuerySet
    pairs: QuerySet | None = None
    people: frozenset[int] = frozenset()
    pair: tuple[int, int] | None = None  # the ids of a pair filter, lower first
    cut: list[tuple[date, date]] = field(default_factory=list)
    whole: bool = False
    person_months: QuerySet | None = None

    def one_person(self) -> int | None:
        """The id of the one person the filter keeps the contacts of, when no pair narrows it."""
        return next(iter(self.people)) if len(self.people) == 1 and not self.pair else None

    def pair_months(self, a: int, b: int) -> QuerySet | None:
        """The ``PairMonthCount`` rows of the pair of ids ``a`` and ``b`` under the filter, or None
        when the filter keeps only some of the pair's contacts (a person filter on a third person,
        another pair): those are counted from the contacts."""
        low, high = pair_key(a, b)
        if (self.people and not self.people & {low, high}) or (self.pair and self.pair != (low, high)):
            return None
        return self.months.filter(person_a_id=low, person_b_id=high)


def whole_months(months: QuerySet, start: date | None, end: date | None) -> tuple[QuerySet, list[tuple[date, date]]]:
    """``months`` narrowed to the months wholly inside [start, end], and the stretches of the
    months the two dates cut (``(first day, last day)``, at most two)."""
    cut = []
    if start and start.day != 1:
        months = months.filter(month__gte=month_after(start))
        last = month_after(start) - timedelta(days=1)  # the cut month's last day
        cut.append((start, min(last, end) if end else last))
    elif start:
        months = months.filter(month__gte=start)
    if end and month_after(end) - timedelta(days=1) != end:
        months = months.filter(month__lt=month_start(end))
        low = max(month_start(end), start) if start else month_start(end)
        if not cut or low > cut[0][1]:
            cut.append((low, end))
    elif end:
        months = months.filter(month__lte=end)
    return months, cut


def of_status_and_kinds(rows: QuerySet, status: str, kinds: list[str] | None) -> QuerySet:
    """Tally ``rows`` of the filter's review status (unless any) and kinds (if chosen)."""
    if status != STATUS_ANY:
        rows = rows.filter(status=status)
    return rows.filter(kind__in=kinds) if kinds else rows


def tally_for(filterset: ContactFilter) -> Tally | None:
    """The ``Tally`` for a filter, or None when a topic, publisher or text narrows it (or it is
    invalid): the tallies do not know those, so the charts count from the filtered contacts. A
    country alone whose nationals are all who ever spoke for it (``country_speakers_every_day``)
    keeps the same contacts as a person filter on them, and is counted so."""
    if not filterset.form.is_valid():
        return None
    data = filterset.form.cleaned_data
    if any(data.get(key) for key in ("topic", "publisher", "q")):
        return None
    people = frozenset(p.pk for p in data.get("person") or ())
    if data.get("country"):
        nationals = None if people or data.get("pair") else country_speakers_every_day(data["country"])
        if nationals is None:
            return None
        people = nationals
    status = data.get("status") or ReviewStatus.CONFIRMED
    kinds, start, end = data.get("kind"), data.get("start"), data.get("end")
    days = of_status_and_kinds(ContactDayCount.objects.all(), status, kinds)
    months = of_status_and_kinds(PairMonthCount.objects.all(), status, kinds)
    if start:
        days = days.filter(date__gte=start)
    if end:
        days = days.filter(date__lte=end)
    months, cut = whole_months(months, start, end)
    pair = pair_key(*(p.pk for p in data["pair"])) if data.get("pair") else None
    whole = status == ReviewStatus.CONFIRMED and not (kinds or start or end)
    narrowed = bool(people or pair)
    tally = Tally(
        days=None if narrowed else days,
        months=months,
        pairs=PairContactCount.objects.all() if whole and not narrowed else None,
        people=people,
        pair=pair,
        cut=cut,
        whole=whole,
    )
    if (person := tally.one_person()) is not None:
        mine = of_status_and_kinds(PersonMonthCount.objects.filter(person_id=person), status, kinds)
        tally.person_months = whole_months(mine, start, end)[0]
    return tally


def day_tally(tally: Tally | None) -> QuerySet | None:
    return tally.days if tally else None
