"""The visual timeline's data endpoint (timeline/visual.json): lanes, marks, counts, gaps, offices."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.test import Client

from timeline.tests.gap_claims import claim_more_than_a_month
from timeline.visual import MAX_MARKS, out_of_office, period_for, precision_span
from tracker.models import Office, Precision
from tracker.tests.factories import make_contact, make_person

URL = "/timeline/visual.json"
pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db, people, norvania):
    aldo, mira = people["aldo"], people["mira"]
    aldo.offices.all().delete()  # the fixture's open-ended office: this one ends
    Office.objects.create(
        person=aldo, title="President", country=norvania, start=date(2020, 1, 1), end=date(2024, 4, 1)
    )
    make_contact(aldo, mira, on=date(2024, 2, 15))
    make_contact(aldo, mira, on=date(2024, 3, 18))
    make_contact(aldo, mira, on=date(2024, 3, 18), kind="meeting")
    make_contact(aldo, mira, on=date(2024, 5, 1), kind="letter", date_precision=Precision.MONTH)
    return people


def test_a_pair_has_a_lane_per_kind_and_a_mark_per_contact(client, pair):
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk"}).json()
    assert [lane["label"] for lane in data["lanes"]] == ["Phone call", "Meeting", "Letter"]
    assert sorted(m[1] for m in data["marks"]) == ["2024-02-15", "2024-03-18", "2024-03-18", "2024-05-01"]
    letter = next(m for m in data["marks"] if m[2] == "letter")
    assert letter[7] == ["2024-05-01", "2024-06-01"], "a month-precision contact spans its month"
    assert data["counts"] == [] and data["period"] == "day"


def test_the_record_gap_and_the_claimed_gap_are_labelled_and_zero_day_gaps_are_not(client, pair):
    aldo, mira = pair["aldo"], pair["mira"]
    claim_more_than_a_month(aldo, mira, date(2024, 3, 18))
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk"}).json()
    labels = {(g[1], g[2]): g for g in data["gaps"]}
    first = labels[("2024-02-15", "2024-03-18")]
    assert first[0] == -1 and first[3] == 32
    assert first[4] == "32 days · longest on record\nclaim: supported by the record" and first[5] == "supported"
    assert all(g[3] > 0 for g in data["gaps"])
    assert ("2024-03-18", "2024-03-18") not in labels


def test_a_gap_that_is_neither_a_record_nor_claimed_is_not_labelled(client, people):
    aldo, mira = people["aldo"], people["mira"]
    for day in (date(2024, 1, 1), date(2024, 3, 1), date(2024, 3, 10)):
        make_contact(aldo, mira, on=day)
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk"}).json()
    assert [g[4] for g in data["gaps"]] == ["60 days · longest on record"]


def test_out_of_office_stretches_are_shaded_for_the_pair(client, pair):
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk"}).json()
    assert data["away"] == [[-1, "2024-04-01", "2024-05-01", "Aldo Varen out of office"]]


def test_the_leader_page_has_a_lane_per_counterpart(client, pair):
    make_contact(pair["aldo"], pair["ivo"], on=date(2024, 2, 1))
    data = client.get(URL, {"person": "aldo-varen", "lanes": "counterpart", "lead": "aldo-varen"}).json()
    assert [(lane["label"], lane["count"]) for lane in data["lanes"]] == [("Mira Tolsk", 4), ("Ivo Pell", 1)]
    assert data["lanes"][0]["url"] == "/pairs/aldo-varen/mira-tolsk/"


def test_the_timeline_shows_the_busiest_pairs_and_counts_the_rest_as_more(client, people):
    others = [make_person(f"Person {n}", slug=f"person-{n}") for n in range(3)]
    for n, other in enumerate(others):
        for k in range(n + 1):
            make_contact(people["aldo"], other, on=date(2024, 1, 1) + timedelta(days=k))
    data = client.get(URL, {"rows": 2}).json()
    assert [lane["label"] for lane in data["lanes"]] == ["Aldo Varen – Person 2", "Aldo Varen – Person 1"]
    assert data["more_lanes"] == 1
    assert {m[0] for m in data["marks"]} == {0, 1}


def test_filters_apply_and_bad_filters_are_refused(client, pair):
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk", "kind": "meeting"}).json()
    assert [m[2] for m in data["marks"]] == ["meeting"]
    response = client.get(URL, {"start": "2024-13-01"})
    assert response.status_code == 400 and response.json()["errors"]
    assert client.get(URL, {"lanes": "nonsense"}).status_code == 400


def test_an_empty_selection_says_so(client, pair):
    data = client.get(URL, {"start": "1990-01-01", "end": "1990-12-31"}).json()
    assert data["total"] == 0 and data["note"] == "No contacts in this selection."


def test_names_are_escaped_for_plotly(client, people):
    rogue = make_person("<b>Rogue</b>", slug="rogue")
    make_contact(people["aldo"], rogue, on=date(2024, 1, 1))
    data = client.get(URL).json()
    assert data["lanes"][0]["label"] == "Aldo Varen – &lt;b&gt;Rogue&lt;/b&gt;"
    assert "<b>" not in data["marks"][0][6]


def test_too_many_marks_are_counted_per_period_and_the_answer_says_so(client, people, monkeypatch):
    monkeypatch.setattr("timeline.visual.MAX_MARKS", 5)
    for n in range(12):
        make_contact(people["aldo"], people["mira"], on=date(2024, 1, 1) + timedelta(days=3 * n))
    data = client.get(URL).json()
    assert data["marks"] == [] and data["period"] == "week"
    assert sum(c[2] for c in data["counts"]) == 12
    assert "counted per week" in data["note"]
    assert MAX_MARKS >= 1000


def test_counting_periods_grow_with_the_range_and_the_lanes():
    assert period_for(date(2024, 1, 1), date(2024, 12, 31), 8) == "week"
    assert period_for(date(2004, 1, 1), date(2024, 12, 31), 8) == "quarter"
    assert period_for(date(1900, 1, 1), date(2100, 12, 31), 40) == "year"


def test_inexact_dates_span_their_week_or_month():
    assert precision_span(date(2024, 2, 15), Precision.DAY) is None
    assert precision_span(date(2024, 2, 15), Precision.WEEK) == (date(2024, 2, 12), date(2024, 2, 19))
    assert precision_span(date(2024, 2, 15), Precision.MONTH) == (date(2024, 2, 1), date(2024, 3, 1))


def test_out_of_office_is_the_range_minus_the_offices():
    offices = [(date(2020, 1, 1), date(2021, 1, 1)), (date(2022, 1, 1), None)]
    assert out_of_office(offices, date(2019, 1, 1), date(2023, 1, 1)) == [
        (date(2019, 1, 1), date(2020, 1, 1)),
        (date(2021, 1, 1), date(2022, 1, 1)),
    ]
    assert out_of_office([], date(2019, 1, 1), date(2023, 1, 1)) == []


def test_the_slider_extent_follows_the_rest_of_the_query_string(client, pair):
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk", "kind": "meeting", "start": "2024-03-01"}).json()
    assert data["extent"] == {"first": "2024-03-18", "last": "2024-03-18"}


def test_the_slider_extent_follows_the_viewers_rule(editor_client, pair):
    client = Client()  # anonymous: editor_client is the logged-in test client
    make_contact(pair["aldo"], pair["mira"], on=date(2023, 6, 1), status="proposed")
    query = {"pair": "aldo-varen,mira-tolsk", "status": "any", "start": "2024-03-01"}
    # An editor's slider reaches the contact under review; the public cannot ask for it at all.
    assert editor_client.get(URL, query).json()["extent"]["first"] == "2023-06-01"
    assert client.get(URL, query).status_code == 400
    assert client.get(URL, {"pair": "aldo-varen,mira-tolsk"}).json()["extent"]["first"] == "2024-02-15"


def test_a_range_inside_a_silence_keeps_the_gap_that_spans_it(client, pair):
    data = client.get(URL, {"pair": "aldo-varen,mira-tolsk", "start": "2024-02-20", "end": "2024-03-10"}).json()
    assert data["total"] == 0 and data["marks"] == []
    assert [(g[0], g[1], g[2], g[3]) for g in data["gaps"]] == [(-1, "2024-02-15", "2024-03-18", 32)]
    assert data["extent"]["first"] == "2024-02-15"


def test_counts_per_period_of_a_filter_without_tallies_match_each_lanes_contacts(client, people, monkeypatch):
    monkeypatch.setattr("timeline.visual.MAX_MARKS", 5)
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    for n in range(9):
        make_contact(aldo, mira, on=date(2024, 1, 1) + timedelta(days=11 * n))
    for n in range(4):
        make_contact(aldo, ivo, on=date(2024, 2, 1) + timedelta(days=30 * n), kind="meeting")
    make_contact(aldo, mira, ivo, on=date(2024, 3, 3), kind="meeting")  # in three lanes at once
    data = client.get(URL, {"country": "XO"}).json()  # Mira's country: no stored tally knows it
    assert data["marks"] == [] and data["counts"]
    lanes = [lane["label"] for lane in data["lanes"]]
    per_lane = Counter()
    for lane, _, n, _ in data["counts"]:
        per_lane[lanes[lane]] += n
    # Every lane is a pair with Mira in it (the country filter keeps only contacts she was in).
    assert per_lane == {"Aldo Varen – Mira Tolsk": 10, "Mira Tolsk – Ivo Pell": 1, "Aldo Varen – Ivo Pell": 1}
