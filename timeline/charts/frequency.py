"""Contact frequency: contacts per month (or week), stacked by kind."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet
from django.http import QueryDict

from timeline.charts.aggregates import (
    contact_counts_by_period,
    contact_date_span,
    pair_counts_by_month,
    person_counts_by_month,
    tallied_counts_by_period,
)
from timeline.charts.base import (
    KIND_COLOURS,
    KIND_LABELS,
    KIND_ORDER,
    Chart,
    PeriodOptions,
    Table,
    chart_refused,
    count_axis,
    figure,
    figure_layout,
    period_hover,
    period_label,
)
from timeline.charts.tally import Tally, day_tally
from tracker.rules import month_after

# Above this, weekly bars stop being readable before they stop being fast: the chart counts by month.
MAX_BARS = 520  # weekly bars over ten years


class FrequencyOptions(PeriodOptions):
    """``period=month`` (default) or ``week``."""


def chart_frequency(contacts: QuerySet, params: QueryDict | FrequencyOptions, tally: Tally | None = None) -> Chart:
    form = FrequencyOptions.read(params)
    if form.errors:
        return chart_refused("frequency", "Contact frequency", ["Month", "Total"], form)
    period = form.cleaned_data["period"]
    note = ""
    if period == "week":
        first, last = contact_date_span(contacts, tally)
        if first and (last - first).days / 7 > MAX_BARS:
            period = "month"
            note = f"Counted by month: weekly bars over more than {MAX_BARS // 52} years would be unreadable."
    rows = None
    if (days := day_tally(tally)) is not None:
        rows = tallied_counts_by_period(days, period)
    elif tally and tally.pair and period == "month":
        rows = pair_counts_by_month(contacts, tally.pair, tally, by_kind=True)
    elif tally and period == "month":
        rows = person_counts_by_month(contacts, tally)
    if rows is None:
        rows = contact_counts_by_period(contacts, period)
    label = period_label(period)
    by_kind: dict[str, tuple[list, list]] = {}
    pivot: dict[date, dict[str, int]] = {}
    for row in rows:
        xs, ys = by_kind.setdefault(row["kind"], ([], []))
        day = row["period"]
        xs.append(day.isoformat())
        ys.append(row["n"])
        pivot.setdefault(day, {})[row["kind"]] = row["n"]
    fig = figure(
        [
            {
                "type": "bar",
                "name": KIND_LABELS.get(kind, kind),
                "x": by_kind[kind][0],
                "y": by_kind[kind][1],
                "marker": {"color": KIND_COLOURS.get(kind)},
                "hovertemplate": period_hover(period),
            }
            for kind in KIND_ORDER
            if kind in by_kind
        ],
        figure_layout(
            f"Contacts per {period}",
            barmode="stack",
            xaxis={"type": "date", "title": {"text": label}},
            yaxis=count_axis("Contacts", max((sum(c.values()) for c in pivot.values()), default=0)),
        ),
    )
    kinds = [k for k in KIND_ORDER if k in by_kind]
    table = Table(
        caption=f"Contacts per {period}, by kind",
        columns=[label] + [KIND_LABELS[k] for k in kinds] + ["Total"],
        rows=[
            [day.isoformat()] + [counts.get(k, 0) for k in kinds] + [sum(counts.values())]
            for day, counts in with_empty_periods(pivot, period)
        ],
    )
    return Chart("frequency", "Contact frequency", fig, table, note, {"period": period})


def with_empty_periods(pivot: dict[date, dict[str, int]], period: str) -> list[tuple[date, dict[str, int]]]:
    """Every period from the first to the last that has contacts, those without any as zeros: a
    CSV of a monthly series has no missing months."""
    if not pivot:
        return []
    days, last = [min(pivot)], max(pivot)
    while days[-1] < last:
        days.append(days[-1] + timedelta(days=7) if period == "week" else month_after(days[-1]))
    return [(day, pivot.get(day, {})) for day in days]
