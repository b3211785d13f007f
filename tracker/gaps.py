"""Gaps between contacts and the verdicts on claims about them, as plain functions over plain
values: no database, so they can be tested and property-checked in isolation.

``tracker.services.upkeep`` and ``tracker.services.claims`` feed them a pair's held contacts and
store what they return.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tracker.rules import IN_OFFICE, OFFICE_UNKNOWN, OUT_OF_OFFICE, Break, add_months, month_after, month_start


@dataclass(frozen=True)
class ContactPoint:
    """A held contact of one pair, reduced to what gaps need."""

    id: int
    date: date
    exact: bool = True
    kind: str | None = None  # the contact's kind class ("call", "meeting"), for claims that count one kind


@dataclass(frozen=True)
class GapRow:
    before_id: int
    after_id: int
    start: date
    end: date
    days: int
    longest_since: date
    is_record: bool
    approximate: bool
    in_office: str = IN_OFFICE  # rules.IN_OFFICE | OUT_OF_OFFICE | OFFICE_UNKNOWN
    office_note: str = ""  # who was out of office and when, or whose dates are unknown

    @property
    def counts(self) -> bool:
        """Whether the gap is a silence between two people in office, the only kind records count."""
        return self.in_office == IN_OFFICE


# Whether both people of a pair held office from one day to another, with a note saying who did
# not and when: ``(first, last) -> (rules.IN_OFFICE | ..., note)``.
OfficeJudge = Callable[[date, date], tuple[str, str]]


def gaps_between(points: Sequence[ContactPoint], office: OfficeJudge | None = None) -> list[GapRow]:
    """One row per interval between consecutive days with contacts (ordered by date, then id).

    Two contacts on one day (a bilateral call and a group call) are two contacts, but no silence
    lies between them: a 0-day interval is no gap, and the day's last contact (by id) opens the
    gap to the next day's first.

    ``office`` says for each gap whether both held office throughout (without it, they did).
    Only such gaps count as records: ``longest_since`` is the earliest date since which the pair
    had no longer gap in office: the end of the most recent strictly longer one, or the first
    contact when none was longer; a gap out of office is never a record. A stack of ever-longer
    earlier gaps makes this O(n).
    """
    ordered = sorted(points, key=lambda p: (p.date, p.id))
    if len(ordered) < 2:
        return []
    first = ordered[0].date
    rows: list[GapRow] = []
    longer_before: list[tuple[int, date]] = []  # (days, end), days strictly decreasing
    for before, after in zip(ordered, ordered[1:], strict=False):
        days = (after.date - before.date).days
        if days == 0:
            continue
        in_office, note = office(before.date, after.date) if office else (IN_OFFICE, "")
        counted = in_office == IN_OFFICE
        while counted and longer_before and longer_before[-1][0] <= days:
            longer_before.pop()
        since = longer_before[-1][1] if longer_before else first
        rows.append(
            GapRow(
                before_id=before.id,
                after_id=after.id,
                start=before.date,
                end=after.date,
                days=days,
                longest_since=since,
                is_record=counted and not longer_before,
                approximate=not (before.exact and after.exact),
                in_office=in_office,
                office_note=note,
            )
        )
        if counted:
            longer_before.append((days, after.date))
    return rows


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def office_note(name: str, cover: tuple[str, list[Break]]) -> str:
    """What a gap's label says about one person's office: "" when in office throughout."""
    status, breaks = cover
    if status == IN_OFFICE:
        return ""
    if status == OFFICE_UNKNOWN and not any(b != (None, None) for b in breaks):
        return f"{name}: office dates not on record"
    parts = []
    for left, back in breaks:
        if left is None and back is None:
            parts.append("no office of known dates")
        elif left is None:
            parts.append(f"not in office before {_day(back)}")
        elif back is None:
            parts.append(f"out of office since {_day(left)}")
        else:
            parts.append(f"out of office {_day(left)} – {_day(back)}")
    prefix = "possibly " if status == OFFICE_UNKNOWN else ""
    return f"{name} {prefix}{', '.join(parts)}"


@dataclass(frozen=True)
class Claim:
    comparison: str  # one of GapClaim.Comparison's values
    ends: date
    starts: date | None = None
    duration_days: int | None = None
    duration_months: int | None = None
    anchor: date | None = None
    anchor_precision: str = "day"  # day|week|month|year: "since 2019" stands for the whole of 2019
    anchor_text: str = ""  # the anchor as the article names it ("the harbour bombing")
    ordinal: int | None = None  # "our 12th meeting": 12; "the first time they met": 1
    contact_kind: str | None = None  # count only this kind class ("the second videoconference": "call")


@dataclass(frozen=True)
class Verdict:
    verdict: str  # supported | contradicted | uncheckable
    reason: str
    deciding: GapRow | None = None
    runner_up: GapRow | None = None
    conflicting_contact_id: int | None = None


SUPPORTED, CONTRADICTED, UNCHECKABLE = "supported", "contradicted", "uncheckable"


def _fmt(day: date) -> str:
    return day.isoformat()


def _claimed_gap(claim: Claim, gaps: Sequence[GapRow]) -> GapRow | None:
    """The gap the claim is about: the one closed by the first contact on ``claim.ends``."""
    closing = [g for g in gaps if g.end == claim.ends and g.days > 0]
    return closing[0] if closing else None


def _claimed_minimum(claim: Claim, start: date) -> tuple[date, str] | None:
    if claim.duration_months:
        n = claim.duration_months
        return add_months(start, n), f"{n} month{'s' if n != 1 else ''}"
    if claim.duration_days is not None:
        n = claim.duration_days
        return date.fromordinal(start.toordinal() + n), f"{n} day{'s' if n != 1 else ''}"
    return None


def gap_claim_verdict(claim: Claim, points: Sequence[ContactPoint], gaps: Sequence[GapRow]) -> Verdict:
    """Judge a claim about a pair's silence against that pair's record.

    Contradicted needs a known fact against the claim (a longer gap, a contact inside the claimed
    silence); supported needs the record to cover the whole stretch the claim speaks of; anything
    else is not checkable yet.
    """
    if not any(p.date == claim.ends for p in points):
        return Verdict(UNCHECKABLE, f"No contact of this pair on {_fmt(claim.ends)} is on record.")
    if claim.comparison == "ordinal":
        return verdict_on_ordinal(claim, points)
    if claim.comparison == "last_contact":
        return verdict_on_last_contact(claim, points)
    gap = _claimed_gap(claim, gaps)
    earlier = [p for p in points if p.date < claim.ends]
    if gap is None or not earlier:
        return Verdict(UNCHECKABLE, f"No contact of this pair before {_fmt(claim.ends)} is on record.")

    if claim.comparison in ("more_than", "at_least", "exactly", "less_than"):
        verdict = _verdict_on_duration(claim, gap)
    elif claim.comparison == "first_since":
        verdict = _verdict_on_first_since(claim, gap, points)
    elif claim.comparison == "longest_since":
        verdict = _verdict_on_longest_since(claim, gap, gaps, points)
    else:
        return Verdict(UNCHECKABLE, f"Unknown comparison {claim.comparison!r}.")
    if gap.office_note and not gap.counts:
        # The silence the claim speaks of was not (or not surely) one between two people in office.
        return replace(verdict, reason=f"{verdict.reason} During that gap: {gap.office_note}.")
    return verdict


def _verdict_on_duration(claim: Claim, gap: GapRow) -> Verdict:
    minimum = _claimed_minimum(claim, gap.start)
    if minimum is None:
        return Verdict(UNCHECKABLE, "The claim states no length.", deciding=gap)
    threshold, length = minimum
    held = {
        "more_than": gap.end > threshold,
        "at_least": gap.end >= threshold,
        "exactly": gap.end == threshold,
        "less_than": gap.end < threshold,
    }[claim.comparison]
    if held:
        relation = {"more_than": "over", "at_least": "at least", "exactly": "which is", "less_than": "under"}[
            claim.comparison
        ]
        return Verdict(
            SUPPORTED,
            f"The record's gap is {gap.days} days ({_fmt(gap.start)} → {_fmt(gap.end)}), {relation} {length}.",
            deciding=gap,
        )
    if claim.comparison == "less_than":
        return Verdict(
            CONTRADICTED,
            f"The record's gap is {gap.days} days ({_fmt(gap.start)} → {_fmt(gap.end)}), not under {length}.",
            deciding=gap,
        )
    if claim.comparison == "exactly" and gap.end > threshold:
        return Verdict(
            CONTRADICTED,
            f"The record's gap is {gap.days} days ({_fmt(gap.start)} → {_fmt(gap.end)}), not {length}.",
            deciding=gap,
        )
    return Verdict(
        CONTRADICTED,
        f"The contact of {_fmt(gap.start)} falls inside the claimed silence: the gap is only "
        f"{gap.days} days, not {'more than ' if claim.comparison == 'more_than' else ''}{length}.",
        deciding=gap,
        conflicting_contact_id=gap.before_id,
    )


def _verdict_on_first_since(claim: Claim, gap: GapRow, points: Sequence[ContactPoint]) -> Verdict:
    if claim.anchor is None:
        if claim.anchor_text:
            return _undated_anchor(claim)
        return Verdict(UNCHECKABLE, "The claim names no date it counts from.", deciding=gap)
    # "not since 2019": a contact during 2019 is allowed, one after it is not
    since = period_end(claim.anchor, claim.anchor_precision)
    inside = [p for p in points if since < p.date < claim.ends]
    if inside:
        hit = max(inside, key=lambda p: (p.date, p.id))
        return Verdict(
            CONTRADICTED,
            f"A contact on {_fmt(hit.date)} falls between {_fmt(since)} and {_fmt(claim.ends)}.",
            deciding=gap,
            conflicting_contact_id=hit.id,
        )
    if gap.start <= since:
        return Verdict(
            SUPPORTED,
            f"The record has no contact between {_fmt(gap.start)} and {_fmt(gap.end)}.",
            deciding=gap,
        )
    return Verdict(UNCHECKABLE, "The record does not reach back to the date the claim counts from.", deciding=gap)


def _days_after(gap: GapRow, anchor: date) -> int:
    """How much of a gap lies after ``anchor``."""
    return (gap.end - max(gap.start, anchor)).days


def _verdict_on_longest_since(
    claim: Claim, gap: GapRow, gaps: Sequence[GapRow], points: Sequence[ContactPoint]
) -> Verdict:
    anchor = claim.anchor
    if anchor is None:
        return Verdict(UNCHECKABLE, "The claim names no date it counts from.", deciding=gap)
    overlapping = [g for g in gaps if g.end > anchor and g is not gap and g.start < claim.ends]
    # A longer stretch in which one of them was out of office is no silence between the two
    # leaders: it neither beats the claimed gap nor runs up to it; the reason names it.
    out = [g for g in overlapping if g.in_office == OUT_OF_OFFICE and _days_after(g, anchor) > gap.days]
    others = sorted(
        (g for g in overlapping if g.in_office != OUT_OF_OFFICE),
        key=lambda g: (-_days_after(g, anchor), g.end),
    )
    longer = [g for g in others if _days_after(g, anchor) > gap.days]
    if out and not longer:
        verdict = _verdict_on_longest_since(claim, gap, [g for g in gaps if g not in out], points)
        skipped = max(out, key=lambda g: _days_after(g, anchor))
        return replace(
            verdict,
            reason=f"{verdict.reason} Not counted: {skipped.days} days ({_fmt(skipped.start)} → "
            f"{_fmt(skipped.end)}), when {skipped.office_note}.",
        )
    if longer:
        deciding = longer[0]
        runner_up = longer[1] if len(longer) > 1 else gap
        return Verdict(
            CONTRADICTED,
            f"A longer gap exists since {_fmt(anchor)}: {_days_after(deciding, anchor)} days "
            f"({_fmt(deciding.start)} → {_fmt(deciding.end)}), against {gap.days} days for this one.",
            deciding=deciding,
            runner_up=runner_up,
        )
    first = min(p.date for p in points)
    unknown = (first - anchor).days
    if unknown > gap.days:
        return Verdict(
            UNCHECKABLE,
            f"The record of this pair starts on {_fmt(first)}: the {unknown} days from {_fmt(anchor)} "
            f"are unknown and could hide a gap longer than {gap.days} days.",
            deciding=gap,
            runner_up=others[0] if others else None,
        )
    runner_up = others[0] if others else None
    detail = (
        f"; the runner-up is {_days_after(runner_up, anchor)} days ({_fmt(runner_up.start)} → {_fmt(runner_up.end)})"
        if runner_up
        else ""
    )
    return Verdict(
        SUPPORTED,
        f"At {gap.days} days ({_fmt(gap.start)} → {_fmt(gap.end)}) it is the longest gap since {_fmt(anchor)}{detail}.",
        deciding=gap,
        runner_up=runner_up,
    )


def _undated_anchor(claim: Claim) -> Verdict:
    return Verdict(
        UNCHECKABLE,
        f"The claim counts from “{claim.anchor_text}”, which no event in the table of events dates.",
    )


def period_start(day: date, precision: str) -> date:
    """The first day of the day, week (Monday to Sunday), month or year ``day`` stands for."""
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "month":
        return month_start(day)
    if precision == "week":
        return day - timedelta(days=day.weekday())
    return day


def period_end(day: date, precision: str) -> date:
    """The last day of the day, week (Monday to Sunday), month or year ``day`` stands for."""
    if precision == "week":
        return day + timedelta(days=6 - day.weekday())
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return month_after(day) - timedelta(days=1)
    return day


def _counted_from(claim: Claim) -> date | None:
    """Where an ordinal claim starts counting: its anchor, the start of its window ("the second visit
    in two months"), or None for "ever"."""
    if claim.anchor is not None:
        return claim.anchor
    if claim.duration_months:
        return add_months(claim.ends, -claim.duration_months)
    if claim.duration_days:
        return date.fromordinal(claim.ends.toordinal() - claim.duration_days)
    return None


def _of_kind(points: Sequence[ContactPoint], kind: str | None) -> list[ContactPoint]:
    return [p for p in points if kind is None or p.kind is None or p.kind == kind]


def verdict_on_ordinal(claim: Claim, points: Sequence[ContactPoint]) -> Verdict:
    """ "Their second call since the war began", "our 12th meeting", "the first time they met": the
    contact on ``ends`` is the Nth (of its kind) counted from the anchor, the window or ever.

    More contacts on record than the claim counts contradict it (a record does not invent contacts);
    fewer leave it unchecked, since the record may miss some.
    """
    n = claim.ordinal
    if not n:
        return Verdict(UNCHECKABLE, "The claim gives no number to count to.")
    counted_from = _counted_from(claim)
    if counted_from is None and claim.anchor_text:
        return _undated_anchor(claim)
    counted = sorted(
        (p for p in _of_kind(points, claim.contact_kind) if counted_from is None or counted_from <= p.date),
        key=lambda p: (p.date, p.id),
    )
    counted = [p for p in counted if p.date <= claim.ends]
    since = f" since {_fmt(counted_from)}" if counted_from else ""
    what = f"{claim.contact_kind} contacts" if claim.contact_kind else "contacts"
    if len(counted) > n:
        nth = counted[n - 1]
        return Verdict(
            CONTRADICTED,
            f"The record holds {len(counted)} {what}{since} up to {_fmt(claim.ends)}: the number {n} was on "
            f"{_fmt(nth.date)}.",
            conflicting_contact_id=counted[0].id if n == 1 else nth.id,
        )
    if len(counted) == n:
        return Verdict(SUPPORTED, f"The record holds {n} {what}{since} up to and including {_fmt(claim.ends)}.")
    return Verdict(
        UNCHECKABLE,
        f"The record holds only {len(counted)} of the {n} {what}{since} the claim counts; it may miss some.",
    )


def verdict_on_last_contact(claim: Claim, points: Sequence[ContactPoint]) -> Verdict:
    """ "They last met in June": the pair's contact before ``ends`` falls in the day, month or year
    ``starts`` stands for (``anchor_precision``)."""
    if claim.starts is None:
        return Verdict(UNCHECKABLE, "The claim does not say when they last met in a way a date can hold.")
    earlier = [p for p in _of_kind(points, claim.contact_kind) if p.date < claim.ends]
    if not earlier:
        return Verdict(UNCHECKABLE, f"No contact of this pair before {_fmt(claim.ends)} is on record.")
    last = max(earlier, key=lambda p: (p.date, p.id))
    first_day = period_start(claim.starts, claim.anchor_precision)
    last_day = period_end(claim.starts, claim.anchor_precision)
    if first_day <= last.date <= last_day:
        return Verdict(SUPPORTED, f"The pair's contact before {_fmt(claim.ends)} is on {_fmt(last.date)}.")
    if last.date > last_day:
        return Verdict(
            CONTRADICTED,
            f"A later contact, on {_fmt(last.date)}, comes between {_fmt(last_day)} and {_fmt(claim.ends)}.",
            conflicting_contact_id=last.id,
        )
    return Verdict(
        UNCHECKABLE,
        f"The record's last contact before {_fmt(claim.ends)} is on {_fmt(last.date)}; the one the claim "
        "recalls is not on record.",
    )
