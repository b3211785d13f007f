"""Charts for readers: database aggregates and the plotly figures drawn from them.

Every chart is one function ``chart_<name>(contacts, params) -> Chart``. ``contacts`` is the
filtered Contact queryset the timeline shows; ``params`` is the query string, for options that
belong to one chart (``period``, ``year``, ``compare``). The counting happens in the database
(``values().annotate(Count)``); Python only receives one row per bar, cell or edge, and every
figure is bounded in size whatever the number of contacts (see the ``MAX_*`` limits).

A ``Chart`` carries the figure (a plain dict for ``json_script``) and the same numbers as a
table, which is the screen-reader alternative, the no-JavaScript fallback and the CSV export.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.http import QueryDict
from django.utils import timezone

from timeline.filters import STATUS_ANY, ContactFilter, PairField
from tracker.models import Contact, ContactDayCount, Gap, PairContactCount, PairMonthCount, Person, ReviewStatus

# Above these, a figure stops being readable before it stops being fast: bounded so that the
# JSON handed to the page does not grow with the number of contacts.
MAX_BARS = 520  # weekly bars over ten years; beyond that the frequency chart counts by month
MAX_GAPS = 400  # the most recent gaps of a pair; the CSV has them all
MAX_EDGES = 120  # the most frequent pairs in the network
MAX_LABELS = 30  # names written beside the network's busiest nodes
MAX_COMPARED_PAIRS = 5
DEFAULT_COMPARED_PAIRS = 3

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
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

Pair = tuple[Person, Person]


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


@dataclass
class Tally:
    """The stored tallies narrowed like the filter, when it narrows by nothing but people, a
    pair, status, kind and dates: charts then count from these, not from every contact.

    ``days``: ``ContactDayCount`` rows, when no person or pair narrows the filter either.
    ``pairs``: ``PairContactCount`` rows, only when the filter is the default (confirmed, any
    kind, any date), the one thing that table counts.
    ``months``: ``PairMonthCount`` rows of the whole months inside the dates; ``pair_months``
    gives one pair's. ``cut``: the stretches of the months the dates cut (none, one or two),
    which the charts count from the contacts.
    """

    days: QuerySet | None
    months: QuerySet
    pairs: QuerySet | None = None
    people: frozenset[int] = frozenset()
    pair: tuple[int, int] | None = None  # the ids of a pair filter, lower first
    cut: list[tuple[date, date]] = field(default_factory=list)

    def pair_months(self, a: int, b: int) -> QuerySet | None:
        """The ``PairMonthCount`` rows of the pair of ids ``a`` and ``b`` under the filter, or None
        when the filter keeps only some of the pair's contacts (a person filter on a third person,
        another pair): those are counted from the contacts."""
        low, high = sorted((a, b))
        if (self.people and not self.people & {low, high}) or (self.pair and self.pair != (low, high)):
            return None
        return self.months.filter(person_a_id=low, person_b_id=high)


def month_after(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def whole_months(months: QuerySet, start: date | None, end: date | None) -> tuple[QuerySet, list[tuple[date, date]]]:
    """``months`` narrowed to the months wholly inside [start, end], and the stretches of the
    months the two dates cut (``(first day, last day)``, at most two)."""
    cut = []
    if start and start.day != 1:
        months = months.filter(month__gte=month_after(start))
        cut.append((start, min(month_after(start) - timedelta(days=1), end) if end else month_after(start)))
    elif start:
        months = months.filter(month__gte=start)
    if end and month_after(end) - timedelta(days=1) != end:
        months = months.filter(month__lt=end.replace(day=1))
        low = max(end.replace(day=1), start) if start else end.replace(day=1)
        if not cut or low > cut[0][1]:
            cut.append((low, end))
    elif end:
        months = months.filter(month__lte=end)
    return months, cut


def tally_for(filterset: ContactFilter) -> Tally | None:
    """The ``Tally`` for a filter, or None when a country, topic or text narrows it (or it is
    invalid): those charts count from the filtered contacts."""
    if not filterset.form.is_valid():
        return None
    data = filterset.form.cleaned_data
    if any(data.get(key) for key in ("country", "topic", "q")):
        return None
    status = data.get("status") or ReviewStatus.CONFIRMED
    kinds, start, end = data.get("kind"), data.get("start"), data.get("end")
    days, months = ContactDayCount.objects.all(), PairMonthCount.objects.all()
    if status != STATUS_ANY:
        days, months = days.filter(status=status), months.filter(status=status)
    if kinds:
        days, months = days.filter(kind__in=kinds), months.filter(kind__in=kinds)
    if start:
        days = days.filter(date__gte=start)
    if end:
        days = days.filter(date__lte=end)
    months, cut = whole_months(months, start, end)
    people = frozenset(p.pk for p in data.get("person") or ())
    pair = tuple(sorted(p.pk for p in data["pair"])) if data.get("pair") else None
    whole = status == ReviewStatus.CONFIRMED and not (kinds or start or end)
    narrowed = bool(people or pair)
    return Tally(
        days=None if narrowed else days,
        months=months,
        pairs=PairContactCount.objects.all() if whole and not narrowed else None,
        people=people,
        pair=pair,
        cut=cut,
    )


def day_tally(tally: Tally | None) -> QuerySet | None:
    return tally.days if tally else None


def figure_layout(title: str, **extra) -> dict:
    """A small layout of our own; no ``template`` key, so plotly.js draws with its plain defaults
    (plotly.py's default template would add 7 KB to every figure)."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": "system-ui, -apple-system, Segoe UI, sans-serif", "size": 13, "color": "#1d2330"},
        "margin": {"l": 56, "r": 16, "t": 48, "b": 96},
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


def unordered(contacts: QuerySet) -> QuerySet:
    # An ordering left on the queryset would join the GROUP BY and split every bucket.
    return contacts.order_by()


class MonthStart(TruncMonth):
    """TruncMonth, with SQLite's own strftime instead of Django's Python function (one call per
    row: most of the time at 100,000 contacts)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-%%m-01', {sql})", params


class WeekStart(TruncWeek):
    """TruncWeek (weeks start on Monday), in SQLite's own date functions."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'weekday 0', '-6 days')", params


def period_start(period: str):
    return WeekStart("date") if period == "week" else MonthStart("date")


# --- Aggregates (each one query) ----------------------------------------------------------


def contact_counts_by_period(contacts: QuerySet, period: str) -> list[dict]:
    """Rows ``{"period": date, "kind": str, "n": int}``, ordered by period then kind.

    Plain ``Count``: ContactFilter narrows with ``pk IN (subquery)``, never a join, so a contact
    is one row however many of the filtered people took part.
    """
    trunc = period_start(period)
    return list(
        unordered(contacts)
        .annotate(period=trunc)
        .values("period", "kind")
        .annotate(n=Count("id"))
        .order_by("period", "kind")
    )


def tallied_counts_by_period(days: QuerySet, period: str) -> list[dict]:
    """``contact_counts_by_period`` from the day tally: the same rows, one per day and kind read."""
    trunc = period_start(period)
    return list(
        days.order_by()
        .annotate(period=trunc)
        .values("period", "kind")
        .annotate(n=Sum("contacts"))
        .order_by("period", "kind")
    )


def contact_date_span(contacts: QuerySet, tally: Tally | None = None) -> tuple[date | None, date | None]:
    days = day_tally(tally)
    span = (days if days is not None else unordered(contacts)).aggregate(first=Min("date"), last=Max("date"))
    return span["first"], span["last"]


def contact_counts_by_day(contacts: QuerySet, year: int, tally: Tally | None = None) -> dict[date, int]:
    if (days := day_tally(tally)) is not None:
        rows = days.filter(date__year=year).values("date").annotate(n=Sum("contacts"))
    else:
        rows = unordered(contacts).filter(date__year=year).values("date").annotate(n=Count("id"))
    return {row["date"]: row["n"] for row in rows.order_by("date")}


def contact_counts_by_pair(contacts: QuerySet, limit: int, tally: Tally | None = None) -> list[tuple[int, int, int]]:
    """``(person_a_id, person_b_id, contacts)`` for the ``limit`` pairs that shared the most.

    Unfiltered: the first rows of the ``PairContactCount`` index. Otherwise a self-join of the
    participants table inside the database: each participant row of a filtered contact is
    paired with the other participants of the same contact (lower id first).
    """
    if tally and tally.pairs is not None:
        rows = tally.pairs.order_by("-contacts", "person_a_id", "person_b_id")[:limit]
        return [(r.person_a_id, r.person_b_id, r.contacts) for r in rows]
    through = Contact.participants.through.objects
    rows = (
        through.filter(contact__in=unordered(contacts).values("pk"))
        .filter(person_id__lt=F("contact__participants"))
        .values("person_id", "contact__participants")
        .annotate(n=Count("contact_id"))
        .order_by("-n", "person_id", "contact__participants")[:limit]
    )
    return [(r["person_id"], r["contact__participants"], r["n"]) for r in rows]


def contacts_of_pair(contacts: QuerySet, a: Person | int, b: Person | int) -> QuerySet:
    return contacts.involving_all(a, b)


def pair_counts_by_month(
    contacts: QuerySet, pair: tuple[int, int], tally: Tally, by_kind: bool = False
) -> list[dict] | None:
    """Rows ``{"period": month, ["kind": str,] "n": int}`` of the pair's contacts under the
    filter, ordered like ``contact_counts_by_period``; None when the tally cannot stand for them.

    Whole months come from ``PairMonthCount`` (at most months x kinds rows, whatever the number
    of contacts); the months the dates cut are counted from the contacts of those days.
    """
    months = tally.pair_months(*pair)
    if months is None:
        return None
    fields = ["kind"] if by_kind else []
    rows = list(months.order_by().values(*fields, period=F("month")).annotate(n=Sum("contacts")))
    for first, last in tally.cut:
        edge = unordered(contacts_of_pair(contacts, *pair)).filter(date__range=(first, last))
        month = first.replace(day=1)
        if by_kind:
            rows += [{"period": month, **r} for r in edge.values("kind").annotate(n=Count("id"))]
        elif n := edge.count():
            rows.append({"period": month, "n": n})
    return sorted(rows, key=lambda r: (r["period"], r.get("kind", "")))


# --- Options read from the query string ---------------------------------------------------


def period_hover(period: str) -> str:
    day = "%d %b %Y" if period == "week" else "%b %Y"
    return "%{x|" + day + "}: %{y}<extra>%{fullData.name}</extra>"


def period_option(params: QueryDict) -> str:
    return "week" if params.get("period") == "week" else "month"


def pair_from_text(text: str) -> Pair | None:
    """``slug-a,slug-b`` read as the timeline's ``pair`` filter reads it; None when invalid."""
    try:
        return PairField(required=False).clean(text)
    except ValidationError:
        return None


def pairs_option(params: QueryDict, key: str) -> list[Pair]:
    return [pair for text in params.getlist(key) if (pair := pair_from_text(text))]


def chosen_pair(contacts: QuerySet, params: QueryDict) -> Pair | None:
    """The pair the gaps chart is about: ``pair=a,b``; else the two people filtered on; else the
    pair with the most contacts under the current filter."""
    pairs = pairs_option(params, "pair")
    if pairs:
        return pairs[0]
    slugs = params.getlist("person")
    if len(slugs) == 2 and (pair := pair_from_text(",".join(slugs))):
        return pair
    frequent = pairs_with_most_gaps(params, 1)
    return frequent[0] if frequent else None


def pairs_with_most_gaps(params: QueryDict, n: int) -> list[Pair]:
    """The ``n`` pairs with the most held contacts in the period (among the filtered people),
    counted on the stored gaps: one scan of an indexed table instead of a self-join of the
    participants. Kind and topic filters do not narrow it (gaps are made of every held contact)."""
    gaps = Gap.objects.all()
    if start := parse_day(params.get("start")):
        gaps = gaps.filter(end__gte=start)
    if end := parse_day(params.get("end")):
        gaps = gaps.filter(end__lte=end)
    if slugs := [s for s in params.getlist("person") if s]:
        people = Person.objects.filter(slug__in=slugs).values("pk")
        gaps = gaps.filter(Q(person_a__in=people) | Q(person_b__in=people))
    rows = (
        gaps.values("person_a_id", "person_b_id")
        .annotate(n=Count("id"))
        .order_by("-n", "person_a_id", "person_b_id")[:n]
    )
    pairs = [(r["person_a_id"], r["person_b_id"]) for r in rows]
    people = Person.objects.in_bulk({i for pair in pairs for i in pair})
    return [(people[a], people[b]) for a, b in pairs]


def pair_label(pair: Pair) -> str:
    return f"{pair[0].name} – {pair[1].name}"


def pair_slug(pair: Pair) -> str:
    return f"{pair[0].slug},{pair[1].slug}"


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# --- 1. Contact frequency -----------------------------------------------------------------


def chart_frequency(contacts: QuerySet, params: QueryDict, tally: Tally | None = None) -> Chart:
    period = period_option(params)
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
    if rows is None:
        rows = contact_counts_by_period(contacts, period)
    label = "Week starting" if period == "week" else "Month"
    by_kind: dict[str, tuple[list, list]] = {}
    pivot: dict[date, dict[str, int]] = {}
    for row in rows:
        xs, ys = by_kind.setdefault(row["kind"], ([], []))
        day = as_day(row["period"])
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
            yaxis={"title": {"text": "Contacts"}, "rangemode": "tozero"},
        ),
    )
    kinds = [k for k in KIND_ORDER if k in by_kind]
    table = Table(
        caption=f"Contacts per {period}, by kind",
        columns=[label] + [KIND_LABELS[k] for k in kinds] + ["Total"],
        rows=[
            [day.isoformat()] + [counts.get(k, 0) for k in kinds] + [sum(counts.values())]
            for day, counts in sorted(pivot.items())
        ],
    )
    return Chart("frequency", "Contact frequency", fig, table, note, {"period": period})


