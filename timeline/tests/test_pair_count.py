"""A pair's result count read from its tallies equals the count of the rows it stands for."""

from datetime import date

import pytest

from timeline.filters import ContactFilter
from tracker.models import Contact
from tracker.services.contacts import contacts_set_status
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    a, b, c = make_person("Aldo Varen"), make_person("Mira Tolsk"), make_person("Ines Qarro")
    make_contact(a, b, on=date(2024, 1, 3))
    make_contact(a, b, on=date(2024, 1, 20), kind=Contact.Kind.MEETING)
    make_contact(a, b, on=date(2024, 2, 5), planned=True)
    make_contact(a, b, c, on=date(2024, 3, 1), kind=Contact.Kind.VIDEO_CALL)
    make_contact(a, b, on=date(2024, 3, 9), status="proposed")
    make_contact(a, c, on=date(2024, 3, 10))
    return a, b, c


@pytest.mark.parametrize(
    "extra",
    [{}, {"status": "proposed"}, {"status": "any"}, {"kind": ["phone_call", "video_call"]}, {"status": "rejected"}],
)
def test_a_pairs_count_from_its_tallies_equals_the_rows(record, extra, editor_request):
    a, b, _ = record
    contacts_set_status([Contact.objects.get(date=date(2024, 1, 20))], "rejected")
    data = {"pair": f"{a.slug},{b.slug}", **extra}
    filterset = ContactFilter(data, queryset=Contact.objects.all(), request=editor_request)
    assert filterset.pair_count_from_tallies() == filterset.qs.count()


def test_any_other_filter_counts_the_rows_instead(record):
    a, b, _ = record
    filterset = ContactFilter({"pair": f"{a.slug},{b.slug}", "start": "2024-02-01"}, queryset=Contact.objects.all())
    assert filterset.pair_count_from_tallies() is None


def test_the_pair_timeline_shows_the_tallied_count(client, record):
    a, b, _ = record
    page = client.get(f"/timeline/?pair={a.slug},{b.slug}").content.decode()
    assert "4 contacts" in page
