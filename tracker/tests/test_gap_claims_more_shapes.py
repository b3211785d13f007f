"""Shapes of gap claims met in unseen text: counts ("the fifth meeting between ...", "their first
call of the year"), recalled last contacts ("the previous meeting ... took place in Lisbon in 2022"),
initialisms and a contact named with its kind as the subject. Fictional leaders only."""

from datetime import date

import pytest

from tracker.extraction import Gazetteer, KnownOffice, KnownPerson, extract
from tracker.tests.test_gap_claims_shapes import ESTRALIA, LEAD, NORVANIA, PAIR, PUBLISHED, claims, only

CALL_LEAD = "President Aldo Varen of Norvania spoke by phone with Prime Minister Mira Tol of Estralia on Monday."


def test_a_count_within_the_calendar_year_counts_from_its_first_day():
    claim = only("This was their first call of the year.", CALL_LEAD)
    assert (claim.comparison, claim.ordinal, claim.anchor, claim.contact_kind) == (
        "ordinal",
        1,
        date(2024, 1, 1),
        "remote",
    )
    assert claims("Varen chaired the first meeting of the year of the security council.") == []


@pytest.mark.parametrize(
    "body, ordinal",
    [
        ("It was the 12th meeting between the two leaders.", 12),
        ("This is the leaders' twelfth meeting.", 12),
        ("This is the twelfth meeting between President Varen and Prime Minister Tol.", 12),
        ("They discussed the third round of talks between the Norvanian delegation and representatives of Ostrelia.",
         None),
        ("Varen recalled the second meeting with members of the Estralian commission.", None),
    ],
)  # fmt: skip
def test_a_count_owned_by_or_named_with_its_pair_is_a_claim_by_itself_not_a_round_of_delegations(body, ordinal):
    assert [(c.comparison, c.ordinal, c.contact_kind) for c in claims(body)] == (
        [("ordinal", ordinal, "in_person")] if ordinal else []
    )
    if ordinal:
        assert sorted(only(body).participants) == PAIR


def test_a_count_sentence_listing_earlier_contacts_ends_at_the_reported_one():
    body = (
        "This is the fifth meeting between President Varen and Prime Minister Tol, and builds on their previous "
        "meetings, including Varen's visit to Estralia in November 2022 and their talks with Chancellor Jon Pell "
        "of Ostrelia in Vienna in May 2023."
    )
    [claim] = [c for c in claims(body) if c.comparison == "ordinal"]
    assert sorted(claim.participants) == PAIR
    assert (claim.ends, claim.ordinal) == (PUBLISHED, 5)


@pytest.mark.parametrize(
    "body, starts, precision, kind",
    [
        ("The two leaders last met in Lisbon in 2022.", date(2022, 1, 1), "year", None),
        ("The previous meeting between the two leaders took place in Lisbon in 2022.", date(2022, 1, 1), "year",
         "in_person"),
        ("Their previous conversation took place on 5 January.", date(2024, 1, 5), "day", "remote"),
        ("Their most recent meeting was at the summit in June 2023.", date(2023, 6, 1), "month", "in_person"),
    ],
)  # fmt: skip
def test_a_recalled_last_contact_dates_from_the_year_or_month_after_its_place(body, starts, precision, kind):
    claim = only(body)
    assert (claim.comparison, claim.starts, claim.anchor_precision, claim.contact_kind) == (
        "last_contact",
        starts,
        precision,
        kind,
    )


def test_an_initialism_between_the_noun_and_its_duration_keeps_the_claim():
    claim = only("It was the first visit by an F.R.N. president to Estralia in 15 years.")
    assert (claim.comparison, claim.duration_months) == ("at_least", 180)


def test_the_contact_named_with_its_kind_as_the_subject_refers_back_to_the_reported_one():
    claim = only("The phone call was the first since the election.", CALL_LEAD)
    assert (claim.comparison, claim.anchor_text, claim.contact_kind) == ("first_since", "the election", "remote")


