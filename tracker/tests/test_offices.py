from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from tracker.models import Country, Office, Person, office_holder
from tracker.tests.factories import make_country, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders():
    for name in ("countries", "organisations", "leaders"):
        call_command("loaddata", name, verbosity=0)


def test_the_president_in_march_2024_is_biden_and_in_march_2025_trump(leaders):
    us = Country.objects.get(iso_alpha2="US")
    assert office_holder("President", us, date(2024, 3, 18)).name == "Joe Biden"
    assert office_holder("President", us, date(2025, 3, 18)).name == "Donald Trump"


def test_an_office_ends_the_day_its_successor_starts(leaders):
    us = Country.objects.get(iso_alpha2="US")
    assert office_holder("President", us, date(2021, 1, 19)).name == "Donald Trump"
    assert office_holder("President", us, date(2021, 1, 20)).name == "Joe Biden"


def test_a_former_leader_holds_no_office_today(leaders):
    bennett = Person.objects.get(slug="naftali-bennett")
    assert bennett.offices_on(date(2021, 8, 27))[0].title == "Prime Minister"
    assert bennett.offices_on(date(2024, 3, 18)) == []
    assert not Person.objects.holding_office_on(date(2024, 3, 18)).filter(pk=bennett.pk).exists()


def test_netanyahus_two_terms_leave_a_gap_in_office(leaders):
    israel = Country.objects.get(iso_alpha2="IL")
    assert office_holder("Prime Minister", israel, date(2022, 1, 1)).name == "Naftali Bennett"
    assert office_holder("Prime Minister", israel, date(2024, 3, 18)).name == "Benjamin Netanyahu"


def test_an_office_that_ends_before_it_starts_is_refused_in_validation_and_by_the_database():
    norvania = make_country()
    person = make_person("Aldo Varen", country=norvania)
    office = Office(person=person, title="President", country=norvania, start=date(2024, 5, 1), end=date(2024, 4, 1))
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        office.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        office.save()
    assert not Office.objects.exists()


def test_a_union_kingdom_republic_or_plural_name_takes_the_in_running_text():
    from tracker.rules import country_in_text

    assert country_in_text("Estralian Federation") == "the Estralian Federation"
    assert country_in_text("Ostmark Islands") == "the Ostmark Islands"
    assert country_in_text("United Wendland") == "the United Wendland"
    assert country_in_text("Norvania") == "Norvania"
    assert country_in_text("NATO") == "NATO"
    assert country_in_text("The Gambia") == "The Gambia"  # the article already there is not doubled
