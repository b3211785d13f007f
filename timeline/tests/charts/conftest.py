"""What the chart tests share: three fictional leaders and two years of their contacts."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import QueryDict

from timeline.filters import ContactFilter
from tracker.models import (
    Contact,
    Country,
    Office,
    Person,
    ReviewStatus,
)
from tracker.services.contacts import contact_create

CONFIRMED = ReviewStatus.CONFIRMED
CHART_TEST_MARKS = [
    pytest.mark.django_db,
    # whitenoise looks for STATIC_ROOT, which only collectstatic makes.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Tests run with DEBUG off and no collectstatic: no manifest for {% static %} to read.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def leader(name: str, country: str) -> Person:
    """A national of ``country`` in office there throughout the record (so every gap counts)."""
    nation = Country.objects.get_or_create(name=country)[0]
    person = Person.objects.create(name=name, country=nation)
    Office.objects.create(person=person, title="President", country=nation, start=date(2000, 1, 1))
    return person


@pytest.fixture
def people():
    return {
        "varen": leader("Aldo Varen", "Norvania"),
        "telos": leader("Mira Telos", "Ostovia"),
        "brenn": leader("Cato Brenn", "Drusania"),
    }


@pytest.fixture
def record(people):
    """Contacts over two years: most between Varen and Telos, some with Brenn, one of them
    three-sided, a proposed one and a rejected one that must not count."""
    v, t, b = people["varen"], people["telos"], people["brenn"]
    plan = [
        ("phone_call", date(2023, 1, 3), [v, t]),
        ("phone_call", date(2023, 1, 5), [v, t]),
        ("meeting", date(2023, 1, 30), [v, t]),
        ("video_call", date(2023, 3, 14), [v, b]),
        ("phone_call", date(2023, 6, 1), [v, t]),
        ("meeting", date(2023, 6, 2), [v, t, b]),
        ("visit", date(2023, 12, 31), [t, b]),
        ("phone_call", date(2024, 1, 1), [v, t]),
        ("phone_call", date(2024, 2, 29), [v, t]),
        ("letter", date(2024, 2, 29), [v, b]),
        ("phone_call", date(2024, 9, 9), [v, t]),
    ]
    for kind, day, who in plan:
        contact_create(kind=kind, date=day, participants=who, status=CONFIRMED)
    contact_create(kind="phone_call", date=date(2023, 1, 4), participants=[v, t])  # proposed
    contact_create(kind="meeting", date=date(2023, 2, 4), participants=[v, t], status=ReviewStatus.REJECTED)
    return people


def contacts_for(query: str):
    return ContactFilter(QueryDict(query), queryset=Contact.objects.all()).qs


def traces_by_name(figure: dict) -> dict[str, dict]:
    return {trace.get("name"): trace for trace in figure["data"]}
