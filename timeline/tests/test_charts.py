"""The numbers in every chart equal counts taken straight from the database.

Data is plainly fictional: three leaders of invented countries.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from timeline import charts
from timeline.chart_views import chart_context
from timeline.charts import (
    CHARTS,
    chart_calendar,
    chart_comparison,
    chart_frequency,
    chart_gaps,
    chart_network,
    tally_for,
)
from timeline.filters import ContactFilter
from tracker.models import (
    Contact,
    ContactDayCount,
    Country,
    Gap,
    Office,
    PairContactCount,
    PairMonthCount,
    Person,
    ReviewStatus,
)
from tracker.services.contacts import contact_create, contacts_set_status
from tracker.services.upkeep import contact_counts_recompute_all

pytestmark = [
    pytest.mark.django_db,
    # whitenoise looks for STATIC_ROOT, which only collectstatic makes.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
CONFIRMED = ReviewStatus.CONFIRMED


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Tests run with DEBUG off and no collectstatic: no manifest for {% static %} to read.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def leader(name: str, country: str) -> Person:
    """A national of ``country`` in office there throughout the record (so every gap counts)."""
    nation = Country.objects.get_or_create(name=country)[0]
    person = Person.objects.create(name=name, country=nation)
    Office.objects.create(person=person, title="President", country=nation, start=date(2000, 1, 1))
    return person


@pytest.fixture
def people():
    return {
        "varen": leader("Aldo Varen", "Norvania"),
        "telos": leader("Mira Telos", "Ostovia"),
        "brenn": leader("Cato Brenn", "Drusania"),
    }


@pytest.fixture
def record(people):
    """Contacts over two years: most between Varen and Telos, some with Brenn, one of them
    three-sided, a proposed one and a rejected one that must not count."""
    v, t, b = people["varen"], people["telos"], people["brenn"]
    plan = [
        ("phone_call", date(2023, 1, 3), [v, t]),
        ("phone_call", date(2023, 1, 5), [v, t]),
        ("meeting", date(2023, 1, 30), [v, t]),
        ("video_call", date(2023, 3, 14), [v, b]),
        ("phone_call", date(2023, 6, 1), [v, t]),
        ("meeting", date(2023, 6, 2), [v, t, b]),
        ("visit", date(2023, 12, 31), [t, b]),
        ("phone_call", date(2024, 1, 1), [v, t]),
        ("phone_call", date(2024, 2, 29), [v, t]),
        ("letter", date(2024, 2, 29), [v, b]),
        ("phone_call", date(2024, 9, 9), [v, t]),
    ]
    for kind, day, who in plan:
        contact_create(kind=kind, date=day, participants=who, status=CONFIRMED)
    contact_create(kind="phone_call", date=date(2023, 1, 4), participants=[v, t])  # proposed
    contact_create(kind="meeting", date=date(2023, 2, 4), participants=[v, t], status=ReviewStatus.REJECTED)
    return people


def contacts_for(query: str):
    return ContactFilter(QueryDict(query), queryset=Contact.objects.all()).qs


def traces_by_name(figure: dict) -> dict[str, dict]:
    return {trace.get("name"): trace for trace in figure["data"]}


# --- frequency ------------------------------------------------------------------------------


def test_monthly_frequency_equals_confirmed_contacts_counted_per_month_and_kind(record):
    chart = chart_frequency(contacts_for(""), QueryDict(""))
    seen = 0
    for kind, label in Contact.Kind.choices:
        trace = traces_by_name(chart.figure).get(label)
        if trace is None:
            assert not Contact.objects.filter(status=CONFIRMED, kind=kind).exists()
            continue
        for x, y in zip(trace["x"], trace["y"], strict=True):
            month = date.fromisoformat(x)
            expected = Contact.objects.filter(
                status=CONFIRMED, kind=kind, date__year=month.year, date__month=month.month
            ).count()
            assert y == expected, (kind, x)
            seen += y
    assert seen == Contact.objects.filter(status=CONFIRMED).count() == 11


def test_weekly_frequency_counts_each_monday_to_sunday(record):
    chart = chart_frequency(contacts_for("period=week"), QueryDict("period=week"))
    assert chart.options["period"] == "week"
    for row in chart.table.rows:
        monday = date.fromisoformat(row[0])
        assert monday.weekday() == 0
        expected = Contact.objects.filter(status=CONFIRMED, date__range=(monday, monday + timedelta(days=6))).count()
        assert row[-1] == expected


def test_frequency_for_two_leaders_counts_a_contact_of_both_once(record, people):
    chart = chart_frequency(contacts_for("person=cato-brenn&person=mira-telos"), QueryDict(""))
    total = sum(row[-1] for row in chart.table.rows)
    expected = Contact.objects.filter(status=CONFIRMED, participants__in=[people["brenn"], people["telos"]]).distinct()
    assert total == expected.count() == 11


def test_frequency_falls_back_to_months_when_weeks_would_be_too_many(people):
    v, t = people["varen"], people["telos"]
    contact_create(kind="phone_call", date=date(2001, 1, 1), participants=[v, t], status=CONFIRMED)
    contact_create(kind="phone_call", date=date(2024, 1, 1), participants=[v, t], status=CONFIRMED)
    chart = chart_frequency(contacts_for(""), QueryDict("period=week"))
    assert chart.options["period"] == "month"
    assert "by month" in chart.note


def test_frequency_takes_a_bounded_number_of_queries(record, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        chart_frequency(contacts_for(""), QueryDict(""))


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


# --- network ----------------------------------------------------------------------------------


def test_network_edges_count_the_contacts_each_pair_shared(record):
    chart = chart_network(contacts_for(""), QueryDict(""))
    by_name = {p.name: p for p in Person.objects.all()}
    assert len(chart.table.rows) == 3
    for a, b, n in chart.table.rows:
        shared = Contact.objects.filter(status=CONFIRMED, participants=by_name[a]).filter(participants=by_name[b])
        assert n == shared.count()
    hover = next(t for t in chart.figure["data"] if t.get("hovertemplate", "").startswith("%{text} contacts"))
    assert sorted(hover["text"]) == sorted(f"{a} – {b}: {n}" for a, b, n in chart.table.rows)


def test_network_follows_the_period_filter(record):
    chart = chart_network(contacts_for("start=2024-01-01"), QueryDict(""))
    assert {(a, b, n) for a, b, n in chart.table.rows} == {
        ("Aldo Varen", "Mira Telos", 3),
        ("Aldo Varen", "Cato Brenn", 1),
    }


# --- calendar ---------------------------------------------------------------------------------


def test_calendar_cells_are_contacts_per_day_of_the_year(record):
    chart = chart_calendar(contacts_for(""), QueryDict("year=2024"))
    heatmap = chart.figure["data"][0]
    cells = {
        day: n
        for row_z, row_text in zip(heatmap["z"], heatmap["text"], strict=True)
        for n, day in zip(row_z, row_text, strict=True)
        if day
    }
    assert len(cells) == 366  # 2024 is a leap year
    for day, n in cells.items():
        assert n == Contact.objects.filter(status=CONFIRMED, date=date.fromisoformat(day)).count()
    assert cells["2024-02-29"] == 2


def test_calendar_defaults_to_the_year_of_the_latest_contact(record):
    assert chart_calendar(contacts_for(""), QueryDict("")).options["year"] == 2024


# --- comparison -------------------------------------------------------------------------------


def test_comparison_counts_each_pair_per_month(record, people):
    params = QueryDict("compare=aldo-varen,mira-telos&compare=aldo-varen,cato-brenn&compare=nobody,else")
    chart = chart_comparison(contacts_for(""), params)
    assert chart.options["compare"] == ["aldo-varen,mira-telos", "aldo-varen,cato-brenn"]
    v = people["varen"]
    for trace, other in zip(chart.figure["data"], [people["telos"], people["brenn"]], strict=True):
        for x, y in zip(trace["x"], trace["y"], strict=True):
            month = date.fromisoformat(x)
            expected = (
                Contact.objects.filter(status=CONFIRMED, date__year=month.year, date__month=month.month)
                .filter(participants=v)
                .filter(participants=other)
                .count()
            )
            assert y == expected


def test_comparison_defaults_to_the_most_frequent_pairs(record):
    chart = chart_comparison(contacts_for(""), QueryDict(""))
    assert chart.options["compare"][0] == "aldo-varen,mira-telos"
    assert len(chart.options["compare"]) == 3


# --- every chart -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("query", ["", "period=week", "person=cato-brenn", "kind=visit", "start=2030-01-01"])
def test_every_figure_is_valid_plotly_json(record, name, query):
    # The figures are built as plain dicts for speed; plotly.py's own validation is the check.
    figure = CHARTS[name](contacts_for(query), QueryDict(query)).figure
    go.Figure(figure)


# --- stored tallies ----------------------------------------------------------------------------

TALLIED_QUERIES = [
    "",
    "period=week",
    "year=2023",
    "kind=phone_call&kind=visit",
    "start=2023-06-01&end=2024-02-29",
    "status=any",
    "status=proposed",
    "person=cato-brenn",
]
# Filters the pair tally stands for (or must refuse), with dates that cut months at either end,
# inside one month, and on month boundaries.
PAIR_QUERIES = [
    "",
    "status=any",
    "status=rejected",
    "kind=meeting&kind=phone_call",
    "start=2023-01-04",
    "end=2024-02-28",
    "start=2023-01-04&end=2024-02-28",
    "start=2023-01-04&end=2023-01-30",
    "start=2023-01-01&end=2023-06-30",
    "start=2024-02-29&end=2024-02-29",
    "start=2024-03-01&end=2023-01-01",
    "person=aldo-varen",
    "person=cato-brenn",
    "person=cato-brenn&person=mira-telos&start=2023-06-02",
    "pair=aldo-varen,mira-telos",
    "pair=mira-telos,aldo-varen&kind=phone_call&start=2023-01-04",
    "pair=aldo-varen,cato-brenn",
    "pair=aldo-varen,mira-telos&person=cato-brenn",
]
COMPARED = "compare=aldo-varen,mira-telos&compare=cato-brenn,aldo-varen&compare=mira-telos,cato-brenn"


def assert_same_with_and_without_tallies(name: str, query: str):
    params = QueryDict(query)
    filterset = ContactFilter(params, queryset=Contact.objects.all())
    tallied = CHARTS[name](filterset.qs, params, tally=tally_for(filterset))
    counted = CHARTS[name](filterset.qs, params)
    assert tallied.figure == counted.figure, (name, query)
    assert tallied.table == counted.table, (name, query)


def assert_tallies_count_like_the_contacts():
    for query in TALLIED_QUERIES:
        for name in ["frequency", "calendar", "network", "comparison"]:
            assert_same_with_and_without_tallies(name, query)
    for query in PAIR_QUERIES:
        assert_same_with_and_without_tallies("comparison", f"{COMPARED}&{query}")
        assert_same_with_and_without_tallies("frequency", query)


def pair_months_counted_from_the_contacts() -> set[tuple]:
    """(person_a, person_b, month, kind, status, contacts) straight from the contacts."""
    counts: dict[tuple, int] = {}
    for contact in Contact.objects.prefetch_related("participants"):
        ids = sorted(p.pk for p in contact.participants.all())
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                key = (a, b, contact.date.replace(day=1), contact.kind, contact.status)
                counts[key] = counts.get(key, 0) + 1
    return {(*key, n) for key, n in counts.items()}


def stored_pair_months() -> set[tuple]:
    return set(PairMonthCount.objects.values_list("person_a", "person_b", "month", "kind", "status", "contacts"))


def test_charts_of_the_whole_record_count_from_the_tallies(record):
    assert tally_for(ContactFilter(QueryDict(""), queryset=Contact.objects.all())).pairs is not None
    assert tally_for(ContactFilter(QueryDict("kind=visit"), queryset=Contact.objects.all())).pairs is None
    assert tally_for(ContactFilter(QueryDict("person=cato-brenn"), queryset=Contact.objects.all())).days is None
    assert tally_for(ContactFilter(QueryDict("topic=trade"), queryset=Contact.objects.all())) is None
    assert_tallies_count_like_the_contacts()


def test_pair_tally_stands_only_for_filters_that_keep_all_of_a_pairs_contacts(record, people):
    v, t, b = (people[k].pk for k in ("varen", "telos", "brenn"))

    def months(query, a, b):
        return tally_for(ContactFilter(QueryDict(query), queryset=Contact.objects.all())).pair_months(a, b)

    assert months("person=cato-brenn", v, b) is not None
    assert months("person=cato-brenn", v, t) is None  # only their contacts with Brenn there too
    assert months("pair=mira-telos,aldo-varen", t, v) is not None
    assert months("pair=aldo-varen,mira-telos", v, b) is None


def test_pair_tally_holds_every_pairs_contacts_per_month_kind_and_status(record):
    assert stored_pair_months() == pair_months_counted_from_the_contacts()
    assert len(stored_pair_months()) > 10


def test_comparison_by_month_reads_the_pair_tally_not_the_contacts(record):
    params = QueryDict(COMPARED)
    filterset = ContactFilter(params, queryset=Contact.objects.all())
    tally = tally_for(filterset)
    with CaptureQueriesContext(connection) as captured:
        chart_comparison(filterset.qs, params, tally=tally)
    tables = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in tables if '"tracker_contact"' in sql or "tracker_contact_participants" in sql]
    assert len([sql for sql in tables if "tracker_pairmonthcount" in sql]) == 3  # one per pair


def test_tallies_stay_right_when_contacts_move_change_and_go(record, people):
    v, t, b = people["varen"], people["telos"], people["brenn"]
    moved = Contact.objects.get(date=date(2023, 3, 14))
    moved.date, moved.kind = date(2024, 2, 29), "meeting"
    moved.save()
    Contact.objects.get(date=date(2023, 12, 31)).delete()
    contacts_set_status(Contact.objects.filter(status=ReviewStatus.PROPOSED), CONFIRMED)
    contacts_set_status(Contact.objects.filter(date=date(2024, 9, 9)), ReviewStatus.REJECTED)
    Contact.objects.get(date=date(2023, 6, 2)).participants.remove(b)
    contact_create(kind="letter", date=date(2023, 6, 2), participants=[t, b], status=CONFIRMED)
    Contact.objects.get(date=date(2023, 1, 30)).participants.add(b)
    v.contacts.remove(Contact.objects.get(date=date(2024, 1, 1), kind="phone_call"))
    Contact.objects.get(date=date(2023, 1, 5)).participants.clear()
    assert_tallies_count_like_the_contacts()
    assert stored_pair_months() == pair_months_counted_from_the_contacts()
    stored = (
        set(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        set(PairContactCount.objects.values_list("person_a", "person_b", "contacts")),
        stored_pair_months(),
    )
    contact_counts_recompute_all()
    assert stored == (
        set(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        set(PairContactCount.objects.values_list("person_a", "person_b", "contacts")),
        stored_pair_months(),
    )


# --- pages ------------------------------------------------------------------------------------


def test_charts_page_hands_every_figure_to_the_page_as_json(client, record):
    response = client.get(reverse("timeline:charts"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["frequency", "gaps", "network", "calendar", "comparison"]:
        assert f'<script id="chart-{name}-figure" type="application/json">' in html
        assert f'href="/charts/{name}.csv"' in html
    assert "vendor/plotly/plotly.min.js" in html and "js/charts.js" in html
    assert "<script>" not in html  # no inline script: the CSP would block it


def test_htmx_filter_request_gets_only_the_charts(client, record):
    response = client.get(reverse("timeline:charts") + "?kind=visit", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="charts"')
    assert "<html" not in html
    # Cookie too: editors (logged in) see the record under review, the public does not.
    assert [v.strip() for v in response["Vary"].split(",")] == ["HX-Request", "Cookie"]


def test_chart_fragment_and_page_share_one_url(client, record):
    url = reverse("timeline:chart", args=["frequency"]) + "?period=week"
    assert "<html" in client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("{# One chart") is False and '<section class="chart"' in fragment
    assert "<html" not in fragment


def test_embed_view_alone_may_be_framed_by_other_sites(client, record):
    embed = client.get(reverse("timeline:chart_embed", args=["gaps"]))
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    page = client.get(reverse("timeline:chart", args=["gaps"]))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]


def test_csv_holds_the_table_behind_the_chart(client, record):
    response = client.get(reverse("timeline:chart_csv", args=["network"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    expected = chart_context("network", QueryDict(""))["chart"].table
    assert rows[0] == expected.columns
    assert rows[1:] == [[str(cell) for cell in row] for row in expected.rows]


def test_unknown_chart_is_not_found(client):
    assert client.get("/charts/pie/").status_code == 404
    assert client.get("/charts/pie.csv").status_code == 404


def test_table_alternative_is_in_the_html_for_readers_without_javascript(client, record):
    html = client.get(reverse("timeline:chart", args=["network"])).content.decode()
    assert "<caption>Contacts between each pair" in html
    assert '<th scope="row">Aldo Varen</th>' in html


def test_plotly_js_is_found_in_the_installed_plotly_package():
    found = finders.find("vendor/plotly/plotly.min.js")
    assert found and found.endswith("plotly/package_data/plotly.min.js")
    listed = [path for finder in finders.get_finders() for path, _ in finder.list([])]
    assert "plotly.min.js" in listed
