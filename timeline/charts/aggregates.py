"""The counts behind the charts, each one query: a queryset in, one row per bar, cell or edge out.

Plain ``Count``: ContactFilter narrows with ``pk IN (subquery)``, never a join, so a contact is one
row however many of the filtered people took part.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum

from timeline.charts.base import Pair
from timeline.charts.periods import period_start
from timeline.charts.tally import Tally, day_tally
from tracker.models import Contact, Gap, Person


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

    Unfiltered: the first rows of the ``PairContactCount`` index. Otherwise a self-join of the
    participants table inside the database: each participant row of a filtered contact is
    paired with the other participants of the same contact (lower id first).
    """
    if tally and tally.pairs is not None:
        rows = tally.pairs.order_by("-contacts", "person_a_id", "person_b_id")[:limit]
        return [(r.person_a_id, r.person_b_id, r.contacts) for r in rows]
    through = Contact.participants.through.objects
    rows = (
        through.filter(contact__in=unordered(contacts).values("pk"))
        .filter(person_id__lt=F("contact__participants"))
        .values("person_id", "contact__participants")
        .annotate(n=Count("contact_id"))
        .order_by("-n", "person_id", "contact__participants")[:limit]
    )
    return [(r["person_id"], r["contact__participants"], r["n"]) for r in rows]


def pair_contacts_by_person(contacts: QuerySet, tally: Tally | None = None) -> dict[int, int]:
    """Each person's pair-contacts in the selection: for every contact, one per other participant
    (a call of two counts one for each; a meeting of three, two for each). Their sum is twice the
    sum of ``contact_counts_by_pair`` without a limit. One query (two from the pair tally)."""
    if tally and tally.pairs is not None:
        totals: dict[int, int] = {}
        for side in ("person_a_id", "person_b_id"):
            for pid, n in tally.pairs.order_by().values(side).annotate(n=Sum("contacts")).values_list(side, "n"):
                totals[pid] = totals.get(pid, 0) + n
        return totals
    rows = (
        _pairs_of(contacts)
        .filter(Q(contact__participants__lt=F("person_id")) | Q(contact__participants__gt=F("person_id")))
        .values("person_id")
        .annotate(n=Count("contact_id"))
        .values_list("person_id", "n")
    )
    return dict(rows)


def contact_counts_among(contacts: QuerySet, ids: list[int], tally: Tally | None = None) -> list[tuple[int, int, int]]:
    """``(person_a_id, person_b_id, contacts)`` of every pair of two of ``ids`` (lower id first)."""
    if tally and tally.pairs is not None:
        rows = tally.pairs.filter(person_a_id__in=ids, person_b_id__in=ids)
        return [(r.person_a_id, r.person_b_id, r.contacts) for r in rows.order_by()]
    rows = (
        _pairs_of(contacts)
        .filter(person_id__in=ids, contact__participants__in=ids, person_id__lt=F("contact__participants"))
        .values("person_id", "contact__participants")
        .annotate(n=Count("contact_id"))
        .values_list("person_id", "contact__participants", "n")
    )
    return list(rows)


def _pairs_of(contacts: QuerySet) -> QuerySet:
    """The participants table joined to itself through the contacts of ``contacts``."""
    return Contact.participants.through.objects.filter(contact__in=unordered(contacts).values("pk")).order_by()


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
    fields = ["kind"] if by_kind else []
    rows = list(months.order_by().values(*fields, period=F("month")).annotate(n=Sum("contacts")))
    for first, last in tally.cut:
        edge = unordered(contacts.involving_all(*pair)).filter(date__range=(first, last))
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
    gaps = gaps_ending_between(Gap.objects.all(), start, end)
    if ids := [p.pk for p in people]:
        gaps = gaps.filter(Q(person_a__in=ids) | Q(person_b__in=ids))
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
    """The gaps as dicts, oldest first; only the ``latest`` ones if given (one query either way)."""
    fields = ["start", "end", "days", "is_record", "longest_since", "approximate", "before_id", "after_id"]
    fields += ["in_office", "office_note"]
    kinds = {"before_kind": F("before__kind"), "after_kind": F("after__kind")}
    if latest is None:
        return list(gaps.order_by("end", "after_id").values(*fields, **kinds))
    return list(reversed(gaps.order_by("-end", "-after_id").values(*fields, **kinds)[:latest]))
