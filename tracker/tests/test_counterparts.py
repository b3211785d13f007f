"""``Person.objects.counterparts_of`` reads the derived tables; these check it against counting
the held contacts directly, for every kind of pair the derived tables treat differently."""

from datetime import date

import pytest
from django.db.models import Max

from tracker.models import Contact, Person, ReviewStatus
from tracker.services.contacts import contacts_set_status
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db


def direct_counterparts(person: Person) -> list[tuple[str, int, date]]:
    """(name, held contacts, last held contact) for everyone ``person`` has held contacts with,
    counted from the contacts themselves, in the page's order."""
    rows = []
    for other in Person.objects.exclude(pk=person.pk):
        held = Contact.objects.held().involving(person, other)
        if n := held.count():
            rows.append((other.name, n, held.aggregate(last=Max("date"))["last"]))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def listed(person: Person, limit: int | None = None) -> list[tuple[str, int, date]]:
    return [(p.name, p.contact_count, p.last_contact) for p in Person.objects.counterparts_of(person, limit=limit)]


@pytest.fixture
def record():
    aldo, mira, ivo, zed, una, kai = (
        make_person(name) for name in ("Aldo Varen", "Mira Tolsk", "Ivo Pell", "Zed Orrin", "Una Brasc", "Kai Demmer")
    )
    # Mira: three held calls, a later planned visit and a later proposed call (neither counted).
    for day in (date(2024, 1, 5), date(2024, 2, 9), date(2024, 3, 1)):
        make_contact(aldo, mira, on=day)
    make_contact(aldo, mira, on=date(2024, 6, 1), kind=Contact.Kind.VISIT, planned=True)
    make_contact(aldo, mira, on=date(2024, 5, 1), status=ReviewStatus.PROPOSED)
    # Ivo: one held contact, a meeting of three (which also counts for Mira).
    make_contact(aldo, mira, ivo, on=date(2024, 4, 2), kind=Contact.Kind.MEETING)
    # Zed: two confirmed contacts, one of them planned - one held, so no gap for the pair.
    make_contact(aldo, zed, on=date(2023, 11, 20))
    make_contact(aldo, zed, on=date(2024, 7, 1), planned=True)
    # Una: only proposed and rejected contacts; Kai: only a planned one. Neither is a counterpart.
    make_contact(aldo, una, on=date(2024, 1, 1), status=ReviewStatus.PROPOSED)
    make_contact(aldo, una, on=date(2024, 1, 2), status=ReviewStatus.REJECTED)
    make_contact(aldo, kai, on=date(2024, 8, 1), planned=True)
    return {"aldo": aldo, "mira": mira, "ivo": ivo, "zed": zed}


def test_counterparts_equal_direct_counts_of_held_contacts(record):
    expected = [
        ("Mira Tolsk", 4, date(2024, 4, 2)),
        ("Ivo Pell", 1, date(2024, 4, 2)),
        ("Zed Orrin", 1, date(2023, 11, 20)),
    ]
    assert direct_counterparts(record["aldo"]) == expected
    assert listed(record["aldo"]) == expected
    for name in ("mira", "ivo", "zed"):
        assert listed(record[name]) == direct_counterparts(record[name])


def test_counterparts_follow_a_change_of_review_status(record):
    aldo, mira = record["aldo"], record["mira"]
    proposed = Contact.objects.involving(aldo, mira).get(status=ReviewStatus.PROPOSED)
    contacts_set_status([proposed], ReviewStatus.CONFIRMED)
    first = Contact.objects.involving(aldo, mira).get(date=date(2024, 1, 5))
    contacts_set_status([first], ReviewStatus.REJECTED)
    assert listed(aldo) == direct_counterparts(aldo)
    assert listed(aldo)[0] == ("Mira Tolsk", 4, date(2024, 5, 1))


def test_counterparts_limit_keeps_the_order_of_the_full_list(record):
    aldo = record["aldo"]
    assert listed(aldo, limit=1) == listed(aldo)[:1]
    assert listed(aldo, limit=2) == listed(aldo)[:2]


def test_a_person_without_held_contacts_has_no_counterparts(record):
    assert listed(Person.objects.get(name="Kai Demmer")) == []


def test_two_contacts_on_one_day_count_as_two(record):
    # A bilateral call and a group call on one day have no gap between them: the count still holds both.
    aldo, mira, ivo = record["aldo"], record["mira"], record["ivo"]
    make_contact(aldo, mira, ivo, on=date(2024, 3, 1), kind=Contact.Kind.VIDEO_CALL)
    make_contact(aldo, ivo, on=date(2024, 9, 9))
    make_contact(aldo, ivo, on=date(2024, 9, 9), kind=Contact.Kind.MEETING)
    assert listed(aldo)[:2] == [("Mira Tolsk", 5, date(2024, 4, 2)), ("Ivo Pell", 4, date(2024, 9, 9))]
    for person in record.values():
        assert listed(person) == direct_counterparts(person)
