"""Storing what extraction finds: idempotency, merging one contact's sources, rollback, bad input,
re-running extraction. Extractions are built by hand here; the real extractor is exercised in
test_ingest_shared.py."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import Article, Contact, ContactSource, Gap, GapClaim, Office, Person, Statement
from tracker.services import ingest_items
from tracker.services.ingest import article_ingest
from tracker.tests.factories import (
    GapClaimItem,
    PersonMention,
    Span,
    an_extraction,
    call_item,
    gap_claim_item,
    make_country,
    make_leader,
    span_of,
    statement_item,
)

pytestmark = pytest.mark.django_db

CALL_TEXT = (
    "President Aldo Varen of Norvania spoke today with Prime Minister Mira Kost of Valdoria. "
    "The two leaders discussed grain exports and the river treaty. "
    'Varen said the talks were "frank and useful for both our peoples today."'
)


@pytest.fixture
def world():
    norvania = make_country("Norvania", "Norvanian")
    valdoria = make_country("Valdoria", "Valdorian")
    estmark = make_country("Estmark", "Estmarkish", "Republic of Estmark")
    return {
        "norvania": norvania,
        "valdoria": valdoria,
        "estmark": estmark,
        "varen": make_leader("Aldo Varen", "President", norvania),
        "kost": make_leader("Mira Kost", "Prime Minister", valdoria),
        "brandt": make_leader("Ilse Brandt", "Chancellor", estmark),
    }


def a_call(world, text=CALL_TEXT, day=date(2024, 3, 18), kind="phone_call", **extra):
    return an_extraction(
        text=text,
        contacts=[call_item(text, text.split(". ")[0], [world["varen"], world["kost"]], day, kind=kind, **extra)],
    )


def ingest(text, extraction, *, published=date(2024, 3, 18), publisher="Norvanian Presidency", **kwargs):
    return article_ingest(
        text=text, published=published, publisher=publisher, title="A call", extraction=extraction, **kwargs
    )


def test_ingesting_the_same_text_twice_adds_nothing(world):
    first = ingest(CALL_TEXT, a_call(world))
    again = ingest(CALL_TEXT + "\n", a_call(world))  # a re-saved copy with another line ending
    assert (first.status, again.status) == ("new", "duplicate")
    assert again.article == first.article
    assert "already stored as article" in again.reason
    assert (Article.objects.count(), Contact.objects.count(), ContactSource.objects.count()) == (1, 1, 1)


def test_the_same_url_with_other_text_is_a_duplicate(world):
    ingest(CALL_TEXT, a_call(world), url="https://norvania.example/readout/1")
    other = CALL_TEXT.replace("grain", "fishing")
    again = ingest(other, a_call(world, other), url="https://norvania.example/readout/1")
    assert again.status == "duplicate"
    assert Article.objects.count() == 1


def test_items_are_proposed_unless_the_source_is_trusted(world):
    proposed = ingest(CALL_TEXT, a_call(world))
    assert proposed.proposed["contact"] == 1
    assert Contact.objects.get().status == "proposed"
    assert not Gap.objects.exists()

    text = CALL_TEXT.replace("today", "on Monday")
    ingest(text, a_call(world, text, day=date(2024, 4, 1)), confirm=True, published=date(2024, 4, 1))
    assert Contact.objects.get(date=date(2024, 4, 1)).status == "confirmed"


def test_a_contact_source_keeps_the_span_and_evidence(world):
    result = ingest(CALL_TEXT, a_call(world))
    source = ContactSource.objects.get()
    assert source.article == result.article
    assert CALL_TEXT[source.start : source.end] == source.evidence
    assert source.evidence.startswith("President Aldo Varen")
    assert source.reported_kind == "phone_call"


def test_a_second_report_of_the_same_call_becomes_a_second_source(world):
    ingest(CALL_TEXT, a_call(world))
    other = "Prime Minister Mira Kost held a telephone conversation with President Aldo Varen. They spoke of grain"
    result = ingest(other, a_call(world, other), publisher="Valdorian Government")
    assert result.merged == 1 and result.proposed["contact"] == 0
    contact = Contact.objects.get()
    assert contact.sources.count() == 2


def test_a_kremlin_style_meeting_held_by_videoconference_is_the_video_call_of_the_other_side(world):
    white_house = "President Aldo Varen held a video call with Prime Minister Mira Kost of Valdoria today. More"
    ingest(white_house, a_call(world, white_house, kind="video_call"))
    kremlin = "Talks between Mira Kost and Aldo Varen were held via videoconference. The leaders discussed"
    # Extraction decides the kind from the evidence and says what the source called it.
    item = a_call(world, kremlin, kind="video_call", reported_kind="meeting")
    result = ingest(kremlin, item, publisher="Valdorian Government")
    assert result.merged == 1
    contact = Contact.objects.get()
    assert contact.kind == "video_call"
    assert sorted(contact.sources.values_list("reported_kind", flat=True)) == ["meeting", "video_call"]


def test_a_call_reported_one_day_apart_by_the_two_sides_is_one_contact(world):
    ingest(CALL_TEXT, a_call(world, day=date(2024, 3, 18)))
    other = "Late on Tuesday Mira Kost spoke by telephone with Aldo Varen. Grain was discussed"
    result = ingest(other, a_call(world, other, day=date(2024, 3, 19)), publisher="Valdorian Government")
    assert result.merged == 1
    assert Contact.objects.count() == 1


def test_calls_on_consecutive_days_from_the_same_side_stay_two_contacts(world):
    ingest(CALL_TEXT, a_call(world, day=date(2024, 3, 18)))
    other = "Aldo Varen spoke again with Mira Kost on Tuesday. The leaders discussed"
    result = ingest(other, a_call(world, other, day=date(2024, 3, 19)))
    assert result.merged == 0
    assert Contact.objects.count() == 2


def test_a_meeting_is_not_merged_with_a_call_on_the_same_day_by_the_same_side(world):
    ingest(CALL_TEXT, a_call(world))
    other = "Aldo Varen later met Mira Kost in Norvania City. They agreed on grain"
    result = ingest(other, a_call(world, other, kind="meeting"))
    assert result.merged == 0
    assert Contact.objects.count() == 2


def test_the_other_sides_meeting_on_the_same_day_is_the_call_even_without_saying_video(world):
    # The Kremlin's release on the 2021-12-07 video call is titled "Meeting with US President".
    kremlin = "Meeting with President Aldo Varen. Mira Kost had a lengthy conversation with Aldo Varen."
    ingest(kremlin, a_call(world, kremlin, kind="meeting"), publisher="Valdorian Government")
    white_house = "President Aldo Varen held a video call with Prime Minister Mira Kost today. More"
    result = ingest(white_house, a_call(world, white_house, kind="video_call"))
    assert result.merged == 1
    contact = Contact.objects.get()
    assert contact.kind == "video_call"  # the side that says "call" is the more exact one
    assert contact.sources.count() == 2


def test_the_other_sides_meeting_a_day_later_is_not_the_call(world):
    ingest(CALL_TEXT, a_call(world, day=date(2024, 3, 18)))
    other = "Mira Kost received Aldo Varen in Valdoria City. They agreed on grain"
    result = ingest(
        other, a_call(world, other, kind="meeting", day=date(2024, 3, 19)), publisher="Valdorian Government"
    )
    assert result.merged == 0
    assert Contact.objects.count() == 2


def test_the_side_of_an_article_without_publisher_is_its_web_host(world):
    ingest(CALL_TEXT, a_call(world, day=date(2024, 3, 18)), publisher="", url="https://www.norvania.example/r/1")
    other = "Late on Tuesday Mira Kost spoke by telephone with Aldo Varen. Grain was discussed"
    result = ingest(
        other, a_call(world, other, day=date(2024, 3, 19)), publisher="", url="https://valdoria.example/news/9"
    )
    assert result.merged == 1


def test_a_summit_is_not_merged_with_a_bilateral_call_of_two_of_its_members(world):
    ingest(CALL_TEXT, a_call(world, kind="video_call"))
    summit = "Aldo Varen, Mira Kost and Ilse Brandt held a video call on grain. The leaders agreed"
    people = [world["varen"], world["kost"], world["brandt"]]
    extraction = an_extraction(
        text=summit, contacts=[call_item(summit, summit[:50], people, date(2024, 3, 18), "video_call")]
    )
    result = ingest(summit, extraction)
    assert result.merged == 0 and Contact.objects.count() == 2

    again = "Ilse Brandt joined Mira Kost and Aldo Varen on a video link. Grain again"
    extraction = an_extraction(
        text=again, contacts=[call_item(again, again[:40], people[::-1], date(2024, 3, 18), "video_call")]
    )
    assert ingest(again, extraction, publisher="Estmark Chancellery").merged == 1
    assert Contact.objects.count() == 2


def test_a_month_precise_report_merges_with_a_day_in_that_month(world):
    ingest(CALL_TEXT, a_call(world, day=date(2024, 3, 18)))
    other = "In March Aldo Varen and Mira Kost talked by phone, an aide recalled later in the year"
    result = ingest(other, a_call(world, other, day=date(2024, 3, 1), precision="month"), published=date(2024, 9, 1))
    assert result.merged == 1
    assert Contact.objects.count() == 1


def test_a_trusted_second_source_confirms_the_proposed_contact(world):
    ingest(CALL_TEXT, a_call(world))
    other = "Aldo Varen and Mira Kost spoke by telephone. The leaders discussed grain"
    ingest(other, a_call(world, other), publisher="Valdorian Government", confirm=True)
    assert Contact.objects.get().status == "confirmed"


def test_a_failure_midway_stores_nothing_of_the_article(world, monkeypatch):
    extraction = a_call(world)
    extraction.people.append(
        PersonMention("Tomas Quell", None, "Estmarkish", "Foreign Minister", Span(0, 5), is_new=True)
    )
    claim_text = "the first call in more than a month"
    extraction.gap_claims.append(
        GapClaimItem(
            participants=["Aldo Varen", "Mira Kost"],
            participant_keys=[world["varen"].slug, world["kost"].slug],
            ends=date(2024, 3, 18),
            starts=None,
            comparison="more_than",
            duration_days=None,
            duration_months=1,
            anchor=None,
            text=claim_text,
            span=Span(0, 10),
        )
    )

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_items, "gap_claim_create", broken)
    people_before = Person.objects.count()
    with pytest.raises(RuntimeError):
        ingest(CALL_TEXT, extraction)
    assert not Article.objects.exists()
    assert not Contact.objects.exists()
    assert not ContactSource.objects.exists()
    assert Person.objects.count() == people_before


def test_a_new_person_gets_an_office_in_the_country_named_by_its_demonym(world):
    text = "Estmarkish Foreign Minister Tomas Quell phoned Aldo Varen today about the treaty and grain"
    call = call_item(text, text[:60], [world["varen"], world["kost"]], date(2024, 3, 18))
    call.participants, call.participant_keys = ["Tomas Quell", "Aldo Varen"], [None, world["varen"].slug]
    extraction = an_extraction(
        text=text,
        people=[
            PersonMention("Tomas Quell", None, "Estmarkish", "Foreign Minister", span_of(text, "Tomas Quell"), True)
        ],
        contacts=[call],
    )
    result = ingest(text, extraction)
    quell = Person.objects.get(name="Tomas Quell")
    assert quell.country == world["estmark"]
    office = Office.objects.get(person=quell)
    # Issue 10: the article says the office was held on its date, not when it began or ended.
    assert (office.title, office.country, office.start, office.end, office.is_head) == (
        "Foreign Minister",
        world["estmark"],
        None,
        None,
        False,
    )
    assert (office.start_precision, office.end_precision, office.status) == ("unknown", "unknown", "proposed")
    assert quell.status == "proposed"
    assert "start and end are unknown" in quell.notes
    assert set(Contact.objects.get().participants.all()) == {quell, world["varen"]}
    assert result.proposed["person"] == 1


def test_an_unknown_person_without_a_known_country_still_gets_a_person(world):
    text = "Aldo Varen received Envoy Pell Orrin of Farland today for talks about grain and the river"
    call = call_item(text, text[:60], [world["varen"], world["kost"]], date(2024, 3, 18), kind="meeting")
    call.participants, call.participant_keys = ["Aldo Varen", "Pell Orrin"], [world["varen"].slug, None]
    extraction = an_extraction(
        text=text,
        people=[PersonMention("Pell Orrin", None, "Farland", "Envoy", span_of(text, "Pell Orrin"), True)],
        contacts=[call],
    )
    ingest(text, extraction)
    orrin = Person.objects.get(name="Pell Orrin")
    assert orrin.country is None and not orrin.offices.exists()
    assert Contact.objects.get().participants.count() == 2


def test_a_known_name_without_a_key_is_not_created_twice(world):
    text = "Aldo Varen spoke with Mira Kost today. They discussed the grain corridor at length"
    call = call_item(text, text[:36], [world["varen"], world["kost"]], date(2024, 3, 18))
    call.participant_keys = [None, None]
    people_before = Person.objects.count()
    ingest(text, an_extraction(text, contacts=[call]))
    assert Person.objects.count() == people_before


def a_statement(world, text=CALL_TEXT, **extra):
    quote = "frank and useful for both our peoples today."
    day, channel = extra.pop("date", date(2024, 3, 18)), extra.pop("channel", "readout")
    return statement_item(text, quote, world["varen"], said="Varen said", day=day, channel=channel)


def test_a_statement_about_the_call_is_linked_to_it(world):
    extraction = a_call(world)
    extraction.statements.append(a_statement(world))
    ingest(CALL_TEXT, extraction)
    statement = Statement.objects.get()
    assert statement.contact == Contact.objects.get()
    assert CALL_TEXT[statement.start : statement.end] == statement.quote
    assert (statement.channel, statement.status, statement.is_fragment) == ("readout", "proposed", False)


def test_a_statement_said_on_another_day_is_not_linked_to_the_call(world):
    extraction = a_call(world)
    extraction.statements.append(a_statement(world, date=date(2024, 3, 10), channel="interview"))
    ingest(CALL_TEXT, extraction)
    assert Statement.objects.get().contact is None


def a_claim(world, text, words, ends, **extra):
    return gap_claim_item(text, words, [world["varen"], world["kost"]], ends, **extra)


def test_a_gap_claim_is_stored_and_gets_its_verdict_once_the_contacts_are_confirmed(world):
    earlier = "Aldo Varen and Mira Kost spoke by phone on the first of February about grain and trade"
    ingest(earlier, a_call(world, earlier, day=date(2024, 2, 1)), published=date(2024, 2, 1), confirm=True)
    text = CALL_TEXT + " It was their first call in more than a month."
    extraction = a_call(world, text)
    extraction.gap_claims.append(a_claim(world, text, "their first call in more than a month", date(2024, 3, 18)))
    result = ingest(text, extraction, confirm=True)
    assert result.proposed["gap_claim"] == 1
    claim = GapClaim.objects.get()
    assert text[claim.start_offset : claim.end_offset] == claim.text
    assert claim.verdict == "supported"
    assert claim.deciding_gap is not None and claim.deciding_gap.days == 46


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("Aldo Varen\x00\x00 spoke with Mira Kost", "NUL bytes"),
        ("Aldo Varen spoke with Mira Kost. " * 160_000, "million characters"),
        (
            "Le président Aldo Varen s'est entretenu aujourd'hui avec la première ministre Mira Kost "
            "sur les exportations de céréales, le traité sur le fleuve et les relations entre leurs deux pays, "
            "qu'ils veulent renforcer dans les mois à venir selon un communiqué publié par la présidence.",
            "English",
        ),
    ],
)
def test_bad_text_fails_with_the_reason_and_stores_nothing(world, text, reason):
    result = article_ingest(
        text=text, published=date(2024, 3, 18), source_file="bad.txt", extraction=an_extraction(text)
    )
    assert result.status == "failed"
    assert reason in result.reason
    assert str(result).startswith("bad.txt: failed:")
    assert not Article.objects.exists()


def test_a_publication_date_in_the_future_fails(world):
    result = article_ingest(
        text=CALL_TEXT, published=date(2031, 1, 1), extraction=a_call(world), today=date(2024, 3, 18)
    )
    assert result.status == "failed"
    assert "2031-01-01 is in the future" in result.reason


def test_a_document_with_reading_errors_fails_with_them(world):
    class Document:
        text, published, title, url, publisher, source = "", None, None, None, None, "broken.md"
        errors = ["the front matter is not valid YAML (line 3)"]

    result = article_ingest(document=Document())
    assert result.status == "failed"
    assert str(result) == "broken.md: failed: the front matter is not valid YAML (line 3)"


def test_a_bare_surname_the_extractor_did_not_propose_makes_no_new_person(world):
    extraction = a_call(world)
    statement = a_statement(world)
    statement.speaker, statement.speaker_key = "Quell", None
    extraction.statements.append(statement)
    people_before = Person.objects.count()
    result = ingest(CALL_TEXT, extraction)
    assert Person.objects.count() == people_before
    assert not Statement.objects.exists()
    assert any("without a speaker" in w for w in result.warnings)


def test_a_trusted_archive_confirms_the_new_people_its_items_name(world):
    text = "Estmarkish Foreign Minister Tomas Quell phoned Aldo Varen today about the treaty and grain"
    call = call_item(text, text[:60], [world["varen"], world["kost"]], date(2024, 3, 18))
    call.participants, call.participant_keys = ["Tomas Quell", "Aldo Varen"], [None, world["varen"].slug]
    mention = PersonMention("Tomas Quell", None, "Estmarkish", "Foreign Minister", span_of(text, "Tomas Quell"), True)
    extraction = an_extraction(text=text, people=[mention], contacts=[call])
    article_ingest(text=text, published=date(2024, 3, 18), extraction=extraction, confirm=True)
    quell = Person.objects.get(name="Tomas Quell")
    assert quell.status == "confirmed"
    assert Office.objects.get(person=quell).status == "confirmed"
