from datetime import date

import feedparser
import pytest
from icalendar import Calendar

from tracker.models import Article, ContactSource, ReviewStatus, Statement
from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    article = Article.objects.create(title="R", url="https://example.org/r", text="text", published=date(2024, 3, 2))
    first = make_contact(aldo, mira, on=date(2024, 3, 1), summary="A call <b>about</b> grain.")
    ContactSource.objects.create(contact=first, article=article)
    make_contact(aldo, ivo, on=date(2024, 4, 1), summary="A letter.")
    make_contact(aldo, mira, on=date(2024, 5, 1), summary="Unreviewed.", status=ReviewStatus.PROPOSED)
    Statement.objects.create(
        speaker=aldo, quote="Grain matters", date=date(2024, 3, 1), contact=first, status="confirmed"
    )
    Statement.objects.create(speaker=mira, quote="Not yet reviewed", date=date(2024, 3, 1), contact=first)
    return first


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_leader_calendar_parses_and_holds_their_confirmed_contacts(client, contacts):
    found = events(client.get("/leaders/aldo-varen/calendar.ics"))
    assert [str(e["SUMMARY"]) for e in found] == [
        "Phone call: Aldo Varen – Mira Tolsk",
        "Phone call: Aldo Varen – Ivo Pell",
    ]
    first = found[0]
    assert first.decoded("DTSTART") == date(2024, 3, 1) and "https://example.org/r" in str(first["DESCRIPTION"])
    assert str(first["URL"]).endswith(f"/contacts/{contacts.pk}/")


def test_pair_calendar_uids_stay_the_same_when_a_contact_is_edited(client, contacts):
    before = events(client.get("/pairs/aldo-varen/mira-tolsk/calendar.ics"))
    contacts.summary = "Edited."
    contacts.save()
    after = events(client.get("/pairs/aldo-varen/mira-tolsk/calendar.ics"))
    assert [str(e["UID"]) for e in before] == [str(e["UID"]) for e in after] and len(after) == 1
    assert int(after[0]["SEQUENCE"]) >= int(before[0]["SEQUENCE"]) and "Edited." in str(after[0]["DESCRIPTION"])


def test_atom_feeds_parse_and_hold_only_confirmed_items(client, contacts):
    overall = feedparser.parse(client.get("/feeds/contacts.atom").content)
    assert not overall.bozo and overall.version == "atom10"
    assert len(overall.entries) == 2 and all("Unreviewed" not in e.get("summary", "") for e in overall.entries)
    pair = feedparser.parse(client.get("/pairs/aldo-varen/mira-tolsk/contacts.atom").content)
    assert [e.title for e in pair.entries] == ["Phone call: Aldo Varen – Mira Tolsk (01 Mar 2024)"]
    said = feedparser.parse(client.get("/leaders/mira-tolsk/statements.atom").content)
    assert said.entries == []
    said = feedparser.parse(client.get("/leaders/aldo-varen/statements.atom").content)
    assert [e.summary for e in said.entries] == ["“Grain matters”"]


def test_pages_advertise_their_feeds_and_link_their_calendars(client, contacts):
    leader = client.get("/leaders/aldo-varen/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in leader and "/leaders/aldo-varen/contacts.atom" in leader
    assert "/leaders/aldo-varen/calendar.ics" in leader
    pair = client.get("/pairs/aldo-varen/mira-tolsk/").content.decode()
    assert "/pairs/aldo-varen/mira-tolsk/contacts.atom" in pair and "/pairs/aldo-varen/mira-tolsk/calendar.ics" in pair
    assert "/feeds/contacts.atom" in client.get("/timeline/").content.decode()
