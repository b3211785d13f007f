"""A person merged into another keeps a working address: their pages answer 301 with the page of
the person they were merged into, not 404."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.models import Person, PersonRedirect
from tracker.services.merge import people_merge
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged():
    """Aldo Varen was on record twice ("Aldo Varren" from one article); an editor merged them."""
    aldo, double, mira = make_person("Aldo Varen"), make_person("Aldo Varren"), make_person("Mira Tolsk")
    make_contact(double, mira, on=date(2024, 3, 1))
    make_contact(aldo, mira, on=date(2024, 4, 1))
    assert double.slug == "aldo-varren"
    people_merge(keep=aldo, other=double)
    return aldo, mira


def test_a_merged_away_persons_page_redirects_permanently_to_the_one_kept(client, merged):
    aldo, _ = merged
    assert not Person.objects.filter(slug="aldo-varren").exists()
    response = client.get("/leaders/aldo-varren/")
    assert response.status_code == 301 and response["Location"] == "/leaders/aldo-varen/"
    assert client.get(response["Location"]).status_code == 200
    assert PersonRedirect.objects.get(slug="aldo-varren").person == aldo


def test_pair_pages_feeds_and_exports_follow_the_merge_with_their_query(client, merged):
    response = client.get("/pairs/aldo-varren/mira-tolsk/?kind=call")
    assert response.status_code == 301 and response["Location"] == "/pairs/aldo-varen/mira-tolsk/?kind=call"
    assert client.get(response["Location"]).status_code == 200
    for old, new in [
        ("/pairs/mira-tolsk/aldo-varren/gaps.csv", "/pairs/mira-tolsk/aldo-varen/gaps.csv"),
        ("/leaders/aldo-varren/contacts.atom", "/leaders/aldo-varen/contacts.atom"),
        ("/leaders/aldo-varren/calendar.ics", "/leaders/aldo-varen/calendar.ics"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)


def test_a_second_merge_carries_the_first_ones_address_along(client, merged):
    aldo, _ = merged
    keeper = make_person("Aldo Varen-Ost")
    people_merge(keep=keeper, other=aldo)
    for old in ("/leaders/aldo-varren/", "/leaders/aldo-varen/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/leaders/aldo-varen-ost/")


def test_a_new_person_does_not_take_a_merged_away_address(client, merged):
    again = Person.objects.create(name="Aldo Varren")
    assert again.slug == "aldo-varren-2"
    assert client.get("/leaders/aldo-varren/")["Location"] == "/leaders/aldo-varen/"


def test_an_address_that_never_named_anyone_is_still_404(client, merged):
    assert client.get("/leaders/no-such-person/").status_code == 404
    assert client.get("/pairs/aldo-varen/aldo-varren/").status_code == 301  # then 404: one person
    assert client.get("/pairs/aldo-varen/aldo-varen/").status_code == 404
