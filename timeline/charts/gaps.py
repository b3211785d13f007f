"""Gaps between contacts: the stored gaps of one pair as bars, records apart, and the open gap."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from timeline.charts.aggregates import busiest_pairs, gap_rows, gaps_ending_between
from timeline.charts.base import (
    KIND_LABELS,
    Chart,
    Pair,
    PeriodFilterOptions,
    Table,
    chart_refused,
    count_axis,
    figure,
    figure_layout,
    pair_label,
    pair_slug,
    plotly_text,
)
from timeline.charts.tally import Tally
from timeline.filter_fields import PairField
from timeline.pairs import pair_silence_end
from tracker.models import Contact, Gap, GapClaim, InOffice, ReviewStatus

MAX_GAPS = 400  # the most recent gaps of a pair; the CSV has them all
MAX_LABELS = 8  # labelled bars (records, claimed gaps): more would run into each other
TITLE = "Gaps between contacts"
COLUMNS = ["Ended", "Days", "Contact before", "Contact after", "Record", "Longest since", "Office"]


class GapsOptions(PeriodFilterOptions):
    """The pair: ``pair=a,b``; else the two people filtered on; else the pair with the most contacts
    in the selection (``aggregates.busiest_pairs``: the country and other filters choose it too)."""

    pair = PairField(required=False)

    def chosen_pair(self, contacts: QuerySet) -> Pair | None:
        data = self.cleaned_data
        if data.get("pair"):
            return data["pair"]
        # In the order the query string names them, which is the order of the pair's label.
        named = [slug.strip() for slug in self.data.getlist("person")] if hasattr(self.data, "getlist") else []
        people = sorted(data.get("person") or (), key=lambda p: named.index(p.slug) if p.slug in named else 0)
        if len(people) == 2:
            return (people[0], people[1])
        frequent = busiest_pairs(contacts, 1, **self.pair_scope())
        return frequent[0] if frequent else None


def open_gap(pair: Pair, end: date | None, today: date) -> dict | None:
    """The silence since the pair's last held contact, if the period reaches today and the silence
    is still open by the pair page's rule (``pair_silence_end``: nobody left office since)."""
    if end and end < today:
        return None
    # The latest stored gap ends on the pair's last held contact (one look-up of the pair's
    # index, as the pair page reads it); only a pair with a single contact has no gap.
    latest = Gap.objects.for_pair(*pair).order_by("-end", "-after_id").values("after_id", "end", "after__kind").first()
    last = latest and {"id": latest["after_id"], "date": latest["end"], "kind": latest["after__kind"]}
    if last is None:
        last = Contact.objects.held().involving_all(*pair).order_by("-date", "-id").values("id", "date", "kind").first()
    if not last or last["date"] >= today:
        return None
    if pair_silence_end(pair[0].pk, pair[1].pk, last["date"], today)[1] is not None:
        return None
    return {"start": last["date"], "days": (today - last["date"]).days, "kind": last["kind"], "id": last["id"]}


