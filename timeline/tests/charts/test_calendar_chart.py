"""The calendar chart counts contacts per day of a year.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

from datetime import date

from django.http import QueryDict

from timeline.charts import chart_calendar
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for
from tracker.models import (
    Contact,
)

pytestmark = CHART_TEST_MARKS


# --- calendar ---------------------------------------------------------------------------------


def test_calendar_cells_are_contacts_per_day_of_the_year(record):
    chart = chart_calendar(contacts_for(""), QueryDict("year=2024"))
    heatmap = chart.figure["data"][0]
    cells = {
        day: n
        for row_z, row_text in zip(heatmap["z"], heatmap["text"], strict=True)
        for n, day in zip(row_z, row_text, strict=True)
        if day
    }
    assert len(cells) == 366  # 2024 is a leap year
    for day, n in cells.items():
        assert n == Contact.objects.filter(status=CONFIRMED, date=date.fromisoformat(day)).count()
    assert cells["2024-02-29"] == 2


def test_calendar_defaults_to_the_year_of_the_latest_contact(record):
    assert chart_calendar(contacts_for(""), QueryDict("")).options["year"] == 2024
