"""The network chart counts the contacts each pair shared.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from django.http import QueryDict

from timeline.charts import (
    chart_network,
)
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for
from tracker.models import (
    Contact,
    Person,
)

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
