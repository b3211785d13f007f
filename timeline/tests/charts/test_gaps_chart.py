"""The gaps chart draws the stored gaps of a pair, records apart, and the open gap.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.http import QueryDict
from django.urls import reverse

from timeline import charts
from timeline.charts import (
    chart_gaps,
)
from timeline.tests.charts.conftest import CHART_TEST_MARKS, CONFIRMED, contacts_for, traces_by_name
from timeline.tests.gap_claims import claim_more_than_a_month
from tracker.models import (
    Gap,
)
from tracker.services.contacts import contact_create

pytestmark = CHART_TEST_MARKS


# --- gaps -------------------------------------------------------------------------------------


def test_gap_bars_are_the_stored_gaps_of_the_pair_with_records_apart(record, people):
    params = QueryDict("pair=aldo-varen,mira-telos")
    chart = chart_gaps(contacts_for(params.urlencode()), params, today=date(2024, 9, 9))
    traces = traces_by_name(chart.figure)
    gaps = Gap.objects.for_pair(people["varen"], people["telos"]).order_by("end")
    records = [g for g in gaps if g.is_record]
    others = [g for g in gaps if not g.is_record]
    assert traces["Longest so far (record)"]["y"] == [g.days for g in records]
    assert traces["Longest so far (record)"]["x"] == [g.end.isoformat() for g in records]
    assert traces["Gap"]["y"] == [g.days for g in others]
    assert len(gaps) == 7  # eight held contacts of the pair, the three-sided meeting included
    # Hover shows both contacts: the one before (date and kind) and the one after.
    first = traces["Longest so far (record)"]["customdata"][0]
    assert first[0] == "2023-01-03" and first[1] == "Phone call"
    assert "Open gap (no contact since)" not in traces  # the last contact is today


def test_gaps_page_shows_the_latest_gaps_and_the_csv_has_them_all(client, record, people, monkeypatch):
    monkeypatch.setattr(charts.gaps, "MAX_GAPS", 3)
    params = QueryDict("pair=aldo-varen,mira-telos&end=2024-12-31")
    chart = chart_gaps(contacts_for(params.urlencode()), params)
    gaps = list(Gap.objects.for_pair(people["varen"], people["telos"]).order_by("end"))
    assert [row[0] for row in chart.table.rows] == [g.end.isoformat() for g in gaps[-3:]]
    assert "latest 3 of 7 gaps" in chart.note
    bars = traces_by_name(chart.figure)
    assert sorted(bars["Gap"]["x"] + bars["Longest so far (record)"]["x"]) == [g.end.isoformat() for g in gaps[-3:]]
    response = client.get(reverse("timeline:chart_csv", args=["gaps"]) + "?" + params.urlencode())
    rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    assert [row[0] for row in rows] == [g.end.isoformat() for g in gaps]


def test_open_gap_runs_from_the_last_contact_to_today(record, people):
    params = QueryDict("pair=aldo-varen,mira-telos")
    chart = chart_gaps(contacts_for(params.urlencode()), params, today=date(2025, 1, 1))
    open_bar = traces_by_name(chart.figure)["Open gap (no contact since)"]
    assert open_bar["y"] == [(date(2025, 1, 1) - date(2024, 9, 9)).days]
    assert open_bar["x"] == ["2025-01-01"]


def test_open_gap_is_not_drawn_for_a_period_that_ended(record):
    params = QueryDict("pair=aldo-varen,mira-telos&end=2023-12-31")
    chart = chart_gaps(contacts_for(params.urlencode()), params, today=date(2025, 1, 1))
    traces = traces_by_name(chart.figure)
    assert "Open gap (no contact since)" not in traces
    assert all(x <= "2023-12-31" for x in traces["Gap"]["x"] + traces["Longest so far (record)"]["x"])


def test_gaps_default_to_the_pair_with_most_contacts(record):
    chart = chart_gaps(contacts_for(""), QueryDict(""), today=date(2024, 9, 9))
    assert chart.options["pair"] == "aldo-varen,mira-telos"


def test_gaps_show_nothing_when_the_filter_is_invalid(record):
    params = QueryDict("pair=aldo-varen,mira-telos&start=not-a-date")
    chart = chart_gaps(contacts_for(params.urlencode()), params)
    assert chart.table.rows == []


def test_gap_chart_draws_no_zero_day_gap_and_labels_records_and_claimed_gaps(record, people):
    v, t = people["varen"], people["telos"]
    contact_create(kind="meeting", date=date(2024, 1, 1), participants=[v, t], status=CONFIRMED)
    claim_more_than_a_month(v, t, date(2024, 2, 29))
    params = QueryDict("pair=aldo-varen,mira-telos")
    chart = chart_gaps(contacts_for(params.urlencode()), params, today=date(2024, 9, 9))
    drawn = [y for trace in chart.figure["data"] for y in trace["y"]]
    assert 0 not in drawn and all(row[1] > 0 for row in chart.table.rows)
    labels = {a["x"]: a["text"] for a in chart.figure["layout"]["annotations"]}
    assert labels["2024-02-29"] == "59 days<br>longest since 1 Jan 2024<br>claim: supported by the record"
    assert labels["2023-06-01"] == "122 days<br>longest on record"
    assert chart.figure["layout"]["yaxis"]["tickformat"] == ",d"


def test_without_a_pair_the_gaps_chart_shows_the_busiest_pair_of_the_country_filtered_on(record, people):
    drusania = people["brenn"].country
    params = QueryDict(f"country={drusania.pk}")
    chart = chart_gaps(contacts_for(params.urlencode()), params, today=date(2024, 9, 9))
    # Varen and Telos talk most overall; of the contacts Drusania took part in, Varen and Brenn do.
    assert chart.options["pair"] == "aldo-varen,cato-brenn"
    assert chart_gaps(contacts_for(""), QueryDict(""), today=date(2024, 9, 9)).options["pair"] == (
        "aldo-varen,mira-telos"
    )


def test_the_charts_page_follows_the_country_filter_in_every_chart(client, record, people):
    drusania = people["brenn"].country
    response = client.get(reverse("timeline:charts"), {"country": drusania.pk})
    charts_by_name = {c["chart"].name: c["chart"] for c in response.context["charts"]}
    assert charts_by_name["gaps"].options["pair"] == "aldo-varen,cato-brenn"
    compared = charts_by_name["comparison"]
    assert compared.options["compare"] == ["aldo-varen,cato-brenn", "mira-telos,cato-brenn", "aldo-varen,mira-telos"]
    # Each line counts only the contacts the filter keeps: Drusania took part in all of them.
    assert [sum(trace["y"]) for trace in compared.figure["data"]] == [3, 2, 1]


def test_the_pairs_with_most_gaps_of_all_time_are_read_from_a_tally_that_follows_every_edit(record, people):
    # (People merges: test_merge compares the tally with a recomputation after random merges.)
    from django.db.models import Count

    from timeline.charts.aggregates import pairs_with_most_gaps
    from tracker.models import Contact, PairGapCount
    from tracker.services.upkeep import gaps_recompute_all

    def counted_from_gaps() -> list[tuple[int, int, int]]:
        rows = Gap.objects.values_list("person_a", "person_b").annotate(n=Count("id"))
        return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))

    def ranked() -> list[tuple[int, int]]:
        return [(a.pk, b.pk) for a, b in pairs_with_most_gaps(10, start=None, end=None)]

    def assert_tally_is_the_gaps_counted():
        gaps = counted_from_gaps()
        assert sorted(PairGapCount.objects.values_list("person_a", "person_b", "gaps")) == sorted(gaps)
        assert ranked() == [(a, b) for a, b, _ in gaps]

    assert_tally_is_the_gaps_counted()
    aldo, mira, ivo = people["varen"], people["telos"], people["brenn"]
    for day in (date(2024, 10, 1), date(2024, 10, 1), date(2024, 11, 3), date(2024, 12, 5)):
        contact_create(kind="meeting", date=day, participants=[ivo, mira], status=CONFIRMED)
    assert_tally_is_the_gaps_counted()
    Contact.objects.filter(participants=ivo).filter(participants=mira).order_by("date").last().delete()
    assert_tally_is_the_gaps_counted()
    Contact.objects.filter(participants=aldo).update(status="proposed")  # bypasses the upkeep: repaired next
    gaps_recompute_all()
    assert_tally_is_the_gaps_counted()
    assert [(a.pk, b.pk) for a, b in pairs_with_most_gaps(1, start=None, end=None, people=[mira])] == ranked()[:1]
