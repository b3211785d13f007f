"""Contact network: who talks to whom. A few people round a circle, every one named; more as an
adjacency matrix (a heatmap) of the busiest people, the rest summed as "Others".

A circle stays legible only while every name fits beside its node: ``MAX_CIRCLE_PEOPLE``. Past
that, names round a circle run into each other, so the chart draws the matrix, where each name
has a row and a column of its own. ``network=circle`` or ``network=matrix`` chooses either.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from timeline.charts.aggregates import (
    busiest,
    contact_counts_by_pair,
    pair_counts_in,
    pair_counts_of_people,
    tallied_pairs_among,
    tallied_totals_by_person,
    totals_by_person,
)
from timeline.charts.base import (
    Chart,
    ChartOptions,
    Table,
    chart_refused,
    count_heatmap,
    figure,
    figure_layout,
    plotly_text,
)
from timeline.charts.tally import Tally
from tracker.models import Person

MAX_EDGES = 120  # the most frequent pairs: the table, the CSV and the circle's candidates
MAX_CIRCLE_PEOPLE = 12  # people a circle can name without their names running into each other
MATRIX_PEOPLE = 15  # rows and columns of the matrix, besides "Others"
WIDTH_CLASSES = 5  # one trace per line width: a scatter trace has a single width
OTHERS = "Others"
VIEWS = [("", "as fits"), ("circle", "circle"), ("matrix", "matrix")]


class NetworkOptions(ChartOptions):
    """``network=circle|matrix``; by default a circle while it can name everyone, else the matrix."""

    network = forms.ChoiceField(label="Network drawn as", choices=VIEWS, required=False)


def circle_positions(ids: list[int]) -> dict[int, tuple[float, float]]:
    # Counter-clockwise from the top, so the first names sit where there is most room.
    n = max(len(ids), 1)
    return {
        pid: (
            round(math.cos(math.pi / 2 + 2 * math.pi * i / n), 3),
            round(math.sin(math.pi / 2 + 2 * math.pi * i / n), 3),
        )
        for i, pid in enumerate(ids)
    }


def label_position(x: float, y: float) -> str:
    """Where a name goes beside its node: outwards from the circle, so neighbours' names point
    away from each other (left of the left half, right of the right half, above the top, below
    the bottom)."""
    vertical = "top" if y > 0.5 else "bottom" if y < -0.5 else "middle"
    horizontal = "center" if abs(x) < 0.05 else "right" if x > 0 else "left"
    if vertical == "middle" and horizontal == "center":
        horizontal = "right"
    return f"{vertical} {horizontal}"


def chart_network(contacts: QuerySet, params: QueryDict | NetworkOptions, tally: Tally | None = None) -> Chart:
    form = NetworkOptions.read(params)
    if form.errors:
        return chart_refused("network", "Contact network", ["Person", "Person", "Contacts"], form)
    if tally and tally.pairs is not None:
        # The whole record: from the pair tally, a few small queries on its index.
        edges = contact_counts_by_pair(contacts, MAX_EDGES, tally)
        totals, among = (lambda: tallied_totals_by_person(tally)), (lambda ids: tallied_pairs_among(tally, ids))
    else:
        # Every pair of the selection at once; edges, totals and cells are read from it.
        of_people = tally and tally.people and not tally.pair
        every = pair_counts_of_people(contacts, tally) if of_people else pair_counts_in(contacts)
        edges = busiest(every, MAX_EDGES)
        totals = lambda: totals_by_person(every)  # noqa: E731
        among = lambda ids: [(a, b, n) for a, b, n in every if a in ids and b in ids]  # noqa: E731
    view = form.cleaned_data["network"]
    shown = {i for a, b, _ in edges for i in (a, b)}
    if not view:
        view = "circle" if len(shown) <= MAX_CIRCLE_PEOPLE else "matrix"
    if view == "matrix":
        fig, note, people = network_matrix(totals(), among)
    else:
        fig, note, people = network_circle(edges)
    people |= Person.objects.in_bulk(shown - set(people))
    if len(edges) == MAX_EDGES:
        note = f"{note} The table lists the {MAX_EDGES} pairs with the most contacts.".strip()
    table = Table(
        caption="Contacts between each pair",
        columns=["Person", "Person", "Contacts"],
        rows=[[people[a].name, people[b].name, n] for a, b, n in edges],
    )
    return Chart("network", "Contact network", fig, table, note, {"network": view})


def network_circle(edges: list[tuple[int, int, int]]) -> tuple[dict, str, dict[int, Person]]:
    """The pairs round a circle, every node named. Beyond ``MAX_CIRCLE_PEOPLE`` (asked for with
    ``network=circle``) only the pairs among the busiest people are drawn, and the note says so."""
    degree: dict[int, int] = {}
    for a, b, n in edges:
        degree[a] = degree.get(a, 0) + n
        degree[b] = degree.get(b, 0) + n
    kept = set(sorted(degree, key=lambda i: (-degree[i], i))[:MAX_CIRCLE_PEOPLE])
    note = ""
    if len(degree) > len(kept):
        note = f"The {len(kept)} people with the most contacts and the pairs among them; the matrix shows more."
        edges = [(a, b, n) for a, b, n in edges if a in kept and b in kept]
    people = Person.objects.select_related("country").in_bulk(kept)
    ids = sorted(kept)
    # Order the circle by country then name, so neighbours on the rim are related.
    ids.sort(key=lambda i: (people[i].country.name if people[i].country else "", people[i].name))
    pos = circle_positions(ids)
    names = {i: plotly_text(people[i].name) for i in ids}
    top = max((n for _, _, n in edges), default=1)
    by_class: dict[int, tuple[list, list]] = {}
    mid_x, mid_y, mid_text = [], [], []
    for a, b, n in edges:
        k = min(WIDTH_CLASSES - 1, int((n / top) * WIDTH_CLASSES))
        xs, ys = by_class.setdefault(k, ([], []))
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
        mid_x.append(round((pos[a][0] + pos[b][0]) / 2, 3))
        mid_y.append(round((pos[a][1] + pos[b][1]) / 2, 3))
        mid_text.append(f"{names[a]} – {names[b]}: {n}")
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
    data.append(node_trace(ids, pos, names, {i: degree.get(i, 0) for i in ids}))
    # Room beside the circle for the names, which are written outwards from it.
    axis = {"visible": False, "range": [-2.1, 2.1], "fixedrange": True}
    layout = figure_layout(
        "Who talks to whom",
        xaxis=axis,
        yaxis={**axis, "range": [-1.5, 1.5], "scaleanchor": "x"},
        height=520,
        showlegend=False,
    )
    layout["margin"] = {**layout["margin"], "l": 8, "r": 8, "b": 16}
    return figure(data, layout), note, people


def node_trace(ids: list[int], pos: dict, names: dict[int, str], degree: dict[int, int]) -> dict:
    busiest = max(degree.values(), default=1) or 1
    return {
        "type": "scatter",
        "x": [pos[i][0] for i in ids],
        "y": [pos[i][1] for i in ids],
        "mode": "markers+text",
        "text": names_wrapped([names[i] for i in ids]),
        "textposition": [label_position(*pos[i]) for i in ids],
        "textfont": {"size": 12},
        "cliponaxis": False,
        "customdata": [[names[i], degree[i]] for i in ids],
        "marker": {"size": [round(8 + 16 * math.sqrt(degree[i] / busiest), 1) for i in ids], "color": "#1f5fa8"},
        "hovertemplate": "%{customdata[0]}: %{customdata[1]} contacts shown<extra></extra>",
        "showlegend": False,
    }


def names_wrapped(names: list[str], width: int = 14) -> list[str]:
    """Each (escaped) name on lines of about ``width`` characters, broken between words: a long
    name beside a node on a phone's narrow circle would otherwise run off the chart."""
    wrapped = []
    for name in names:
        lines, line = [], ""
        for word in name.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        wrapped.append("<br>".join(lines))
    return wrapped


