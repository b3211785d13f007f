"""Every common shape of a gap claim is extracted, about the right pair and the contact that ends the
gap. Fictional leaders and countries only."""

from datetime import date

import pytest

from tracker.extraction import Gazetteer, KnownCountry, extract

NORVANIA = KnownCountry("Norvania", (), ("Norvanian",))
ESTRALIA = KnownCountry("Estralia", (), ("Estralian",))
PUBLISHED = date(2024, 3, 18)  # a Monday
LEAD = "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia on Monday in the capital."
PAIR = ["Aldo Varen", "Mira Tol"]


def claims(body: str, lead: str = LEAD):
    gz = Gazetteer(people=[], countries=[NORVANIA, ESTRALIA])
    return extract(f"{lead}\n\n{body}", published=PUBLISHED, gazetteer=gz).gap_claims


def only(body: str, lead: str = LEAD):
    [claim] = claims(body, lead)
    assert sorted(claim.participants) == PAIR
    assert claim.ends == PUBLISHED
    return claim


@pytest.mark.parametrize(
    "body, comparison, days, months",
    [
        ("It was their first meeting in more than two years.", "more_than", None, 24),
        ("It was the first face-to-face talks between the two in nearly a decade.", "exactly", None, 120),
        ("The two have not spoken in two years.", "at_least", None, 24),
        ("The leaders hadn't met for at least 18 months.", "at_least", None, 18),
        ("“We have not seen each other for a long time,” Varen told Tol.", "at_least", None, None),
        ("They met for the first time in five weeks.", "at_least", 35, None),
        ("The meeting came ten days after their phone call.", "exactly", 10, None),
    ],
)
def test_durations_with_a_comparison(body, comparison, days, months):
    claim = only(body)
    assert (claim.comparison, claim.duration_days, claim.duration_months) == (comparison, days, months)


@pytest.mark.parametrize(
    "body, anchor, anchor_text, precision",
    [
        ("It was their first meeting since 1962.", date(1962, 1, 1), "1962", "year"),
        ("The two have not seen each other since 2019.", date(2019, 1, 1), "2019", "year"),
        ("It was their first meeting since the harbour bombing.", None, "the harbour bombing", None),
        ("“This is our first meeting after the events in January,” Varen said.", date(2024, 1, 1),
         "the events in January", "month"),
        ("The two had not spoken since Tol took office in May.", date(2023, 5, 1), "Tol took office in May", "month"),
        ("It was Varen's first visit since taking office, aides said.", None, "taking office", None),
        ("It was their first conversation since the October 7 summit.", date(2023, 10, 7), "the October 7 summit",
         "day"),
        ("It was the highest-level contact between the two countries since the border war.", None, "the border war",
         None),
    ],
)  # fmt: skip
def test_first_since_a_date_a_year_or_a_named_event(body, anchor, anchor_text, precision):
    claim = only(body)
    assert claim.comparison == "first_since"
    assert (claim.anchor, claim.anchor_text, claim.anchor_precision) == (anchor, anchor_text, precision)


def test_the_longest_gap_since_an_anchor():
    claim = only("It ended the longest gap in their talks since the ceasefire of 2019.")
    assert (claim.comparison, claim.anchor, claim.anchor_text) == (
        "longest_since",
        date(2019, 1, 1),
        "the ceasefire of 2019",
    )


def test_a_longest_period_of_something_else_is_no_claim():
    assert claims("Both sides praised the longest period of calm since the war began.") == []


@pytest.mark.parametrize(
    "body, ordinal, anchor, anchor_text",
    [
        ("It was their second call since the start of the war.", 2, None, "the start of the war"),
        ("“This is our twelfth meeting,” Tol said.", 12, None, None),
        ("It was the 37th meeting between them since 2013.", 37, date(2013, 1, 1), "2013"),
        ("This is the second visit of the Prime Minister of Estralia to our capital since the floods.", 2, None,
         "the floods"),
        ("It was the second videoconference this year.", 2, date(2024, 1, 1), "this year"),
        ("It is the first time this year that we are meeting in person, Varen said.", 1, date(2024, 1, 1),
         "this year"),
        ("It was the first time the two leaders had met.", 1, None, None),
    ],
)  # fmt: skip
def test_ordinals_and_counts(body, ordinal, anchor, anchor_text):
    claim = only(body)
    assert (claim.comparison, claim.ordinal, claim.anchor, claim.anchor_text) == (
        "ordinal",
        ordinal,
        anchor,
        anchor_text,
    )


def test_an_ordinal_in_a_window_counts_back_from_the_contact():
    claim = only("It was her second visit in two months.")
    assert (claim.comparison, claim.ordinal, claim.duration_months) == ("ordinal", 2, 2)


