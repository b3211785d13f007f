"""Every shape of gap claim is stored by ingest, entered by editors, and checked against the record;
a named anchor takes its date from the table of events. Fictional leaders and countries only."""

from datetime import date

import pytest
from django.urls import reverse

from tracker.models import Event, GapClaim
from tracker.services.ingest import article_ingest
from tracker.tests.factories import make_contact, make_country, make_leader

pytestmark = pytest.mark.django_db

PUBLISHED = date(2024, 3, 18)


@pytest.fixture
def pair():
    norvania = make_country("Norvania", demonyms="Norvanian")
    estralia = make_country("Estralia", demonyms="Estralian", iso_alpha2="XE")
    return make_leader("Aldo Varen", "President", norvania), make_leader("Mira Tol", "Prime Minister", estralia)


def ingest(body: str):
    text = (
        f"President Aldo Varen of Norvania spoke by phone on Monday with Prime Minister Mira Tol of Estralia.\n\n{body}"
    )
    return article_ingest(text=text, published=PUBLISHED, title="Varen and Tol speak", confirm=True)


def test_ingest_stores_an_ordinal_claim_and_counts_the_records_calls(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2024, 2, 1))
    ingest("It was their second call this year.")
    claim = GapClaim.objects.get()
    assert (claim.comparison, claim.ordinal, claim.anchor, claim.contact_kind) == (
        "ordinal",
        2,
        date(2024, 1, 1),
        "remote",
    )
    assert claim.verdict == "supported", claim.verdict_reason


def test_ingest_keeps_two_ordinal_claims_on_one_contact(pair):
    ingest("It was their second call this year and their 37th contact since 2013.")
    assert sorted(GapClaim.objects.values_list("ordinal", flat=True)) == [2, 37]


def test_a_named_anchor_stays_words_until_an_editor_dates_the_event(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2023, 9, 1))
    ingest("It was their first call since the harbour bombing.")
    claim = GapClaim.objects.get()
    assert (claim.comparison, claim.anchor, claim.anchor_text) == ("first_since", None, "the harbour bombing")
    assert claim.verdict == "uncheckable" and "the harbour bombing" in claim.verdict_reason

    Event.objects.create(name="Harbour bombing", date=date(2023, 10, 7), aliases="the bombing of the harbour")
    claim.refresh_from_db()
    assert claim.anchor_event.name == "Harbour bombing"
    assert claim.verdict == "supported", claim.verdict_reason


def test_an_event_already_in_the_table_dates_the_claim_when_it_is_stored(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2023, 10, 20))
    Event.objects.create(name="Harbour bombing", date=date(2023, 10, 7))
    ingest("It was their first call since the harbour bombing.")
    claim = GapClaim.objects.get()
    assert claim.verdict == "contradicted"
    assert claim.conflicting_contact.date == date(2023, 10, 20)


def test_ingest_stores_a_last_contact_claim(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2024, 2, 15))
    ingest("The two leaders last spoke on February 15.")
    claim = GapClaim.objects.get()
    assert (claim.comparison, claim.starts) == ("last_contact", date(2024, 2, 15))
    assert claim.verdict == "supported", claim.verdict_reason


def test_a_last_contact_in_a_month_holds_any_day_of_it(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2023, 6, 20))
    ingest("They last met in June, in the capital.")
    claim = GapClaim.objects.get()
    assert (claim.starts, claim.anchor_precision) == (date(2023, 6, 1), "month")
    assert claim.verdict == "supported", claim.verdict_reason


@pytest.mark.parametrize(
    "body, earlier, verdict",
    [
        ("This was their first call of the year.", [date(2023, 12, 20)], "supported"),
        ("This was their first call of the year.", [date(2024, 2, 1)], "contradicted"),
        ("It was the third call between President Varen and Prime Minister Tol.", [date(2022, 5, 1), date(2023, 7, 1)],
         "supported"),
        ("It was the third call between President Varen and Prime Minister Tol.", [date(2023, 7, 1)], "uncheckable"),
    ],
)  # fmt: skip
def test_a_count_of_the_year_or_ever_is_stored_and_checked_against_the_records_count(pair, body, earlier, verdict):
    varen, tol = pair
    for day in earlier:
        make_contact(varen, tol, on=day)
    ingest(body)
    claim = GapClaim.objects.get()
    assert claim.comparison == "ordinal"
    assert claim.verdict == verdict, claim.verdict_reason


def test_a_last_contact_last_week_is_stored_with_its_week_and_checked(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2024, 3, 14))
    ingest("The two leaders last spoke last week.")
    claim = GapClaim.objects.get()
    assert (claim.starts, claim.anchor_precision) == (date(2024, 3, 11), "week")
    assert claim.verdict == "supported", claim.verdict_reason


def test_a_last_contact_a_few_weeks_ago_is_stored_as_words_and_left_unchecked(pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2024, 2, 20))
    ingest("They last spoke a few weeks ago.")
    claim = GapClaim.objects.get()
    assert (claim.comparison, claim.starts, claim.last_when) == ("last_contact", None, "a few weeks ago")
    assert claim.verdict == "uncheckable", claim.verdict_reason


def test_an_editor_enters_a_second_since_claim_in_the_admin(editor_client, pair):
    varen, tol = pair
    make_contact(varen, tol, on=date(2024, 2, 1))
    make_contact(varen, tol, on=PUBLISHED)
    response = editor_client.post(
        reverse("admin:tracker_gapclaim_add"),
        {
            "text": "their second call since the new year",
            "person_a": varen.pk,
            "person_b": tol.pk,
            "ends": "2024-03-18",
            "comparison": "ordinal",
            "ordinal": "2",
            "contact_kind": "remote",
            "anchor": "2024-01-01",
            "anchor_precision": "day",
            "status": "confirmed",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert GapClaim.objects.get().verdict == "supported"


def test_an_ordinal_claim_needs_its_number(editor_client, pair):
    varen, tol = pair
    response = editor_client.post(
        reverse("admin:tracker_gapclaim_add"),
        {
            "text": "their nth call",
            "person_a": varen.pk,
            "person_b": tol.pk,
            "ends": "2024-03-18",
            "comparison": "ordinal",
            "anchor_precision": "day",
            "status": "confirmed",
        },
    )
    assert response.status_code == 200
    assert not GapClaim.objects.exists()


def test_editors_keep_the_table_of_events(editor_client):
    assert editor_client.get(reverse("admin:tracker_event_add")).status_code == 200
    response = editor_client.post(
        reverse("admin:tracker_event_add"),
        {"name": "Border war", "slug": "border-war", "date": "2019-05-01", "precision": "month", "aliases": ""},
    )
    assert response.status_code == 302
    assert Event.objects.get().precision == "month"


def test_an_event_is_found_by_its_longest_name_in_the_anchor_words():
    war = Event.objects.create(name="The war", date=date(2022, 2, 24))
    start = Event.objects.create(name="Start of the war", date=date(2022, 2, 24), aliases="the invasion")
    assert Event.objects.named_in("the start of the war") == start
    assert Event.objects.named_in("the war began") == war
    assert Event.objects.named_in("The Invasion") == start
    assert Event.objects.named_in("the floods") is None
