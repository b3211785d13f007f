"""Verdicts on every shape of gap claim, as plain functions over a pair's record (no database)."""

from datetime import date

import pytest

from tracker.gaps import Claim, ContactPoint, gap_claim_verdict, gaps_between

ENDS = date(2024, 3, 18)


def record(*days, kinds=None):
    kinds = kinds or ["meeting"] * len(days)
    return [ContactPoint(i + 1, d, kind=k) for i, (d, k) in enumerate(zip(days, kinds, strict=True))]


def verdict(claim: Claim, points):
    return gap_claim_verdict(claim, points, gaps_between(points)).verdict


@pytest.mark.parametrize(
    "claim, days, expected",
    [
        # "their second call since the start of 2024"
        (Claim("ordinal", ENDS, ordinal=2, anchor=date(2024, 1, 1)), [date(2024, 2, 1), ENDS], "supported"),
        (Claim("ordinal", ENDS, ordinal=2, anchor=date(2024, 1, 1)),
         [date(2024, 1, 5), date(2024, 2, 1), ENDS], "contradicted"),
        (Claim("ordinal", ENDS, ordinal=3, anchor=date(2024, 1, 1)), [date(2024, 2, 1), ENDS], "uncheckable"),
        # "our 12th meeting" counts every contact on record; an earlier year's contacts count too
        (Claim("ordinal", ENDS, ordinal=2), [date(2019, 6, 1), ENDS], "supported"),
        # "the first time they met": any earlier contact contradicts it
        (Claim("ordinal", ENDS, ordinal=1), [ENDS], "supported"),
        (Claim("ordinal", ENDS, ordinal=1), [date(2023, 5, 1), ENDS], "contradicted"),
        # "her second visit in two months": a window back from the contact
        (Claim("ordinal", ENDS, ordinal=2, duration_months=2), [date(2023, 12, 1), date(2024, 2, 1), ENDS],
         "supported"),
        # counted from an event nobody has dated
        (Claim("ordinal", ENDS, ordinal=2, anchor_text="the harbour bombing"), [date(2024, 2, 1), ENDS],
         "uncheckable"),
    ],
)  # fmt: skip
def test_ordinal_claims_compare_the_records_count(claim, days, expected):
    assert verdict(claim, record(*days)) == expected


def test_an_ordinal_of_one_kind_counts_only_that_kind():
    points = record(date(2024, 1, 10), date(2024, 2, 1), ENDS, kinds=["meeting", "call", "call"])
    second_call = Claim("ordinal", ENDS, ordinal=2, anchor=date(2024, 1, 1), contact_kind="call")
    assert verdict(second_call, points) == "supported"
    assert verdict(Claim("ordinal", ENDS, ordinal=2, anchor=date(2024, 1, 1)), points) == "contradicted"


@pytest.mark.parametrize(
    "last_day, precision, days, expected",
    [
        (date(2024, 2, 15), "day", [date(2024, 2, 15), ENDS], "supported"),
        (date(2023, 6, 1), "month", [date(2023, 6, 20), ENDS], "supported"),
        (date(2023, 6, 1), "month", [date(2023, 6, 20), date(2023, 11, 2), ENDS], "contradicted"),
        (date(2023, 6, 1), "month", [date(2022, 1, 4), ENDS], "uncheckable"),
        (None, "", [date(2023, 6, 20), ENDS], "uncheckable"),  # "last met in Lisbon"
        (date(2024, 3, 6), "week", [date(2024, 3, 4), ENDS], "supported"),  # "last week": Monday to Sunday
        (date(2024, 3, 6), "week", [date(2024, 3, 4), date(2024, 3, 12), ENDS], "contradicted"),
    ],
)
def test_last_contact_claims_name_the_contact_before(last_day, precision, days, expected):
    claim = Claim("last_contact", ENDS, starts=last_day, anchor_precision=precision)
    assert verdict(claim, record(*days)) == expected


@pytest.mark.parametrize(
    "days, expected",
    [
        ([date(2019, 8, 1), ENDS], "supported"),  # a contact during 2019 is within "since 2019"
        ([date(2019, 8, 1), date(2021, 3, 1), ENDS], "contradicted"),
    ],
)
def test_first_since_a_year_allows_contacts_during_that_year(days, expected):
    claim = Claim("first_since", ENDS, anchor=date(2019, 1, 1), anchor_precision="year")
    assert verdict(claim, record(*days)) == expected


def test_first_since_an_undated_event_is_not_checkable_and_says_why():
    claim = Claim("first_since", ENDS, anchor_text="the harbour bombing")
    points = record(date(2020, 1, 1), ENDS)
    result = gap_claim_verdict(claim, points, gaps_between(points))
    assert result.verdict == "uncheckable"
    assert "the harbour bombing" in result.reason


@pytest.mark.parametrize(
    "days, expected", [([date(2024, 3, 1), ENDS], "supported"), ([date(2023, 12, 1), ENDS], "contradicted")]
)
def test_less_than_a_duration(days, expected):
    claim = Claim("less_than", ENDS, duration_months=1)
    assert verdict(claim, record(*days)) == expected