# --- 2. Gaps ------------------------------------------------------------------------------


def gaps_of_pair(pair: Pair, start: date | None, end: date | None) -> QuerySet:
    """The stored gaps of a pair that ended inside [start, end] (the ``gap_pair_end`` index)."""
    gaps = Gap.objects.for_pair(*pair)
    if start:
        gaps = gaps.filter(end__gte=start)
    if end:
        gaps = gaps.filter(end__lte=end)
    return gaps


def gap_rows(gaps: QuerySet, latest: int | None = None) -> list[dict]:
    """The gaps as dicts, oldest first; only the ``latest`` ones if given (one query either way)."""
    fields = ["start", "end", "days", "is_record", "longest_since", "approximate", "before_id", "after_id"]
    kinds = {"before_kind": F("before__kind"), "after_kind": F("after__kind")}
    if latest is None:
        return list(gaps.order_by("end", "after_id").values(*fields, **kinds))
    return list(reversed(gaps.order_by("-end", "-after_id").values(*fields, **kinds)[:latest]))


def in_office_or_unknown(person: Person, today: date) -> bool:
    offices = person.offices.all()
    return not offices.exists() or offices.held_on(today).exists()


def open_gap(pair: Pair, end: date | None, today: date) -> dict | None:
    """The silence since the pair's last held contact, if the period reaches today and both are
    still in office (a pair one of whom has left office is not "not talking")."""
    if end and end < today:
        return None
    if not all(in_office_or_unknown(person, today) for person in pair):
        return None
    last = (
        Contact.objects.held()
        .filter(participants=pair[0])
        .filter(participants=pair[1])
        .filter(date__lte=today)
        .order_by("-date", "-id")
        .values("id", "date", "kind")
        .first()
    )
    if not last or last["date"] >= today:
        return None
    return {"start": last["date"], "days": (today - last["date"]).days, "kind": last["kind"], "id": last["id"]}


