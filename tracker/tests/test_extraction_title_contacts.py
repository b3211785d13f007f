"""The contact a release's title names when its body only says "The leaders discussed ...", on
fictional leaders."""

from datetime import date

from tracker.extraction import Gazetteer, KnownOffice, KnownPerson, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY

LIND = KnownPerson(
    "ivo-lind", "Ivo Lind", (), "Norvania", (KnownOffice("President", "Norvania", date(2020, 1, 1), None),)
)
BODY = "The leaders discussed the situation in the region and agreed to stay in contact."


def contacts(text, title, publisher="Office of the President of Norvania", people=(LIND,)):
    gz = Gazetteer(people=list(people), countries=COUNTRIES)
    ex = extract(text, published=MONDAY, gazetteer=gz, publisher=publisher, title=title)
    return sorted((sorted(c.participants), c.kind, c.date) for c in ex.contacts if not c.planned)


def test_a_release_titled_by_its_contact_reports_that_contact_with_its_own_leader_that_day():
    for title, kind in [
        ("Telephone conversation with President of Estralia Aldo Varen", "phone_call"),
        ("Meeting with Prime Minister of Ostmark Mira Tol", "meeting"),
        ("Videoconference with President of Estralia Aldo Varen", "video_call"),
    ]:
        names = ["Aldo Varen", "Ivo Lind"] if "Varen" in title else ["Ivo Lind", "Mira Tol"]
        assert contacts(BODY, title) == [(names, kind, MONDAY)], title
    # Without offices known, the body's own head of state is the leader.
    text = "President of Norvania Ivo Lind thanked his guest. " + BODY
    assert contacts(text, "Meeting with Prime Minister of Ostmark Mira Tol", people=()) == [
        (["Ivo Lind", "Mira Tol"], "meeting", MONDAY)
    ]


def test_a_title_naming_no_counterpart_or_a_contact_the_body_reports_adds_nothing():
    for title in [
        "Meeting with Governor of the Northern Region Per Holm",  # his own official
        "Telephone conversation with Per Holm",  # anyone
        "On Friday, the President will have a telephone conversation with President of Estralia Aldo Varen",
    ]:
        assert contacts(BODY, title) == [], title
    assert contacts(BODY, "Meeting with Prime Minister of Ostmark Mira Tol", publisher="Daily Courier") == []
    # The body's call, its counterpart named otherwise, is the one contact.
    text = "Ivo Lind had a telephone conversation with President of Estralia Aldo Varo-Varen. " + BODY
    assert contacts(text, "Telephone conversation with President of Estralia Aldo Varen") == [
        (["Aldo Varo-Varen", "Ivo Lind"], "phone_call", MONDAY)
    ]
