"""What the pages say about a pair of leaders: their rhythm, the silence now, the quiet pairs.

Reads come from tracker's QuerySets; the arithmetic (median, "longest since") is plain Python.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Min, QuerySet, Sum

from tracker.models import Contact, Gap, GapClaim, InOffice, Office, PairMonthCount, Person, ReviewStatus
from tracker.rules import office_left_on, pair_key


@dataclass(frozen=True)
class OpenGap:
    """The silence from a pair's last held contact up to today, or up to the day one of them left
    office: a silence with a former leader is no longer a gap between leaders."""

    since: date
    days: int
    longest_since: date | None  # None: no earlier gap of theirs was this long
    is_record: bool
    until: date
    left_office: Person | None = None  # who left, when the silence ended that way

    @property
    def is_open(self) -> bool:
        return self.left_office is None


def pair_departure(a: int, b: int, today: date) -> tuple[int, date] | None:
    """The first of the two to have left office, and when (one query, their confirmed offices)."""
    terms = Office.objects.confirmed().filter(person_id__in=[a, b]).terms()
    left = [(day, pid) for pid in (a, b) if (day := office_left_on(terms.get(pid, []), today)) is not None]
    return (min(left)[1], min(left)[0]) if left else None


def pair_silence_end(a: int, b: int, last_contact: date, today: date) -> tuple[date, int | None]:
    """The open-gap rule, one definition for the pair page and the gaps chart: the silence after
    the pair's last held contact runs up to today, unless one of the two has left office since
    then; it ends that day instead, and the id of who left comes with it (one query)."""
    departure = pair_departure(a, b, today)
    if departure and departure[1] >= last_contact:
        return departure[1], departure[0]
    return today, None


@dataclass(frozen=True)
class PairSummary:
    contact_count: int
    by_kind: list[tuple[str, int]]
    median_days: float | None
    longest: Gap | None
    open_gap: OpenGap | None
    longer_out_of_office: list[Gap] = field(default_factory=list)


def pair_open_gap(a: Person | int, b: Person | int, today: date) -> OpenGap | None:
    """The gap table knows the pair's first and last held contacts (two queries, from its index);
    only a pair with a single contact needs the contacts themselves. One more query for the end
    of the latest longer gap."""
    gaps = Gap.objects.for_pair(a, b).order_by()
    # The earliest gap (a same-day one may share its end) starts on the first held contact: both
    # ends are read from the (pair, end) index, not from every gap.
    span = {
        "first": gaps.order_by("end", "start").values_list("start", flat=True).first(),
        "last": gaps.aggregate(last=Max("end"))["last"],
    }
    if span["last"] is None:
        span = Contact.objects.held().involving_all(a, b).aggregate(first=Min("date"), last=Max("date"))
        if span["last"] is None:
            return None
    a_id, b_id = (x.pk if isinstance(x, Person) else x for x in (a, b))
    until, left_id = pair_silence_end(a_id, b_id, span["last"], today)
    left = Person.objects.get(pk=left_id) if left_id is not None else None
    days = (until - span["last"]).days
    longer = gaps.in_office().filter(days__gt=days).aggregate(end=Max("end"))["end"]
    return OpenGap(
        since=span["last"],
        days=days,
        longest_since=longer or span["first"],
        is_record=longer is None,
        until=until,
        left_office=left,
    )


def median_gap(days: list[int]) -> float | None:
    return statistics.median(days) if days else None


def median_gap_of(gaps: QuerySet) -> float | None:
    """``median_gap`` of the gaps' lengths, reading only the middle one or two (two queries, on
    the (pair, days) index for one pair's gaps) rather than every length."""
    n = gaps.count()
    if not n:
        return None
    return median_gap(list(gaps.order_by("days").values_list("days", flat=True)[(n - 1) // 2 : n // 2 + 1]))


def pair_held_kinds(a: Person | int, b: Person | int) -> dict[str, int]:
    """How many held contacts of each kind the pair had (kinds with none left out): its confirmed
    ``PairMonthCount`` rows, which count planned contacts too, less its confirmed planned contacts
    (few, read from their own index). Two queries, whatever the number of the pair's contacts."""
    low, high = pair_key(getattr(a, "pk", a), getattr(b, "pk", b))
    tallied = PairMonthCount.objects.filter(person_a_id=low, person_b_id=high, status=ReviewStatus.CONFIRMED)
    counts = dict(tallied.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n"))
    planned = Contact.objects.confirmed().filter(planned=True).involving_each(low, high)
    for kind in planned.order_by().values_list("kind", flat=True):
        counts[kind] -= 1
    return {kind: n for kind, n in counts.items() if n}


def pair_summary(a: Person, b: Person, today: date) -> PairSummary:
    """Everything the pair page shows above its timeline; a constant number of queries, each
    reading tallies or one pair's index, never every contact of the pair."""
    kinds = dict(Contact.Kind.choices)
    counted = sorted(pair_held_kinds(a, b).items(), key=lambda item: (-item[1], item[0]))
    by_kind = [(kinds.get(kind, kind), n) for kind, n in counted]
    gaps = Gap.objects.for_pair(a, b).order_by()
    longest = gaps.in_office().order_by("-days", "-end").first()
    # Longer stretches in which they were not both (known to be) in office: shown, not counted.
    not_counted = gaps.exclude(in_office=InOffice.YES).filter(days__gt=longest.days if longest else -1)
    return PairSummary(
        contact_count=sum(n for _, n in by_kind),
        by_kind=by_kind,
        median_days=median_gap_of(gaps),
        longest=longest,
        open_gap=pair_open_gap(a, b, today),
        longer_out_of_office=list(not_counted.order_by("-days", "-end")[:3]),
    )


def pair_claims(a: Person, b: Person):
    low, high = pair_key(a.pk, b.pk)
    return GapClaim.objects.filter(person_a_id=low, person_b_id=high).select_related("article").order_by("-ends")


@dataclass(frozen=True)
class QuietPair:
    a: Person
    b: Person
    usual_days: float
    silent_days: int
    last_contact: date
    left_office: Person | None = None  # the silence ended when this one left office
    until: date | None = None

    @property
    def ratio(self) -> float:
        return self.silent_days / max(self.usual_days, 1)


@dataclass(frozen=True)
class Silences:
    """The home page's panel: pairs in office today, longest silence against their rhythm first;
    when there are none, how the silences stood when their shared time in office ended; and how
    many pairs have too little history to have a rhythm."""

    current: list[QuietPair]
    ended: list[QuietPair]
    too_little_history: int  # pairs with contacts but fewer than ``min_gaps`` gaps
    min_gaps: int


def quiet_pairs(today: date, *, min_gaps: int = 10, limit: int = 10) -> Silences:
    """Pairs both in office today (known, from confirmed head-of-state or government offices)
    who usually talk often, ranked by how many of their usual intervals the present silence
    already spans; and, when no such pair exists, the pairs whose silence ended with one of them
    leaving office, ranked the same way up to that day. Four queries."""
    rhythms = list(Gap.objects.in_office().pair_rhythms(1))
    enough = [r for r in rhythms if r["gap_count"] >= min_gaps and r["last_contact"] <= today]
    people_ids = {r["person_a"] for r in enough} | {r["person_b"] for r in enough}
    in_office = set(
        Office.objects.confirmed()
        .known_held_on(today)
        .filter(is_head=True, person_id__in=people_ids)
        .values_list("person_id", flat=True)
    )
    terms = Office.objects.confirmed().filter(person_id__in=people_ids).terms()
    current, ended = [], []
    for r in enough:
        a, b = r["person_a"], r["person_b"]
        if a in in_office and b in in_office:
            current.append((r, today, None))
            continue
        left = [(day, pid) for pid in (a, b) if (day := office_left_on(terms.get(pid, []), today)) is not None]
        if left and min(left)[0] >= r["last_contact"]:
            ended.append((r, *min(left)))
    chosen = [_ranked(current, limit), _ranked(ended, limit) if not current else []]
    people = Person.objects.in_bulk(
        {pid for rows in chosen for r, _, left in rows for pid in (r["person_a"], r["person_b"], left) if pid}
    )
    return Silences(
        current=[_quiet(r, until, left, people) for r, until, left in chosen[0]],
        ended=[_quiet(r, until, left, people) for r, until, left in chosen[1]],
        too_little_history=sum(1 for r in rhythms if r["gap_count"] < min_gaps),
        min_gaps=min_gaps,
    )


def _ranked(rows: list[tuple[dict, date, int | None]], limit: int) -> list[tuple[dict, date, int | None]]:
    rows = sorted(rows, key=lambda x: (x[1] - x[0]["last_contact"]).days / max(x[0]["mean_days"], 1), reverse=True)
    return rows[:limit]


def _quiet(row: dict, until: date, left: int | None, people: dict[int, Person]) -> QuietPair:
    return QuietPair(
        a=people[row["person_a"]],
        b=people[row["person_b"]],
        usual_days=row["mean_days"],
        silent_days=(until - row["last_contact"]).days,
        last_contact=row["last_contact"],
        left_office=people.get(left) if left else None,
        until=until,
    )
