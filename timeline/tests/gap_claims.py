"""A confirmed gap claim for the timeline's tests, as an editor would enter it."""

from datetime import date

from tracker.models import GapClaim, Person, ReviewStatus
from tracker.services.claims import gap_claim_create


def claim_more_than_a_month(a: Person, b: Person, ends: date) -> GapClaim:
    """'Their first call in more than a month', about the gap that ended on ``ends``."""
    return gap_claim_create(
        person_a=a,
        person_b=b,
        ends=ends,
        comparison=GapClaim.Comparison.MORE_THAN,
        duration_months=1,
        text="their first call in more than a month",
        status=ReviewStatus.CONFIRMED,
    )
