"""A release's own contact beside the earlier ones it recalls, on sentences about fictional leaders:
each recalled contact keeps its own date, kind and participants."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson, extract
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


def test_a_known_name_that_begins_a_place_name_is_no_mention():
    gazetteer = Gazetteer(
        people=[KnownPerson("ana-nova", "Ana Nova", ("Nova",), "Norvania")],
        countries=[*COUNTRIES, KnownCountry("Nova Wend")],
    )
    text = "Ana Nova spoke on Monday. Estralia and Nova Wend signed a treaty; Nova welcomed it."
    ex = extract(text, published=MONDAY, gazetteer=gazetteer, publisher=RELEASE)
    assert [text[p.span.start : p.span.end] for p in ex.people] == ["Ana Nova", "Nova"]


def test_an_agency_head_named_by_acronym_and_role_is_the_own_government_not_a_counterpart():
    text = (
        "President Aldo Varen of Norvania met today with NEMA Administrator Ivo Lind and Homeland Security "
        "Advisor Per Holm on storm preparations."
    )
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=RELEASE)
    assert [(p.name, p.office) for p in ex.people if p.name == "Ivo Lind"] == [("Ivo Lind", "Administrator")]
    assert ex.contacts == []


def test_a_plural_office_word_names_a_group_not_the_person_after_it():
    text = (
        "Transcript of the meeting with Government members President of Norvania Aldo Varen: Good afternoon.\n\n"
        "Deputy Prime Minister Ilse Kant: Thank you."
    )
    assert contacts_in(text) == []


def test_one_word_left_after_an_acronym_is_no_new_person():
    text = "President Aldo Varen of Norvania spoke with NORCOM Collective commanders on Monday."
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=RELEASE)
    assert [p.name for p in ex.people] == ["Aldo Varen"]


def test_the_prime_minister_of_a_release_is_the_one_of_the_country_its_publisher_names():
    premiers = [
        KnownPerson(
            "mira-tol", "Mira Tol", (), "Norvania", (KnownOffice("Prime Minister", "Norvania", date(2020, 1, 1), None),)
        ),
        KnownPerson(
            "ivo-lind", "Ivo Lind", (), "Estralia", (KnownOffice("Prime Minister", "Estralia", date(2020, 1, 1), None),)
        ),
    ]
    gazetteer = Gazetteer(people=premiers, countries=COUNTRIES)
    text = "The Prime Minister spoke today with President Aldo Varen of Ostmark."
    for publisher, premier in [("Prime Minister of Norvania", "Mira Tol"), ("Estralian Government", "Ivo Lind")]:
        ex = extract(text, published=MONDAY, gazetteer=gazetteer, publisher=publisher)
        assert [sorted(c.participants) for c in ex.contacts] == [sorted([premier, "Aldo Varen"])], publisher


def test_the_head_of_an_international_body_named_by_office_alone_is_a_counterpart():
    text = (
        "President Aldo Varen of Norvania spoke today with Managing Director of the International Savings Fund "
        "Ilse Kant."
    )
    assert [c[0] for c in contacts_in(text)] == [["Aldo Varen", "Ilse Kant"]]


def test_a_head_of_state_and_his_own_speaker_as_joint_subjects_are_no_contact():
    president = KnownPerson(
        "aldo-varen", "Aldo Varen", (), "Norvania", (KnownOffice("President", "Norvania", date(2020, 1, 1), None),)
    )
    gazetteer = Gazetteer(people=[president], countries=COUNTRIES)
    own = "This afternoon, President Aldo Varen and Speaker Mira Tol spoke by phone about the budget."
    foreign = "President Aldo Varen and President Mira Tol of Estralia spoke by phone."
    assert extract(own, published=MONDAY, gazetteer=gazetteer, publisher=RELEASE).contacts == []
    assert len(extract(foreign, published=MONDAY, gazetteer=gazetteer, publisher=RELEASE).contacts) == 1


def test_the_head_of_a_republic_that_is_no_country_is_a_region_s_head():
    gazetteer = Gazetteer(people=[KnownPerson("ivo-lind", "Ivo Lind")], countries=COUNTRIES)
    region = "President Aldo Varen of Norvania had a working meeting with Head of the Republic of Nordmark Ivo Lind."
    state = "President Aldo Varen of Norvania had a working meeting with Head of the Republic of Estralia Ivo Lind."
    assert extract(region, published=MONDAY, gazetteer=gazetteer, publisher=RELEASE).contacts == []
    assert len(extract(state, published=MONDAY, gazetteer=gazetteer, publisher=RELEASE).contacts) == 1


def test_a_month_with_its_year_dates_the_contact_however_far_from_the_verb():
    text = "Prime Minister Mira Tol met with President Aldo Varen of Estralia and his delegation in June 2023."
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2023, 6, 1))]


def test_a_prime_ministers_office_is_a_release_that_dates_its_contacts_by_publication():
    text = "Prime Minister Mira Tol spoke with President Aldo Varen of Estralia."
    assert contacts_in(text, publisher="Prime Minister of Norvania") == [(VAREN_TOL, "phone_call", MONDAY)]
    assert contacts_in(text, publisher="Daily Planet") == [(VAREN_TOL, "phone_call", None)]