@pytest.mark.parametrize(
    "body, when, starts",
    [
        ("The two leaders last met in Lisbon.", "in Lisbon", None),
        ("They last spoke a few weeks ago.", "a few weeks ago", date(2024, 2, 26)),  # about three weeks back
        ("They last spoke on February 15, aides said.", "on February 15", date(2024, 2, 15)),
        ("They last met in June, in the capital.", "in June", date(2023, 6, 1)),
        ("The two leaders last met in 2019.", "in 2019", date(2019, 1, 1)),
    ],
)
def test_the_last_contact_before_this_one(body, when, starts):
    claim = only(body)
    assert (claim.comparison, claim.last_when, claim.starts) == ("last_contact", when, starts)


@pytest.mark.parametrize(
    "body",
    [
        "Both countries have not seen such floods since 1962.",
        "It was the first time in history that the bridge was opened.",
        "Tol is visiting the country for the first time.",
        "“This is the first time I hear about it because I spoke with him twice,” Varen said.",
        "Their first meeting was in 2019.",
        "“We are talking about it openly and not for the first time,” Varen said.",
        "It was the first time that Norvania called on Estralia to withdraw its troops.",
        "The first round of talks starts in June.",
    ],
)
def test_sentences_that_make_no_gap_claim(body):
    assert claims(body) == []


def test_a_sentence_naming_both_people_needs_no_earlier_contact():
    lead = "President Aldo Varen of Norvania spoke about the economy."
    [claim] = claims("Varen met Prime Minister Mira Tol of Estralia on Monday for the first time since 2019.", lead)
    assert sorted(claim.participants) == PAIR
    assert (claim.ends, claim.comparison, claim.anchor) == (PUBLISHED, "first_since", date(2019, 1, 1))


def test_the_headline_and_the_body_making_one_claim_give_one_claim():
    body = "They met for the first time in a month.\n\nIt was their first meeting in more than a month."
    assert len(claims(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "Varen recalled the first Norvania-Estralia Summit in Lisbon in 2019.",
        "It was his second visit abroad in two years.",
        "It was Tol's first foreign trip after her election.",
    ],
)
def test_named_events_and_one_persons_trips_are_no_claims(body):
    assert claims(body) == []


@pytest.mark.parametrize(
    "body, comparison, ordinal, anchor_text, months",
    [
        ("Varen became the first Norvanian president to visit Estralia since 1962.", "first_since", None, "1962", None),
        ("It has been more than two years since the two leaders last met.", "more_than", None, None, 24),
        ("The two have met five times since 2019.", "ordinal", 5, "2019", None),
        ("It was the third time this year that they have spoken.", "ordinal", 3, "this year", None),
        ("The leaders have not held a summit since the floods.", "first_since", None, "the floods", None),
    ],
)
def test_firsts_to_visit_times_since_and_years_since_they_last_met(body, comparison, ordinal, anchor_text, months):
    claim = only(body)
    assert (claim.comparison, claim.ordinal, claim.anchor_text, claim.duration_months) == (
        comparison,
        ordinal,
        anchor_text,
        months,
    )


def test_an_ordinal_counts_the_kind_its_noun_names():
    assert only("It was their second videoconference this year.").contact_kind == "remote"
    assert only("It was their third meeting since the floods.").contact_kind == "in_person"
    assert only("It was their second contact since the floods.").contact_kind is None


@pytest.mark.parametrize(
    "body, comparison, anchor_text, months",
    [
        ("The meeting marks the first time since 2019 that the two leaders have met in person.", "first_since",
         "2019", None),
        ("Officials called it the first call between the two leaders in more than a year.", "more_than", None, 12),
        ("It was Tol's first visit to Norvania since becoming prime minister.", "first_since",
         "becoming prime minister", None),
    ],
)  # fmt: skip
def test_news_phrasings_of_a_long_silence(body, comparison, anchor_text, months):
    claim = only(body)
    assert (claim.comparison, claim.anchor_text, claim.duration_months) == (comparison, anchor_text, months)


def test_a_claim_naming_one_person_is_about_that_persons_contact():
    lead = (
        "President Aldo Varen of Norvania spoke by phone with Prime Minister Ivo Pell of Estralia on Monday. "
        "Later that day Varen met Prime Minister Mira Tol of Estralia in the capital."
    )
    [claim] = claims("It was the second visit of Mira Tol to our capital since the floods.", lead)
    assert "Mira Tol" in claim.participants and "Ivo Pell" not in claim.participants


def test_a_claim_about_someone_in_no_contact_found_is_not_given_the_main_pair():
    assert claims("It was the second visit of Prime Minister Jon Pell of Estralia to our capital since May.") == []


