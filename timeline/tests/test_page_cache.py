"""Public pages from the cache: served again until the record changes, and fresh on the next read
after any write (admin review and edits, ingest, merges); never for logged-in editors. These tests
commit (``transaction=True``): the record's version moves when a write commits."""

from __future__ import annotations

import gzip
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from timeline.models import RecordVersion
from timeline.record_version import VERSION_ROW, record_version
from tracker.models import Contact, IngestJob, ReviewStatus
from tracker.services.contacts import contact_source_add
from tracker.services.ingest import article_ingest
from tracker.tests.factories import an_extraction, call_item, make_contact
from tracker.tests.test_merge import article

pytestmark = pytest.mark.django_db(transaction=True)

HX = {"HX-Request": "true"}
TIMELINE = "/timeline/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    # A flush between transactional tests empties every table, the version's row with it.
    RecordVersion.objects.get_or_create(pk=VERSION_ROW)
    cache.clear()
    yield
    cache.clear()


def write_behind_djangos_back(sql: str, params=()) -> None:
    """A change the record's version cannot see (as psql's would be): shows what the cache serves."""
    with connection.cursor() as cursor:
        cursor.cursor.execute(sql.replace("%s", "?") if connection.vendor == "sqlite" else sql, params)


def public_text(path: str, **headers) -> str:
    response = Client().get(path, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def call(people):
    return make_contact(people["aldo"], people["mira"], on=date(2024, 3, 18), summary="The first call.")


def test_a_public_page_is_served_from_the_cache_until_the_record_changes(call):
    assert "The first call." in public_text(TIMELINE, **HX)
    write_behind_djangos_back("UPDATE tracker_contact SET summary = %s", ["Changed unseen."])
    assert "The first call." in public_text(TIMELINE, **HX)
    Contact.objects.filter(pk=call.pk).update(summary="Changed through Django.")
    assert "Changed through Django." in public_text(TIMELINE, **HX)


def test_a_cached_page_costs_one_query(call):
    first = public_text(TIMELINE, **HX)
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(TIMELINE, headers=HX)
    assert again.content.decode() == first
    # The version; SQLite's PRAGMA optimize after each request (tracker.planner_statistics) aside.
    assert [q["sql"] for q in queries if not q["sql"].startswith("PRAGMA")] == [
        "SELECT number FROM timeline_recordversion WHERE id = 1"
    ]


def test_a_chart_is_cached_and_counts_a_new_contact_on_the_next_read(people, call):
    table = reverse("timeline:chart_csv", args=["frequency"])
    before = Client().get(table).content.decode()
    assert Client().get(table).content.decode() == before
    make_contact(people["aldo"], people["ivo"], on=date(2024, 3, 20))
    assert Client().get(table).content.decode() != before


def test_the_fragment_and_the_page_are_separate_entries(call):
    fragment = public_text(TIMELINE, **HX)
    page = public_text(TIMELINE)
    assert "<html" not in fragment and "<html" in page
    assert public_text(TIMELINE, **HX) == fragment and public_text(TIMELINE) == page
    assert "HX-Request" in Client().get(TIMELINE, headers=HX)["Vary"]


def test_different_query_strings_are_different_entries(people, call):
    make_contact(people["aldo"], people["ivo"], on=date(2024, 4, 1), summary="A call with Ivo.")
    everyone = public_text(TIMELINE, **HX)
    one_pair = public_text(f"{TIMELINE}?pair=aldo-varen,mira-tolsk", **HX)
    assert "A call with Ivo." in everyone and "A call with Ivo." not in one_pair
    assert public_text(TIMELINE, **HX) == everyone


def test_a_cached_page_comes_gzipped_to_a_browser_that_accepts_it(call):
    plain = public_text(TIMELINE)
    response = Client().get(TIMELINE, headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode() == plain
    assert response["ETag"] == "W/" + Client().get(TIMELINE)["ETag"]
    again = Client().get(TIMELINE, headers={"Accept-Encoding": "gzip", "If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_a_full_page_for_the_public_sets_no_cookie_and_is_kept(call):
    response = Client().get(TIMELINE)
    assert not response.cookies and "csrftoken" not in response.content.decode()
    assert response.has_header("ETag")


def test_confirming_a_contact_in_the_admin_shows_it_on_the_next_public_read(admin_client, people):
    proposed = make_contact(
        people["aldo"], people["mira"], on=date(2024, 5, 2), summary="Awaiting review.", status=ReviewStatus.PROPOSED
    )
    assert "Awaiting review." not in public_text(TIMELINE, **HX)
    response = admin_client.post(
        reverse("admin:tracker_contact_changelist"), {"action": "confirm_selected", "_selected_action": [proposed.pk]}
    )
    assert response.status_code == 302
    assert "Awaiting review." in public_text(TIMELINE, **HX)


def test_rejecting_a_contact_in_the_admin_takes_it_off_the_public_pages(admin_client, call):
    pair_page = reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])
    assert "The first call." in public_text(pair_page)
    admin_client.post(
        reverse("admin:tracker_contact_changelist"), {"action": "reject_selected", "_selected_action": [call.pk]}
    )
    assert "The first call." not in public_text(pair_page)


def test_editing_a_contact_in_the_admin_shows_the_edit_on_the_next_public_read(admin_client, people, call):
    assert "The first call." in public_text(TIMELINE, **HX)
    response = admin_client.post(
        reverse("admin:tracker_contact_change", args=[call.pk]),
        {
            "kind": "phone_call",
            "date": "2024-03-18",
            "date_precision": "day",
            "participants": [people["aldo"].pk, people["mira"].pk],
            "status": "confirmed",
            "summary": "The first call, as edited.",
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "statements-TOTAL_FORMS": 0,
            "statements-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "The first call, as edited." in public_text(TIMELINE, **HX)


def test_an_ingested_article_shows_on_the_next_public_read(people, call):
    leader_page = reverse("timeline:leader", args=["aldo-varen"])
    assert "Ivo Pell" not in public_text(leader_page)
    text = "Aldo Varen spoke with Ivo Pell by phone today."
    spoke = call_item(text, "Aldo Varen spoke with Ivo Pell", [people["aldo"], people["ivo"]], date(2024, 6, 1))
    extraction = an_extraction(text=text, contacts=[spoke])
    article_ingest(text=text, published=date(2024, 6, 1), extraction=extraction, confirm=True)
    assert "Ivo Pell" in public_text(leader_page)


def test_a_merge_in_the_admin_shows_on_the_next_public_read(admin_client, people, call):
    other = make_contact(people["aldo"], people["mira"], on=date(2024, 3, 19), summary="The other side's account.")
    contact_source_add(contact=other, article=article("Ostrelian release"))
    pair_page = reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])
    assert "The other side&#x27;s account." in public_text(pair_page)
    merge = reverse("admin:tracker_contact_merge")
    response = admin_client.post(merge, {"ids": f"{call.pk},{other.pk}", "keep": call.pk})
    assert response.status_code == 302
    assert "The other side&#x27;s account." not in public_text(pair_page)


def test_editors_are_never_served_the_cache_nor_fill_it(admin_client, people, call):
    make_contact(people["aldo"], people["mira"], on=date(2024, 5, 2), summary="Awaiting review.", status="proposed")
    everything = f"{TIMELINE}?status=any"
    public = Client().get(everything, headers=HX).content.decode()
    assert "Awaiting review." not in public
    assert "Awaiting review." in admin_client.get(everything, headers=HX).content.decode()
    cache.clear()
    assert "Awaiting review." in admin_client.get(everything, headers=HX).content.decode()
    assert Client().get(everything, headers=HX).content.decode() == public


def test_a_conditional_get_is_answered_not_modified_until_the_record_changes(call):
    first = Client().get(TIMELINE, headers=HX)
    etag = first["ETag"]
    again = Client().get(TIMELINE, headers={**HX, "If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    Contact.objects.filter(pk=call.pk).update(summary="Changed.")
    changed = Client().get(TIMELINE, headers={**HX, "If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_version_moves_once_per_committed_transaction_that_writes_the_record(call):
    before = record_version()
    with transaction.atomic():
        Contact.objects.filter(pk=call.pk).update(summary="One.")
        Contact.objects.filter(pk=call.pk).update(summary="Two.")
        assert record_version() == before  # moves at the commit, not before
    assert record_version() == before + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        Contact.objects.filter(pk=call.pk).update(summary="Rolled back.")
        raise RuntimeError
    assert record_version() == before + 1


def test_an_ingest_jobs_progress_does_not_move_the_version():
    before = record_version()
    IngestJob.objects.create(path="/nowhere")
    assert record_version() == before
