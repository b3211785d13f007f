from datetime import date

import pytest

from tracker.models import Country, Person, ReviewStatus
from tracker.services.records import contact_create


@pytest.fixture
def norvania():
    return Country.objects.create(name="Norvania")


@pytest.fixture
def people(norvania):
    ostrelia = Country.objects.create(name="Ostrelia", iso_alpha2="XO")
    return {
        "aldo": Person.objects.create(name="Aldo Varen", slug="aldo-varen", country=norvania),
        "mira": Person.objects.create(name="Mira Tolsk", slug="mira-tolsk", country=ostrelia),
        "ivo": Person.objects.create(name="Ivo Pell", slug="ivo-pell", country=norvania),
    }


def contact(day: date, *participants, kind="phone_call", status=ReviewStatus.CONFIRMED, summary=""):
    return contact_create(kind=kind, date=day, participants=participants, status=status, summary=summary)


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # Tests run with DEBUG off but without collectstatic: no manifest to look names up in.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