def network_matrix(
    totals: dict[int, int], among: Callable[[set[int]], list[tuple[int, int, int]]]
) -> tuple[dict, str, dict[int, Person]]:
    """An adjacency matrix of the ``MATRIX_PEOPLE`` people with the most contacts with others, and
    a row and column of "Others" that sum everyone else, so nothing in the selection is left out:
    each row adds up to that person's contacts with the people of the selection. ``totals``: each
    person's pair-contacts (``totals_by_person``); ``among``: the pairs of two of some people."""
    top = sorted(totals, key=lambda i: (-totals[i], i))[:MATRIX_PEOPLE]
    cells = among(set(top))
    people = Person.objects.in_bulk(top)
    size = len(top) + (1 if len(totals) > len(top) else 0)
    names = [plotly_text(people[i].name) for i in top] + ([OTHERS] if size > len(top) else [])
    labels = unique_labels(names)
    index = {pid: n for n, pid in enumerate(top)}
    z: list[list[int | None]] = [[0] * size for _ in range(size)]
    for a, b, n in cells:
        z[index[a]][index[b]] = z[index[b]][index[a]] = n
    if size > len(top):
        for pid, n in index.items():
            z[n][-1] = z[-1][n] = totals[pid] - sum(z[n][: len(top)])
        # Pairs of two others: every pair-contact not in a cell above.
        z[-1][-1] = sum(totals.values()) // 2 - sum(n for _, _, n in cells) - sum(z[-1][: len(top)])
    for n in range(len(top)):
        z[n][n] = None  # nobody is in contact with themselves
    text = [[f"{labels[r]} – {labels[c]}" for c in range(size)] for r in range(size)]
    largest = max((v for row in z for v in row if v), default=0)
    row_px = 28
    data = [
        {
            **count_heatmap(largest),
            "z": z,
            "x": labels,
            "y": labels,
            "text": text,
            "xgap": 1,
            "ygap": 1,
        }
    ]
    tick = {"tickfont": {"size": 11}, "automargin": True, "showgrid": False, "type": "category", "fixedrange": True}
    layout = figure_layout(
        "Who talks to whom",
        xaxis={**tick, "tickangle": -90, "side": "bottom"},
        yaxis={**tick, "autorange": "reversed"},
        height=160 + row_px * size,
    )
    layout["margin"] = {**layout["margin"], "l": 8, "b": 8}
    note = f"The {len(top)} people with the most contacts with others, one row and column each"
    note += f"; “{OTHERS}” sums the {len(totals) - len(top)} more." if size > len(top) else "."
    return figure(data, layout), note, people


def unique_labels(labels: list[str]) -> list[str]:
    """Heatmap categories must differ: two people of one name are told apart by a number."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out
