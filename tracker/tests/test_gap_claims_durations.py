"""Gap claims that give the time since an earlier contact, and "for the first time" after a pair
subject or a long object, on fictional leaders."""

from tracker.tests.test_gap_claims_shapes import PAIR, PUBLISHED, claims, only

CALL = "President Aldo Varen of Norvania spoke with Prime Minister Mira Tol of Estralia on Monday"


def test_a_duration_since_or_after_an_earlier_contact_is_a_bound_on_the_gap():
    for body, comparison, days, months in [
        ("It has been less than a month since my first official visit, Varen said.", "less_than", None, 1),
        ("The call came two weeks after their meeting in the capital.", "exactly", 14, None),
        ("The call came more than a year after their last summit.", "more_than", None, 12),
    ]:
        claim = only(body, CALL + ".")
        assert (claim.comparison, claim.duration_days, claim.duration_months) == (comparison, days, months), body


def test_a_duration_since_something_that_is_no_contact_is_no_claim():
    for body in [
        "The call came two years after the war began.",
        "The call came a year after the Lisbon Summit.",  # an event's name
        "The call came a month after his election.",
    ]:
        assert claims(body, CALL + ".") == [], body


def test_for_the_first_time_after_a_pair_subject_or_a_long_object_is_a_claim():
    lead = (
        "President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia met on Monday for the first time "
        "in three years."
    )
    [claim] = claims("", lead)
    assert (sorted(claim.participants), claim.ends, claim.comparison, claim.duration_months) == (
        PAIR, PUBLISHED, "at_least", 36
    )  # fmt: skip
    [claim] = claims("", CALL + " for the first time since October.")
    assert (sorted(claim.participants), claim.comparison, claim.anchor_text) == (PAIR, "first_since", "October")
    assert (
        claims("", "President Aldo Varen of Norvania spoke on Monday about the talks for the first time since October.")
        == []
    )


def test_a_first_meeting_of_the_two_countries_ministers_is_no_claim_about_the_leaders():
    body = "The foreign ministers of the two countries had their first ever meeting in this format this morning."
    assert claims(body) == []
    assert only("It was their first ever meeting.").ordinal == 1
