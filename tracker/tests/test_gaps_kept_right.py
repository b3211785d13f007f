"""Gaps are derived data: whatever happens to contacts, the stored gaps equal a recomputation."""

from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.models import Contact, Gap, Office, Person, ReviewStatus
from tracker.services.contacts import contacts_set_status
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db

DAY0 = date(2024, 1, 1)
# Uniform draws over a short range: distinct days, and equal gaps often enough to test ties.
DAYS = st.sampled_from(range(0, 60, 5))


def stored_gaps(a: Person, b: Person) -> list[tuple]:
    return list(
        Gap.objects.for_pair(a, b).order_by("end", "start").values_list("start", "end", "days", "longest_since")
    )


def expected_gaps(a: Person, b: Person) -> list[tuple]:
    """From scratch and naively: every consecutive pair of days with held contacts (contacts on one
    day have no gap between them), longest-since by brute force."""
    held = Contact.objects.held().involving(a, b).values_list("date", flat=True)
    dates = sorted(set(held))
    rows = []
    for i in range(1, len(dates)):
        days = (dates[i] - dates[i - 1]).days
        longer_ends = [dates[j] for j in range(1, i) if (dates[j] - dates[j - 1]).days > days]
        rows.append((dates[i - 1], dates[i], days, max(longer_ends) if longer_ends else dates[0]))
    return sorted(rows, key=lambda r: (r[1], r[0]))


add = st.tuples(st.just("add"), st.integers(0, 2), st.integers(1, 2), DAYS, st.sampled_from([True, True, True, False]))
changes = st.one_of(
    add,
    st.tuples(st.just("move"), st.integers(0, 50), DAYS),
    st.tuples(st.just("confirm"), st.integers(0, 50)),
    st.tuples(st.just("reject"), st.integers(0, 50)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("swap_participant"), st.integers(0, 50), st.integers(0, 2)),
)
# A record to start from, then any sequence of changes to it.
operations = st.tuples(st.lists(add, min_size=3, max_size=12), st.lists(changes, max_size=15)).map(
    lambda parts: parts[0] + parts[1]
)


# The example budget comes from the hypothesis profile (tracker/pytest_plugin.py): 100 in CI.
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_stored_gaps_equal_gaps_recomputed_from_scratch(ops):
    Contact.objects.all().delete()
    Person.objects.all().delete()
    # In office throughout, so every gap counts as a silence between leaders (records included).
    people = [
        make_person(name, office="President", start=date(2000, 1, 1))
        for name in ("Aldo Varen", "Mira Tolsk", "Ines Qarro")
    ]
    for op in ops:
        contacts = list(Contact.objects.order_by("id"))
        if op[0] == "add":
            _, i, step, day, confirmed = op
            status = ReviewStatus.CONFIRMED if confirmed else ReviewStatus.PROPOSED
            make_contact(people[i], people[(i + step) % 3], on=DAY0 + timedelta(days=day), status=status)
        elif not contacts:
            continue
        elif op[0] == "move":
            contact = contacts[op[1] % len(contacts)]
            contact.date = DAY0 + timedelta(days=op[2])
            contact.save()
        elif op[0] in ("confirm", "reject"):
            status = ReviewStatus.CONFIRMED if op[0] == "confirm" else ReviewStatus.REJECTED
            contacts_set_status([contacts[op[1] % len(contacts)]], status)
        elif op[0] == "delete":
            contacts[op[1] % len(contacts)].delete()
        elif op[0] == "swap_participant":
            contact = contacts[op[1] % len(contacts)]
            newcomer = people[op[2]]
            current = list(contact.participants.all())
            if newcomer not in current:
                contact.participants.remove(current[0])
                contact.participants.add(newcomer)
    for a, b in combinations(people, 2):
        assert stored_gaps(a, b) == expected_gaps(a, b)


def test_gap_after_deleting_a_contact_joins_its_neighbours():
    a, b = make_person("Aldo Varen"), make_person("Mira Tolsk")
    make_contact(a, b, on=date(2024, 1, 1))
    middle = make_contact(a, b, on=date(2024, 1, 11))
    make_contact(a, b, on=date(2024, 1, 31))
    middle.delete()
    assert [g.days for g in Gap.objects.for_pair(a, b)] == [30]


def test_proposed_and_planned_contacts_make_no_gaps():
    a, b = make_person("Aldo Varen"), make_person("Mira Tolsk")
    make_contact(a, b, on=date(2024, 1, 1))
    make_contact(a, b, on=date(2024, 1, 5), status=ReviewStatus.PROPOSED)
    make_contact(a, b, on=date(2024, 1, 8), planned=True)
    make_contact(a, b, on=date(2024, 1, 31))
    assert [g.days for g in Gap.objects.for_pair(a, b)] == [30]


def test_a_multilateral_contact_counts_for_every_pair_in_it():
    a, b, c = make_person("Aldo Varen"), make_person("Mira Tolsk"), make_person("Ines Qarro")
    make_contact(a, b, c, on=date(2024, 1, 1), kind=Contact.Kind.VIDEO_CALL)
    make_contact(a, c, on=date(2024, 1, 21))
    assert [g.days for g in Gap.objects.for_pair(a, c)] == [20]
    assert not Gap.objects.for_pair(a, b).exists()


def test_a_gap_out_of_office_is_labelled_and_counts_as_no_record():
    a = make_person("Aldo Varen", office="President", start=date(2020, 1, 1))
    b = make_person("Mira Tolsk", office="Prime Minister", start=date(2020, 1, 1), end=date(2024, 2, 1))
    Office.objects.create(person=b, title="Prime Minister", country=b.offices.get().country, start=date(2024, 6, 1))
    for day in (date(2024, 1, 1), date(2024, 1, 11), date(2024, 9, 1), date(2024, 9, 5)):
        make_contact(a, b, on=day)
    gaps = list(Gap.objects.for_pair(a, b).order_by("end"))
    assert [(g.days, g.in_office, g.is_record) for g in gaps] == [
        (10, "yes", True),
        (234, "no", False),
        (4, "yes", False),
    ]
    assert gaps[1].office_note == "Mira Tolsk out of office 1 Feb 2024 – 1 Jun 2024"
    assert gaps[2].longest_since == date(2024, 1, 11)


def test_gaps_follow_an_office_change():
    a = make_person("Aldo Varen", office="President", start=date(2020, 1, 1))
    b = make_person("Mira Tolsk", office="Prime Minister", start=date(2020, 1, 1))
    make_contact(a, b, on=date(2024, 1, 1))
    make_contact(a, b, on=date(2024, 3, 1))
    assert Gap.objects.for_pair(a, b).get().in_office == "yes"
    office = b.offices.get()
    office.end = date(2024, 2, 1)
    office.save()
    assert Gap.objects.for_pair(a, b).get().in_office == "no"
    office.delete()
    gap = Gap.objects.for_pair(a, b).get()
    assert (gap.in_office, gap.office_note) == ("unknown", "Mira Tolsk: office dates not on record")


def test_an_office_of_unknown_end_leaves_the_gap_unknown_not_in_office():
    a = make_person("Aldo Varen", office="President", start=date(2020, 1, 1))
    b = make_person("Mira Tolsk")
    Office.objects.create(person=b, title="President", country=a.offices.get().country, end_precision="unknown")
    make_contact(a, b, on=date(2024, 1, 1))
    make_contact(a, b, on=date(2024, 3, 1))
    gap = Gap.objects.for_pair(a, b).get()
    assert (gap.in_office, gap.is_record) == ("unknown", False)
