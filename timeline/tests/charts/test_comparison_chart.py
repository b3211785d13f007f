"""The comparison chart counts each pair per month.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from datetime import date

from django.http import QueryDict

from timeline.charts import (
    chart_comparison,
)
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for
from tracker.models import (
    Contact,
)

pytestmark = CHART_TEST_MARKS


# --- comparison -------------------------------------------------------------------------------


def test_comparison_counts_each_pair_per_month(record, people):
    params = QueryDict("compare=aldo-varen,mira-telos&compare=aldo-varen,cato-brenn&compare=nobody,else")
    chart = chart_comparison(contacts_for(""), params)
    assert chart.options["compare"] == ["aldo-varen,mira-telos", "aldo-varen,cato-brenn"]
    v = people["varen"]
    for trace, other in zip(chart.figure["data"], [people["telos"], people["brenn"]], strict=True):
        for x, y in zip(trace["x"], trace["y"], strict=True):
            month = date.fromisoformat(x)
            expected = (
                Contact.objects.filter(status=CONFIRMED, date__year=month.year, date__month=month.month)
                .filter(participants=v)
                .filter(participants=other)
                .count()
            )
            assert y == expected


def test_comparison_defaults_to_the_most_frequent_pairs(record):
    chart = chart_comparison(contacts_for(""), QueryDict(""))
    assert chart.options["compare"][0] == "aldo-varen,mira-telos"
    assert len(chart.options["compare"]) == 3


def test_comparison_defaults_to_the_busiest_pairs_of_the_kind_filtered_on(record):
    params = QueryDict("kind=letter")
    chart = chart_comparison(contacts_for(params.urlencode()), params)
    assert chart.options["compare"] == ["aldo-varen,cato-brenn"]
    assert [trace["y"] for trace in chart.figure["data"]] == [[1]]
