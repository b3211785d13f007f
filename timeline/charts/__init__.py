"""Charts for readers: database aggregates and the plotly figures drawn from them.

One module per chart (``frequency``, ``gaps``, ``network``, ``calendar``, ``comparison``), each a
function ``chart_<name>(contacts, params, tally=None) -> Chart`` and the form of the options it
reads (``period``, ``year``, ``pair``, ``compare``, ``network``). ``contacts`` is the filtered Contact queryset
the timeline shows; ``params`` the query string (or the chart's options form, already bound).
Shared: ``base`` (Chart, Table, layout, colours, plotly-safe labels), ``tally`` (which stored
tally may stand for a filter), ``periods`` (month and week starts in SQLite's own functions) and
``aggregates`` (the counts, each one query). The counting happens in the database; Python only
receives one row per bar, cell or edge, and every figure is bounded in size whatever the number
of contacts (see the ``MAX_*`` limits).

A ``Chart`` carries the figure (a plain dict for ``json_script``) and the same numbers as a
table, which is the screen-reader alternative, the no-JavaScript fallback and the CSV export.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline.charts.base import Chart, ChartOptions, Table
from timeline.charts.calendar import CalendarOptions, chart_calendar
from timeline.charts.comparison import ComparisonOptions, chart_comparison
from timeline.charts.frequency import FrequencyOptions, chart_frequency
from timeline.charts.gaps import GapsOptions, chart_gaps
from timeline.charts.network import NetworkOptions, chart_network
from timeline.charts.tally import Tally, tally_for

# Each takes (contacts, params, tally=None): the tally, when given, must be ``tally_for`` of the
# filter that made ``contacts``.
CHARTS: dict[str, Callable[..., Chart]] = {
    "frequency": chart_frequency,
    "gaps": chart_gaps,
    "network": chart_network,
    "calendar": chart_calendar,
    "comparison": chart_comparison,
}
OPTIONS: dict[str, type[ChartOptions]] = {
    "frequency": FrequencyOptions,
    "gaps": GapsOptions,
    "network": NetworkOptions,
    "calendar": CalendarOptions,
    "comparison": ComparisonOptions,
}

__all__ = [
    "CHARTS",
    "OPTIONS",
    "Chart",
    "ChartOptions",
    "Table",
    "Tally",
    "chart_calendar",
    "chart_comparison",
    "chart_frequency",
    "chart_gaps",
    "chart_network",
    "tally_for",
]
