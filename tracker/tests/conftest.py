"""Fixtures for the tests of both apps (``timeline/tests/conftest.py`` imports them), built with
the factories of ``tracker.tests.factories``."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User

from tracker.tests.factories import an_editor_request, make_country, make_person


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # Tests run with DEBUG off but without collectstatic: no manifest to look names up in, and
    # the pages only need to render here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def norvania():
    return make_country("Norvania")


@pytest.fixture
def people(norvania):
    ostrelia = make_country("Ostrelia", iso_alpha2="XO")
    # In office throughout the tests' dates, so their gaps are silences between office-holders.
    since = date(2000, 1, 1)
    return {
        "aldo": make_person("Aldo Varen", slug="aldo-varen", country=norvania, office="President", start=since),
        "mira": make_person("Mira Tolsk", slug="mira-tolsk", country=ostrelia, office="President", start=since),
        "ivo": make_person("Ivo Pell", slug="ivo-pell", country=norvania, office="Prime Minister", start=since),
    }


@pytest.fixture
def editor_request():
    return an_editor_request()


@pytest.fixture
def editor_client(client):
    """The test client, logged in as a member of the editors group."""
    user = User.objects.create_user("ed", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    client.force_login(user)
    return client