def chart_gaps(contacts: QuerySet, params: QueryDict, tally: Tally | None = None, today: date | None = None) -> Chart:
    today = today or timezone.localdate()
    # An invalid filter empties ``contacts``; the gaps must not then show the whole record.
    pair = None if contacts.query.is_empty() else chosen_pair(contacts, params)
    if pair is None:
        fig = figure([], figure_layout("Gaps between contacts"))
        table = Table("Gaps between contacts", ["Ended", "Days", "Contact before", "Contact after", "Record"])
        return Chart("gaps", "Gaps between contacts", fig, table, "No pair has two contacts here.")
    start, end = parse_day(params.get("start")), parse_day(params.get("end"))
    gaps = gaps_of_pair(pair, start, end)
    shown = gap_rows(gaps, latest=MAX_GAPS)
    # Gaps are made of every held contact of the pair, so kind, topic and text filters do not apply.
    note = "Gaps count every held contact of the pair; of the filters only the dates apply."
    if len(shown) == MAX_GAPS and (total := gaps.count()) > MAX_GAPS:
        note += f" Showing the latest {MAX_GAPS} of {total} gaps; the CSV has them all."
    current = open_gap(pair, end, today)
    hover = (
        "<b>%{y} days</b><br>%{customdata[0]} · %{customdata[1]}<br>→ %{x|%Y-%m-%d} · %{customdata[2]}"
        "<br>Longest since %{customdata[3]}<extra></extra>"
    )

    # One bar width for every trace: plotly sizes each trace's bars from its own spacing, which
    # would draw the few, far-apart records as wide blocks.
    ends = [g["end"] for g in shown] + ([today] if current else [])
    span_days = (max(ends) - min(ends)).days if ends else 0
    width_ms = max(1, span_days // 250) * 86_400_000

    def trace(name: str, items: list[dict], colour: str) -> dict:
        return {
            "type": "bar",
            "name": name,
            "width": width_ms,
            "x": [g["end"].isoformat() for g in items],
            "y": [g["days"] for g in items],
            "customdata": [
                [
                    g["start"].isoformat(),
                    KIND_LABELS.get(g["before_kind"], ""),
                    KIND_LABELS.get(g["after_kind"], ""),
                    g["longest_since"].isoformat(),
                ]
                for g in items
            ],
            "marker": {"color": colour},
            "hovertemplate": hover,
        }

    data = [
        trace("Gap", [g for g in shown if not g["is_record"]], "#7f8aa3"),
        trace("Longest so far (record)", [g for g in shown if g["is_record"]], "#D55E00"),
    ]
    if current:
        data.append(
            {
                "type": "bar",
                "name": "Open gap (no contact since)",
                "width": width_ms,
                "x": [today.isoformat()],
                "y": [current["days"]],
                "customdata": [[current["start"].isoformat(), KIND_LABELS.get(current["kind"], "")]],
                "marker": {
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": "#D55E00", "width": 2},
                    "pattern": {"shape": "/", "fgcolor": "#D55E00", "solidity": 0.2},
                },
                "hovertemplate": "<b>%{y} days and counting</b><br>Last contact %{customdata[0]} · %{customdata[1]}"
                "<br>No contact since<extra></extra>",
            }
        )
    fig = figure(
        data,
        figure_layout(
            f"Gaps between contacts: {pair_label(pair)}",
            barmode="overlay",
            bargap=0.1,
            xaxis={"type": "date", "title": {"text": "When the gap ended"}, **padded_range(ends, span_days)},
            yaxis={"title": {"text": "Days without contact"}, "rangemode": "tozero"},
        ),
    )
    table = Table(
        caption=f"Gaps between contacts of {pair_label(pair)}",
        columns=["Ended", "Days", "Contact before", "Contact after", "Record", "Longest since"],
        rows=gap_table_rows(shown, current, today),
        all_rows=lambda: gap_table_rows(gap_rows(gaps), current, today),
    )
    return Chart("gaps", "Gaps between contacts", fig, table, note, {"pair": pair_slug(pair)})


def gap_table_rows(gaps: list[dict], current: dict | None, today: date) -> list[list]:
    rows = [
        [
            g["end"].isoformat(),
            g["days"],
            f"{g['start'].isoformat()} {KIND_LABELS.get(g['before_kind'], '')}",
            f"{g['end'].isoformat()} {KIND_LABELS.get(g['after_kind'], '')}",
            "yes" if g["is_record"] else "",
            g["longest_since"].isoformat(),
        ]
        for g in gaps
    ]
    if current:
        rows.append(
            [
                f"open ({today.isoformat()})",
                current["days"],
                f"{current['start'].isoformat()} {KIND_LABELS.get(current['kind'], '')}",
                "none yet",
                "",
                "",
            ]
        )
    return rows


def padded_range(ends: list[date], span_days: int) -> dict:
    """An x range with room for the first and last bars (the open gap sits on today's edge)."""
    if not ends:
        return {}
    pad = timedelta(days=max(2, span_days // 60))
    return {"range": [(min(ends) - pad).isoformat(), (max(ends) + pad).isoformat()]}


# --- 3. Contact network -------------------------------------------------------------------


def circle_positions(ids: list[int]) -> dict[int, tuple[float, float]]:
    n = max(len(ids), 1)
    return {
        pid: (round(math.cos(2 * math.pi * i / n), 3), round(math.sin(2 * math.pi * i / n), 3))
        for i, pid in enumerate(ids)
    }


def chart_network(contacts: QuerySet, params: QueryDict, tally: Tally | None = None) -> Chart:
    edges = contact_counts_by_pair(contacts, MAX_EDGES, tally)
    ids = sorted({i for a, b, _ in edges for i in (a, b)})
    people = Person.objects.select_related("country").in_bulk(ids)
    # Order the circle by country then name, so neighbours on the rim are related.
    ids.sort(key=lambda i: (people[i].country.name if people[i].country else "", people[i].name))
    pos = circle_positions(ids)
    top = max((n for _, _, n in edges), default=1)
    # One trace per width class: a scatter trace has a single line width.
    classes = 5
    by_class: dict[int, tuple[list, list]] = {}
    mid_x, mid_y, mid_text = [], [], []
    for a, b, n in edges:
        k = min(classes - 1, int((n / top) * classes))
        xs, ys = by_class.setdefault(k, ([], []))
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
        mid_x.append(round((pos[a][0] + pos[b][0]) / 2, 3))
        mid_y.append(round((pos[a][1] + pos[b][1]) / 2, 3))
        mid_text.append(f"{people[a].name} – {people[b].name}: {n}")
    degree = {i: 0 for i in ids}
    for a, b, n in edges:
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
    # Names beside the busiest nodes only: a hundred labels round a circle overlap; hover has all.
    labelled = set(sorted(ids, key=lambda i: -degree[i])[:MAX_LABELS])
    data.append(
        {
            "type": "scatter",
            "x": [pos[i][0] for i in ids],
            "y": [pos[i][1] for i in ids],
            "mode": "markers+text",
            "text": [people[i].name if i in labelled else "" for i in ids],
            "textposition": ["middle right" if pos[i][0] >= 0 else "middle left" for i in ids],
            "textfont": {"size": 11},
            "customdata": [[people[i].name, degree[i]] for i in ids],
            "marker": {
                "size": [round(8 + 16 * math.sqrt(degree[i] / max(degree.values())), 1) for i in ids] if ids else [],
                "color": "#1f5fa8",
            },
            "hovertemplate": "%{customdata[0]}: %{customdata[1]} contacts shown<extra></extra>",
            "showlegend": False,
        }
    )
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


# --- 4. Calendar --------------------------------------------------------------------------


def year_option(contacts: QuerySet, params: QueryDict, tally: Tally | None = None) -> int:
    try:
        return int(params["year"])
    except (KeyError, ValueError):
        last = contact_date_span(contacts, tally)[1]
        end = parse_day(params.get("end"))
        return (last or end or timezone.localdate()).year


def chart_calendar(contacts: QuerySet, params: QueryDict, tally: Tally | None = None) -> Chart:
    year = year_option(contacts, params, tally)
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
                "type": "heatmap",
                "z": z,
                "x": [(grid_start + timedelta(weeks=w)).isoformat() for w in range(weeks)],
                "y": WEEKDAYS,
                "text": text,
                "xgap": 2,
                "ygap": 2,
                "colorscale": [[0, "#eef1f6"], [0.001, "#c6dbef"], [1, "#08306b"]],
                "zmin": 0,
                "hovertemplate": "%{text}: %{z} contacts<extra></extra>",
                "colorbar": {"title": {"text": "Contacts"}, "thickness": 12},
            }
        ],
        figure_layout(
            f"Contacts per day in {year}",
            xaxis={"type": "date", "tickformat": "%b", "dtick": "M1", "showgrid": False},
            yaxis={"autorange": "reversed", "showgrid": False},
            height=300,
            margin={"l": 48, "r": 16, "t": 48, "b": 32},
        ),
    )
    table = Table(
        caption=f"Days with contacts in {year}",
        columns=["Day", "Contacts"],
        rows=[[day.isoformat(), n] for day, n in sorted(counts.items())],
    )
    return Chart("calendar", "Calendar", fig, table, "", {"year": year})