def test_since_taking_office_dates_from_the_text_or_the_gazetteers_office():
    from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson, extract

    countries = [KnownCountry("Norvania", (), ("Norvanian",)), KnownCountry("Estralia", (), ("Estralian",))]
    monday = date(2024, 3, 18)
    claim = (
        "President Aldo Varen of Norvania spoke by phone on Monday with Prime Minister Mira Tol of Estralia, "
        "their first call since Tol took office."
    )
    tol = KnownPerson(
        "mira-tol", "Mira Tol", (), "Estralia", (KnownOffice("Prime Minister", "Estralia", date(2023, 11, 2), None),)
    )

    def anchors(text, people=()):
        gz = Gazetteer(countries=countries, people=list(people))
        return [(g.anchor, g.anchor_text) for g in extract(text, published=monday, gazetteer=gz).gap_claims]

    assert anchors(claim) == [(None, "Tol took office")]
    assert anchors(claim, [tol]) == [(date(2023, 11, 2), "Tol took office")]
    assert anchors(claim + " Tol took office on January 9 after the election.") == [
        (date(2024, 1, 9), "Tol took office")
    ]


def test_last_spoke_a_few_weeks_ago_starts_the_gap_about_three_weeks_back():
    from tracker.extraction import Gazetteer, KnownCountry, extract

    countries = [KnownCountry("Norvania", (), ("Norvanian",)), KnownCountry("Estralia", (), ("Estralian",))]
    text = (
        "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia on Monday. They last spoke a few "
        "weeks ago."
    )
    [claim] = extract(text, published=date(2024, 3, 18), gazetteer=Gazetteer(countries=countries)).gap_claims
    assert (claim.comparison, claim.starts, claim.anchor_precision) == (
        "last_contact",
        date(2024, 2, 26),
        "approximate",
    )


@pytest.mark.parametrize(
    "body, comparison, anchor, anchor_text, months",
    [
        ("The talks were the first between the two leaders since October.", "first_since", date(2023, 10, 1),
         "October", None),
        ("The meeting was the first of its kind since 2018.", "first_since", date(2018, 1, 1), "2018", None),
        ("The visit is the first by a Norvanian leader since 1999.", "first_since", date(1999, 1, 1), "1999", None),
        ("The meeting was their first in more than two years.", "more_than", None, None, 24),
        ("The talks were the first since their summit in Vienna on 6 April.", "first_since", date(2023, 4, 6),
         "their summit in Vienna on 6 April", None),
    ],
)  # fmt: skip
def test_the_contact_named_once_as_the_subject_of_the_first(body, comparison, anchor, anchor_text, months):
    claim = vars(only(body))
    expected = {"comparison": comparison, "anchor": anchor, "anchor_text": anchor_text, "duration_months": months}
    assert {k: claim[k] for k in expected} == expected


@pytest.mark.parametrize(
    "body, comparison, days, months",
    [
        ("The meeting ended a two-year freeze in high-level contacts.", "at_least", None, 24),
        ("They met after an 18-month hiatus.", "at_least", None, 18),
        ("The leaders met after a gap of nearly three years.", "exactly", None, 36),
        ("They met after more than a year without direct talks.", "more_than", None, 12),
    ],
)
def test_the_silence_a_contact_ended(body, comparison, days, months):
    claim = only(body)
    assert (claim.comparison, claim.duration_days, claim.duration_months) == (comparison, days, months)


def test_a_break_in_something_else_is_no_claim():
    assert claims("The leaders met after a 10-day break in the fighting.") == []


def test_a_first_since_taking_office_that_included_talks_is_a_contact_and_a_claim_of_the_office():
    from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson, extract

    countries = [KnownCountry("Norvania", (), ("Norvanian",)), KnownCountry("Estralia", (), ("Estralian",))]
    tol = KnownPerson(
        "mira-tol", "Mira Tol", (), "Estralia", (KnownOffice("Prime Minister", "Estralia", date(2023, 11, 2), None),)
    )
    text = "Mira Tol's first visit to Norvania since taking office included talks with President Aldo Varen on Sunday."
    ex = extract(text, published=PUBLISHED, gazetteer=Gazetteer(countries=countries, people=[tol]))
    assert [(sorted(c.participants), c.kind, c.date) for c in ex.contacts] == [(PAIR, "meeting", date(2024, 3, 17))]
    [claim] = ex.gap_claims
    assert (claim.comparison, claim.anchor, claim.anchor_text) == ("first_since", date(2023, 11, 2), "taking office")
    # A plan in the present tense is not a contact held.
    text = "The programme of Mira Tol's visit to Norvania includes talks with President Aldo Varen."
    assert extract(text, published=PUBLISHED, gazetteer=Gazetteer(countries=countries, people=[tol])).contacts == []


def test_a_date_in_the_since_phrase_after_a_contact_noun_dates_the_anchor_not_the_contact():
    text = "It was their first call since the meeting with President Aldo Varen in June, Prime Minister Mira Tol said."
    ex = extract(text, published=PUBLISHED, gazetteer=Gazetteer(people=[], countries=[NORVANIA, ESTRALIA]))
    assert [(sorted(c.participants), c.date) for c in ex.contacts] == [(PAIR, None)]
    [claim] = ex.gap_claims
    assert (claim.anchor, claim.anchor_precision) == (date(2023, 6, 1), "month")
