"""The frequency chart counts confirmed contacts per month or week and kind.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from django.http import QueryDict

from timeline.charts import (
    chart_frequency,
)
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for, traces_by_name
from tracker.models import (
    Contact,
)
from tracker.services.contacts import contact_create

pytestmark = CHART_TEST_MARKS


# --- frequency ------------------------------------------------------------------------------


def test_monthly_frequency_equals_confirmed_contacts_counted_per_month_and_kind(record):
    chart = chart_frequency(contacts_for(""), QueryDict(""))
    seen = 0
    for kind, label in Contact.Kind.choices:
        trace = traces_by_name(chart.figure).get(label)
        if trace is None:
            assert not Contact.objects.filter(status=CONFIRMED, kind=kind).exists()
            continue
        for x, y in zip(trace["x"], trace["y"], strict=True):
            month = date.fromisoformat(x)
            expected = Contact.objects.filter(
                status=CONFIRMED, kind=kind, date__year=month.year, date__month=month.month
            ).count()
            assert y == expected, (kind, x)
            seen += y
    assert seen == Contact.objects.filter(status=CONFIRMED).count() == 11


def test_weekly_frequency_counts_each_monday_to_sunday(record):
    chart = chart_frequency(contacts_for("period=week"), QueryDict("period=week"))
    assert chart.options["period"] == "week"
    for row in chart.table.rows:
        monday = date.fromisoformat(row[0])
        assert monday.weekday() == 0
        expected = Contact.objects.filter(status=CONFIRMED, date__range=(monday, monday + timedelta(days=6))).count()
        assert row[-1] == expected


def test_frequency_for_two_leaders_counts_a_contact_of_both_once(record, people):
    chart = chart_frequency(contacts_for("person=cato-brenn&person=mira-telos"), QueryDict(""))
    total = sum(row[-1] for row in chart.table.rows)
    expected = Contact.objects.filter(status=CONFIRMED, participants__in=[people["brenn"], people["telos"]]).distinct()
    assert total == expected.count() == 11


def test_frequency_falls_back_to_months_when_weeks_would_be_too_many(people):
    v, t = people["varen"], people["telos"]
    contact_create(kind="phone_call", date=date(2001, 1, 1), participants=[v, t], status=CONFIRMED)
    contact_create(kind="phone_call", date=date(2024, 1, 1), participants=[v, t], status=CONFIRMED)
    chart = chart_frequency(contacts_for(""), QueryDict("period=week"))
    assert chart.options["period"] == "month"
    assert "by month" in chart.note


def test_frequency_takes_a_bounded_number_of_queries(record, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        chart_frequency(contacts_for(""), QueryDict(""))


def test_frequency_table_and_csv_hold_the_months_without_contacts(client, record):
    rows = list(csv.reader(io.StringIO(client.get("/charts/frequency.csv").content.decode())))
    months = [row[0] for row in rows[1:]]
    assert months[:4] == ["2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01"]
    assert len(months) == 21  # January 2023 to September 2024, every month
    assert rows[4][-1] == "0"


def test_count_axes_have_whole_number_ticks(record):
    chart = chart_frequency(contacts_for("kind=visit"), QueryDict("kind=visit"))
    axis = chart.figure["layout"]["yaxis"]
    assert axis["tickformat"] == ",d" and axis["dtick"] == 1
