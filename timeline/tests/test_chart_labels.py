"""Names that came from articles are inert in the charts: plotly reads ``<a href>``, ``<b>`` and
``<br>`` in titles, labels and hover text, so every name reaches it escaped."""

from __future__ import annotations

import html
import json
from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse

from timeline.chart_views import chart_context
from tracker.models import Country, Person, ReviewStatus
from tracker.services.contacts import contact_create

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

LINK = '<a href="https://evil.example/">x</a>'
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def hostile_names():
    norvania = Country.objects.create(name="Norvania")
    linker = Person.objects.create(name=LINK, slug="linker", country=norvania)
    scripter = Person.objects.create(name=SCRIPT, slug="scripter", country=norvania)
    plain = Person.objects.create(name="Aldo Varen", slug="aldo-varen", country=norvania)
    for day in [date(2024, 1, 5), date(2024, 2, 9), date(2024, 5, 1)]:
        contact_create(kind="phone_call", date=day, participants=[linker, scripter], status=ReviewStatus.CONFIRMED)
    contact_create(kind="meeting", date=date(2024, 3, 1), participants=[linker, plain], status=ReviewStatus.CONFIRMED)
    return linker, scripter


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_in(v)]
    return []


QUERIES = {
    "gaps": "pair=linker,scripter",
    "comparison": "compare=linker,scripter&compare=scripter,aldo-varen",
    "network": "",
    "frequency": "person=linker",
    "calendar": "person=linker",
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_every_figure_carries_names_only_escaped(hostile_names, name):
    figure = chart_context(name, QueryDict(QUERIES[name]))["chart"].figure
    text = strings_in(figure)
    assert not [s for s in text if "<a" in s or "<script" in s or 'evil.example/">' in s]
    if name in ("gaps", "comparison", "network"):
        joined = " ".join(text)
        assert html.escape(LINK) in joined and html.escape(SCRIPT) in joined


@pytest.mark.parametrize("view", ["timeline:chart", "timeline:chart_embed"])
@pytest.mark.parametrize("name", ["gaps", "network", "comparison"])
def test_the_rendered_chart_has_no_link_or_script_from_a_name(client, hostile_names, view, name):
    page = client.get(reverse(view, args=[name]) + "?" + QUERIES[name]).content.decode()
    assert LINK not in page and SCRIPT not in page
    assert 'href="https://evil.example/"' not in page
    # The figure's JSON, as the page hands it to plotly.js, holds the names escaped.
    start = page.index(f'<script id="chart-{name}-figure" type="application/json">')
    body = page[page.index(">", start) + 1 : page.index("</script>", start)]
    assert html.escape(LINK) in json.dumps(json.loads(body), ensure_ascii=False)


def test_the_network_matrix_carries_names_only_escaped(client, hostile_names):
    figure = chart_context("network", QueryDict("network=matrix"))["chart"].figure
    text = strings_in(figure)
    assert not [s for s in text if "<a" in s or "<script" in s or 'evil.example/">' in s]
    assert html.escape(LINK) in figure["data"][0]["x"] and html.escape(SCRIPT) in figure["data"][0]["y"]
    page = client.get(reverse("timeline:chart", args=["network"]) + "?network=matrix").content.decode()
    assert LINK not in page and SCRIPT not in page
