"""Leaders named only by a word for a country's head that is no office of its own: "the Estralian
leader" is the one head of state or government the record has for Estralia on the day, "the
Norvanian premier" its prime minister; without a country ("the opposition leader") nobody is meant.
An office that names a body abroad before the name ("Head of the NATO Mission in Norvania Karen
Ossa"): the body is no one's name. A modifier between country and title ("Norvania's outgoing Prime
Minister") keeps the country; a state named with a country's name ("New Mexico Governor") is the
state's country's. A question the text asks ("Did X meet Y?") reports no contact."""

from datetime import date

from tracker.extraction import Gazetteer, KnownPerson, extract
from tracker.extraction.items import KnownOffice
from tracker.tests.test_extraction_contacts import COUNTRIES

PUBLISHED = date(2024, 5, 6)  # a Monday
LIND = KnownPerson(
    "ivo-lind", "Ivo Lind", (), "Estralia", (KnownOffice("President", "Estralia", date(2020, 1, 1), None),)
)
TOL = KnownPerson(
    "mira-tol", "Mira Tol", (), "Norvania", (KnownOffice("Prime Minister", "Norvania", date(2021, 1, 1), None),)
)
PELL = KnownPerson(
    "jon-pell", "Jon Pell", (), "Estralia", (KnownOffice("Prime Minister", "Estralia", date(2022, 1, 1), None),)
)


def run(text, people=(LIND, TOL)):
    gazetteer = Gazetteer(countries=COUNTRIES, people=list(people))
    return extract(text, published=PUBLISHED, gazetteer=gazetteer, publisher="Norvania News Agency")


def test_the_leader_and_the_premier_of_named_countries_are_their_heads_on_the_day():
    ex = run("The Estralian leader phoned the Norvanian premier on Sunday.")
    assert [(sorted(c.participant_keys), c.kind, c.date) for c in ex.contacts] == [
        (["ivo-lind", "mira-tol"], "phone_call", date(2024, 5, 5))
    ]
    assert [(p.key, p.office) for p in ex.people] == [("ivo-lind", "President"), ("mira-tol", "Prime Minister")]


def test_a_leader_without_a_country_is_nobody_s_office():
    ex = run("The opposition leader met the Norvanian premier on Sunday.")
    assert [p.key for p in ex.people] == ["mira-tol"]
    assert ex.contacts == []


def test_the_leader_of_a_country_with_two_known_heads_is_not_guessed():
    ex = run("The Estralian leader phoned the Norvanian premier on Sunday.", people=(LIND, TOL, PELL))
    assert [p.key for p in ex.people] == ["mira-tol"]


def test_the_head_of_a_body_abroad_is_named_after_the_body_and_its_place():
    ex = run(
        "Deputy Head of the President's Office Jon Pell met with Head of the NATO Mission in Norvania Karen Ossa.",
        people=(),
    )
    assert [(sorted(c.participants), c.kind) for c in ex.contacts] == [(["Jon Pell", "Karen Ossa"], "meeting")]
    assert ("Karen Ossa", "Head", "NATO") in [(p.name, p.office, p.country) for p in ex.people]


def test_an_office_s_modifier_between_the_country_and_the_title_keeps_the_country():
    for text in [
        "Estralian President Ivo Lind telephoned Norvania's outgoing Prime Minister Mira Tol on Sunday.",
        "Estralian President Ivo Lind telephoned the outgoing Norvanian Prime Minister Mira Tol on Sunday.",
        "Estralian President Ivo Lind telephoned Norvanian acting Prime Minister Mira Tol on Sunday.",
    ]:
        ex = run(text, people=())
        assert [(sorted(c.participants), c.kind) for c in ex.contacts] == [(["Ivo Lind", "Mira Tol"], "phone_call")]
        assert ("Mira Tol", "Norvania") in [(p.name, p.country) for p in ex.people]


def test_a_state_named_with_a_country_s_name_is_the_state_s_country():
    ex = run("Estralian President Ivo Lind spoke with New Mexico Governor Jon Pell on Sunday.", people=())
    assert ("Jon Pell", "Governor", "United States") in [(p.name, p.office, p.country) for p in ex.people]


def test_a_question_the_text_asks_reports_no_contact():
    for text in [
        "Did Estralian President Ivo Lind meet Norvanian Prime Minister Mira Tol on Sunday?",
        "Will Estralian President Ivo Lind call Norvanian Prime Minister Mira Tol?",
    ]:
        assert run(text, people=()).contacts == []


def test_the_leader_is_named_by_the_office_held_that_day_not_an_earlier_one():
    lind = KnownPerson(
        "ivo-lind",
        "Ivo Lind",
        (),
        "Estralia",
        (
            KnownOffice("Prime Minister", "Estralia", date(2015, 1, 1), date(2019, 12, 31)),
            KnownOffice("President", "Estralia", date(2020, 1, 1), None),
        ),
    )
    ex = run("The Estralian leader phoned the Norvanian premier on Sunday.", people=(lind, TOL))
    assert ("ivo-lind", "President") in [(p.key, p.office) for p in ex.people]


def test_two_countries_heads_named_by_one_plural_office_take_part_each():
    for text in (
        "The Estralian and Norvanian leaders met in Lorvik on Sunday.",
        "The leaders of Estralia and Norvania met in Lorvik on Sunday.",
    ):
        ex = run(text)
        assert [(sorted(c.participant_keys), c.kind, c.date) for c in ex.contacts] == [
            (["ivo-lind", "mira-tol"], "meeting", date(2024, 5, 5))
        ], text


def test_a_plural_office_one_country_does_not_hold_is_not_its_head():
    # Norvania's head is a prime minister: "the presidents of" both names one person, so no contact.
    ex = run("The presidents of Estralia and Norvania met on Sunday.")
    assert [p.key for p in ex.people] == ["ivo-lind"]
    assert ex.contacts == []
