"""Period starts computed in the database's own functions agree with Django's Trunc* everywhere."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models.functions import TruncMonth, TruncQuarter, TruncWeek, TruncYear

from timeline.charts.aggregates import as_day
from timeline.charts.periods import period_start
from timeline.tests.charts.conftest import CHART_TEST_MARKS
from tracker.models import Contact
from tracker.tests.factories import make_contact

pytestmark = CHART_TEST_MARKS


@pytest.mark.parametrize(
    ("period", "trunc"), [("week", TruncWeek), ("month", TruncMonth), ("quarter", TruncQuarter), ("year", TruncYear)]
)
def test_each_period_starts_where_djangos_trunc_says(people, period, trunc):
    # Days across month, quarter and year ends, a leap day and the first and last of a quarter.
    days = [date(2023, 12, 31), date(2024, 1, 1), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 1)]
    days += [date(2024, 6, 30) + timedelta(days=n) for n in range(0, 200, 23)]
    for day in days:
        make_contact(people["varen"], people["telos"], on=day)
    ours = Contact.objects.annotate(p=period_start(period)).order_by("id").values_list("date", "p")
    django_s = Contact.objects.annotate(p=trunc("date")).order_by("id").values_list("p", flat=True)
    assert [as_day(p) for _, p in ours] == [as_day(p) for p in django_s]
    assert all(as_day(p) <= day for day, p in ours)
