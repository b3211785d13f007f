from datetime import date

import pytest

from tracker.gaps import Claim, ContactPoint, add_months, gap_claim_verdict, gaps_between


def points(*days: str) -> list[ContactPoint]:
    return [ContactPoint(id=i, date=date.fromisoformat(d)) for i, d in enumerate(days, 1)]


def test_no_gap_without_two_contacts():
    assert gaps_between(points("2024-01-01")) == []


def test_gaps_are_counted_between_consecutive_contacts_in_date_order():
    rows = gaps_between(points("2024-03-18", "2024-02-15", "2024-01-01"))
    assert [(r.start.isoformat(), r.end.isoformat(), r.days) for r in rows] == [
        ("2024-01-01", "2024-02-15", 45),
        ("2024-02-15", "2024-03-18", 32),
    ]


def test_two_contacts_on_one_day_have_no_gap_between_them():
    # A bilateral call and a group call on one day: two contacts, one silence before and after.
    rows = gaps_between(points("2024-01-01", "2024-02-11", "2024-02-11", "2024-03-01"))
    assert [(r.before_id, r.after_id, r.days) for r in rows] == [(1, 2, 41), (3, 4, 19)]


def test_longest_since_is_the_end_of_the_last_longer_gap():
    rows = gaps_between(points("2024-01-01", "2024-03-01", "2024-03-11", "2024-04-01", "2024-04-10"))
    # gaps: 60, 10, 21, 9
    assert [r.days for r in rows] == [60, 10, 21, 9]
    assert [r.longest_since.isoformat() for r in rows] == ["2024-01-01", "2024-03-01", "2024-03-01", "2024-04-01"]
    assert [r.is_record for r in rows] == [True, False, False, False]


def test_an_equal_gap_is_not_longer():
    rows = gaps_between(points("2024-01-01", "2024-01-11", "2024-01-21"))
    assert rows[1].longest_since == date(2024, 1, 1) and rows[1].is_record


def test_inexact_dates_mark_a_gap_approximate():
    rows = gaps_between([ContactPoint(1, date(2024, 1, 1), exact=False), ContactPoint(2, date(2024, 2, 1))])
    assert rows[0].approximate


def test_adding_a_month_clamps_to_the_end_of_shorter_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)


