from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from tracker.models import Article, Contact, Gap, Office, Statement
from tracker.tests.factories import make_country, make_person

pytestmark = pytest.mark.django_db

EDITABLE = ["article", "contact", "contactsource", "statement", "gapclaim", "topic", "person", "office", "country"]
EVERY_MODEL = [*EDITABLE, "gap"]


@pytest.fixture
def demo():
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)


@pytest.mark.parametrize("model", EVERY_MODEL)
def test_editor_sees_every_list_page(editor_client, demo, model):
    assert editor_client.get(reverse(f"admin:tracker_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", EDITABLE)
def test_editor_sees_every_add_page(editor_client, model):
    assert editor_client.get(reverse(f"admin:tracker_{model}_add")).status_code == 200


def test_gaps_cannot_be_added_or_changed_by_hand(editor_client, demo):
    assert editor_client.get(reverse("admin:tracker_gap_add")).status_code == 403


@pytest.mark.parametrize("model", EVERY_MODEL)
def test_anonymous_visitor_is_sent_to_log_in(client, model):
    response = client.get(reverse(f"admin:tracker_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_editor_sees_the_founding_article_with_its_inlines(editor_client, demo):
    article = Article.objects.get(pk=1)
    page = editor_client.get(reverse("admin:tracker_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert b"contacts reported by this article" in page.content.lower()
    assert b"the longest gap in calls since the October 7 terror attacks" in page.content


def test_confirm_action_confirms_contacts_and_makes_their_gap(editor_client):
    a, b = make_person("Aldo Varen"), make_person("Mira Tolsk")
    contacts = [Contact.objects.create(kind="phone_call", date=date(2024, 1, d), status="proposed") for d in (1, 21)]
    for contact in contacts:
        contact.participants.set([a, b])
    response = editor_client.post(
        reverse("admin:tracker_contact_changelist"),
        {"action": "confirm_selected", "_selected_action": [c.pk for c in contacts]},
    )
    assert response.status_code == 302
    assert set(Contact.objects.values_list("status", flat=True)) == {"confirmed"}
    assert [g.days for g in Gap.objects.for_pair(a, b)] == [20]


def test_admin_refuses_a_contact_with_one_participant(editor_client):
    aldo = make_person("Aldo Varen")
    response = editor_client.post(
        reverse("admin:tracker_contact_add"),
        {
            "kind": "phone_call",
            "date": "2024-01-01",
            "date_precision": "day",
            "participants": [aldo.pk],
            "status": "proposed",
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "statements-TOTAL_FORMS": 0,
            "statements-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "at least two different participants" in response.content.decode()
    assert not Contact.objects.exists()


def test_admin_refuses_an_office_that_ends_before_it_starts(editor_client):
    norvania = make_country()
    aldo = make_person("Aldo Varen", country=norvania)
    response = editor_client.post(
        reverse("admin:tracker_office_add"),
        {
            "person": aldo.pk,
            "title": "President",
            "country": norvania.pk,
            "start": "2024-05-01",
            "end": "2024-04-01",
            "is_head": "on",
        },
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not Office.objects.exists()


def test_admin_refuses_a_statement_with_an_empty_quote(editor_client):
    aldo = make_person("Aldo Varen")
    response = editor_client.post(
        reverse("admin:tracker_statement_add"),
        {"speaker": aldo.pk, "quote": "   ", "date_precision": "day", "channel": "other", "status": "proposed"},
    )
    assert response.status_code == 200
    assert not Statement.objects.exists()


def test_admin_refuses_the_same_article_text_twice(editor_client):
    first = Article.objects.create(title="First", text="Aldo Varen spoke with Mira Tolsk.")
    response = editor_client.post(
        reverse("admin:tracker_article_add"),
        {"text": "Aldo Varen  spoke with\nMira Tolsk.", "title": "Again"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("admin:tracker_article_change", args=[first.pk])
    assert "duplicate" in response.content.decode().lower()
    assert Article.objects.count() == 1


def test_country_autocomplete_finds_a_state_by_name(editor_client):
    make_country("Norvania")
    make_country("Ostrelia")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Norv", "app_label": "tracker", "model_name": "office", "field_name": "country"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Norvania"]
