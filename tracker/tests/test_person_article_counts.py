"""Each article's people tally (``PersonArticleCount``: a person's confirmed reports of confirmed
contacts and confirmed statements in it) equals a recount from the reports and statements after
every path that writes them: ingest, review (confirm, reject, one report), admin edits and the
models' own saves and deletes, merges of contacts and of people, deletes of contacts, articles and
people, re-extraction, bulk loads and a repair, and the migration that fills it. A leader's
coverage, read from it, is what joining their contacts' reports says. The same holds for each
pair's tally (``PairArticleCount``) and the pair page's coverage.

Data is fictional (``conftest.py``'s leaders of Norvania and Ostrelia).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import combinations

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tracker.models import (
    Article,
    Contact,
    ContactSource,
    PairArticleCount,
    Person,
    PersonArticleCount,
    ReviewStatus,
    Statement,
    participants,
)
from tracker.rules import pair_key
from tracker.services.confirming import statements_set_status
from tracker.services.contacts import contact_source_add, contacts_set_status
from tracker.services.ingest import article_ingest
from tracker.services.merge import contacts_merge, people_merge
from tracker.services.review import article_items_set_status, article_reextract, contact_report_set_status
from tracker.tests.databases import StatementsOnly
from tracker.tests.factories import (
    admin_contact_saved,
    an_extraction,
    call_item,
    make_contact,
    make_person,
    statement_item,
)

pytestmark = pytest.mark.django_db
CONFIRMED, PROPOSED, REJECTED = ReviewStatus.CONFIRMED, ReviewStatus.PROPOSED, ReviewStatus.REJECTED


def recounted() -> dict[tuple[int, int], int]:
    """(person, article) -> items, straight from the reports and statements."""
    counts: Counter = Counter()
    reports = ContactSource.objects.filter(status=CONFIRMED, contact__status=CONFIRMED)
    for source in reports.prefetch_related("contact__participants"):
        for person in source.contact.participants.all():
            counts[(person.pk, source.article_id)] += 1
    for speaker, article in Statement.objects.filter(status=CONFIRMED, article__isnull=False).values_list(
        "speaker_id", "article_id"
    ):
        counts[(speaker, article)] += 1
    return dict(counts)


def pairs_recounted() -> dict[tuple[int, int, int], int]:
    """(person_a, person_b, article) -> items: each pair of a confirmed report's participants, and
    each statement one of a pair made about a contact both took part in."""
    counts: Counter = Counter()
    reports = ContactSource.objects.filter(status=CONFIRMED, contact__status=CONFIRMED)
    for source in reports.prefetch_related("contact__participants"):
        people = sorted(p.pk for p in source.contact.participants.all())
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                counts[(a, b, source.article_id)] += 1
    said = Statement.objects.filter(status=CONFIRMED, article__isnull=False, contact__isnull=False)
    for statement in said.prefetch_related("contact__participants"):
        people = {p.pk for p in statement.contact.participants.all()}
        if statement.speaker_id in people:
            for other in people - {statement.speaker_id}:
                counts[(*pair_key(statement.speaker_id, other), statement.article_id)] += 1
    return dict(counts)


def stored() -> dict[tuple[int, int], int]:
    return {(p, a): n for p, a, n in PersonArticleCount.objects.values_list("person", "article", "items")}


def pairs_stored() -> dict[tuple[int, int, int], int]:
    rows = PairArticleCount.objects.values_list("person_a", "person_b", "article", "items")
    return {(a, b, article): n for a, b, article, n in rows}


def assert_tally_is_a_recount(*, empty: bool = False):
    assert stored() == recounted()
    assert pairs_stored() == pairs_recounted()
    assert bool(stored()) != empty  # not an empty check
    people = list(Person.objects.all())
    for person in people:  # the leader page's coverage, from the tally and joined
        joined = Article.objects.reporting_confirmed_involving(person, statements=person.statements)
        assert Article.objects.reporting_person(person).coverage() == joined.coverage()
    # The pair page's, both ways round: every pair that shared a contact, and some that never did
    # (every pair of the demo's 300 people took 45,000 pages' worth of queries).
    shared: dict[int, set[int]] = {}
    for contact_id, person_id in participants().values_list("contact_id", "person_id"):
        shared.setdefault(contact_id, set()).add(person_id)
    by_id = {p.pk: p for p in people}
    pairs = {pair for ids in shared.values() for pair in combinations(sorted(ids), 2)}
    pairs |= set(combinations(sorted(by_id)[:8], 2))
    for a, b in sorted(pairs):
        a, b = by_id[a], by_id[b]
        statements = Statement.objects.between_pair(a, b)
        joined = Article.objects.reporting_confirmed_involving(a, b, statements=statements).coverage()
        assert Article.objects.reporting_pair(a, b).coverage() == joined
        assert Article.objects.reporting_pair(b, a).coverage() == joined


def an_article(title: str = "Readout", publisher: str = "Norvanian Presidency", **fields) -> Article:
    return Article.objects.create(title=title, publisher=publisher, text=f"{title}: they spoke.", **fields)


def reported(*people: Person, on: date, article: Article, status=CONFIRMED) -> Contact:
    contact = make_contact(*people, on=on, status=status)
    contact_source_add(contact=contact, article=article, first=True, status=status)
    return contact


def said(speaker: Person, article: Article | None, status=CONFIRMED, **fields) -> Statement:
    return Statement.objects.create(speaker=speaker, quote="We spoke.", article=article, status=status, **fields)


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    wire, office = an_article("Wire story", "Synthetic Wire"), an_article(published=date(2024, 1, 6))
    reported(aldo, mira, on=date(2024, 1, 5), article=wire)
    reported(aldo, mira, ivo, on=date(2024, 1, 5), article=office)
    ContactSource.objects.create(contact=Contact.objects.get(participant_count=3), article=wire)
    reported(mira, ivo, on=date(2024, 2, 1), article=office, status=PROPOSED)
    said(aldo, office, contact=Contact.objects.get(participant_count=3))  # about the summit
    said(mira, wire, status=PROPOSED)
    said(ivo, None)  # said outside any article: in no article's tally
    return {"wire": wire, "office": office, **people}


def test_the_tally_counts_each_persons_public_reports_and_statements_in_each_article(record):
    aldo, mira, ivo, wire, office = (record[k] for k in ("aldo", "mira", "ivo", "wire", "office"))
    assert stored() == {
        (aldo.pk, wire.pk): 2,
        (mira.pk, wire.pk): 2,
        (ivo.pk, wire.pk): 1,
        (aldo.pk, office.pk): 2,  # the summit's report and Varen's statement
        (mira.pk, office.pk): 1,
        (ivo.pk, office.pk): 1,
    }
    assert_tally_is_a_recount()


def test_the_pair_tally_counts_the_reports_and_statements_of_contacts_both_took_part_in(record):
    aldo, mira, ivo, wire, office = (record[k] for k in ("aldo", "mira", "ivo", "wire", "office"))
    assert pairs_stored() == {
        (*pair_key(aldo.pk, mira.pk), wire.pk): 2,
        (*pair_key(aldo.pk, ivo.pk), wire.pk): 1,
        (*pair_key(mira.pk, ivo.pk), wire.pk): 1,
        (*pair_key(aldo.pk, mira.pk), office.pk): 2,  # the summit's report and Varen's statement on it
        (*pair_key(aldo.pk, ivo.pk), office.pk): 2,
        (*pair_key(mira.pk, ivo.pk), office.pk): 1,  # their proposed call is not public
    }
    assert_tally_is_a_recount()


def test_a_statement_about_a_contact_follows_its_participants_and_its_deletion(record):
    aldo, mira, ivo = record["aldo"], record["mira"], record["ivo"]
    aside = an_article("Aside", "Synthetic Wire")  # reports nothing: only a statement about the call
    call = Contact.objects.get(participant_count=2, status=CONFIRMED)
    said(mira, aside, contact=call)
    assert (*pair_key(aldo.pk, mira.pk), aside.pk) in pairs_stored()
    call.participants.add(ivo)
    assert (*pair_key(mira.pk, ivo.pk), aside.pk) in pairs_stored()
    assert_tally_is_a_recount()
    call.delete()  # the statement stays, about no contact now
    assert not PairArticleCount.objects.filter(article=aside).exists()
    assert_tally_is_a_recount()


def test_ingest_of_a_trusted_release_and_of_one_reviewed_later_keep_the_tally(people):
    aldo, mira = people["aldo"], people["mira"]
    text = "President Aldo Varen spoke with Mira Tolsk by phone today. Varen said: “We agreed on much.”"
    extraction = an_extraction(
        text=text,
        contacts=[call_item(text, "Aldo Varen spoke with Mira Tolsk by phone", [aldo, mira], date(2024, 3, 18))],
        statements=[statement_item(text, "We agreed on much.", aldo, said="Varen said", day=date(2024, 3, 18))],
    )
    fields = dict(published=date(2024, 3, 18), publisher="Norvanian Presidency", title="A call")
    trusted = article_ingest(text=text, confirm=True, extraction=extraction, **fields).article
    assert stored()[(aldo.pk, trusted.pk)] == 2
    assert_tally_is_a_recount()
    pending = article_ingest(text=text + " More to follow.", extraction=extraction, **fields).article
    assert not PersonArticleCount.objects.filter(article=pending).exists()  # proposed: not public yet
    article_items_set_status(pending, CONFIRMED)
    assert PersonArticleCount.objects.filter(article=pending).exists()
    assert_tally_is_a_recount()
    article_items_set_status(pending, REJECTED, only_from=CONFIRMED)
    assert not PersonArticleCount.objects.filter(article=pending).exists()
    assert_tally_is_a_recount()


def test_confirming_and_rejecting_contacts_reports_and_statements_keep_the_tally(record):
    contacts_set_status(Contact.objects.filter(status=PROPOSED), CONFIRMED)
    assert_tally_is_a_recount()
    statements_set_status(Statement.objects.filter(status=PROPOSED), CONFIRMED)
    assert_tally_is_a_recount()
    contact_report_set_status(source=ContactSource.objects.filter(article=record["wire"]).first(), status=REJECTED)
    assert_tally_is_a_recount()
    contacts_set_status(Contact.objects.filter(participant_count=3), REJECTED)
    statements_set_status(Statement.objects.filter(speaker=record["aldo"]), REJECTED)
    assert_tally_is_a_recount()


def test_the_admins_review_actions_and_edit_forms_keep_the_tally(editor_client, record):
    proposed = Contact.objects.get(status=PROPOSED)
    for model, pk in (("contact", proposed.pk), ("statement", Statement.objects.get(status=PROPOSED).pk)):
        url = reverse(f"admin:tracker_{model}_changelist")
        editor_client.post(url, {"action": "confirm_selected", "_selected_action": [pk]})
    assert Contact.objects.get(pk=proposed.pk).status == CONFIRMED
    assert_tally_is_a_recount()
    aldo, mira, ivo = record["aldo"], record["mira"], record["ivo"]
    admin_contact_saved(editor_client, proposed, date(2024, 2, 1), aldo, mira, ivo)
    assert stored()[(aldo.pk, record["office"].pk)] == 3
    assert_tally_is_a_recount()


def test_saves_moves_and_deletes_of_reports_statements_and_participants_keep_the_tally(record):
    aldo, mira, ivo, wire, office = (record[k] for k in ("aldo", "mira", "ivo", "wire", "office"))
    source = ContactSource.objects.filter(article=wire).first()
    source.article = an_article("Another story", "Synthetic Wire")  # moved: the wire counts it no more
    source.save()
    assert_tally_is_a_recount()
    statement = Statement.objects.get(speaker=aldo)
    statement.speaker = ivo
    statement.save()
    assert_tally_is_a_recount()
    pair_call = Contact.objects.get(date=date(2024, 1, 5), participant_count=2)
    Contact.objects.get(participant_count=3).participants.remove(ivo)
    ivo.contacts.add(pair_call)
    assert_tally_is_a_recount()
    mira.contacts.clear()
    assert_tally_is_a_recount()
    Contact.objects.filter(status=CONFIRMED).first().participants.clear()
    call = Contact.objects.get(status=PROPOSED)
    call.status = CONFIRMED  # as an editor saving the contact
    call.save()
    assert_tally_is_a_recount()
    ContactSource.objects.filter(article=office).delete()
    statement.delete()
    assert_tally_is_a_recount()


def test_merging_contacts_and_people_keeps_the_tally(record):
    aldo, mira, wire = record["aldo"], record["mira"], record["wire"]
    twin = reported(aldo, mira, on=date(2024, 1, 5), article=an_article("Twin story", "Synthetic Wire"))
    keep = Contact.objects.get(participant_count=2, status=CONFIRMED, sources__article=wire)
    contacts_merge(keep=keep, others=[twin])
    assert_tally_is_a_recount()
    double = make_person("A. Varen", slug="a-varen", country=aldo.country)
    reported(double, mira, on=date(2024, 4, 4), article=wire)
    said(double, wire)
    people_merge(keep=aldo, other=double)
    assert stored()[(aldo.pk, wire.pk)] == 4
    assert_tally_is_a_recount()


def test_deleting_contacts_articles_and_people_keeps_the_tally(record):
    Contact.objects.get(participant_count=3).delete()
    assert_tally_is_a_recount()
    record["office"].delete()
    connection.check_constraints()  # no row written for the article deleted (checked at commit)
    assert not PersonArticleCount.objects.filter(article_id=record["office"].pk).exists()
    assert_tally_is_a_recount()
    Article.objects.filter(pk=record["wire"].pk).delete()
    assert_tally_is_a_recount(empty=True)
    loner = make_person("Dario Fenn", slug="dario-fenn")
    reported(loner, record["mira"], on=date(2024, 5, 1), article=an_article("Late story"))
    loner.delete()  # their participants rows go with them (a cascade, no many-to-many signal)
    assert not PersonArticleCount.objects.filter(person_id=loner.pk).exists()
    assert_tally_is_a_recount()


def test_reextracting_an_article_keeps_the_tally(record):
    article_reextract(record["office"], extraction=an_extraction(text=record["office"].text))
    assert_tally_is_a_recount()


def test_bulk_loads_and_a_repair_leave_the_tally_a_recount():
    call_command("synth", leaders=12, contacts=300, statements=100, seed=3, verbosity=0)
    assert_tally_is_a_recount()
    PersonArticleCount.objects.filter(pk__in=PersonArticleCount.objects.values("pk")[:5]).delete()
    PersonArticleCount.objects.filter(pk=PersonArticleCount.objects.first().pk).update(items=99)
    PairArticleCount.objects.filter(pk__in=PairArticleCount.objects.values("pk")[:5]).delete()
    PairArticleCount.objects.filter(pk=PairArticleCount.objects.first().pk).update(items=99)
    call_command("record_repair", verbosity=0)
    assert_tally_is_a_recount()
    call_command("load_demo", "--no-editor", "--reset", verbosity=0)
    assert_tally_is_a_recount()


@pytest.mark.parametrize(
    "migration, fill, model, counted",
    [
        ("0022_person_article_counts", "fill_person_article_counts", PersonArticleCount, (stored, recounted)),
        ("0025_pair_article_counts", "fill_pair_article_counts", PairArticleCount, (pairs_stored, pairs_recounted)),
    ],
)
def test_the_migration_fills_the_tally_of_the_record_already_stored(record, migration, fill, model, counted):
    from importlib import import_module

    fill = getattr(import_module(f"tracker.migrations.{migration}"), fill)
    in_tally, recount = counted
    expected = in_tally()
    model.objects.all().delete()
    fill(django_apps, StatementsOnly())
    assert in_tally() == expected == recount()
