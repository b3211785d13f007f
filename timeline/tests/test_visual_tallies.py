"""The visual timeline read from the stored tallies answers exactly as when it counts every
contact: for a country, a leader's counterparts and a pair, at every counting period and with
ranges that cut months."""

from collections import Counter
from datetime import date, timedelta
from itertools import cycle
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from timeline.filters import ContactFilter
from tracker.models import Contact
from tracker.services.upkeep import gaps_deferred
from tracker.tests.factories import make_contact, make_country, make_person

URL = "/timeline/visual.json"
pytestmark = pytest.mark.django_db


@pytest.fixture
def record(people):
    """Ten years of contacts of five people in two countries, with summits of three (which put a
    pair of two others in a country's contacts) and a month-precision letter."""
    kelland = make_country("Kelland", iso_alpha2="XK")
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    oren = make_person("Oren Dask", slug="oren-dask", country=kelland)
    lisel = make_person("Lisel Varn", slug="lisel-varn", country=kelland)
    groups = cycle([(aldo, mira), (aldo, oren), (mira, oren), (aldo, mira, lisel), (ivo, oren), (mira, lisel, oren)])
    kinds = cycle(["phone_call", "meeting", "phone_call", "visit", "video_call"])
    day = date(2015, 1, 3)
    with gaps_deferred():  # the tallies written once at the end, as an ingest batch does
        while day < date(2025, 1, 1):
            make_contact(*next(groups), on=day, kind=next(kinds))
            day += timedelta(days=23)
    make_contact(aldo, mira, on=date(2020, 6, 9), kind="letter", date_precision="month")
    return people


def answers(client, monkeypatch, query: dict) -> tuple[dict, dict]:
    """The endpoint's answer as it is, and with no stored tally standing for any filter."""
    fast = client.get(URL, query).json()
    with monkeypatch.context() as patched:
        patched.setattr("timeline.visual.tally_for", lambda contact_filter: None)
        patched.setattr(ContactFilter, "pair_count_from_tallies", lambda self: None)
        slow = client.get(URL, query).json()
    return fast, slow


def same_answer(fast: dict, slow: dict) -> None:
    assert not fast.get("errors") and fast["counts"] and not fast["marks"]
    # The slow path may add that lanes were ranked on the latest contacts; all else is the same.
    assert slow["note"].startswith(fast["note"])
    assert {**fast, "note": ""} == {**slow, "note": ""}


RANGES = [{}, {"start": "2017-03-14", "end": "2019-11-20"}, {"start": "2020-01-01", "end": "2020-12-31"}]


@pytest.mark.parametrize("dates", RANGES)
def test_a_country_from_its_nationals_tallies_equals_counting_its_contacts(client, record, monkeypatch, dates):
    monkeypatch.setattr("timeline.visual.MAX_MARKS", 5)
    fast, slow = answers(client, monkeypatch, {"country": "XO", "rows": 6, **dates})
    same_answer(fast, slow)
    # A pair of two others met in one of Mira's summits is a lane, counted from its contacts.
    assert "Oren Dask – Lisel Varn" in [lane["label"] for lane in fast["lanes"]]


@pytest.mark.parametrize("dates", RANGES)
def test_a_country_with_two_nationals_in_one_summit_counts_each_contact_once(client, record, monkeypatch, dates):
    monkeypatch.setattr("timeline.visual.MAX_MARKS", 5)
    fast, slow = answers(client, monkeypatch, {"country": "XK", "rows": 6, **dates})
    same_answer(fast, slow)
    held = ContactFilter(QueryDict(urlencode({"country": "XK", **dates})), queryset=Contact.objects.all()).qs
    assert fast["total"] == held.count() and not fast["total_more"]
    assert "ranked" not in fast["note"] and "latest" not in fast["note"]


@pytest.mark.parametrize("dates", RANGES)
def test_a_leaders_counterparts_from_the_tallies_equal_counting_the_contacts(client, record, monkeypatch, dates):
    monkeypatch.setattr("timeline.visual.MAX_MARKS", 5)
    query = {"person": "mira-tolsk", "lanes": "counterpart", "lead": "mira-tolsk", **dates}
    fast, slow = answers(client, monkeypatch, query)
    same_answer(fast, slow)
    # Each lane's counts are the contacts Mira had with that counterpart in the range.
    mira = record["mira"]
    start, end = (date.fromisoformat(dates[key]) if key in dates else None for key in ("start", "end"))
    held = Contact.objects.involving(mira).between(start, end).prefetch_related("participants")
    expected = Counter(p.name for contact in held for p in contact.participants.all() if p != mira)
    counted = Counter()
    for lane, _, n, _ in fast["counts"]:
        counted[fast["lanes"][lane]["label"]] += n
    assert counted == expected


@pytest.mark.parametrize("dates", RANGES)
def test_a_pair_from_its_month_tallies_equals_counting_its_contacts(client, record, monkeypatch, dates):
    monkeypatch.setattr("timeline.visual.MAX_MARKS", 5)
    fast, slow = answers(client, monkeypatch, {"pair": "aldo-varen,mira-tolsk", **dates})
    same_answer(fast, slow)
    assert fast["extent"] == {"first": "2015-01-03", "last": slow["extent"]["last"]}
