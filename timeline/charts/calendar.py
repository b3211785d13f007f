"""Calendar: contacts per day of one year, a week per column."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from timeline.charts.aggregates import contact_counts_by_day, contact_date_span
from timeline.charts.base import (
    TOP_MARGIN_PX,
    Chart,
    ChartOptions,
    Table,
    chart_refused,
    count_heatmap,
    figure,
    figure_layout,
)
from timeline.charts.tally import Tally
from timeline.filter_fields import BoundedDateField
from tracker.rules import FIRST_DAY, LAST_DAY

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class CalendarOptions(ChartOptions):
    """``year``; by default the year of the latest contact shown, else of the filter's ``end``."""

    year = forms.IntegerField(label="Year", required=False, min_value=FIRST_DAY.year, max_value=LAST_DAY.year)
    end = BoundedDateField(required=False)


def chart_calendar(contacts: QuerySet, params: QueryDict | CalendarOptions, tally: Tally | None = None) -> Chart:
    form = CalendarOptions.read(params)
    if form.errors:
        return chart_refused("calendar", "Calendar", ["Day", "Contacts"], form)
    year = form.cleaned_data["year"]
    if year is None:
        last = contact_date_span(contacts, tally)[1]
        year = (last or form.cleaned_data["end"] or timezone.localdate()).year
    counts = contact_counts_by_day(contacts, year, tally)
    first = date(year, 1, 1)
    grid_start = first - timedelta(days=first.weekday())  # the Monday of the first week
    last = date(year, 12, 31)
    weeks = (last - grid_start).days // 7 + 1
    z: list[list] = [[None] * weeks for _ in range(7)]
    text: list[list] = [[""] * weeks for _ in range(7)]
    for offset in range((last - grid_start).days + 1):
        day = grid_start + timedelta(days=offset)
        if day.year != year:
            continue
        w, d = divmod(offset, 7)
        z[d][w] = counts.get(day, 0)
        text[d][w] = day.isoformat()
    fig = figure(
        [
            {
                **count_heatmap(max(counts.values(), default=0)),
                "z": z,
                "x": [(grid_start + timedelta(weeks=w)).isoformat() for w in range(weeks)],
                "y": WEEKDAYS,
                "text": text,
                "xgap": 2,
                "ygap": 2,
            }
        ],
        figure_layout(
            f"Contacts per day in {year}",
            xaxis={"type": "date", "tickformat": "%b", "dtick": "M1", "showgrid": False, "tickfont": {"size": 10}},
            yaxis={"autorange": "reversed", "showgrid": False},
            height=324,
            margin={"l": 48, "r": 16, "t": TOP_MARGIN_PX, "b": 32},
        ),
    )
    table = Table(
        caption=f"Days with contacts in {year}",
        columns=["Day", "Contacts"],
        rows=[[day.isoformat(), n] for day, n in sorted(counts.items())],
    )
    return Chart("calendar", "Calendar", fig, table, "", {"year": year})
