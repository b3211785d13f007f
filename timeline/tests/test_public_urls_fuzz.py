"""No input to a public URL answers 500: every pattern of the timeline's URLconf, with real and
hostile path values and query strings, by GET and by HEAD.

The example budget comes from the hypothesis profile (small by default, larger in CI). The record
is a few fictional leaders, so the real slugs and ids make the views run their whole path.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.charts import CHARTS
from tracker.models import Article, ContactSource, Country, Person, ReviewStatus, Topic
from tracker.services.contacts import contact_create

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

SLUGS = ["aldo-varen", "mira-tolsk", "ivo-pell"]
# Every parameter a public URL reads (the filters, the feed's cursor, the charts' options).
KEYS = [
    "person",
    "country",
    "pair",
    "kind",
    "topic",
    "status",
    "start",
    "end",
    "q",
    "statements",
    "after",
    "period",
    "year",
    "compare",
]
HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "9" * 30,
        "9" * 5000,
        "-1",
        "0",
        "9999-12-31",
        "9999-12",
        "0001-01-01",
        "1899-12-31",
        "2101-01-01",
        "2024-02-30",
        "99999",
        "-2024",
        "any",
        "week",
        "aldo-varen,aldo-varen",
        "aldo-varen,mira-tolsk",
        "aldo-varen,mira-tolsk,ivo-pell",
        ",",
        "9999-12-31_c1",
        "2024-01-01_c" + "9" * 40,
        "2024-01-01_s٣",
        "<script>alert(1)</script>",
        "\x00",
        "Ωμέγα 🚀",
        "%00",
        "XO",
        *SLUGS,
    ]
)
VALUES = st.one_of(
    HOSTILE,
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)
PAIRS = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), VALUES), max_size=25)
# One key repeated past the cap on repeated values (filters.MAX_VALUES).
REPEATED = st.tuples(st.sampled_from(KEYS), VALUES, st.integers(21, 60)).map(lambda t: [(t[0], t[1])] * t[2])
QUERY = st.one_of(PAIRS, REPEATED)


def public_patterns() -> list[URLPattern]:
    """The timeline's URL patterns, read from the URLconf (a new one is fuzzed without a change here)."""
    found = []
    for entry in get_resolver().url_patterns:
        if getattr(entry, "namespace", None) == "timeline":
            found += [p for p in entry.url_patterns if isinstance(p, URLPattern)]
    return found


def path_values(pk_of: dict[str, list[int]]) -> dict[str, st.SearchStrategy]:
    """A strategy for each path parameter name the URLconf uses: real values and hostile ones."""
    ids = st.one_of(st.sampled_from(pk_of["contact"] + pk_of["article"]), st.integers(0, 10**30))
    slugs = st.one_of(st.sampled_from(SLUGS), st.from_regex(r"\A[-a-zA-Z0-9_]{1,60}\Z"))
    return {
        "a": slugs,
        "b": slugs,
        "slug": slugs,
        "pk": ids,
        "name": st.one_of(st.sampled_from(list(CHARTS)), st.from_regex(r"\A[-a-z0-9_]{1,20}\Z")),
        "fmt": st.one_of(st.sampled_from(["csv", "json"]), st.from_regex(r"\A[^/]{1,10}\Z")),
    }


@pytest.fixture
def fictional_record():
    norvania = Country.objects.create(name="Norvania")
    ostrelia = Country.objects.create(name="Ostrelia", iso_alpha2="XO")
    aldo = Person.objects.create(name="Aldo Varen", slug="aldo-varen", country=norvania)
    mira = Person.objects.create(name="Mira Tolsk", slug="mira-tolsk", country=ostrelia)
    ivo = Person.objects.create(name="Ivo Pell", slug="ivo-pell", country=norvania)
    Topic.objects.create(name="Trade", slug="trade")
    article = Article.objects.create(title="Calls", text="Varen called Tolsk. Pell wrote.", published=date(2024, 3, 1))
    contacts = [
        contact_create(
            kind="phone_call", date=date(2024, 1, 5), participants=[aldo, mira], status=ReviewStatus.CONFIRMED
        ),
        contact_create(kind="letter", date=date(2024, 2, 29), participants=[aldo, ivo], status=ReviewStatus.CONFIRMED),
        contact_create(kind="meeting", date=date(2024, 3, 1), participants=[aldo, mira, ivo]),
    ]
    ContactSource.objects.create(contact=contacts[0], article=article, start=0, end=18)
    return {"contact": [c.pk for c in contacts], "article": [article.pk]}


def test_every_public_pattern_has_values_to_fuzz(fictional_record):
    providers = path_values(fictional_record)
    patterns = public_patterns()
    assert len(patterns) >= 10
    for pattern in patterns:
        assert set(pattern.pattern.converters) <= set(providers), pattern.name


def test_head_answers_wherever_get_does(client, fictional_record):
    real = {"a": "aldo-varen", "b": "mira-tolsk", "slug": "aldo-varen", "name": "gaps", "fmt": "csv"}
    real["pk"] = fictional_record["contact"][0]
    for pattern in public_patterns():
        args = {k: real[k] for k in pattern.pattern.converters}
        if pattern.name == "article":
            args["pk"] = fictional_record["article"][0]
        url = reverse(f"timeline:{pattern.name}", kwargs=args)
        got, head = client.get(url), client.head(url)
        assert got.status_code == 200, url
        assert head.status_code == 200 and head.content == b"", url


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_public_url_answers_500_to_any_input(client, fictional_record, data):
    pattern = data.draw(st.sampled_from(public_patterns()), label="pattern")
    providers = path_values(fictional_record)
    kwargs = {name: data.draw(providers[name], label=name) for name in pattern.pattern.converters}
    url = reverse(f"timeline:{pattern.name}", kwargs=kwargs)
    query = data.draw(QUERY, label="query")
    params: dict[str, list[str]] = {}
    for key, value in query:
        params.setdefault(key, []).append(value)
    headers = {"HX-Request": "true"} if data.draw(st.booleans(), label="htmx") else {}
    # The test client raises what a view raises, so a crash fails here with its traceback.
    got = client.get(url, params, headers=headers)
    head = client.head(url, params, headers=headers)
    assert got.status_code < 500 and head.status_code == got.status_code, (url, params)
    if got.status_code == 302:  # typed names or empty values: the same page at its canonical URL, once
        canonical = got["Location"]
        assert canonical.split("?")[0] == url, (url, params, canonical)
        got = client.get(canonical, headers=headers)
        assert got.status_code != 302, (url, params, canonical)
    assert got.status_code in (200, 400, 404), (url, params, got.status_code)


def test_many_empty_values_lead_once_to_the_page_without_them(client, fictional_record):
    # What the fuzz found: 21 untouched picker boxes (more than a key may repeat) are no values at all.
    got = client.get(reverse("timeline:timeline"), {"person": [""] * 21, "country": ""})
    assert (got.status_code, got["Location"]) == (302, reverse("timeline:timeline"))
    assert client.get(got["Location"]).status_code == 200
