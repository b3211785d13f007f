from datetime import date

import pytest
from django.urls import reverse

from timeline.pairs import office_left_on, pair_open_gap
from tracker.models import Office
from tracker.tests.factories import make_contact, make_country, make_person

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 24)


@pytest.fixture
def pair_with_a_former_leader():
    norvania, ostrelia = make_country("Norvania"), make_country("Ostrelia")
    varen = make_person(
        "Aldo Varen", country=norvania, office="President", start=date(2020, 1, 1), end=date(2025, 1, 20)
    )
    tolsk = make_person("Mira Tolsk", country=ostrelia, office="Prime Minister", start=date(2019, 5, 1))
    make_contact(varen, tolsk, on=date(2024, 2, 15))
    make_contact(varen, tolsk, on=date(2024, 3, 18))
    return varen, tolsk


def test_someone_with_a_current_office_has_not_left():
    assert office_left_on([(date(2019, 1, 1), None)], TODAY) is None
    assert office_left_on([], TODAY) is None
    assert office_left_on([(date(2019, 1, 1), date(2021, 1, 1)), (date(2022, 1, 1), None)], TODAY) is None


def test_someone_whose_offices_all_ended_left_on_the_last_end():
    offices = [(date(2009, 1, 1), date(2021, 6, 13)), (date(2022, 12, 29), date(2025, 1, 1))]
    assert office_left_on(offices, TODAY) == date(2025, 1, 1)


def test_the_silence_with_a_former_leader_ends_when_they_left_office(pair_with_a_former_leader):
    varen, tolsk = pair_with_a_former_leader
    gap = pair_open_gap(varen, tolsk, TODAY)
    assert not gap.is_open
    assert gap.left_office == varen
    assert gap.until == date(2025, 1, 20)
    assert gap.days == (date(2025, 1, 20) - date(2024, 3, 18)).days


def test_the_silence_between_two_sitting_leaders_is_open_up_to_today():
    a = make_person("Aldo Varen", office="President", start=date(2020, 1, 1))
    b = make_person("Mira Tolsk", office="Prime Minister", start=date(2020, 1, 1))
    make_contact(a, b, on=date(2026, 11, 1))
    gap = pair_open_gap(a, b, TODAY)
    assert gap.is_open and gap.days == 23


def test_the_pair_page_says_the_former_leader_left_office(client, pair_with_a_former_leader):
    varen, tolsk = pair_with_a_former_leader
    page = client.get(reverse("timeline:pair", args=[varen.slug, tolsk.slug])).content.decode()
    assert "Aldo Varen left office on 20 Jan 2025" in page
    assert "still open" not in page


def test_the_leader_page_marks_a_former_office_holder(client, pair_with_a_former_leader):
    varen, _ = pair_with_a_former_leader
    page = client.get(reverse("timeline:leader", args=[varen.slug])).content.decode()
    assert "Former office-holder: left office on" in page
    assert "No longer counted: Aldo Varen left office" in page


def test_a_leaders_offices_name_their_country_as_running_text_writes_it(client):
    republic = make_country("United Republic of Estralia")
    varen = make_person("Aldo Varen", country=republic, office="President", start=date(2020, 1, 1))
    make_person("Mira Tolsk", country=make_country("Norvania"), office="Prime Minister", start=date(2019, 5, 1))
    body = client.get(varen.get_absolute_url()).content.decode()
    assert "President of the United Republic of Estralia," in body
    assert "Prime Minister of Norvania (" in str(Office.objects.get(person__name="Mira Tolsk"))
    assert str(varen.offices.get()).startswith("President of the United Republic of Estralia (")
