"""A leader's own tallies (``PersonMonthCount``: their contacts by month, kind and status;
``PersonPairCount``: the pairs of others in their confirmed contacts) hold what the contacts say
whatever happened to them, and one person's frequency and network charts count the same from
them as from the contacts.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from timeline.charts import chart_frequency, chart_network, tally_for
from timeline.filters import ContactFilter
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED
from tracker.models import Article, Contact, ContactSource, PersonMonthCount, PersonPairCount, ReviewStatus
from tracker.services.contacts import contact_create, contacts_set_status
from tracker.services.merge import contacts_merge, people_merge
from tracker.services.review import article_items_set_status
from tracker.services.upkeep import contact_counts_recompute_all, gaps_deferred

pytestmark = CHART_TEST_MARKS

# One person's filters the tally stands for, with dates that cut months at either end, inside one
# month and on month boundaries; and ones it must leave to the contacts (two people, a week).
PERSON_QUERIES = [
    "person=cato-brenn",
    "person=aldo-varen&status=any",
    "person=aldo-varen&status=proposed",
    "person=mira-telos&status=rejected",
    "person=aldo-varen&kind=phone_call&kind=meeting",
    "person=aldo-varen&start=2023-01-04",
    "person=mira-telos&end=2024-02-28",
    "person=aldo-varen&start=2023-01-04&end=2023-01-30",
    "person=aldo-varen&start=2023-01-01&end=2023-06-30&kind=phone_call",
    "person=cato-brenn&start=2024-02-29&end=2024-02-29",
    "person=aldo-varen&person=cato-brenn",
    "person=aldo-varen&period=week",
    "country=Drusania",
]


def person_months_counted_from_the_contacts() -> set[tuple]:
    """(person, month, kind, status, contacts) straight from the contacts."""
    counts: dict[tuple, int] = {}
    for contact in Contact.objects.prefetch_related("participants"):
        for person in contact.participants.all():
            key = (person.pk, contact.date.replace(day=1), contact.kind, contact.status)
            counts[key] = counts.get(key, 0) + 1
    return {(*key, n) for key, n in counts.items()}


def person_pairs_counted_from_the_contacts() -> set[tuple]:
    """(person, person_a, person_b, contacts): for each confirmed contact, each participant and
    every pair of the others."""
    counts: dict[tuple, int] = {}
    for contact in Contact.objects.filter(status=CONFIRMED).prefetch_related("participants"):
        ids = sorted(p.pk for p in contact.participants.all())
        for person in ids:
            others = [i for i in ids if i != person]
            for n, a in enumerate(others):
                for b in others[n + 1 :]:
                    counts[(person, a, b)] = counts.get((person, a, b), 0) + 1
    return {(*key, n) for key, n in counts.items()}


def stored_person_months() -> set[tuple]:
    return set(PersonMonthCount.objects.values_list("person", "month", "kind", "status", "contacts"))


def stored_person_pairs() -> set[tuple]:
    return set(PersonPairCount.objects.values_list("person", "person_a", "person_b", "contacts"))


def assert_charts_count_like_the_contacts():
    for query in PERSON_QUERIES:
        params = QueryDict(query)
        filterset = ContactFilter(params, queryset=Contact.objects.all())
        for chart in (chart_frequency, chart_network):
            tallied = chart(filterset.qs, params, tally=tally_for(filterset))
            counted = chart(filterset.qs, params)
            assert (tallied.figure, tallied.table) == (counted.figure, counted.table), (chart, query)


def assert_tally_is_the_contacts():
    assert stored_person_months() == person_months_counted_from_the_contacts()
    assert stored_person_pairs() == person_pairs_counted_from_the_contacts()
    assert_charts_count_like_the_contacts()


def test_person_tallies_hold_every_persons_contacts_and_the_pairs_of_others_in_them(record, people):
    assert len(stored_person_months()) > 10
    v, t, b = (people[k].pk for k in ("varen", "telos", "brenn"))
    assert stored_person_pairs() == {(v, *sorted((t, b)), 1), (t, *sorted((v, b)), 1), (b, *sorted((v, t)), 1)}
    assert_tally_is_the_contacts()


def chart_and_its_queries(chart, query: str):
    """The chart drawn for ``query`` from the tallies, and the SQL it sent (the tally built before)."""
    params = QueryDict(query)
    filterset = ContactFilter(params, queryset=Contact.objects.all())
    tally = tally_for(filterset)
    with CaptureQueriesContext(connection) as captured:
        drawn = chart(filterset.qs, params, tally=tally)
    return drawn, [q["sql"] for q in captured.captured_queries]


def test_one_persons_frequency_by_whole_months_reads_their_tally_not_the_contacts(record):
    chart, sent = chart_and_its_queries(chart_frequency, "person=aldo-varen&kind=phone_call")
    assert not [sql for sql in sent if '"tracker_contact"' in sql]
    assert [sql for sql in sent if "tracker_personmonthcount" in sql]
    assert sum(row[-1] for row in chart.table.rows) == 6  # Varen's confirmed calls


def test_one_persons_whole_network_reads_their_tallies_not_the_contacts(record):
    chart, sent = chart_and_its_queries(chart_network, "person=cato-brenn")
    assert not [sql for sql in sent if '"tracker_contact' in sql]
    assert ["Aldo Varen", "Mira Telos", 1] in chart.table.rows  # the three-sided meeting Brenn attended


def test_the_tally_stands_for_one_person_only(record):
    def months(query):
        return tally_for(ContactFilter(QueryDict(query), queryset=Contact.objects.all())).person_months

    assert months("person=aldo-varen") is not None
    assert months("person=aldo-varen&person=cato-brenn") is None  # a contact of both would count twice
    assert months("pair=aldo-varen,cato-brenn") is None
    assert months("") is None


def test_person_tally_stays_right_when_contacts_are_added_edited_and_deleted(record, people):
    v, t, b = people["varen"], people["telos"], people["brenn"]
    moved = Contact.objects.get(date=date(2023, 3, 14))
    moved.date, moved.kind = date(2024, 2, 29), "meeting"
    moved.save()
    contact_create(kind="letter", date=date(2023, 6, 20), participants=[t, b], status=CONFIRMED)
    Contact.objects.get(date=date(2023, 12, 31)).delete()
    Contact.objects.get(date=date(2023, 6, 2)).participants.remove(b)
    Contact.objects.get(date=date(2023, 1, 30)).participants.add(b)
    v.contacts.remove(Contact.objects.get(date=date(2024, 1, 1), kind="phone_call"))
    assert_tally_is_the_contacts()
    with gaps_deferred():  # a batch, as ingest makes
        contact_create(kind="visit", date=date(2024, 5, 5), participants=[v, b], status=CONFIRMED)
        Contact.objects.get(date=date(2024, 9, 9)).delete()
    assert_tally_is_the_contacts()


def test_person_tally_follows_review_status_changes(record, people):
    contacts_set_status(Contact.objects.filter(status=ReviewStatus.PROPOSED), CONFIRMED)
    contacts_set_status(Contact.objects.filter(date__in=[date(2024, 2, 29), date(2023, 6, 2)]), ReviewStatus.REJECTED)
    assert stored_person_pairs() == set()  # the one three-sided contact no longer counts
    assert_tally_is_the_contacts()
    readout = Article.objects.create(title="Readout", publisher="Ostovia Office", text="They spoke.")
    proposed = contact_create(kind="video_call", date=date(2024, 3, 3), participants=[people["telos"], people["brenn"]])
    ContactSource.objects.create(contact=proposed, article=readout)
    article_items_set_status(readout, CONFIRMED)
    assert Contact.objects.get(pk=proposed.pk).status == CONFIRMED
    assert_tally_is_the_contacts()


def test_person_tally_stays_right_when_contacts_and_people_are_merged(record, people):
    v, t = people["varen"], people["telos"]
    keep, twin = Contact.objects.filter(date__in=[date(2023, 1, 3), date(2023, 1, 5)]).order_by("date")
    contacts_merge(keep=keep, others=[twin], confirmed=True)
    assert_tally_is_the_contacts()
    double = type(v).objects.create(name="A. Varen", country=v.country)
    contact_create(kind="phone_call", date=date(2024, 4, 4), participants=[double, t], status=CONFIRMED)
    contact_create(kind="meeting", date=date(2024, 4, 5), participants=[double, t, people["brenn"]], status=CONFIRMED)
    assert_tally_is_the_contacts()
    people_merge(keep=v, other=double)
    assert_tally_is_the_contacts()


def test_person_tally_stays_right_when_a_person_they_met_is_deleted(record, people):
    # Telos's contacts with Brenn alone are left with one participant, which counts for Brenn.
    people["telos"].delete()
    assert_tally_is_the_contacts()


def test_recomputing_every_tally_changes_no_person_tally(record, people):
    Contact.objects.get(date=date(2023, 6, 2)).participants.clear()
    Contact.objects.get(date=date(2023, 1, 30)).participants.add(people["brenn"])
    stored = stored_person_months(), stored_person_pairs()
    contact_counts_recompute_all()
    assert (stored_person_months(), stored_person_pairs()) == stored
    assert stored == (person_months_counted_from_the_contacts(), person_pairs_counted_from_the_contacts())


@pytest.mark.parametrize("slug", ["aldo-varen", "cato-brenn"])
def test_the_leader_pages_frequency_chart_equals_counting_every_contact(client, record, slug):
    Contact.objects.get(date=date(2023, 3, 14)).delete()  # a Varen–Brenn call: both pages change
    page = client.get(f"/leaders/{slug}/")
    frequency = next(c["chart"] for c in page.context["charts"] if c["chart"].name == "frequency")
    params = QueryDict(f"person={slug}")
    assert frequency.table == chart_frequency(ContactFilter(params, queryset=Contact.objects.all()).qs, params).table