def test_a_long_time_since_the_pair_last_met_is_a_silence_of_no_stated_length():
    claim = only("“It has been a long time since we met,” Varen said.")
    assert (claim.comparison, claim.duration_days, claim.duration_months) == ("at_least", None, None)
    assert claims("“It has been a long time since I visited the capital,” Varen said.") == []
    assert claims("It has been a long time since we had such unity.") == []


def test_not_seen_you_since_an_event_is_a_first_since():
    claim = only("“I haven't seen you since the summit in Lisbon,” Varen told Tol.")
    assert (claim.comparison, claim.anchor_text) == ("first_since", "the summit in Lisbon")
    assert claims("“We have not seen such floods since the summit in Lisbon,” Varen said.") == []
    assert claims("“It is a war the world has not seen for a long time,” Varen said.") == []
    assert claims("“Come and see me, I have not seen you in a long while,” Varen told his adviser.") == []


@pytest.mark.parametrize(
    "body, anchor, anchor_text",
    [
        ("The visit marks the first by a Norvanian head of state since 1998.", date(1998, 1, 1), "1998"),
        ("The meeting was the leaders' first since the floods.", None, "the floods"),
    ],
)
def test_the_contact_as_subject_marks_or_is_the_leaders_first(body, anchor, anchor_text):
    claim = only(body)
    assert (claim.comparison, claim.anchor, claim.anchor_text) == ("first_since", anchor, anchor_text)


def test_a_silence_up_to_now_ends_at_the_reported_contact_and_starts_at_the_one_it_recalls():
    body = (
        "President Aldo Varen: Mr Prime Minister, we have not seen each other for a long time– we met in Lisbon "
        "in June 2023."
    )
    claim = only(body)
    assert (claim.comparison, claim.ends, claim.starts) == ("at_least", PUBLISHED, date(2023, 6, 1))


@pytest.mark.parametrize(
    "body, comparison, months",
    [
        ("It was their first meeting in more than half a century.", "more_than", 600),
        ("It was their first meeting in six and a half years.", "at_least", 78),
    ],
)
def test_durations_in_halves_and_centuries(body, comparison, months):
    claim = only(body)
    assert (claim.comparison, claim.duration_months) == (comparison, months)


@pytest.mark.parametrize(
    "body, anchor, anchor_text",
    [
        ("It was their first in-person meeting since the 2019 summit in Lisbon.", date(2019, 1, 1),
         "the 2019 summit in Lisbon"),
        ("It was their first meeting since last year's summit in Lisbon.", date(2023, 1, 1),
         "last year's summit in Lisbon"),
    ],
)  # fmt: skip
def test_an_event_named_with_its_year_dates_the_anchor_to_that_year(body, anchor, anchor_text):
    claim = only(body)
    assert (claim.comparison, claim.anchor, claim.anchor_precision, claim.anchor_text) == (
        "first_since",
        anchor,
        "year",
        anchor_text,
    )


def test_the_first_contact_between_the_pair_said_of_the_reported_one_is_the_first_ever():
    claim = only("It was the first meeting between Varen and Tol.")
    assert (claim.comparison, claim.ordinal, claim.anchor) == ("ordinal", 1, None)
    assert claims("The first meeting between Varen and Tol took place in 2019.") == []


def test_a_first_as_president_counts_from_the_day_that_person_took_office():
    varen = KnownPerson(
        "aldo-varen", "Aldo Varen", (), "Norvania", (KnownOffice("President", "Norvania", date(2022, 5, 10), None),)
    )
    tol = KnownPerson(
        "mira-tol", "Mira Tol", (), "Estralia", (KnownOffice("Prime Minister", "Estralia", date(2019, 2, 1), None),)
    )
    gz = Gazetteer(people=[varen, tol], countries=[NORVANIA, ESTRALIA])
    body = "It was Tol's first meeting with Varen as president, aides said."
    [claim] = extract(f"{LEAD}\n\n{body}", published=PUBLISHED, gazetteer=gz).gap_claims
    assert (claim.comparison, claim.anchor, claim.anchor_text) == ("first_since", date(2022, 5, 10), "as president")
    assert claims("It was her first foreign trip as prime minister.") == []
