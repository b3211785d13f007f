"""The demo record: built through ingest's matching (one contact per event), re-runs add only
what is missing, ``--reset`` rebuilds."""

from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from tracker.models import Article, Contact, ContactSource, Country, Gap, GapClaim, Office, Person, Statement, Topic
from tracker.rules import kind_class
from tracker.services.ingest import article_ingest
from tracker.tests.factories import an_extraction, call_item, gap_claim_item, make_country, make_leader, statement_item

pytestmark = pytest.mark.django_db


def _load(*extra):
    call_command("load_demo", "--no-editor", *extra, verbosity=0)


def _pair_contacts(a: str, b: str):
    return Contact.objects.involving_all(Person.objects.get(slug=a), Person.objects.get(slug=b))


def test_the_demo_holds_one_contact_per_event_each_report_a_source_of_it():
    _load()
    biden_netanyahu = _pair_contacts("joe-biden", "benjamin-netanyahu")
    for day in (date(2024, 2, 15), date(2024, 3, 18)):
        (contact,) = biden_netanyahu.filter(date=day)
        assert sorted(contact.sources.values_list("article__publisher", flat=True)) == ["CNN", "The White House"]
    # No two contacts of the same people and kind class on the same day, anywhere.
    same_day = Counter(
        (c.date, frozenset(p.pk for p in c.participants.all()), kind_class(c.kind), c.planned)
        for c in Contact.objects.prefetch_related("participants")
    )
    assert [key for key, n in same_day.items() if n > 1] == []
    # No 0-day gap anywhere. Two real contacts of a pair on one day (Biden and Trudeau on
    # 11 February 2022: a bilateral call, then a video call of transatlantic leaders) stay two
    # contacts, with the pair's silences before and after that day and none between them.
    assert list(Gap.objects.filter(days=0).values_list("start", "person_a__slug", "person_b__slug")) == []
    biden_trudeau = _pair_contacts("joe-biden", "justin-trudeau")
    day = date(2022, 2, 11)
    assert sorted(biden_trudeau.filter(date=day).values_list("kind", flat=True)) == ["phone_call", "video_call"]
    gaps = Gap.objects.for_pair(Person.objects.get(slug="joe-biden"), Person.objects.get(slug="justin-trudeau"))
    assert gaps.filter(end=day).count() == 1 and gaps.filter(start=day).count() == 1
    days_with_contacts = biden_trudeau.filter(status="confirmed").dates("date", "day").count()
    assert gaps.count() == days_with_contacts - 1
    # The founding article's statements point at the contact on record.
    assert set(Statement.objects.filter(contact__isnull=False).values_list("contact__date", flat=True)) == {
        date(2024, 3, 18)
    }


def test_rerunning_the_demo_keeps_an_editors_corrections():
    _load("--no-readout-facts")
    contact = Contact.objects.get(date=date(2024, 3, 18))
    contact.summary = "Corrected by an editor."
    contact.save()
    office = Office.objects.filter(person__slug="joe-biden").first()
    office.title = "Edited title"
    office.save()
    counts = [m.objects.count() for m in (Person, Office, Article, Contact, Statement)]
    _load("--no-readout-facts")
    assert Contact.objects.get(pk=contact.pk).summary == "Corrected by an editor."
    assert Office.objects.get(pk=office.pk).title == "Edited title"
    assert [m.objects.count() for m in (Person, Office, Article, Contact, Statement)] == counts


def test_rerunning_the_demo_adds_what_is_missing():
    _load("--no-readout-facts")
    Statement.objects.filter(pk=1).delete()
    Contact.objects.filter(date=date(2024, 2, 15)).delete()
    _load("--no-readout-facts")
    assert Statement.objects.filter(pk=1).exists()
    assert Contact.objects.filter(date=date(2024, 2, 15)).count() == 1
    assert list(Gap.objects.values_list("days", flat=True)) == [32]


def test_reset_rebuilds_the_demo_from_scratch():
    _load("--no-readout-facts")
    contact = Contact.objects.get(date=date(2024, 3, 18))
    Contact.objects.filter(pk=contact.pk).update(summary="Corrected by an editor.")
    _load("--no-readout-facts", "--reset")
    assert Contact.objects.get(date=date(2024, 3, 18)).summary.startswith("Phone call on humanitarian aid")
    assert Contact.objects.count() == 2


def test_what_is_stored_after_the_demo_gets_ids_the_demo_does_not_hold():
    # The demo's rows keep their fixtures' ids; on PostgreSQL the id sequences must have moved
    # past them, or every row stored next collides with one of the demo's (issue 13).
    _load("--no-readout-facts")
    before = {m: m.objects.count() for m in (Country, Person, Office, Topic, Article, Contact, Statement, GapClaim)}
    varen = make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian"))
    kost = make_leader("Mira Kost", "Prime Minister", make_country("Valdoria", "Valdorian"))
    topic = Topic.objects.create(name="River treaty")
    text = (
        "President Aldo Varen of Norvania spoke today with Prime Minister Mira Kost of Valdoria about the river "
        'treaty. "We agreed to meet again soon," Varen said. It was their first call in more than a month.'
    )
    day = date(2024, 5, 6)
    extraction = an_extraction(
        text,
        contacts=[call_item(text, "spoke today with", [varen, kost], day)],
        statements=[statement_item(text, "We agreed to meet again soon,", varen, said="Varen said", day=day)],
        gap_claims=[gap_claim_item(text, "their first call in more than a month", [varen, kost], day)],
        topics=[topic.name],
    )
    result = article_ingest(text=text, published=day, title="Fictional readout", extraction=extraction, confirm=True)
    assert result.status == "new", result
    after = {m: m.objects.count() for m in before}
    assert {m: after[m] - before[m] for m in before} == {
        Country: 2,
        Person: 2,
        Office: 2,
        Topic: 1,
        Article: 1,
        Contact: 1,
        Statement: 1,
        GapClaim: 1,
    }
    assert ContactSource.objects.filter(article=result.article).count() == 1


def test_the_demo_pair_page_counts_only_gaps_in_office_and_labels_the_others(client):
    _load()
    body = " ".join(client.get("/pairs/benjamin-netanyahu/joe-biden/").content.decode().split())
    assert "Longest gap with both in office</dt><dd>120 days (19 Mar 2023 – 17 Jul 2023)" in body
    # Netanyahu's offices in fixtures/leaders.json: out from 13 June 2021 to 29 December 2022.
    assert (
        "Not counted: 537 days (19 May 2021 – 7 Nov 2022) · Benjamin Netanyahu out of office 13 Jun 2021 – 29 Dec 2022"
        in body
    )
    assert (
        "What this record holds for Benjamin Netanyahu and Joe Biden:</strong> "
        "The White House 2021–2025: 40; CNN 2024: 1." in body
    )


def test_the_demo_home_page_states_its_coverage_and_its_silences(client):
    _load()
    body = " ".join(client.get("/").content.decode().split())
    assert "The White House 2021–2025: 711; CNN 2024: 1." in body
    # No pair of the demo is in office today (its readouts end with Biden's term): the panel says
    # so and shows how the silences stood when their time in office together ended.
    assert "No pair with that much history on this record is in office today." in body
    assert "until Joe Biden left office on 20 Jan 2025" in body
    assert "too little history to know their usual rhythm" in body
