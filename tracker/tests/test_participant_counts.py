"""Each contact's stored participant count equals its participants rows after every path that
writes them: the service, the many-to-many methods from either side, the admin form, the
spreadsheet import, ingest, merges, a person deleted, bulk loads (synth, the demo) and raw bulk
inserts followed by a refresh or a repair. Data is fictional (``conftest.py``'s leaders)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count

from tracker.models import Contact, Person
from tracker.models.record import participants
from tracker.services.merge import contacts_merge, people_merge
from tracker.services.participant_counts import contact_participant_counts_refresh
from tracker.tests.factories import admin_contact_saved, an_extraction, call_item, make_contact, make_person
from tracker.tests.test_contact_import import HEADER, confirm, upload

pytestmark = pytest.mark.django_db


def counts_are_right() -> bool:
    """Every contact's stored count equals its rows, and the check is not empty."""
    stored = dict(Contact.objects.values_list("pk", "participant_count"))
    rows = dict(Contact.objects.annotate(n=Count("participants")).values_list("pk", "n"))
    return bool(stored) and stored == rows


def test_the_service_and_the_many_to_many_methods_keep_the_count(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    summit = make_contact(aldo, mira, ivo, on=date(2024, 1, 5))
    call = make_contact(aldo, mira, on=date(2024, 1, 9))
    assert Contact.objects.get(pk=summit.pk).participant_count == 3 and counts_are_right()
    stale = Contact.objects.get(pk=call.pk)
    call.participants.add(ivo)
    stale.save()  # read before the change: its count is not written back
    assert Contact.objects.get(pk=call.pk).participant_count == 3
    summit.participants.remove(ivo)
    assert Contact.objects.get(pk=summit.pk).participant_count == 2 and counts_are_right()
    ivo.contacts.remove(call)  # from the person's side
    assert Contact.objects.get(pk=call.pk).participant_count == 2
    ivo.contacts.add(summit, call)
    assert set(Contact.objects.values_list("participant_count", flat=True)) == {3}
    ivo.contacts.clear()
    assert counts_are_right() and set(Contact.objects.values_list("participant_count", flat=True)) == {2}
    call.participants.clear()
    assert Contact.objects.get(pk=call.pk).participant_count == 0 and counts_are_right()
    call.participants.set([aldo, mira, ivo])
    assert Contact.objects.get(pk=call.pk).participant_count == 3 and counts_are_right()


def test_the_admin_form_keeps_the_count(editor_client, people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    contact = make_contact(aldo, mira, on=date(2024, 1, 5))
    admin_contact_saved(editor_client, contact, date(2024, 1, 5), aldo, mira, ivo)
    assert Contact.objects.get(pk=contact.pk).participant_count == 3 and counts_are_right()


def test_the_spreadsheet_import_keeps_the_count(editor_client, people):
    body = HEADER + "2024-03-01,meeting,Aldo Varen | Mira Tolsk | Ivo Pell,A synthetic summit.,,,\n"
    confirm(editor_client, upload(editor_client, body))
    assert Contact.objects.get().participant_count == 3 and counts_are_right()


def test_ingest_keeps_the_count(people):
    from tracker.services.ingest import article_ingest

    text = "President Aldo Varen met Mira Tolsk and Ivo Pell today."
    item = call_item(text, text, [people["aldo"], people["mira"], people["ivo"]], date(2024, 3, 18), kind="meeting")
    article_ingest(
        text=text,
        published=date(2024, 3, 18),
        publisher="Norvanian Presidency",
        title="A meeting",
        extraction=an_extraction(text=text, contacts=[item]),
    )
    assert Contact.objects.get().participant_count == 3 and counts_are_right()


def test_merges_and_a_deleted_person_keep_the_count(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    double = make_person("A. Varen", slug="a-varen")
    make_contact(double, mira, ivo, on=date(2024, 2, 1))
    keep, twin = make_contact(aldo, mira, on=date(2024, 2, 9)), make_contact(aldo, mira, on=date(2024, 2, 9))
    contacts_merge(keep=keep, others=[twin])
    people_merge(keep=aldo, other=double)
    assert counts_are_right() and Contact.objects.filter(participant_count=3).count() == 1
    Person.objects.filter(pk=ivo.pk).delete()  # its rows go with it, without a many-to-many signal
    ivo.delete()
    assert counts_are_right() and not Contact.objects.filter(participant_count=3).exists()


def test_a_raw_bulk_insert_is_counted_by_a_refresh_or_a_repair(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    first, second = (make_contact(aldo, mira, on=date(2024, 4, day)) for day in (1, 2))
    through = Contact.participants.through
    through.objects.bulk_create([through(contact_id=first.pk, person_id=ivo.pk)])
    assert not counts_are_right()
    assert contact_participant_counts_refresh([first.pk, second.pk]) == 1 and counts_are_right()
    through.objects.bulk_create([through(contact_id=second.pk, person_id=ivo.pk)])
    call_command("record_repair", verbosity=0)
    assert counts_are_right() and participants().filter(person=ivo).count() == 2


def test_bulk_loads_count_every_contact():
    call_command("synth", leaders=12, contacts=300, statements=0, seed=3, verbosity=0)
    assert counts_are_right() and Contact.objects.filter(participant_count__gte=3).exists()
    Contact.objects.update(participant_count=0)
    call_command("load_demo", "--no-editor", "--reset", verbosity=0)
    assert counts_are_right()
