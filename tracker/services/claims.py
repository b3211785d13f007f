"""Gap claims: the claims articles make about the silence between two people, each checked against
the pair's record (its held contacts and the gaps computed from them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker.gaps import Claim, ContactPoint, GapRow, gap_claim_verdict, gaps_between
from tracker.models import Article, Contact, Event, Gap, GapClaim, Person, Precision, ReviewStatus
from tracker.rules import kind_class, pair_key
from tracker.services.offices import pair_office_judge


def contact_point(contact_id: int, day, precision: str, kind: str | None = None) -> ContactPoint:
    return ContactPoint(
        id=contact_id, date=day, exact=precision == Precision.DAY, kind=kind_class(kind) if kind else None
    )


def contact_points_for_pair(a: int, b: int) -> list[ContactPoint]:
    rows = (
        Contact.objects.held()
        .filter(participants=a)
        .filter(participants=b)
        .values_list("id", "date", "date_precision", "kind")
    )
    return [contact_point(*row) for row in rows]


def _row_for(gap_row, stored: dict[tuple[int, int], Gap]) -> Gap | None:
    return stored.get((gap_row.before_id, gap_row.after_id)) if gap_row else None


def stored_gaps(a: int, b: int) -> dict[tuple[int, int], Gap]:
    return {(g.before_id, g.after_id): g for g in Gap.objects.filter(person_a_id=a, person_b_id=b)}


@dataclass(frozen=True)
class PairRecord:
    """A pair's held contacts, the gaps computed from them, and the stored gap rows."""

    points: list[ContactPoint]
    rows: list[GapRow]
    stored: dict[tuple[int, int], Gap]


def claim_of(claim: GapClaim) -> Claim:
    """The plain value the verdict reads; the anchor is the claim's own date, else its event's
    (one query for the event unless ``anchor_event`` was selected with the claim)."""
    anchor, precision = claim.anchor_resolved()
    return Claim(
        comparison=claim.comparison,
        ends=claim.ends,
        starts=claim.starts,
        duration_days=claim.duration_days,
        duration_months=claim.duration_months,
        anchor=anchor,
        anchor_precision=precision,
        anchor_text=claim.anchor_text,
        ordinal=claim.ordinal,
        contact_kind=claim.contact_kind or None,
    )


def gap_claim_verify(claim: GapClaim, *, record: PairRecord | None = None) -> GapClaim:
    """Compute and store the claim's verdict against its pair's current record (read here unless
    the caller has just computed it: two queries saved per claim)."""
    gap_claim_verdict_refresh(claim, record=record)
    return claim


VERDICT_FIELDS = ("verdict", "verdict_reason", "deciding_gap_id", "runner_up_gap_id", "conflicting_contact_id")


def gap_claim_verdict_refresh(claim: GapClaim, *, record: PairRecord | None = None) -> bool:
    """``gap_claim_verify``, saying whether the verdict changed; an unchanged verdict is not
    written again (``verified`` is when it was last decided)."""
    a, b = pair_key(claim.person_a_id, claim.person_b_id)
    if record is None:
        points = contact_points_for_pair(a, b)
        record = PairRecord(points, gaps_between(points, pair_office_judge(a, b)), stored_gaps(a, b))
    points, rows, stored = record.points, record.rows, record.stored
    result = gap_claim_verdict(claim_of(claim), points, rows)
    before = [getattr(claim, f) for f in VERDICT_FIELDS]
    claim.verdict = result.verdict
    claim.verdict_reason = result.reason
    claim.deciding_gap = _row_for(result.deciding, stored)
    claim.runner_up_gap = _row_for(result.runner_up, stored)
    claim.conflicting_contact_id = result.conflicting_contact_id
    if claim.verified is not None and before == [getattr(claim, f) for f in VERDICT_FIELDS]:
        return False
    claim.verified = timezone.now()
    GapClaim.objects.filter(pk=claim.pk).update(
        verdict=claim.verdict,
        verdict_reason=claim.verdict_reason,
        deciding_gap=claim.deciding_gap,
        runner_up_gap=claim.runner_up_gap,
        conflicting_contact_id=claim.conflicting_contact_id,
        verified=claim.verified,
    )
    return True


@transaction.atomic
def gap_claim_create(
    *,
    person_a: Person,
    person_b: Person,
    ends: date,
    comparison: str,
    text: str,
    article: Article | None = None,
    starts: date | None = None,
    duration_days: int | None = None,
    duration_months: int | None = None,
    anchor: date | None = None,
    anchor_precision: str = "day",
    anchor_text: str = "",
    ordinal: int | None = None,
    contact_kind: str = "",
    last_when: str = "",
    start_offset: int | None = None,
    end_offset: int | None = None,
    status: str = ReviewStatus.PROPOSED,
) -> GapClaim:
    """Store a claim and its verdict. A named anchor without a date takes the date of the event of
    that name in the events table when there is one; otherwise it stays words, not checkable."""
    if person_a.pk == person_b.pk:
        raise ValidationError("A gap claim is about two different people.")
    event = Event.objects.named_in(anchor_text) if anchor is None and anchor_text else None
    claim = GapClaim(
        article=article,
        person_a=person_a,
        person_b=person_b,
        ends=ends,
        starts=starts,
        comparison=comparison,
        duration_days=duration_days,
        duration_months=duration_months,
        anchor=anchor,
        anchor_precision=anchor_precision or "day",
        anchor_text=anchor_text or "",
        anchor_event=event,
        ordinal=ordinal,
        contact_kind=contact_kind or "",
        last_when=last_when or "",
        text=text,
        start_offset=start_offset,
        end_offset=end_offset,
        status=status,
    )
    claim.full_clean()
    claim.save()  # verified by ``tracker.signals`` now, or with its pair when gaps are deferred
    return claim


def event_claims_link(event: Event) -> int:
    """After an event is saved: claims whose anchor words name it and that have no date of their own
    take it as their anchor, and every claim counting from it is checked again. Returns how many."""
    unlinked = GapClaim.objects.filter(anchor__isnull=True, anchor_event__isnull=True).exclude(anchor_text="")
    events = Event.objects.all()
    for claim in unlinked:
        if events.named_in(claim.anchor_text) == event:
            GapClaim.objects.filter(pk=claim.pk).update(anchor_event=event)
    claims = list(GapClaim.objects.filter(anchor_event=event).select_related("anchor_event"))
    for claim in claims:
        gap_claim_verify(claim)
    return len(claims)