def chart_gaps(
    contacts: QuerySet, params: QueryDict | GapsOptions, tally: Tally | None = None, today: date | None = None
) -> Chart:
    today = today or timezone.localdate()
    # An invalid filter empties ``contacts``; the gaps must not then show the whole record.
    if contacts.query.is_empty():
        return no_pair_chart()
    form = GapsOptions.read(params)
    if form.errors:
        return chart_refused("gaps", TITLE, COLUMNS, form)
    pair = form.chosen_pair(contacts)
    if pair is None:
        return no_pair_chart()
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    # A 0-day gap (two contacts on one day) is no silence: not drawn, not listed.
    gaps = gaps_ending_between(Gap.objects.for_pair(*pair).filter(days__gt=0), start, end)
    shown = gap_rows(gaps, latest=MAX_GAPS)
    # Gaps are made of every held contact of the pair, so kind, topic and text filters do not apply.
    note = "Gaps count every held contact of the pair; of the filters only the dates apply."
    if len(shown) == MAX_GAPS and (total := gaps.count()) > MAX_GAPS:
        note += f" Showing the latest {MAX_GAPS} of {total} gaps; the CSV has them all."
    current = open_gap(pair, end, today)
    # One bar width for every trace: plotly sizes each trace's bars from its own spacing, which
    # would draw the few, far-apart records as wide blocks.
    ends = [g["end"] for g in shown] + ([today] if current else [])
    span_days = (max(ends) - min(ends)).days if ends else 0
    width_ms = max(1, span_days // 250) * 86_400_000
    # Records count only gaps in which both held office; the others are drawn apart, labelled.
    counted = [g for g in shown if g["in_office"] == InOffice.YES]
    data = [
        gap_trace("Gap", [g for g in counted if not g["is_record"]], "#7f8aa3", width_ms),
        gap_trace("Longest so far (record)", [g for g in counted if g["is_record"]], "#D55E00", width_ms),
        gap_trace("Not both in office (no record)", [g for g in shown if g not in counted], "#c9ced8", width_ms),
    ]
    if current:
        data.append(open_gap_trace(current, today, width_ms))
    fig = figure(
        data,
        figure_layout(
            f"{TITLE}: {plotly_text(pair_label(pair))}",
            barmode="overlay",
            bargap=0.1,
            xaxis={"type": "date", "title": {"text": "When the gap ended"}, **padded_range(ends, span_days)},
            yaxis=gap_axis(max([g["days"] for g in shown] + [current["days"] if current else 0])),
            annotations=gap_annotations(shown, claimed_gaps(pair)),
            height=440,  # room over the bars for their labels on a phone's short plot
        ),
    )
    table = Table(
        caption=f"Gaps between contacts of {pair_label(pair)}",
        columns=COLUMNS,
        rows=gap_table_rows(shown, current, today),
        all_rows=lambda: gap_table_rows(gap_rows(gaps), current, today),
    )
    return Chart("gaps", TITLE, fig, table, note, {"pair": pair_slug(pair)})


def gap_axis(longest: int) -> dict:
    """Days on a whole-number axis, with headroom over the longest bar for its label."""
    axis = count_axis("Days without contact", longest)
    if longest:
        axis["range"] = [0, round(longest * 1.5) + 1]
    return axis


def claimed_gaps(pair) -> dict[date, str]:
    """The verdicts of the confirmed claims about the pair's gaps, by the day the gap ended (one query)."""
    low, high = sorted(p.pk for p in pair)
    claims = GapClaim.objects.filter(person_a_id=low, person_b_id=high, status=ReviewStatus.CONFIRMED)
    return {c.ends: c.get_verdict_display().lower() for c in claims.order_by("ends", "id")}


def gap_annotations(shown: list[dict], claims: dict[date, str]) -> list[dict]:
    """Labels over the records ("longest since ...") and over the gaps articles made claims about,
    with the verdict; at most MAX_LABELS, the longest first, so they stay readable."""
    labelled = [g for g in shown if g["is_record"] or g["end"] in claims]
    labelled = sorted(labelled, key=lambda g: -g["days"])[:MAX_LABELS]
    notes = []
    ends = [g["end"] for g in shown]
    span = max((max(ends) - min(ends)).days, 1) if ends else 1
    for g in labelled:
        # Near either edge the label grows inwards, so it is not cut off by the plot's border.
        where = (g["end"] - min(ends)).days / span
        anchor = "left" if where < 0.15 else "right" if where > 0.85 else "center"
        since = "longest on record" if g["is_record"] else f"longest since {g['longest_since']:%-d %b %Y}"
        # Two short lines rather than one long one: narrower labels run into each other less.
        text = f"{g['days']} days<br>{since}"
        if g["end"] in claims:
            text += f"<br>claim: {claims[g['end']]}"
        notes.append(
            {
                "x": g["end"].isoformat(),
                "xanchor": anchor,
                "y": g["days"],
                "text": text,
                "showarrow": True,
                "arrowhead": 0,
                "ax": 0,  # straight up from the bar (plotly's default leans left, over the axis)
                "ay": -20,
                "font": {"size": 11},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    return notes


def no_pair_chart() -> Chart:
    table = Table(TITLE, ["Ended", "Days", "Contact before", "Contact after", "Record"])
    return Chart("gaps", TITLE, figure([], figure_layout(TITLE)), table, "No pair has two contacts here.")


def gap_trace(name: str, items: list[dict], colour: str, width_ms: int) -> dict:
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
                g["longest_since"].isoformat() if g["in_office"] == InOffice.YES else "not counted",
                plotly_text(g["office_note"] or "both in office"),
            ]
            for g in items
        ],
        "marker": {"color": colour},
        "hovertemplate": (
            "<b>%{y} days</b><br>%{customdata[0]} · %{customdata[1]}<br>→ %{x|%Y-%m-%d} · %{customdata[2]}"
            "<br>Longest since %{customdata[3]}<br>%{customdata[4]}<extra></extra>"
        ),
    }


def open_gap_trace(current: dict, today: date, width_ms: int) -> dict:
    return {
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


def gap_table_rows(gaps: list[dict], current: dict | None, today: date) -> list[list]:
    rows = [
        [
            g["end"].isoformat(),
            g["days"],
            f"{g['start'].isoformat()} {KIND_LABELS.get(g['before_kind'], '')}",
            f"{g['end'].isoformat()} {KIND_LABELS.get(g['after_kind'], '')}",
            "yes" if g["is_record"] else "",
            g["longest_since"].isoformat() if g["in_office"] == InOffice.YES else "",
            g["office_note"] or "both in office",
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
