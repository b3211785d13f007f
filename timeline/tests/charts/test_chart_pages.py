"""Chart pages, fragments, embeds and CSV.

Data is plainly fictional: three leaders of invented countries (``conftest.py``).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import plotly
from django.contrib.staticfiles import finders
from django.http import QueryDict
from django.urls import reverse

from timeline.chart_views import chart_context
from timeline.tests.charts.conftest import CHART_TEST_MARKS

pytestmark = CHART_TEST_MARKS


# --- pages ------------------------------------------------------------------------------------


def test_charts_page_hands_every_figure_to_the_page_as_json(client, record):
    response = client.get(reverse("timeline:charts"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["frequency", "gaps", "network", "calendar", "comparison"]:
        assert f'<script id="chart-{name}-figure" type="application/json">' in html
        assert f'href="/charts/{name}.csv"' in html
    assert "vendor/plotly/plotly-cartesian.min.js" in html and "js/charts.js" in html
    assert "<script>" not in html  # no inline script: the CSP would block it


def test_htmx_filter_request_gets_only_the_charts(client, record):
    response = client.get(reverse("timeline:charts") + "?kind=visit", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="charts"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]  # beside Accept-Encoding (pages are gzipped)
    # Cookie too: editors (logged in) see the record under review, the public does not.
    assert "Cookie" in response["Vary"]


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


def test_the_vendored_plotly_bundle_is_the_version_plotly_py_builds_figures_for():
    # plotly.py validates the figures the tests build against the plotly.js it ships; the
    # browser must run that same version (static/vendor/plotly/README.md).
    found = finders.find("vendor/plotly/plotly-cartesian.min.js")
    assert found
    package = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    version = re.compile(rb"plotly\.js (?:\(cartesian - minified\) )?v(\d+\.\d+\.\d+)")
    with open(found, "rb") as vendored, open(package, "rb") as shipped:
        assert version.search(vendored.read(300)).group(1) == version.search(shipped.read(300)).group(1)


def test_an_embed_names_its_pair_and_its_title_opens_the_full_page_outside_the_frame(client, record):
    html = client.get("/charts/gaps/embed/?pair=aldo-varen,mira-telos").content.decode()
    assert 'target="_top">Gaps between contacts: Aldo Varen and Mira Telos</a>' in html


def test_the_chart_page_offers_an_iframe_snippet_with_a_height(client, record):
    html = client.get("/charts/frequency/?person=cato-brenn").content.decode()
    snippet = html.split('<textarea readonly rows="3"', 1)[1].split("</textarea>", 1)[0]
    assert '&lt;iframe src="http://testserver/charts/frequency/embed/' in snippet
    assert 'height="620"' in snippet and "Cato Brenn" in snippet


def test_the_charts_page_uses_the_timelines_filter_form(client, record):
    html = client.get("/charts/?person=cato-brenn").content.decode()
    assert '<input type="text" name="person" id="id_person" list="people-options"' in html
    assert '<select name="person"' not in html
    assert 'hx-target="#charts"' in html
    assert 'value="cato-brenn" checked aria-label="Cato Brenn (untick to remove)"> Cato Brenn' in html
