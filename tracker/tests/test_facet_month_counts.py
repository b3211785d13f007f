"""``FacetMonthCount`` (the timeline's country, topic and publisher facets by month, status and
kind), ``PairFacetMonthCount`` (the same and the participants, of each pair's contacts) and
``FacetCount`` and ``PairFacetCount`` (the record's and each pair's facets, all time) equal a
recount of the record after every path that writes them: contacts saved, moved, deleted and
batched, participants and topics changed from either side, review, offices and nationality
changed, reports and publishers changed, merges, ingest, re-extraction, bulk loads, a repair and
the migrations; and the facets of the plain timeline and of a pair's read from them count what
the scan counts.

Data is plainly fictional: leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import combinations

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from timeline.facets import timeline_facets
from timeline.filters import ContactFilter
from tracker.models import (
    Article,
    Contact,
    ContactSource,
    Country,
    FacetCount,
    FacetMonthCount,
    Office,
    PairFacetCount,
    PairFacetMonthCount,
    ReviewStatus,
    Topic,
)
from tracker.services.confirming import offices_set_status
from tracker.services.contacts import contact_source_add, contacts_set_status
from tracker.services.ingest import article_ingest
from tracker.services.merge import contacts_merge, people_merge
from tracker.services.review import article_items_set_status, article_reextract, contact_report_set_status
from tracker.services.upkeep import gaps_deferred
from tracker.tests.databases import StatementsOnly
from tracker.tests.factories import an_extraction, call_item, make_contact, make_country, make_person

pytestmark = pytest.mark.django_db
CONFIRMED, PROPOSED, REJECTED = ReviewStatus.CONFIRMED, ReviewStatus.PROPOSED, ReviewStatus.REJECTED


def recounted_by_contact() -> dict[Contact, set[tuple[str, str]]]:
    """Each contact's (facet, value)s, straight from the record's own rules: the countries
    ``of_countries`` finds it under, its topics, its confirmed reports' publishers."""
    spoke_for = {
        country.pk: set(Contact.objects.of_countries([country]).values_list("pk", flat=True))
        for country in Country.objects.all()
    }
    found = {}
    for contact in Contact.objects.prefetch_related("topics", "sources__article", "participants"):
        values = {("country", str(country)) for country, ids in spoke_for.items() if contact.pk in ids}
        values |= {("topic", str(topic.pk)) for topic in contact.topics.all()}
        cited = {s.article.publisher for s in contact.sources.all() if s.status == CONFIRMED and s.article.publisher}
        found[contact] = values | {("publisher", publisher) for publisher in cited}
    return found


def recounted() -> dict[tuple, int]:
    """(facet, status, month, kind, value) -> contacts, from ``recounted_by_contact``."""
    counts: Counter = Counter()
    for contact, values in recounted_by_contact().items():
        for facet, value in values:
            counts[(facet, contact.status, contact.date.replace(day=1), contact.kind, value)] += 1
    return dict(counts)


def pair_recounted() -> dict[tuple, int]:
    """(person_a, person_b, facet, status, month, kind, value) -> contacts: for each pair of a
    contact's participants (lower id first), its values and each participant under ``person``."""
    counts: Counter = Counter()
    for contact, values in recounted_by_contact().items():
        taking_part = sorted(p.pk for p in contact.participants.all())
        values = values | {("person", str(pk)) for pk in taking_part}
        for a, b in combinations(taking_part, 2):
            for facet, value in values:
                counts[(a, b, facet, contact.status, contact.date.replace(day=1), contact.kind, value)] += 1
    return dict(counts)


def all_time_recounted() -> dict[tuple, int]:
    """(facet, status, kind, value) -> contacts, all time: each contact once under its kind, each
    of its values (``recounted_by_contact``) and each of its participants."""
    counts: Counter = Counter()
    for contact, values in recounted_by_contact().items():
        values = values | {("kind", contact.kind)} | {("person", str(p.pk)) for p in contact.participants.all()}
        for facet, value in values:
            counts[(facet, contact.status, contact.kind, value)] += 1
    return dict(counts)


