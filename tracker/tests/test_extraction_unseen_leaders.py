"""Leaders named in ways the known-people list cannot help with, on sentences about fictional
leaders: bare full names as subjects, talks told by their topic, earlier contacts recalled, one
meeting told twice, and office words that say a known surname is someone else's."""

from datetime import date

from tracker.extraction import Gazetteer, KnownOffice, KnownPerson, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY, RELEASE, VAREN_TOL, contacts_in, people_in

PRIME_MINISTER = KnownOffice("Prime Minister", "Estralia", date(2020, 1, 1), None)
KNOWN = [
    KnownPerson("mira-tol", "Mira Tol", (), "Estralia", (PRIME_MINISTER,)),
    KnownPerson("yulia-brand", "Yulia Brand", (), "Wendland", ()),
    KnownPerson(
        "ivo-martin", "Ivo Martin", (), "Ostmark", (KnownOffice("Prime Minister", "Ostmark", date(2020, 1, 1), None),)
    ),
]
PRESIDENTS = "President Aldo Varen of Norvania spoke by phone today with President Mira Tol of Estralia"


def people_known(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(people=KNOWN, countries=COUNTRIES), publisher=RELEASE)
    return sorted(p.name for p in ex.people)


def test_a_full_name_without_title_as_the_subject_of_a_contact_verb_is_a_person():
    for text, kind in [
        ("Aldo Varen and Mira Tol held talks in Lorvik today.", "meeting"),
        ("Aldo Varen on Monday held talks with Prime Minister Mira Tol.", "meeting"),
        ("Aldo Varen also spoke by telephone with Mira Tol today.", "phone_call"),
    ]:
        assert contacts_in(text, publisher=None) == [(VAREN_TOL, kind, MONDAY)], text


def test_congratulating_someone_by_telephone_is_a_call():
    text = "Aldo Varen congratulated Mira Tol by telephone today on her election victory."
    assert contacts_in(text, publisher=None) == [(VAREN_TOL, "phone_call", MONDAY)]
    assert people_in("Aldo Varen congratulated Mira Tol on her victory.") == {"Aldo Varen"}


def test_places_and_companies_before_a_contact_verb_are_no_people():
    assert people_in("Norvania Airlines held talks with Prime Minister Mira Tol today.") == {"Mira Tol"}
    assert people_in("New Lorvik hosted Prime Minister Mira Tol today.") == {"Mira Tol"}


def test_a_leader_who_discussed_a_topic_with_another_sides_leader_had_a_contact():
    text = (
        "President Aldo Varen of Norvania spoke with Chancellor Ivo Lind of Ostmark today. Earlier, he had "
        "discussed the grain deal with President Mira Tol of Estralia."
    )
    assert contacts_in(text) == [
        (["Aldo Varen", "Ivo Lind"], "phone_call", MONDAY),
        (VAREN_TOL, "phone_call", MONDAY),
    ]
    for text in [
        "President Aldo Varen of Norvania discussed the budget with Senator Ivo Lind.",
        "President Aldo Varen of Norvania discussed the budget with the Prime Minister, Ivo Lind.",
        "President Aldo Varen of Norvania discussed his plans for the upcoming summit with President Mira Tol of "
        "Estralia.",
        "President Aldo Varen of Norvania has repeatedly discussed trade with President Mira Tol of Estralia.",
    ]:
        assert contacts_in(text) == [], text


def test_earlier_contacts_of_the_two_leaders_recalled_without_their_names_are_contacts():
    for follow, recalled in [
        (", following up on their talks in Lorvik on 6 April.", ("meeting", date(2023, 4, 6))),
        (
            ". They recalled the agreements reached during his visit to Estralia on 6 December.",
            ("visit", date(2023, 12, 6)),
        ),
        (". They reviewed progress since they last met in Port Estra.", ("meeting", None)),
        (". The two leaders last spoke in June.", ("phone_call", date(2023, 6, 1))),
        (". They noted the visit by the President of Estralia to Norvania in May 2023.", ("visit", date(2023, 5, 1))),
    ]:
        found = contacts_in(PRESIDENTS + follow)
        assert found == sorted(
            [(VAREN_TOL, *recalled), (VAREN_TOL, "phone_call", MONDAY)], key=lambda c: (c[1], c[2] or date.min)
        ), follow

    # A visit to a country neither leader is of, or by someone else, says nothing of whom they met there.
    for follow in [
        ". He recalled his visit to Ostmark on 6 December.",
        ". They noted the visit of Ivo Lind to Norvania in May.",
    ]:
        assert contacts_in(PRESIDENTS + follow) == [(VAREN_TOL, "phone_call", MONDAY)], follow


def test_a_second_mention_of_some_of_a_meetings_people_is_the_same_meeting():
    text = (
        "President Aldo Varen of Norvania held talks with President Mira Tol of Estralia and Foreign Minister Ivo "
        "Lind of Estralia today. The talks between President Varen and President Tol lasted three hours."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind", "Mira Tol"], "meeting", MONDAY)]


def test_an_office_of_another_kind_before_a_known_surname_names_someone_else():
    for text in [
        "President Aldo Varen of Norvania met Speaker Tol at the Capitol today.",
        "President Aldo Varen of Norvania met with Speaker of the House Tol today.",
        "President Aldo Varen of Norvania met with Senator Tol today.",
    ]:
        assert "Mira Tol" not in people_known(text), text
    assert "Mira Tol" in people_known("President Aldo Varen of Norvania met with Prime Minister Tol today.")


def test_another_given_or_family_name_beside_a_known_surname_names_someone_else():
    assert "Mira Tol" not in people_known("President Aldo Varen of Norvania met with Jon Tol today.")
    assert "Ivo Martin" not in people_known("Minister Aldo Varen met Chairman of the Committee Martin Lidegaard.")
    assert "Yulia Brand" in people_known("President Aldo Varen of Norvania met with Yulia and Dasha Brand today.")


def test_a_recalled_visit_from_before_a_known_leader_took_office_is_not_theirs():
    chancellor = KnownPerson(
        "ivo-lind", "Ivo Lind", (), "Ostmark", (KnownOffice("Chancellor", "Ostmark", date(2024, 1, 1), None),)
    )
    gazetteer = Gazetteer(people=[chancellor], countries=COUNTRIES)
    text = (
        "President Aldo Varen of Norvania spoke by phone today with Chancellor Ivo Lind of Ostmark. They recalled "
        "the agreements reached during his visit to Ostmark in {}."
    )

    def recalled(when):
        ex = extract(text.format(when), published=MONDAY, gazetteer=gazetteer, publisher=RELEASE)
        return [(c.kind, c.date) for c in ex.contacts if c.date != MONDAY]

    assert recalled("February 2024") == [("visit", date(2024, 2, 1))]
    assert recalled("May 2023") == []
