"""What the pages say about a pair of leaders: their rhythm, the silence now, the quiet pairs.

Reads come from tracker's QuerySets; the arithmetic (median, "longest since") is plain Python.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min

from tracker.models import Contact, Gap, GapClaim, Office, Person
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
    """The first of the two to have left office, and when (one query)."""
    offices: dict[int, list[tuple[date, date | None]]] = {a: [], b: []}
    for person_id, start, end in Office.objects.filter(person_id__in=[a, b]).values_list("person_id", "start", "end"):
        offices[person_id].append((start, end))
    left = [(day, pid) for pid in (a, b) if (day := office_left_on(offices[pid], today)) is not None]
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


def pair_open_gap(a: Person | int, b: Person | int, today: date) -> OpenGap | None:
    """The gap table knows the pair's first and last held contacts (one query, from its index);
    only a pair with a single contact needs the contacts themselves. One more query for the end
    of the latest longer gap."""
    gaps = Gap.objects.for_pair(a, b).order_by()
    span = gaps.aggregate(first=Min("start"), last=Max("end"))
    if span["last"] is None:
        span = Contact.objects.held().involving_all(a, b).aggregate(first=Min("date"), last=Max("date"))
        if span["last"] is None:
            return None
    a_id, b_id = (x.pk if isinstance(x, Person) else x for x in (a, b))
    until, left_id = pair_silence_end(a_id, b_id, span["last"], today)
    left = Person.objects.get(pk=left_id) if left_id is not None else None
    days = (until - span["last"]).days
    longer = gaps.filter(days__gt=days).aggregate(end=Max("end"))["end"]
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


def pair_summary(a: Person, b: Person, today: date) -> PairSummary:
    """Everything the pair page shows above its timeline; a constant number of queries."""
    held = Contact.objects.held().involving_all(a, b)
    kinds = dict(Contact.Kind.choices)
    by_kind = [
        (kinds.get(row["kind"], row["kind"]), row["n"])
        for row in held.order_by().values("kind").annotate(n=Count("id")).order_by("-n")
    ]
    gaps = Gap.objects.for_pair(a, b).order_by()
    return PairSummary(
        contact_count=sum(n for _, n in by_kind),
        by_kind=by_kind,
        median_days=median_gap(list(gaps.values_list("days", flat=True))),
        longest=gaps.order_by("-days", "-end").first(),
        open_gap=pair_open_gap(a, b, today),
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

    @property
    def ratio(self) -> float:
        return self.silent_days / max(self.usual_days, 1)


def quiet_pairs(today: date, *, min_gaps: int = 10, limit: int = 10) -> list[QuietPair]:
    """Pairs both still in office who usually talk often, ranked by how many of their usual
    intervals the present silence already spans. Three queries."""
    in_office = set(Office.objects.held_on(today).filter(is_head=True).values_list("person_id", flat=True))
    rows = [
        r
        for r in Gap.objects.pair_rhythms(min_gaps)
        if r["person_a"] in in_office and r["person_b"] in in_office and r["last_contact"] <= today
    ]
    rows.sort(key=lambda r: (today - r["last_contact"]).days / max(r["mean_days"], 1), reverse=True)
    rows = rows[:limit]
    people = Person.objects.in_bulk({r["person_a"] for r in rows} | {r["person_b"] for r in rows})
    return [
        QuietPair(
            a=people[r["person_a"]],
            b=people[r["person_b"]],
            usual_days=r["mean_days"],
            silent_days=(today - r["last_contact"]).days,
            last_contact=r["last_contact"],
        )
        for r in rows
    ]
