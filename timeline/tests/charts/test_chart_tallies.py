"""Every chart is valid plotly JSON, and counts the same from the stored tallies as from the contacts.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from timeline.charts import (
    CHARTS,
    chart_comparison,
    tally_for,
)
from timeline.filters import ContactFilter
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for
from tracker.models import (
    Contact,
    ContactDayCount,
    PairContactCount,
    PairMonthCount,
    ReviewStatus,
)
from tracker.services.contacts import contact_create, contacts_set_status
from tracker.services.upkeep import contact_counts_recompute_all

pytestmark = CHART_TEST_MARKS


# --- every chart -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("query", ["", "period=week", "person=cato-brenn", "kind=visit", "start=2030-01-01"])
def test_every_figure_is_valid_plotly_json(record, name, query):
    # The figures are built as plain dicts for speed; plotly.py's own validation is the check.
    figure = CHARTS[name](contacts_for(query), QueryDict(query)).figure
    go.Figure(figure)


# --- stored tallies ----------------------------------------------------------------------------

TALLIED_QUERIES = [
    "",
    "period=week",
    "year=2023",
    "kind=phone_call&kind=visit",
    "start=2023-06-01&end=2024-02-29",
    "start=2023-12-15",  # cuts a month; the next month's first day holds a contact
    "status=any",
    "status=proposed",
    "person=cato-brenn",
]
# Filters the pair tally stands for (or must refuse), with dates that cut months at either end,
# inside one month, and on month boundaries.
PAIR_QUERIES = [
    "",
    "status=any",
    "status=rejected",
    "kind=meeting&kind=phone_call",
    "start=2023-01-04",
    "start=2023-12-15",
    "end=2024-02-28",
    "start=2023-01-04&end=2024-02-28",
    "start=2023-01-04&end=2023-01-30",
    "start=2023-01-01&end=2023-06-30",
    "start=2024-02-29&end=2024-02-29",
    "start=2024-03-01&end=2023-01-01",
    "person=aldo-varen",
    "person=cato-brenn",
    "person=cato-brenn&person=mira-telos&start=2023-06-02",
    "pair=aldo-varen,mira-telos",
    "pair=mira-telos,aldo-varen&kind=phone_call&start=2023-01-04",
    "pair=aldo-varen,cato-brenn",
    "pair=aldo-varen,mira-telos&person=cato-brenn",
]
COMPARED = "compare=aldo-varen,mira-telos&compare=cato-brenn,aldo-varen&compare=mira-telos,cato-brenn"


def assert_same_with_and_without_tallies(name: str, query: str):
    params = QueryDict(query)
    filterset = ContactFilter(params, queryset=Contact.objects.all())
    tallied = CHARTS[name](filterset.qs, params, tally=tally_for(filterset))
    counted = CHARTS[name](filterset.qs, params)
    assert tallied.figure == counted.figure, (name, query)
    assert tallied.table == counted.table, (name, query)


def assert_tallies_count_like_the_contacts():
    for query in TALLIED_QUERIES:
        for name in ["frequency", "calendar", "network", "comparison"]:
            assert_same_with_and_without_tallies(name, query)
    for query in PAIR_QUERIES:
        assert_same_with_and_without_tallies("comparison", f"{COMPARED}&{query}")
        assert_same_with_and_without_tallies("frequency", query)


def pair_months_counted_from_the_contacts() -> set[tuple]:
    """(person_a, person_b, month, kind, status, contacts) straight from the contacts."""
    counts: dict[tuple, int] = {}
    for contact in Contact.objects.prefetch_related("participants"):
        ids = sorted(p.pk for p in contact.participants.all())
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                key = (a, b, contact.date.replace(day=1), contact.kind, contact.status)
                counts[key] = counts.get(key, 0) + 1
    return {(*key, n) for key, n in counts.items()}


def stored_pair_months() -> set[tuple]:
    return set(PairMonthCount.objects.values_list("person_a", "person_b", "month", "kind", "status", "contacts"))


def test_charts_of_the_whole_record_count_from_the_tallies(record):
    assert tally_for(ContactFilter(QueryDict(""), queryset=Contact.objects.all())).pairs is not None
    assert tally_for(ContactFilter(QueryDict("kind=visit"), queryset=Contact.objects.all())).pairs is None
    assert tally_for(ContactFilter(QueryDict("person=cato-brenn"), queryset=Contact.objects.all())).days is None
    assert tally_for(ContactFilter(QueryDict("topic=trade"), queryset=Contact.objects.all())) is None
    assert_tallies_count_like_the_contacts()


def test_pair_tally_stands_only_for_filters_that_keep_all_of_a_pairs_contacts(record, people):
    v, t, b = (people[k].pk for k in ("varen", "telos", "brenn"))

    def months(query, a, b):
        return tally_for(ContactFilter(QueryDict(query), queryset=Contact.objects.all())).pair_months(a, b)

    assert months("person=cato-brenn", v, b) is not None
    assert months("person=cato-brenn", v, t) is None  # only their contacts with Brenn there too
    assert months("pair=mira-telos,aldo-varen", t, v) is not None
    assert months("pair=aldo-varen,mira-telos", v, b) is None


def test_pair_tally_holds_every_pairs_contacts_per_month_kind_and_status(record):
    assert stored_pair_months() == pair_months_counted_from_the_contacts()
    assert len(stored_pair_months()) > 10


def test_comparison_by_month_reads_the_pair_tally_not_the_contacts(record):
    params = QueryDict(COMPARED)
    filterset = ContactFilter(params, queryset=Contact.objects.all())
    tally = tally_for(filterset)
    with CaptureQueriesContext(connection) as captured:
        chart_comparison(filterset.qs, params, tally=tally)
    tables = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in tables if '"tracker_contact"' in sql or "tracker_contact_participants" in sql]
    assert len([sql for sql in tables if "tracker_pairmonthcount" in sql]) == 3  # one per pair


def test_tallies_stay_right_when_contacts_move_change_and_go(record, people):
    v, t, b = people["varen"], people["telos"], people["brenn"]
    moved = Contact.objects.get(date=date(2023, 3, 14))
    moved.date, moved.kind = date(2024, 2, 29), "meeting"
    moved.save()
    Contact.objects.get(date=date(2023, 12, 31)).delete()
    contacts_set_status(Contact.objects.filter(status=ReviewStatus.PROPOSED), CONFIRMED)
    contacts_set_status(Contact.objects.filter(date=date(2024, 9, 9)), ReviewStatus.REJECTED)
    Contact.objects.get(date=date(2023, 6, 2)).participants.remove(b)
    contact_create(kind="letter", date=date(2023, 6, 2), participants=[t, b], status=CONFIRMED)
    Contact.objects.get(date=date(2023, 1, 30)).participants.add(b)
    v.contacts.remove(Contact.objects.get(date=date(2024, 1, 1), kind="phone_call"))
    Contact.objects.get(date=date(2023, 1, 5)).participants.clear()
    assert_tallies_count_like_the_contacts()
    assert stored_pair_months() == pair_months_counted_from_the_contacts()
    stored = (
        set(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        set(PairContactCount.objects.values_list("person_a", "person_b", "contacts")),
        stored_pair_months(),
    )
    contact_counts_recompute_all()
    assert stored == (
        set(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        set(PairContactCount.objects.values_list("person_a", "person_b", "contacts")),
        stored_pair_months(),
    )


def test_a_publisher_filter_is_not_answered_from_the_tallies(client, record, people):
    from tracker.models import Article, ContactSource

    post = Article.objects.create(title="A", publisher="Drusania Post", text="one", published=date(2024, 3, 2))
    letter = Contact.objects.get(kind="letter")
    ContactSource.objects.create(contact=letter, article=post)
    params = QueryDict("publisher=Drusania+Post")
    assert tally_for(ContactFilter(params, queryset=Contact.objects.all())) is None
    response = client.get("/charts/", {"publisher": "Drusania Post"})
    frequency = next(c["chart"] for c in response.context["charts"] if c["chart"].name == "frequency")
    assert [row[-1] for row in frequency.table.rows] == [1]  # the one contact that publisher reported
