"""Contact network: who talks to whom, the pairs with the most contacts round a circle."""

from __future__ import annotations

import math

from django.db.models import QuerySet
from django.http import QueryDict

from timeline.charts.aggregates import contact_counts_by_pair
from timeline.charts.base import Chart, ChartOptions, Table, chart_refused, figure, figure_layout, plotly_text
from timeline.charts.tally import Tally
from tracker.models import Person

MAX_EDGES = 120  # the most frequent pairs in the network
MAX_LABELS = 30  # names written beside the network's busiest nodes
WIDTH_CLASSES = 5  # one trace per line width: a scatter trace has a single width


class NetworkOptions(ChartOptions):
    """None of its own: the network follows the filters alone."""


def circle_positions(ids: list[int]) -> dict[int, tuple[float, float]]:
    n = max(len(ids), 1)
    return {
        pid: (round(math.cos(2 * math.pi * i / n), 3), round(math.sin(2 * math.pi * i / n), 3))
        for i, pid in enumerate(ids)
    }


def chart_network(contacts: QuerySet, params: QueryDict | NetworkOptions, tally: Tally | None = None) -> Chart:
    form = NetworkOptions.read(params)
    if form.errors:
        return chart_refused("network", "Contact network", ["Person", "Person", "Contacts"], form)
    edges = contact_counts_by_pair(contacts, MAX_EDGES, tally)
    ids = sorted({i for a, b, _ in edges for i in (a, b)})
    people = Person.objects.select_related("country").in_bulk(ids)
    # Order the circle by country then name, so neighbours on the rim are related.
    ids.sort(key=lambda i: (people[i].country.name if people[i].country else "", people[i].name))
    pos = circle_positions(ids)
    names = {i: plotly_text(people[i].name) for i in ids}
    top = max((n for _, _, n in edges), default=1)
    by_class: dict[int, tuple[list, list]] = {}
    mid_x, mid_y, mid_text = [], [], []
    degree = {i: 0 for i in ids}
    for a, b, n in edges:
        k = min(WIDTH_CLASSES - 1, int((n / top) * WIDTH_CLASSES))
        xs, ys = by_class.setdefault(k, ([], []))
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
        mid_x.append(round((pos[a][0] + pos[b][0]) / 2, 3))
        mid_y.append(round((pos[a][1] + pos[b][1]) / 2, 3))
        mid_text.append(f"{names[a]} – {names[b]}: {n}")
        degree[a] += n
        degree[b] += n
    data = [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "line": {"width": 1 + 2 * k, "color": "rgba(31,95,168,0.55)"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        for k, (xs, ys) in sorted(by_class.items())
    ]
    data.append(
        {
            "type": "scatter",
            "x": mid_x,
            "y": mid_y,
            "mode": "markers",
            "marker": {"size": 8, "color": "rgba(0,0,0,0)"},
            "text": mid_text,
            "hovertemplate": "%{text} contacts<extra></extra>",
            "showlegend": False,
        }
    )
    data.append(node_trace(ids, pos, names, degree))
    axis = {"visible": False, "range": [-1.6, 1.6]}
    fig = figure(
        data,
        figure_layout(
            "Who talks to whom",
            xaxis=axis,
            yaxis={**axis, "scaleanchor": "x"},
            height=560,
            showlegend=False,
            margin={"l": 16, "r": 16, "t": 48, "b": 16},
        ),
    )
    note = f"The {MAX_EDGES} pairs with the most contacts." if len(edges) == MAX_EDGES else ""
    table = Table(
        caption="Contacts between each pair (line width in the chart)",
        columns=["Person", "Person", "Contacts"],
        rows=[[people[a].name, people[b].name, n] for a, b, n in edges],
    )
    return Chart("network", "Contact network", fig, table, note)


def node_trace(ids: list[int], pos: dict, names: dict[int, str], degree: dict[int, int]) -> dict:
    # Names beside the busiest nodes only: a hundred labels round a circle overlap; hover has all.
    labelled = set(sorted(ids, key=lambda i: -degree[i])[:MAX_LABELS])
    busiest = max(degree.values(), default=1) or 1
    return {
        "type": "scatter",
        "x": [pos[i][0] for i in ids],
        "y": [pos[i][1] for i in ids],
        "mode": "markers+text",
        "text": [names[i] if i in labelled else "" for i in ids],
        "textposition": ["middle right" if pos[i][0] >= 0 else "middle left" for i in ids],
        "textfont": {"size": 11},
        "customdata": [[names[i], degree[i]] for i in ids],
        "marker": {"size": [round(8 + 16 * math.sqrt(degree[i] / busiest), 1) for i in ids], "color": "#1f5fa8"},
        "hovertemplate": "%{customdata[0]}: %{customdata[1]} contacts shown<extra></extra>",
        "showlegend": False,
    }
