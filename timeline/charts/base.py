"""What every chart shares: the ``Chart`` and ``Table`` it returns, the options form it reads, the
figure's layout and colours, and the labels of people and pairs (escaped for plotly)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict

from timeline.charts.periods import PERIODS
from timeline.filter_fields import BoundedDateField, PeopleField, date_range_checked
from tracker.models import Contact, Person

KIND_LABELS = dict(Contact.Kind.choices)
KIND_ORDER = [value for value, _ in Contact.Kind.choices]
# Colour-blind-safe (Okabe–Ito), one per kind, stable across charts.
KIND_COLOURS = {
    "phone_call": "#0072B2",
    "video_call": "#56B4E9",
    "meeting": "#D55E00",
    "visit": "#E69F00",
    "letter": "#009E73",
    "message": "#CC79A7",
    "other": "#999999",
}
# The mode bar's row at the top of a figure, and the top margin that holds it and the title.
MODEBAR_PX = 32
TOP_MARGIN_PX = MODEBAR_PX + 40
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]

Pair = tuple[Person, Person]
# Filters the stored gaps cannot apply (they are made of every held contact of a pair).
NARROWED_BEYOND_GAPS = ("country", "kind", "topic", "publisher", "q")


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # When the page shows only part of the rows: a function giving them all, for the CSV
    # (called only there, so a page never pays for rows it does not show).
    all_rows: Callable[[], list[list]] | None = None

    def csv_rows(self) -> list[list]:
        return self.all_rows() if self.all_rows else self.rows


@dataclass
class Chart:
    name: str
    title: str
    figure: dict
    table: Table
    note: str = ""
    # The options this chart read from the query string, echoed back for its controls.
    options: dict = field(default_factory=dict)
    # Why the options were refused (the chart is then empty): shown beside it, a 400 for a fragment.
    errors: list[str] = field(default_factory=list)


class ChartOptions(forms.Form):
    """The options one chart reads from the query string. Keys it does not declare are the shared
    filters' business (``ContactFilter``); a value it declares but cannot read is an error, never a
    silent default."""

    @classmethod
    def read(cls, params: QueryDict | ChartOptions) -> ChartOptions:
        """The form for ``params``, validated; an already-bound form is used as it is."""
        form = params if isinstance(params, cls) else cls(params)
        form.is_valid()
        return form

    def error_messages(self) -> list[str]:
        return [
            f"{self[name].label or name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in self.errors.items()
        ]


def chart_refused(name: str, title: str, columns: list[str], form: ChartOptions) -> Chart:
    """The empty chart shown for options that cannot be read, with the reasons."""
    return Chart(name, title, figure([], figure_layout(title)), Table(title, columns), errors=form.error_messages())


def figure_layout(title: str, **extra) -> dict:
    """A small layout of our own; no ``template`` key, so plotly.js draws with its plain defaults
    (plotly.py's default template would add 7 KB to every figure). ``title`` is plotly text: build it
    with ``plotly_text`` from anything an article named."""
    layout = {
        # The title sits just above the plot area, in a band of the top margin below the row
        # where plotly's mode bar appears (MODEBAR_PX), so the toolbar never covers it.
        "title": {
            "text": title,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": 1,
            "yref": "paper",
            "yanchor": "bottom",
            "pad": {"b": 14},
            "font": {"size": 16},
        },
        "font": {"family": "system-ui, -apple-system, Segoe UI, sans-serif", "size": 13, "color": "#1d2330"},
        "margin": {"l": 56, "r": 16, "t": TOP_MARGIN_PX, "b": 96},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.3, "yanchor": "top"},
        "height": 400,
    }
    layout.update(extra)
    return layout


def figure(data: list[dict], layout: dict) -> dict:
    """A plotly figure as the plain JSON plotly.js reads (``{"data": [...], "layout": {...}}``).

    Built as dicts, not ``plotly.graph_objects``: validating every property of a few hundred
    bars took most of a chart's time. The tests check each figure with ``go.Figure(fig)``.
    """
    return {"data": data, "layout": layout}


def count_axis(title: str, largest: int) -> dict:
    """A y axis of whole numbers (no "0.5 contacts"): one tick per unit while the counts are small,
    plotly's own (whole) steps above that."""
    axis = {"title": {"text": title}, "rangemode": "tozero", "tickformat": ",d"}
    if largest <= 8:
        axis["dtick"] = 1
    return axis


def count_heatmap(largest: int) -> dict:
    """The look of a heatmap of contact counts (the calendar's days, the network's matrix): empty
    cells pale, a whole-number colour bar stepping one contact at a time while counts are small,
    as ``count_axis`` does for a y axis; each cell's ``text`` names it in the hover."""
    colorbar = {"title": {"text": "Contacts"}, "thickness": 12, "tickformat": ",d"}
    if largest <= 8:
        colorbar["dtick"] = 1
    return {
        "type": "heatmap",
        "colorscale": [[0, "#eef1f6"], [0.001, "#c6dbef"], [1, "#08306b"]],
        "zmin": 0,
        "hovertemplate": "%{text}: %{z} contacts<extra></extra>",
        "colorbar": colorbar,
    }


def plotly_text(text: str) -> str:
    """``text`` made inert for plotly, which reads ``<a href>``, ``<b>`` and ``<br>`` in every title,
    label and hover text: names come from articles."""
    return html.escape(text)


def pair_label(pair: Pair) -> str:
    """The pair's names, plain (tables and captions: the template escapes them)."""
    return f"{pair[0].name} – {pair[1].name}"


def pair_slug(pair: Pair) -> str:
    return f"{pair[0].slug},{pair[1].slug}"


def period_hover(period: str) -> str:
    day = "%d %b %Y" if period == "week" else "%b %Y"
    return "%{x|" + day + "}: %{y}<extra>%{fullData.name}</extra>"


def period_label(period: str) -> str:
    return "Week starting" if period == "week" else "Month"


# --- Options more than one chart reads --------------------------------------------------------


class PeriodOptions(ChartOptions):
    period = forms.ChoiceField(label="Count per", choices=PERIODS, required=False)

    def clean_period(self) -> str:
        return self.cleaned_data.get("period") or "month"


class PeriodFilterOptions(ChartOptions):
    """The filter's people and dates, for a chart that counts on the stored gaps, which the
    contact filter does not narrow (``ContactFilter`` has validated the same values)."""

    person = PeopleField(queryset=Person.objects.all(), to_field_name="slug", required=False)
    start = BoundedDateField(required=False)
    end = BoundedDateField(required=False)

    def clean(self):
        return date_range_checked(super().clean())

    def pair_scope(self) -> dict:
        """What ``aggregates.busiest_pairs`` needs to rank the pairs of this selection."""
        data = self.cleaned_data
        return {
            "start": data.get("start"),
            "end": data.get("end"),
            "people": data.get("person") or (),
            "narrowed": any(self.data.get(key) for key in NARROWED_BEYOND_GAPS),
        }