# gap_claim_verdict, one row per branch of each comparison. The record: contacts on the days
# given (ids 1, 2, ... in that order); the claim is about the gap closed on `ends`.
JAN_FEB_MAR = ("2024-01-01", "2024-02-15", "2024-03-18")  # gaps of 45 and 32 days
VERDICT_TABLE = [
    # (contacts, claim, verdict, words of the reason, conflicting contact id)
    (
        JAN_FEB_MAR,
        Claim("more_than", date(2024, 3, 20), duration_days=1),
        "uncheckable",
        "No contact of this pair on 2024-03-20",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("more_than", date(2024, 1, 1), duration_days=1),
        "uncheckable",
        "No contact of this pair before 2024-01-01",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("fewer_than", date(2024, 2, 15), duration_days=1),
        "uncheckable",
        "Unknown comparison 'fewer_than'",
        None,
    ),
    (JAN_FEB_MAR, Claim("more_than", date(2024, 2, 15)), "uncheckable", "states no length", None),
    (
        JAN_FEB_MAR,
        Claim("more_than", date(2024, 2, 15), duration_months=1),
        "supported",
        "45 days (2024-01-01 → 2024-02-15), over 1 month",
        None,
    ),
    (JAN_FEB_MAR, Claim("more_than", date(2024, 2, 15), duration_days=44), "supported", "over 44 days", None),
    (
        JAN_FEB_MAR,
        Claim("more_than", date(2024, 2, 15), duration_days=45),
        "contradicted",
        "only 45 days, not more than 45 days",
        1,
    ),
    (
        JAN_FEB_MAR,
        Claim("more_than", date(2024, 3, 18), duration_months=2),
        "contradicted",
        "The contact of 2024-02-15 falls inside",
        2,
    ),
    (JAN_FEB_MAR, Claim("at_least", date(2024, 2, 15), duration_days=45), "supported", "at least 45 days", None),
    (
        JAN_FEB_MAR,
        Claim("at_least", date(2024, 3, 18), duration_months=1),
        "supported",
        "32 days (2024-02-15 → 2024-03-18), at least 1 month",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("at_least", date(2024, 2, 15), duration_days=46),
        "contradicted",
        "only 45 days, not 46 days",
        1,
    ),
    (JAN_FEB_MAR, Claim("at_least", date(2024, 2, 15), duration_months=2), "contradicted", "not 2 months", 1),
    (JAN_FEB_MAR, Claim("at_least", date(2024, 2, 15)), "uncheckable", "states no length", None),
    (JAN_FEB_MAR, Claim("exactly", date(2024, 2, 15), duration_days=45), "supported", "which is 45 days", None),
    (
        ("2024-01-31", "2024-02-29"),
        Claim("exactly", date(2024, 2, 29), duration_months=1),
        "supported",
        "29 days (2024-01-31 → 2024-02-29), which is 1 month",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("exactly", date(2024, 2, 15), duration_days=44),
        "contradicted",
        "The record's gap is 45 days (2024-01-01 → 2024-02-15), not 44 days",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("exactly", date(2024, 2, 15), duration_days=46),
        "contradicted",
        "falls inside the claimed silence: the gap is only 45 days, not 46 days",
        1,
    ),
    (JAN_FEB_MAR, Claim("exactly", date(2024, 2, 15)), "uncheckable", "states no length", None),
    (JAN_FEB_MAR, Claim("first_since", date(2024, 3, 18)), "uncheckable", "names no date it counts from", None),
    (
        JAN_FEB_MAR,
        Claim("first_since", date(2024, 3, 18), anchor=date(2024, 1, 1)),
        "contradicted",
        "A contact on 2024-02-15 falls between 2024-01-01 and 2024-03-18",
        2,
    ),
    (
        JAN_FEB_MAR,
        Claim("first_since", date(2024, 3, 18), anchor=date(2024, 2, 20)),
        "supported",
        "no contact between 2024-02-15 and 2024-03-18",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("first_since", date(2024, 3, 18), anchor=date(2024, 2, 15)),
        "supported",
        "no contact between 2024-02-15 and 2024-03-18",
        None,
    ),
    (JAN_FEB_MAR, Claim("longest_since", date(2024, 3, 18)), "uncheckable", "names no date it counts from", None),
    (
        JAN_FEB_MAR,
        Claim("longest_since", date(2024, 3, 18), anchor=date(2024, 1, 1)),
        "contradicted",
        "A longer gap exists since 2024-01-01: 45 days (2024-01-01 → 2024-02-15), against 32 days",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("longest_since", date(2024, 2, 15), anchor=date(2024, 1, 1)),
        "supported",
        "At 45 days (2024-01-01 → 2024-02-15) it is the longest gap since 2024-01-01.",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("longest_since", date(2024, 2, 15), anchor=date(2023, 1, 1)),
        "uncheckable",
        "starts on 2024-01-01: the 365 days from 2023-01-01 are unknown",
        None,
    ),
    (
        ("2024-01-01", "2024-01-11", "2024-03-01", "2024-03-21"),
        Claim("longest_since", date(2024, 3, 1), anchor=date(2024, 1, 1)),
        "supported",
        "the runner-up is 10 days (2024-01-01 → 2024-01-11)",
        None,
    ),
    # Only the part of a gap after the anchor counts: 60 days, of which 10 after 20 February.
    (
        ("2024-01-01", "2024-03-01", "2024-03-11", "2024-04-10"),
        Claim("longest_since", date(2024, 4, 10), anchor=date(2024, 2, 20)),
        "supported",
        "the runner-up is 10 days",
        None,
    ),
    # Less than: the 32 days from 15 February are under two months, not under one.
    (JAN_FEB_MAR, Claim("less_than", date(2024, 3, 18), duration_months=2), "supported", "under 2 months", None),
    (JAN_FEB_MAR, Claim("less_than", date(2024, 3, 18), duration_months=1), "contradicted", "not under 1 month", None),
    # Ordinals count the record's contacts from the anchor up to and including the claimed one.
    (
        JAN_FEB_MAR,
        Claim("ordinal", date(2024, 3, 18), ordinal=2, anchor=date(2024, 2, 1)),
        "supported",
        "holds 2 contacts since 2024-02-01",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("ordinal", date(2024, 3, 18), ordinal=2),
        "contradicted",
        "the number 2 was on 2024-02-15",
        2,
    ),
    (
        JAN_FEB_MAR,
        Claim("ordinal", date(2024, 3, 18), ordinal=4),
        "uncheckable",
        "holds only 3 of the 4 contacts",
        None,
    ),
    # The last contact before the claimed one, in the month the claim names.
    (
        JAN_FEB_MAR,
        Claim("last_contact", date(2024, 3, 18), starts=date(2024, 2, 1), anchor_precision="month"),
        "supported",
        "is on 2024-02-15",
        None,
    ),
    (
        JAN_FEB_MAR,
        Claim("last_contact", date(2024, 3, 18), starts=date(2024, 1, 1), anchor_precision="month"),
        "contradicted",
        "A later contact, on 2024-02-15",
        2,
    ),
]


@pytest.mark.parametrize(("days", "claim", "verdict", "reason", "conflicting"), VERDICT_TABLE)
def test_claim_verdict_follows_the_table(days, claim, verdict, reason, conflicting):
    record = points(*days)
    result = gap_claim_verdict(claim, record, gaps_between(record))
    assert (result.verdict, result.conflicting_contact_id) == (verdict, conflicting)
    assert reason in result.reason


def test_a_longer_gap_since_the_anchor_decides_and_the_claimed_gap_is_the_runner_up():
    record = points(*JAN_FEB_MAR)
    result = gap_claim_verdict(
        Claim("longest_since", date(2024, 3, 18), anchor=date(2024, 1, 1)), record, gaps_between(record)
    )
    assert (result.deciding.days, result.runner_up.days) == (45, 32)


def test_every_comparison_is_in_the_table():
    from tracker.models import GapClaim

    assert {claim.comparison for _, claim, *_ in VERDICT_TABLE} >= set(GapClaim.Comparison.values)
