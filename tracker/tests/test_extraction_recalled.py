"""A release's own contact beside the earlier ones it recalls, on sentences about fictional leaders:
each recalled contact keeps its own date, kind and participants."""

from datetime import date

from tracker.extraction import Gazetteer, KnownOffice, KnownPerson, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY, RELEASE, VAREN_TOL, contacts_in

# Office holders the gazetteer knows, so that "the Prime Minister of Estralia" resolves to someone.
PRIME_MINISTER = KnownOffice("Prime Minister", "Estralia", date(2020, 1, 1), None)
ADVISER = KnownOffice("National Security Advisor", "Norvania", date(2020, 1, 1), None)
KNOWN = [
    KnownPerson("mira-tol", "Mira Tol", (), "Estralia", (PRIME_MINISTER,)),
    KnownPerson("per-holm", "Per Holm", (), "Norvania", (ADVISER,)),
]


def contacts_known(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(people=KNOWN, countries=COUNTRIES), publisher=RELEASE)
    return sorted((sorted(c.participants), c.kind, c.date) for c in ex.contacts if not c.planned)


def test_a_date_inside_a_markdown_link_dates_the_recalled_meeting():
    text = (
        "President Aldo Varen of Norvania spoke today with Prime Minister Mira Tol of Estralia.\n\n"
        "President Varen met with Prime Minister Tol on [March\n4](https://example.org/track?id=1), where they "
        "discussed trade."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2024, 3, 4)), (VAREN_TOL, "phone_call", MONDAY)]


def test_a_conversation_of_no_stated_medium_at_a_meeting_is_the_meeting():
    text = (
        "President Aldo Varen of Norvania hosted Prime Minister Mira Tol of Estralia for breakfast at the Old "
        "Residence today. President Varen and Prime Minister Tol had a wide-ranging conversation about health."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]


def test_a_conversation_by_phone_after_a_meeting_stays_a_call():
    text = (
        "President Aldo Varen of Norvania hosted Prime Minister Mira Tol of Estralia for breakfast today. "
        "Later President Varen and Prime Minister Tol had a phone conversation about health."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY), (VAREN_TOL, "phone_call", MONDAY)]


def test_a_meeting_recalled_inside_the_sentence_about_a_call_keeps_its_kind_and_the_call_its_date():
    text = (
        "President Aldo Varen of Norvania spoke today with Prime Minister Mira Tol of Estralia by phone. This "
        "phone call, which followed their March 4 meeting in Lisbon, focused on regional security."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2024, 3, 4)), (VAREN_TOL, "phone_call", MONDAY)]


def test_their_recalled_call_is_the_main_pair_and_a_dated_visit_of_an_adviser_names_nobody_met():
    text = (
        "President Aldo Varen of Norvania spoke today with President Ivo Lind of Ostmark, following up on their "
        "March 4 call and the March\n8 visit of his National Security Advisor, Dr. Per Holm, to Ostmark City."
    )
    varen_lind = ["Aldo Varen", "Ivo Lind"]
    assert contacts_known(text) == [(varen_lind, "phone_call", date(2024, 3, 4)), (varen_lind, "phone_call", MONDAY)]


def test_a_dated_meeting_between_others_recalled_before_a_new_subject_is_theirs_alone():
    text = (
        "National Security Advisor Per Holm of Norvania met today with Estralian Diplomatic Advisor to the Prime "
        "Minister Ivo Lind. Following on the March 4 meeting "
        "between President Aldo Varen and Prime Minister Mira Tol, Holm and Lind reaffirmed their support."
    )
    assert contacts_in(text) == [
        (VAREN_TOL, "meeting", date(2024, 3, 4)),
        (["Ivo Lind", "Per Holm"], "meeting", MONDAY),
    ]


def test_an_office_completing_an_advisers_title_is_no_participant():
    text = (
        "President Aldo Varen of Norvania spoke today with Ivo Lind, Diplomatic Advisor to the Prime Minister of "
        "Estralia."
    )
    assert contacts_known(text) == [(["Aldo Varen", "Ivo Lind"], "phone_call", MONDAY)]


def test_talks_named_by_the_two_countries_adjectives_are_the_pairs_earlier_meeting():
    call = "President Aldo Varen of Norvania spoke today with Prime Minister Mira Tol of Estralia."
    text = f"{call} They followed up on the Norvanian-Estralian talks held at the highest level on March 4."
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2024, 3, 4)), (VAREN_TOL, "phone_call", MONDAY)]
    for recalled in [
        "They discussed the Ostmarkian-Wendish talks held on March 4.",  # another pair of countries
        "They prepared the Norvanian-Estralian talks to be held on March 28.",  # still to come
    ]:
        assert contacts_in(f"{call} {recalled}") == [(VAREN_TOL, "phone_call", MONDAY)], recalled