# --- 5. Comparison ------------------------------------------------------------------------


def chart_comparison(contacts: QuerySet, params: QueryDict, tally: Tally | None = None) -> Chart:
    period = period_option(params)
    pairs = pairs_option(params, "compare")[:MAX_COMPARED_PAIRS]
    if not pairs and not contacts.query.is_empty():
        pairs = pairs_with_most_gaps(params, DEFAULT_COMPARED_PAIRS)
    label = "Week starting" if period == "week" else "Month"
    trunc = period_start(period)
    series: list[dict[str, int]] = []
    for pair in pairs:
        rows = None
        if tally and period == "month":
            rows = pair_counts_by_month(contacts, (pair[0].pk, pair[1].pk), tally)
        if rows is None:
            rows = (
                unordered(contacts_of_pair(contacts, *pair))
                .annotate(period=trunc)
                .values("period")
                .annotate(n=Count("id"))
                .order_by("period")
            )
        series.append({as_day(r["period"]).isoformat(): r["n"] for r in rows})
    periods = sorted({p for s in series for p in s})
    fig = figure(
        [
            {
                "type": "scatter",
                "name": pair_label(pair),
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
            yaxis={"title": {"text": "Contacts"}, "rangemode": "tozero"},
        ),
    )
    table = Table(
        caption=f"Contacts per {period} of each pair",
        columns=[label] + [pair_label(p) for p in pairs],
        rows=[[p] + [s.get(p, 0) for s in series] for p in periods],
    )
    options = {"period": period, "compare": [pair_slug(p) for p in pairs]}
    return Chart("comparison", "Pairs compared", fig, table, "", options)


def as_day(value) -> date:
    """Trunc* on a DateField gives a date; some backends hand back a datetime."""
    return value.date() if hasattr(value, "hour") else value


# Each takes (contacts, params, tally=None): the tally, when given, must be ``tally_for`` of the
# filter that made ``contacts``.
CHARTS: dict[str, Callable[..., Chart]] = {
    "frequency": chart_frequency,
    "gaps": chart_gaps,
    "network": chart_network,
    "calendar": chart_calendar,
    "comparison": chart_comparison,
}
