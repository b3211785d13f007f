"""The network chart counts the contacts each pair shared.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import cycle

import pytest
from django.http import QueryDict
from django.utils.text import slugify

from timeline.charts import (
    chart_network,
    tally_for,
)
from timeline.charts.aggregates import pair_counts_in, pair_counts_of_people
from timeline.filters import ContactFilter
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for
from tracker.models import (
    Contact,
    Person,
)
from tracker.tests.factories import an_editor_request, make_contact, make_country, make_person

pytestmark = CHART_TEST_MARKS


# --- network ----------------------------------------------------------------------------------


def test_network_edges_count_the_contacts_each_pair_shared(record):
    chart = chart_network(contacts_for(""), QueryDict(""))
    by_name = {p.name: p for p in Person.objects.all()}
    assert len(chart.table.rows) == 3
    for a, b, n in chart.table.rows:
        shared = Contact.objects.filter(status=CONFIRMED, participants=by_name[a]).filter(participants=by_name[b])
        assert n == shared.count()
    hover = next(t for t in chart.figure["data"] if t.get("hovertemplate", "").startswith("%{text} contacts"))
    assert sorted(hover["text"]) == sorted(f"{a} – {b}: {n}" for a, b, n in chart.table.rows)


def test_network_follows_the_period_filter(record):
    chart = chart_network(contacts_for("start=2024-01-01"), QueryDict(""))
    assert {(a, b, n) for a, b, n in chart.table.rows} == {
        ("Aldo Varen", "Mira Telos", 3),
        ("Aldo Varen", "Cato Brenn", 1),
    }


def many_people_record(n: int = 20) -> list[Person]:
    """``n`` fictional leaders: the first talks to everyone, each the more the earlier they come,
    neighbours talk once, and one meeting of three."""
    from datetime import date, timedelta

    from tracker.services.contacts import contact_create

    people = [Person.objects.create(name=f"Leader {i:02d} of Vastmark", slug=f"leader-{i:02d}") for i in range(n)]
    day = date(2024, 1, 1)
    for i, other in enumerate(people[1:], start=1):
        for k in range(n - i):
            contact_create(
                kind="phone_call", date=day + timedelta(days=k), participants=[people[0], other], status=CONFIRMED
            )
        if i + 1 < n:
            contact_create(kind="letter", date=day, participants=[other, people[i + 1]], status=CONFIRMED)
    contact_create(kind="meeting", date=day, participants=people[-3:], status=CONFIRMED)
    return people


def recount(a: Person, b: Person) -> int:
    return Contact.objects.filter(status=CONFIRMED, participants=a).filter(participants=b).count()


def test_a_few_people_are_drawn_round_a_circle_every_one_named(record):
    chart = chart_network(contacts_for(""), QueryDict(""))
    assert chart.options["network"] == "circle"
    nodes = chart.figure["data"][-1]
    assert sorted(nodes["text"]) == ["Aldo Varen", "Cato Brenn", "Mira Telos"]
    # Names point away from the circle: right of the right half, left of the left half.
    for x, where in zip(nodes["x"], nodes["textposition"], strict=True):
        assert where.endswith("right") if x > 0.05 else where.endswith("left") if x < -0.05 else True


def test_many_people_are_drawn_as_a_matrix_whose_rows_sum_to_each_ones_contacts(db, monkeypatch):
    from timeline.charts import network

    monkeypatch.setattr(network, "MATRIX_PEOPLE", 8)
    people = many_people_record(20)
    chart = chart_network(contacts_for(""), QueryDict(""))
    assert chart.options["network"] == "matrix"
    heatmap = chart.figure["data"][0]
    assert heatmap["type"] == "heatmap"
    labels, z = heatmap["x"], heatmap["z"]
    assert len(labels) == 9 and labels[-1] == "Others" and labels[0] == "Leader 00 of Vastmark"
    by_label = {p.name: p for p in people}
    for r, row in enumerate(z):
        assert [row[c] for c in range(len(row))] == [z[c][r] for c in range(len(row))]  # symmetric
        for c, value in enumerate(row):
            if r != c and labels[r] != "Others" and labels[c] != "Others":
                assert value == recount(by_label[labels[r]], by_label[labels[c]])
    shown = {by_label[label] for label in labels[:-1]}
    for r, label in enumerate(labels[:-1]):
        person = by_label[label]
        with_others = sum(recount(person, other) for other in people if other not in shown)
        assert z[r][-1] == with_others
        assert z[r][r] is None
    every_pair = sum(recount(a, b) for i, a in enumerate(people) for b in people[i + 1 :])
    assert sum(v for row in z for v in row if v) == 2 * every_pair - z[-1][-1]
    assert "“Others” sums the 12 more" in chart.note


def test_the_matrix_counts_the_same_from_the_pair_tally_as_from_the_contacts(db, monkeypatch):
    from timeline.charts import network, tally_for
    from timeline.filters import ContactFilter

    monkeypatch.setattr(network, "MATRIX_PEOPLE", 8)
    many_people_record(20)
    tally = tally_for(ContactFilter(QueryDict(""), queryset=Contact.objects.all()))
    assert tally.pairs is not None
    from_tally = chart_network(contacts_for(""), QueryDict(""), tally)
    from_contacts = chart_network(contacts_for(""), QueryDict(""))
    assert from_tally.figure == from_contacts.figure


def test_a_circle_asked_for_with_many_people_names_only_the_busiest(db):
    from timeline.charts.network import MAX_CIRCLE_PEOPLE

    many_people_record(20)
    chart = chart_network(contacts_for(""), QueryDict("network=circle"))
    nodes = chart.figure["data"][-1]
    assert chart.options["network"] == "circle" and len(nodes["text"]) == MAX_CIRCLE_PEOPLE
    assert all(nodes["text"]) and "the matrix shows more" in chart.note


def test_a_small_network_can_be_drawn_as_a_matrix(record):
    chart = chart_network(contacts_for(""), QueryDict("network=matrix"))
    heatmap = chart.figure["data"][0]
    assert heatmap["x"] == ["Aldo Varen", "Mira Telos", "Cato Brenn"] and "Others" not in heatmap["x"]
    assert chart_network(contacts_for(""), QueryDict("network=pie")).errors


@pytest.mark.parametrize(
    "query",
    ["person=aldo-varen", "person=aldo-varen&person=ivo-pell", "country=XO", "person=mira-tolsk&kind=meeting"]
    + ["person=aldo-varen&start=2021-03-14&end=2023-11-20", "country=XO&start=2022-02-02"]
    + ["person=ivo-pell&status=proposed", "person=mira-tolsk&status=any&start=2021-05-10&end=2022-02-20"],
)
def test_the_pairs_of_a_person_or_country_from_the_tallies_are_the_pairs_of_their_contacts(db, query):
    """Pairs with one of the people from the pair tallies, pairs of two others from the contacts
    of three or more participants: the same as pairing every contact's participants."""
    norvania, ostrelia = make_country("Norvania"), make_country("Ostrelia", iso_alpha2="XO")
    names = [("Aldo Varen", norvania), ("Mira Tolsk", ostrelia), ("Ivo Pell", norvania), ("Oren Dask", None)]
    aldo, mira, ivo, oren = (make_person(name, slug=slugify(name), country=country) for name, country in names)
    lisel = make_person("Lisel Varn", slug="lisel-varn")
    groups = cycle([(aldo, mira), (aldo, oren, lisel), (mira, oren), (ivo, mira, lisel, oren), (aldo, ivo)])
    kinds = cycle(["phone_call", "meeting", "visit"])
    day = date(2020, 1, 5)
    statuses = cycle(["confirmed", "confirmed", "proposed"])
    while day < date(2024, 6, 1):
        make_contact(*next(groups), on=day, kind=next(kinds), status=next(statuses))
        day += timedelta(days=17)
    contact_filter = ContactFilter(QueryDict(query), queryset=Contact.objects.all(), request=an_editor_request())
    tally = tally_for(contact_filter)
    assert tally and tally.people
    fast, slow = pair_counts_of_people(contact_filter.qs, tally), pair_counts_in(contact_filter.qs)
    assert sorted(fast) == sorted(slow) and any(a not in tally.people and b not in tally.people for a, b, _ in slow)
