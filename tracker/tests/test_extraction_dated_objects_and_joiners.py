"""One verb with two objects each dated on its own ("met A on Tuesday and B on Wednesday"), an earlier
contact the reported one follows ("..., after talks in Lorvik on April 3"), the date of "after talks
with X on April 3", a third participant who joins a contact named by a possessive ("X joined
Y's call with Z"), a quoted "I met X" of the contact the article reports, a day told from the day given
before ("the next day", "two days later"), "he" after an opening phrase of time and a contact in a relative
clause of the subject ("X and Y, who last met in March, spoke on Sunday"), on fictional leaders."""

from datetime import date

from tracker.extraction import Gazetteer, extract
from tracker.tests.test_extraction_contacts import COUNTRIES

PUBLISHED = date(2024, 5, 6)  # a Monday
AGENCY = "Norvania News Agency"
LIND, TOL, VAREN, PELL = "Ivo Lind", "Mira Tol", "Aldo Varen", "Jon Pell"


def contacts(text):
    found = extract(text, published=PUBLISHED, gazetteer=Gazetteer(countries=COUNTRIES), publisher=AGENCY).contacts
    return sorted((sorted(c.participants), c.kind, c.date, c.planned) for c in found)


def test_two_objects_of_one_verb_each_with_its_own_date_are_two_contacts():
    text = (
        "Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Tuesday and Wendish Chancellor "
        "Aldo Varen on Wednesday."
    )
    assert contacts(text) == [
        ([VAREN, LIND], "meeting", date(2024, 5, 1), False),
        ([LIND, TOL], "meeting", date(2024, 4, 30), False),
    ]


def test_the_second_dated_object_may_repeat_the_preposition_and_be_a_group():
    text = (
        "Estralian President Ivo Lind spoke with Norvanian Prime Minister Mira Tol on Tuesday and with Wendish "
        "Chancellor Aldo Varen and Ostmark President Jon Pell on Wednesday."
    )
    assert contacts(text) == [
        ([VAREN, LIND, PELL], "phone_call", date(2024, 5, 1), False),
        ([LIND, TOL], "phone_call", date(2024, 4, 30), False),
    ]


def test_a_second_name_that_is_a_new_clause_s_subject_is_no_dated_object():
    text = (
        "Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Tuesday and Wendish Chancellor "
        "Aldo Varen arrived on Wednesday."
    )
    assert contacts(text) == [([LIND, TOL], "meeting", date(2024, 4, 30), False)]


def test_an_earlier_contact_the_reported_one_follows_is_the_same_pair_s():
    text = (
        "Prime Minister Mira Tol of Norvania spoke with President Ivo Lind of Estralia on Monday, after talks in "
        "Lorvik on April 3."
    )
    assert contacts(text) == [
        ([LIND, TOL], "meeting", date(2024, 4, 3), False),
        ([LIND, TOL], "phone_call", date(2024, 5, 6), False),
    ]


def test_talks_the_sentence_gives_another_participant_are_not_the_pair_s():
    text = (
        "Prime Minister Mira Tol of Norvania spoke with President Ivo Lind of Estralia on Monday. Their ministers "
        "met later, after talks in Lorvik on April 3."
    )
    assert contacts(text) == [([LIND, TOL], "phone_call", date(2024, 5, 6), False)]


def test_after_talks_with_someone_on_a_date_is_dated_by_that_date_not_the_sentence_s_other():
    text = (
        "Prime Minister Mira Tol of Norvania spoke with President Ivo Lind of Estralia on Monday, after talks with "
        "Wendish Chancellor Aldo Varen on April 3."
    )
    assert contacts(text) == [
        ([VAREN, TOL], "meeting", date(2024, 4, 3), False),
        ([LIND, TOL], "phone_call", date(2024, 5, 6), False),
    ]


def test_someone_who_joined_a_leader_s_call_is_a_participant_of_it():
    text = (
        "Wendish Chancellor Aldo Varen joined Estralian President Ivo Lind's call with Norvanian Prime Minister "
        "Mira Tol on Sunday."
    )
    assert contacts(text) == [([VAREN, LIND, TOL], "phone_call", date(2024, 5, 5), False)]


def test_a_leader_s_own_deputy_who_joined_the_call_is_a_participant_too():
    text = (
        "Estralian Vice President Jon Pell joined Estralian President Ivo Lind's call with Norvanian Prime "
        "Minister Mira Tol on Sunday."
    )
    assert contacts(text) == [([LIND, PELL, TOL], "phone_call", date(2024, 5, 5), False)]


def test_an_undated_quoted_contact_of_the_reported_pair_and_kind_is_the_reported_one():
    text = (
        "Prime Minister Mira Tol of Norvania has today met with Estralian President Ivo Lind in Lorvik. "
        '"I had a warm and productive meeting with President Ivo Lind," Prime Minister Tol said.'
    )
    assert contacts(text) == [([LIND, TOL], "meeting", date(2024, 5, 6), False)]


def test_an_undated_quoted_call_beside_a_reported_meeting_is_still_a_contact_of_its_own():
    text = (
        "Prime Minister Mira Tol of Norvania has today met with Estralian President Ivo Lind in Lorvik. "
        '"I recently spoke with President Ivo Lind by phone about the border," Prime Minister Tol said.'
    )
    assert contacts(text) == [
        ([LIND, TOL], "meeting", date(2024, 5, 6), False),
        ([LIND, TOL], "phone_call", None, False),
    ]


def test_a_day_told_from_the_day_given_before_is_counted_from_it():
    for text, day in [
        ("On Saturday, Estralian President Ivo Lind arrived in Lorvik. He met Mira Tol the next day.", 5),
        ("Estralian President Ivo Lind arrived in Lorvik on Saturday. Two days later he met Mira Tol.", 6),
        ("Estralian President Ivo Lind met Mira Tol on Sunday, the day after he arrived in Lorvik.", 5),
    ]:
        text = text.replace("Mira Tol", "Norvanian Prime Minister Mira Tol")
        assert contacts(text) == [([LIND, TOL], "meeting", date(2024, 5, day), False)]


def test_the_day_after_an_event_is_not_counted_from_the_last_date():
    text = (
        "Estralian President Ivo Lind arrived in Lorvik on Saturday. Norvanian Prime Minister Mira Tol met Lind "
        "the day after the summit."
    )
    assert contacts(text) == [([LIND, TOL], "meeting", None, False)]


def test_he_after_an_opening_phrase_of_time_without_a_comma_is_the_last_sentence_s_subject():
    for opening in ("On Sunday", "The following day", "A day later"):
        text = (
            "Estralian President Ivo Lind arrived in Lorvik on Saturday. "
            f"{opening} he held talks with Norvanian Prime Minister Mira Tol."
        )
        assert contacts(text) == [([LIND, TOL], "meeting", date(2024, 5, 5), False)]


def test_a_contact_in_a_relative_clause_of_the_subject_is_an_earlier_one_and_leaves_the_main_verb_its_own():
    text = (
        "Estralian President Ivo Lind and Norvanian Prime Minister Mira Tol, who last met in Lorvik in March, "
        "spoke by phone on Sunday."
    )
    assert contacts(text) == [
        ([LIND, TOL], "meeting", date(2024, 3, 1), False),
        ([LIND, TOL], "phone_call", date(2024, 5, 5), False),
    ]
