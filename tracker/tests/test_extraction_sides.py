"""Who is on each side of a contact, and when it was, in the language of releases from other
publishers, on sentences about fictional leaders: names that are no people, a government's own
officials, heads of regions and of international bodies, the publisher's own leader."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY, RELEASE, VAREN_TOL, contacts_in


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


def test_the_prime_minister_of_a_release_is_the_one_of_the_country_its_address_is_in():
    # A real country-code domain, with a fictional premier: the rule reads the domain, not a list of sites.
    premiers = [
        KnownPerson(
            "mira-tol",
            "Mira Tol",
            (),
            "New Zealand",
            (KnownOffice("Prime Minister", "New Zealand", date(2020, 1, 1), None),),
        ),
        KnownPerson(
            "ivo-lind", "Ivo Lind", (), "Estralia", (KnownOffice("Prime Minister", "Estralia", date(2020, 1, 1), None),)
        ),
    ]
    countries = [*COUNTRIES, KnownCountry("New Zealand", (), ("New Zealander",))]
    gazetteer = Gazetteer(people=premiers, countries=countries)
    text = "The Prime Minister spoke today with President Aldo Varen of Ostmark."
    for url, expected in [
        ("https://www.beehive.govt.nz/release/pm-speaks-president-varen", ["Aldo Varen", "Mira Tol"]),
        ("https://WWW.Example.CO.NZ/news", ["Aldo Varen", "Mira Tol"]),
        ("https://bit.ly/3xYz", ["Aldo Varen"]),  # a generic use of a country's domain names no country
        ("https://www.example.com/release", ["Aldo Varen"]),
        ("http://[unclosed/release", ["Aldo Varen"]),  # a malformed address is no country, and no error
    ]:
        ex = extract(text, published=MONDAY, gazetteer=gazetteer, publisher="Office of the Prime Minister", url=url)
        assert [sorted(c.participants) for c in ex.contacts] == [expected], url


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


def test_a_first_in_person_meeting_since_a_month_is_a_gap_claim():
    text = (
        "Prime Minister Mira Tol met President Aldo Varen of Estralia on Monday, their first in-person meeting "
        "since March."
    )
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=RELEASE)
    assert [(sorted(g.participants), g.ends) for g in ex.gap_claims] == [(VAREN_TOL, MONDAY)]


def test_he_opening_a_sentence_is_the_subject_of_the_sentence_before_and_takes_its_date():
    text = (
        "On March 3, President Aldo Varen of Norvania traveled to Estralia. He met Prime Minister Mira Tol of "
        "Estralia in the capital."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2024, 3, 3))]


def test_a_sentence_going_on_from_the_one_before_takes_its_date():
    text = (
        "President Aldo Varen of Norvania arrived in Estralia on Tuesday, March 12. During the visit, President "
        "Varen met Prime Minister Mira Tol of Estralia."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2024, 3, 12))]


def test_an_officer_of_the_own_coast_guard_is_no_counterpart():
    text = "President Aldo Varen of Norvania spoke with Lieutenant Commander Ivo Lind of the Norvanian Coast Guard."
    assert contacts_in(text) == []


def test_a_foreign_leader_with_the_publishers_own_is_a_contact_not_a_domestic_meeting():
    text = "President Aldo Varen of Norvania spoke today with Prime Minister Mira Tol of Estralia."
    assert contacts_in(text, publisher="Estralian Government") == [(VAREN_TOL, "phone_call", MONDAY)]


def test_someone_of_a_leaders_who_meets_another_is_not_that_leader():
    for text in [
        "Norvanian President Aldo Varen's wife met Estralian Prime Minister Mira Tol on Monday.",
        "Norvanian President Aldo Varen's foreign minister held talks with Estralian Prime Minister Mira Tol.",
    ]:
        assert contacts_in(text) == [], text
    # Named, the one of his is the side.
    text = "Norvanian President Aldo Varen's envoy Per Holm met Estralian Prime Minister Mira Tol on Monday."
    assert [sorted(c[0]) for c in contacts_in(text)] == [["Mira Tol", "Per Holm"]]