def all_time_stored() -> dict[tuple, int]:
    rows = FacetCount.objects.values_list("facet", "status", "kind", "value", "contacts")
    return {tuple(row[:-1]): row[-1] for row in rows}


def pair_all_time_recounted() -> dict[tuple, int]:
    """(person_a, person_b, facet, status, kind, value) -> contacts: ``pair_recounted`` over all time."""
    counts: Counter = Counter()
    for (a, b, facet, status, _, kind, value), n in pair_recounted().items():
        counts[(a, b, facet, status, kind, value)] += n
    return dict(counts)


def pair_all_time_stored() -> dict[tuple, int]:
    rows = PairFacetCount.objects.values_list("person_a", "person_b", "facet", "status", "kind", "value", "contacts")
    return {tuple(row[:-1]): row[-1] for row in rows}


def stored() -> dict[tuple, int]:
    rows = FacetMonthCount.objects.values_list("facet", "status", "month", "kind", "value", "contacts")
    return {tuple(row[:-1]): row[-1] for row in rows}


def pair_stored() -> dict[tuple, int]:
    rows = PairFacetMonthCount.objects.values_list(
        "person_a", "person_b", "facet", "status", "month", "kind", "value", "contacts"
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def assert_tally_is_a_recount():
    assert stored() == recounted()
    assert pair_stored() == pair_recounted()
    assert all_time_stored() == all_time_recounted()
    assert pair_all_time_stored() == pair_all_time_recounted()
    assert stored() and pair_stored() and all_time_stored() and pair_all_time_stored()  # not an empty check


def reported(*people, on: date, article: Article, status=CONFIRMED, topics=(), **fields) -> Contact:
    contact = make_contact(*people, on=on, status=status, topics=list(topics), **fields)
    contact_source_add(contact=contact, article=article, first=True, status=status)
    return contact


@pytest.fixture
def record(people):
    """Contacts over a few months: nationals of Norvania and Ostrelia, Ivo Pell also Estovia's
    envoy for a term (a confirmed office abroad) and proposed for Drusania (which must not count),
    topics, reports from two publishers and from one without a name, proposed and rejected ones."""
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    estovia, drusania = make_country("Estovia", iso_alpha2="XE"), make_country("Drusania", iso_alpha2="XD")
    Office.objects.create(person=ivo, title="Envoy", country=estovia, start=date(2024, 1, 10), end=date(2024, 3, 1))
    Office.objects.create(person=ivo, title="Envoy", country=drusania, status=PROPOSED)
    trade, energy = Topic.objects.create(name="Trade", slug="trade"), Topic.objects.create(name="Energy", slug="energy")
    herald = Article.objects.create(title="Herald", publisher="Norvania Herald", text="They spoke.")
    wire = Article.objects.create(title="Wire", publisher="Estovia Wire", text="They met.")
    unnamed = Article.objects.create(title="Note", publisher="", text="They wrote.")
    reported(aldo, mira, on=date(2024, 1, 5), article=herald, topics=[trade])
    reported(aldo, ivo, on=date(2024, 1, 20), article=wire, topics=[trade, energy], kind="meeting")
    reported(mira, ivo, on=date(2024, 2, 29), article=herald, topics=[energy])
    reported(mira, ivo, on=date(2024, 3, 1), article=unnamed, kind="letter")
    reported(aldo, mira, ivo, on=date(2024, 3, 15), article=wire, status=PROPOSED, topics=[trade])
    make_contact(aldo, mira, on=date(2024, 4, 2), status=REJECTED, topics=[energy])
    ContactSource.objects.create(contact=Contact.objects.get(date=date(2024, 1, 5)), article=wire, status=PROPOSED)
    return {"estovia": estovia, "drusania": drusania, "trade": trade, "energy": energy, "herald": herald, "wire": wire}


def test_the_all_time_tally_counts_each_contact_once_per_kind_value_and_participant_over_every_month(record, people):
    aldo, mira, norvania = people["aldo"], people["mira"], people["aldo"].country
    calls = ("confirmed", "phone_call")
    assert all_time_stored()[("kind", *calls, "phone_call")] == 2  # January's and February's
    assert all_time_stored()[("country", *calls, str(norvania.pk))] == 2  # Varen's, then Pell's
    assert all_time_stored()[("publisher", *calls, "Norvania Herald")] == 2
    assert all_time_stored()[("person", *calls, str(aldo.pk))] == 1
    assert all_time_stored()[("person", *calls, str(mira.pk))] == 2
    assert all_time_stored()[("person", "proposed", "phone_call", str(aldo.pk))] == 1
    Contact.objects.get(date=date(2024, 1, 5)).delete()
    assert ("person", *calls, str(aldo.pk)) not in all_time_stored()  # none left: no row, not a zero
    assert all_time_stored()[("publisher", *calls, "Norvania Herald")] == 1
    assert_tally_is_a_recount()


def test_the_tally_counts_each_contact_once_per_country_topic_and_publisher_of_the_day(record, people):
    estovia, ivo_country = record["estovia"], people["ivo"].country
    january = ("confirmed", date(2024, 1, 1), "meeting")
    assert stored()[("country", *january, str(estovia.pk))] == 1  # Pell held Estovia's office that day
    assert stored()[("country", *january, str(ivo_country.pk))] == 1  # Varen and Pell: Norvania once
    assert ("country", "confirmed", date(2024, 3, 1), "letter", str(estovia.pk)) not in stored()  # the term ended
    assert not any(value == str(record["drusania"].pk) for *_, value in stored())  # a proposed office
    assert not any(facet == "publisher" and value == "" for facet, *_, value in stored())
    assert stored()[("publisher", "confirmed", date(2024, 1, 1), "phone_call", "Norvania Herald")] == 1
    assert ("publisher", "confirmed", date(2024, 1, 1), "phone_call", "Estovia Wire") not in stored()  # proposed
    assert_tally_is_a_recount()


def test_saves_moves_deletes_and_batches_of_contacts_keep_the_tally(record, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    moved = Contact.objects.get(date=date(2024, 1, 20))
    moved.date, moved.kind = date(2024, 3, 10), "visit"
    moved.save()
    assert_tally_is_a_recount()
    Contact.objects.get(date=date(2024, 2, 29)).delete()
    make_contact(aldo, ivo, on=date(2024, 2, 2), topics=[record["trade"]])
    assert_tally_is_a_recount()
    with gaps_deferred():  # a batch, as ingest makes
        make_contact(mira, ivo, on=date(2024, 1, 11), topics=[record["energy"]])
        Contact.objects.get(date=date(2024, 1, 5)).delete()
    assert_tally_is_a_recount()


def test_participants_and_topics_changed_from_either_side_keep_the_tally(record, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    summit = Contact.objects.get(date=date(2024, 1, 5))
    summit.participants.add(ivo)  # Estovia's envoy joins: Estovia counts it
    assert_tally_is_a_recount()
    Contact.objects.get(date=date(2024, 1, 20)).participants.remove(ivo)
    ivo.contacts.add(Contact.objects.get(date=date(2024, 4, 2)))
    mira.contacts.remove(Contact.objects.get(date=date(2024, 2, 29)))
    assert_tally_is_a_recount()
    summit.topics.add(record["energy"])
    Contact.objects.get(date=date(2024, 1, 20)).topics.remove(record["trade"])
    Contact.objects.get(date=date(2024, 2, 29)).topics.clear()
    assert_tally_is_a_recount()
    record["trade"].contacts.add(Contact.objects.get(date=date(2024, 3, 1)))
    record["energy"].contacts.clear()
    assert_tally_is_a_recount()
    Topic.objects.get(slug="trade").delete()
    Contact.objects.get(date=date(2024, 3, 1)).participants.clear()
    aldo.contacts.clear()
    assert_tally_is_a_recount()


def test_review_of_contacts_reports_and_offices_keeps_the_tally(record, people):
    contacts_set_status(Contact.objects.filter(status=PROPOSED), CONFIRMED)
    assert_tally_is_a_recount()
    contacts_set_status(Contact.objects.filter(date=date(2024, 2, 29)), REJECTED)
    source = ContactSource.objects.get(article=record["wire"], contact__date=date(2024, 1, 5))
    contact_report_set_status(source=source, status=CONFIRMED)
    assert stored()[("publisher", "confirmed", date(2024, 1, 1), "phone_call", "Estovia Wire")] == 1
    assert_tally_is_a_recount()
    article_items_set_status(record["herald"], REJECTED, only_from=CONFIRMED)
    assert_tally_is_a_recount()
    offices_set_status(Office.objects.filter(country=record["drusania"]), CONFIRMED)
    assert any(value == str(record["drusania"].pk) for *_, value in stored())
    assert_tally_is_a_recount()
    offices_set_status(Office.objects.filter(country=record["estovia"]), REJECTED)
    assert_tally_is_a_recount()


def test_office_and_nationality_edits_keep_the_tally(record, people):
    aldo, ivo = people["aldo"], people["ivo"]
    envoy = Office.objects.get(country=record["estovia"])
    envoy.end = date(2024, 3, 2)  # now held on the day of the letter
    envoy.save()
    assert ("country", "confirmed", date(2024, 3, 1), "letter", str(record["estovia"].pk)) in stored()
    assert_tally_is_a_recount()
    envoy.person = aldo  # recorded against the wrong person
    envoy.save()
    assert_tally_is_a_recount()
    Office.objects.create(person=aldo, title="Envoy", country=record["drusania"], start=date(2024, 2, 1))
    assert_tally_is_a_recount()
    envoy.delete()
    assert_tally_is_a_recount()
    ivo.country = record["drusania"]
    ivo.save()
    aldo.country = None
    aldo.save()
    assert_tally_is_a_recount()
    Office.objects.filter(country=record["drusania"]).delete()
    record["drusania"].delete()  # Pell's nationality goes with it
    assert_tally_is_a_recount()


def test_reports_and_publishers_changed_or_deleted_keep_the_tally(record, people):
    wire = record["wire"]
    contact_source_add(contact=Contact.objects.get(date=date(2024, 3, 1)), article=wire)
    ContactSource.objects.get(article=record["herald"], contact__date=date(2024, 1, 5)).delete()
    assert_tally_is_a_recount()
    wire.publisher = "Estovia Wire Service"
    wire.save()
    assert_tally_is_a_recount()
    record["herald"].delete()
    assert_tally_is_a_recount()
    people["mira"].delete()  # their participants rows go with them (a cascade, no many-to-many signal)
    assert_tally_is_a_recount()


def test_merging_contacts_and_people_keeps_the_tally(record, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    twin = make_contact(mira, ivo, on=date(2024, 2, 29), topics=[record["trade"]])
    contact_source_add(contact=twin, article=record["wire"], first=True)
    keep = Contact.objects.filter(date=date(2024, 2, 29)).exclude(pk=twin.pk).get()
    contacts_merge(keep=keep, others=[twin], confirmed=True)
    assert_tally_is_a_recount()
    double = make_person("A. Varen", country=None)
    Office.objects.create(person=double, title="Envoy", country=record["drusania"], start=date(2024, 1, 1))
    make_contact(double, mira, on=date(2024, 2, 3))
    assert_tally_is_a_recount()
    people_merge(keep=aldo, other=double)  # its office abroad now counts for every contact of Varen's
    assert ("country", "confirmed", date(2024, 1, 1), "phone_call", str(record["drusania"].pk)) in stored()
    assert_tally_is_a_recount()


def test_ingest_and_reextraction_keep_the_tally(record, people):
    aldo, mira = people["aldo"], people["mira"]
    text = "President Aldo Varen spoke with Mira Tolsk by phone today."
    extraction = an_extraction(
        text=text,
        contacts=[call_item(text, "Aldo Varen spoke with Mira Tolsk by phone", [aldo, mira], date(2024, 3, 18))],
    )
    fields = dict(published=date(2024, 3, 18), publisher="Ostrelia Gazette", title="A call")
    article_ingest(text=text, confirm=True, extraction=extraction, **fields)
    assert ("publisher", "confirmed", date(2024, 3, 1), "phone_call", "Ostrelia Gazette") in stored()
    assert_tally_is_a_recount()
    pending = article_ingest(text=text + " More to follow.", extraction=extraction, **fields).article
    article_items_set_status(pending, CONFIRMED)
    assert_tally_is_a_recount()
    article_reextract(record["wire"], extraction=an_extraction(text=record["wire"].text))
    assert_tally_is_a_recount()


def test_bulk_loads_and_a_repair_leave_the_tally_a_recount():
    call_command("synth", leaders=12, contacts=300, statements=100, seed=3, verbosity=0)
    assert_tally_is_a_recount()
    FacetMonthCount.objects.filter(pk__in=FacetMonthCount.objects.values("pk")[:5]).delete()
    FacetMonthCount.objects.filter(pk=FacetMonthCount.objects.first().pk).update(contacts=99)
    PairFacetMonthCount.objects.filter(pk__in=PairFacetMonthCount.objects.values("pk")[:5]).delete()
    PairFacetMonthCount.objects.filter(pk=PairFacetMonthCount.objects.first().pk).update(contacts=99)
    PairFacetCount.objects.filter(pk__in=PairFacetCount.objects.values("pk")[:3]).delete()
    PairFacetCount.objects.filter(pk=PairFacetCount.objects.first().pk).update(contacts=99)
    for facet in ("kind", "country", "person"):
        FacetCount.objects.filter(pk__in=FacetCount.objects.filter(facet=facet).values("pk")[:2]).delete()
        FacetCount.objects.filter(pk=FacetCount.objects.filter(facet=facet).first().pk).update(contacts=99)
    call_command("record_repair", verbosity=0)
    assert_tally_is_a_recount()
    call_command("load_demo", "--no-editor", "--reset", verbosity=0)
    assert_tally_is_a_recount()


@pytest.mark.parametrize(
    "migration, fill, model, tally, recount",
    [
        ("0023_facet_month_counts", "fill_facet_month_counts", FacetMonthCount, stored, recounted),
        (
            "0024_pair_facet_month_counts",
            "fill_pair_facet_month_counts",
            PairFacetMonthCount,
            pair_stored,
            pair_recounted,
        ),
        ("0026_facet_counts", "fill_facet_counts", FacetCount, all_time_stored, all_time_recounted),
        (
            "0026_facet_counts",
            "fill_pair_facet_counts",
            PairFacetCount,
            pair_all_time_stored,
            pair_all_time_recounted,
        ),
    ],
)
def test_the_migrations_fill_the_tallies_of_the_record_already_stored(record, migration, fill, model, tally, recount):
    from importlib import import_module

    filled = getattr(import_module(f"tracker.migrations.{migration}"), fill)
    expected = tally()
    model.objects.all().delete()
    filled(django_apps, StatementsOnly())
    assert tally() == expected == recount()


FACET_QUERIES = [
    "",
    "kind=meeting",
    "kind=phone_call&kind=letter",
    "country=XE",
    "topic=trade",
    "publisher=Estovia+Wire",
    "pair=aldo-varen,mira-tolsk",
    "pair=mira-tolsk,ivo-pell",
    "pair=ivo-pell,aldo-varen&kind=meeting&kind=phone_call",
]
EDITOR_QUERIES = [
    "status=any",
    "status=proposed",
    "status=rejected&kind=meeting",
    "pair=aldo-varen,mira-tolsk&status=any",
    "pair=mira-tolsk,ivo-pell&status=proposed",
]


def facet_counts(query: str, request=None) -> dict[str, set[tuple[str, int]]]:
    facets = timeline_facets(QueryDict(query), "/", request=request)
    return {facet.key: {(v.value, v.count) for v in facet.values} for facet in facets}


def scanned(monkeypatch, query: str, request=None):
    with monkeypatch.context() as patched:
        patched.setattr(ContactFilter, "facet_tallies", lambda self, facet: None)
        patched.setattr(ContactFilter, "pair_facet_tallies", lambda self, facet: None)
        patched.setattr(ContactFilter, "record_facet_tallies", lambda self, facet: None)
        return facet_counts(query, request)


@pytest.mark.parametrize("query", FACET_QUERIES)
def test_facets_from_the_tallies_count_what_the_scan_counts(record, people, monkeypatch, query):
    make_contact(people["aldo"], people["ivo"], on=date(2024, 2, 10), kind="letter", topics=[record["energy"]])
    from_tallies = facet_counts(query)
    assert from_tallies == scanned(monkeypatch, query)
    assert {"country", "topic"} <= set(from_tallies)


@pytest.mark.parametrize("query", EDITOR_QUERIES)
def test_an_editors_facets_from_the_tallies_count_what_the_scan_counts(record, editor_request, monkeypatch, query):
    assert facet_counts(query, editor_request) == scanned(monkeypatch, query, editor_request)


@pytest.mark.parametrize("query", ["", "kind=meeting", "kind=phone_call&kind=letter"])
def test_the_plain_timelines_facets_read_the_all_time_tally_not_the_months(record, query):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        facets = timeline_facets(QueryDict(query), "/")
    assert {f.key for f in facets} == {"kind", "country", "topic", "person", "publisher"}
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum(FacetCount._meta.db_table in s for s in sql) == 5
    months = ("tracker_facetmonthcount", "tracker_contactdaycount", "tracker_personmonthcount")
    assert not any(table in s for s in sql for table in months)
    assert not any("spoke_for" in s or "contactsource" in s.split("FROM", 1)[-1][:40] for s in sql)


def test_a_pairs_facets_read_its_tallies_not_its_contacts(record):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        facets = timeline_facets(QueryDict("pair=aldo-varen,mira-tolsk"), "/")
    assert {f.key for f in facets} >= {"kind", "country", "topic", "person", "publisher"}
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum(PairFacetCount._meta.db_table in s for s in sql) == 4  # country, topic, person, publisher
    assert not any(PairFacetMonthCount._meta.db_table in s for s in sql)  # its sums, not its months
    assert not any("facet_selection" in s or "spoke_for" in s for s in sql)


def test_a_contact_committed_while_a_month_is_counted_is_left_to_its_own_upkeep(monkeypatch):
    # On PostgreSQL each read of the recount is its own snapshot: a contact another process commits
    # between the read of the month's contacts and the read of their participants must not break it.
    import tracker.services.facet_counts as facet_counts

    norvania, estralia = make_country("Norvania"), make_country("Estralia")
    aldo, mira = make_person("Aldo Varen", country=norvania), make_person("Mira Tol", country=estralia)
    make_contact(aldo, mira, on=date(2024, 3, 4))
    real = facet_counts.participants

    def meanwhile():
        with facet_counts.facets_deferred():  # the other process's own upkeep, not this count's
            monkeypatch.setattr(facet_counts, "participants", real)
            make_contact(aldo, mira, on=date(2024, 3, 5))
        return real()

    monkeypatch.setattr(facet_counts, "participants", meanwhile)
    facet_counts.facet_counts_recompute([date(2024, 3, 1)])
    facet_counts.facet_counts_recompute([date(2024, 3, 1)])
    assert stored() == recounted()
