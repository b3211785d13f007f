"""Merging in the admin: the action leads to a preview of what will move; only a POST merges."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tracker.models import Contact, Person
from tracker.services.contacts import contact_source_add
from tracker.tests.factories import make_contact, make_person
from tracker.tests.test_merge import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(people):
    one = make_contact(people["aldo"], people["mira"], on=date(2024, 3, 18))
    two = make_contact(people["aldo"], people["mira"], on=date(2024, 3, 19), summary="The other side's account.")
    contact_source_add(contact=two, article=article("Ostrelian release"))
    return one, two


def test_the_merge_action_leads_to_a_preview_that_changes_nothing(admin_client, twins):
    one, two = twins
    response = admin_client.post(
        reverse("admin:tracker_contact_changelist"), {"action": "merge_selected", "_selected_action": [one.pk, two.pk]}
    )
    assert response.status_code == 302
    preview = admin_client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "source “Ostrelian release” of contact" in html and 'name="csrfmiddlewaretoken"' in html
    assert Contact.objects.count() == 2


def test_confirming_the_preview_merges_into_the_chosen_contact(admin_client, twins):
    one, two = twins
    url = reverse("admin:tracker_contact_merge")
    response = admin_client.post(url, {"ids": f"{one.pk},{two.pk}", "keep": one.pk})
    assert response.status_code == 302
    assert list(Contact.objects.values_list("pk", flat=True)) == [one.pk]
    assert Contact.objects.get().sources.get().article.title == "Ostrelian release"


def test_a_refused_merge_shows_the_reason_and_offers_no_merge_button(admin_client, twins, people):
    one, _ = twins
    summit = make_contact(people["aldo"], people["mira"], people["ivo"], on=date(2024, 3, 18), kind="meeting")
    url = reverse("admin:tracker_contact_merge")
    html = admin_client.get(url, {"ids": f"{one.pk},{summit.pk}", "keep": one.pk}).content.decode()
    assert "This merge is refused" in html and "other participants" in html
    assert 'value="Merge"' not in html
    response = admin_client.post(url, {"ids": f"{one.pk},{summit.pk}", "keep": one.pk}, follow=True)
    assert b"Not merged, nothing changed" in response.content
    assert Contact.objects.count() == 3


def test_merging_needs_a_csrf_token_and_a_login(admin_user, client, twins):
    one, two = twins
    url = reverse("admin:tracker_contact_merge")
    response = client.post(url, {"ids": f"{one.pk},{two.pk}", "keep": one.pk})
    assert response.status_code == 302 and "/login/" in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(url, {"ids": f"{one.pk},{two.pk}", "keep": one.pk}).status_code == 403
    assert Contact.objects.count() == 2


def test_two_people_merge_from_the_person_list(admin_client, people):
    double = make_person("A. Varen")
    make_contact(double, people["mira"], on=date(2024, 1, 1))
    url = reverse("admin:tracker_person_merge")
    html = admin_client.get(url, {"ids": f"{people['aldo'].pk},{double.pk}"}).content.decode()
    assert "1 contact participation(s)" in html
    admin_client.post(url, {"ids": f"{people['aldo'].pk},{double.pk}", "keep": people["aldo"].pk})
    assert not Person.objects.filter(pk=double.pk).exists()
    assert Contact.objects.involving_all(people["aldo"], people["mira"]).count() == 1


def test_people_merge_three_at_a_time_is_refused(admin_client, people):
    ids = ",".join(str(p.pk) for p in people.values())
    response = admin_client.get(reverse("admin:tracker_person_merge"), {"ids": ids}, follow=True)
    assert b"2 at a time" in response.content
    assert Person.objects.count() == 3
