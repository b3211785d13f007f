"""A contact a condition or a question names ("Should X meet Y, ...", "If X meets Y", "asked
whether X met Y") is no contact the text reports: it is flagged planned, as a proposed one is."""

from tracker.extraction import Gazetteer, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY

AGENCY = "Norvania News Agency"


def planned_flags(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=AGENCY)
    return [(sorted(c.participants), c.planned) for c in ex.contacts]


def test_a_contact_in_a_condition_or_a_question_is_not_reported_as_held():
    for text in [
        "Should Norvanian President Aldo Varen meet Estralian Prime Minister Mira Tolsk, the talks would cover trade.",
        "If Norvanian President Aldo Varen meets Estralian Prime Minister Mira Tolsk, trade will top the agenda.",
        "Asked whether Aldo Varen met Mira Tolsk of Estralia, the spokesman declined to comment.",
    ]:
        assert planned_flags(text) == [(["Aldo Varen", "Mira Tolsk"], True)], text
    for text in [
        "Norvanian President Aldo Varen met Estralian Prime Minister Mira Tolsk on Tuesday, if only briefly.",
        "Norvanian President Aldo Varen, whose wife is from Estralia, met Estralian Prime Minister Mira Tolsk.",
    ]:
        assert planned_flags(text) == [(["Aldo Varen", "Mira Tolsk"], False)], text


def test_having_no_plans_or_no_intention_to_meet_is_no_contact():
    for text in [
        "Estralian Prime Minister Mira Tolsk has no plans to call Norvanian President Aldo Varen.",
        "Estralian Prime Minister Mira Tolsk said she had no intention of meeting Norvanian President Aldo Varen.",
        "Estralian Prime Minister Mira Tolsk has never had talks with Norvanian President Aldo Varen.",
    ]:
        assert planned_flags(text) == [], text
    # The words between "had" and the contact may still be its modifiers.
    text = "Estralian Prime Minister Mira Tolsk had a series of meetings with Norvanian President Aldo Varen."
    assert planned_flags(text) == [(["Aldo Varen", "Mira Tolsk"], False)]


def test_talks_waited_for_or_that_could_or_will_happen_are_no_contact():
    for text in [
        "The minister is waiting for a conversation between Norvanian President Aldo Varen and Mira Tolsk of Estralia.",
        "The war can be ended by negotiations between Norvanian President Aldo Varen and Mira Tolsk of Estralia.",
        "The issue will be raised at the talks between Norvanian President Aldo Varen and Mira Tolsk of Estralia.",
    ]:
        assert planned_flags(text) == [], text
    # "May" the month is no modal; a sentence may open with the noun.
    for text in [
        "In May, talks between Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk took place.",
        "Talks between Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk took place in Lorvik.",
    ]:
        assert planned_flags(text) == [(["Aldo Varen", "Mira Tolsk"], False)], text
