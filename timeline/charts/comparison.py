"""Pairs compared: contacts per month (or week) of a few pairs, one line each."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict

from timeline.charts.aggregates import busiest_pairs, pair_counts_by_month, pair_counts_by_period
from timeline.charts.base import (
    SERIES_COLOURS,
    Chart,
    Pair,
    PeriodFilterOptions,
    PeriodOptions,
    Table,
    chart_refused,
    count_axis,
    figure,
    figure_layout,
    pair_label,
    pair_slug,
    period_hover,
    period_label,
    plotly_text,
)
from timeline.charts.tally import Tally
from timeline.filter_fields import PairField, values_capped

MAX_COMPARED_PAIRS = 5
DEFAULT_COMPARED_PAIRS = 3


class PairsField(forms.Field):
    """Repeated ``slug-a,slug-b`` values: the pairs that name two known people, in order, at most
    ``MAX_COMPARED_PAIRS``. A pair that names nobody is left out (an empty "add a pair" box is
    sent with every request); more values than ``values_capped`` allows is an error."""

    widget = forms.MultipleHiddenInput

    def clean(self, value) -> list[Pair]:
        pairs = []
        for text in values_capped([v for v in value or [] if v and v.strip()]):
            try:
                pairs.append(PairField(required=False).clean(text))
            except ValidationError:
                continue
        return [pair for pair in pairs if pair][:MAX_COMPARED_PAIRS]


class ComparisonOptions(PeriodOptions, PeriodFilterOptions):
    """``compare`` (repeatable) and ``period``; without pairs, the ones with the most contacts in
    the selection (``aggregates.busiest_pairs``)."""

    compare = PairsField(required=False)


def chart_comparison(contacts: QuerySet, params: QueryDict | ComparisonOptions, tally: Tally | None = None) -> Chart:
    form = ComparisonOptions.read(params)
    if form.errors:
        return chart_refused("comparison", "Pairs compared", ["Month"], form)
    data = form.cleaned_data
    period, pairs = data["period"], data["compare"]
    if not pairs and not contacts.query.is_empty():
        pairs = busiest_pairs(contacts, DEFAULT_COMPARED_PAIRS, **form.pair_scope())
    series: list[dict[str, int]] = []
    for pair in pairs:
        rows = None
        if tally and period == "month":
            rows = pair_counts_by_month(contacts, (pair[0].pk, pair[1].pk), tally)
        if rows is None:
            rows = pair_counts_by_period(contacts, pair, period)
        series.append({r["period"].isoformat(): r["n"] for r in rows})
    periods = sorted({p for s in series for p in s})
    label = period_label(period)
    fig = figure(
        [
            {
                "type": "scatter",
                "name": plotly_text(pair_label(pair)),
                "x": periods,
                "y": [counts.get(p, 0) for p in periods],
                "mode": "lines+markers",
                "line": {"shape": "hvh", "color": SERIES_COLOURS[i % len(SERIES_COLOURS)]},
                "hovertemplate": period_hover(period),
            }
            for i, (pair, counts) in enumerate(zip(pairs, series, strict=True))
        ],
        figure_layout(
            f"Contacts per {period}, pair against pair",
            xaxis={"type": "date", "title": {"text": label}},
            yaxis=count_axis("Contacts", max((n for counts in series for n in counts.values()), default=0)),
        ),
    )
    table = Table(
        caption=f"Contacts per {period} of each pair",
        columns=[label] + [pair_label(p) for p in pairs],
        rows=[[p] + [s.get(p, 0) for s in series] for p in periods],
    )
    options = {"period": period, "compare": [pair_slug(p) for p in pairs]}
    return Chart("comparison", "Pairs compared", fig, table, "", options)
