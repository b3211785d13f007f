"""Reviewing what an article proposes beyond its own items: the people its items name (with the
offices extraction inferred for them), its reports merged into contacts already on record, and
rejecting one article's report of a contact that other articles also report."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tracker.models import Article, Contact, ContactSource, Gap, Office, Person
from tracker.services.contacts import contacts_set_status
from tracker.services.ingest import article_ingest
from tracker.tests.factories import make_contact, make_country, make_leader

pytestmark = pytest.mark.django_db

DAY = date(2024, 3, 18)
# Ilse Drommel is on no record: extraction proposes her, and the office the text gives her.
NEW_PERSON_TEXT = "President Aldo Varen of Norvania spoke today with Prime Minister Ilse Drommel of Valdoria."
KNOWN_TEXT = "President Aldo Varen of Norvania spoke today with Prime Minister Mira Kost of Valdoria."


@pytest.fixture
def leaders():
    return [
        make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian")),
        make_leader("Mira Kost", "Prime Minister", make_country("Valdoria", "Valdorian")),
    ]


def ingest(text: str, publisher: str = "Norvanian Presidency", **meta) -> Article:
    result = article_ingest(text=text, published=DAY, publisher=publisher, **meta)
    assert result.status == "new", result
    return result.article


def queue_row(admin_client, article: Article) -> dict[str, str]:
    html = admin_client.get(reverse("admin:tracker_article_review_queue")).content.decode()
    html = html[html.index('id="review-queue"') :]
    head = html[html.index("<thead>") : html.index("</thead>")]
    columns = [cell.split(">", 1)[1].split("<")[0] for cell in head.split("<th ")[1:]]
    start = html.index(f'href="{reverse("admin:tracker_article_change", args=[article.pk])}"')
    row = html[start : html.index("</tr>", start)]
    cells = [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
    return dict(zip(columns[1:], cells, strict=True))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def review(admin_client, article: Article, item: str):
    url = reverse("admin:tracker_article_review_item", args=[article.pk])
    return admin_client.post(url, {"item": item}, follow=True)


def test_the_queue_counts_the_people_and_offices_an_article_proposes(admin_client, leaders):
    article = ingest(NEW_PERSON_TEXT, title="New face")
    drommel = Person.objects.get(name="Ilse Drommel")
    office = Office.objects.get(person=drommel)
    assert (drommel.status, office.status) == ("proposed", "proposed")
    row = queue_row(admin_client, article)
    assert (row["Contacts"], row["People"], row["Offices"], row["Sources"]) == ("1", "1", "1", "0")
    (counted,) = Article.objects.awaiting_review()
    assert (counted.proposed_people, counted.proposed_offices) == (1, 1)


def test_an_editor_confirms_a_proposed_office_and_rejects_a_person_from_the_article_page(admin_client, leaders):
    article = ingest(NEW_PERSON_TEXT)
    drommel = Person.objects.get(name="Ilse Drommel")
    office = Office.objects.get(person=drommel)
    html = admin_client.get(reverse("admin:tracker_article_change", args=[article.pk])).content.decode()
    assert f'value="person:{drommel.pk}:confirmed"' in html and f'value="office:{office.pk}:rejected"' in html
    review(admin_client, article, f"office:{office.pk}:confirmed")
    assert Office.objects.get(pk=office.pk).status == "confirmed"
    response = review(admin_client, article, f"person:{drommel.pk}:rejected")
    assert Person.objects.get(pk=drommel.pk).status == "rejected"
    assert messages_of(response) == [f"person {drommel.pk} rejected."]
    # The contact naming her is still proposed: the article stays in the queue for it alone.
    (waiting,) = Article.objects.awaiting_review()
    assert (waiting.proposed_contacts, waiting.proposed_people, waiting.proposed_offices) == (1, 0, 0)


def test_a_person_a_confirmed_contact_names_cannot_be_rejected_and_nothing_changes(admin_client, leaders):
    article = ingest(NEW_PERSON_TEXT)
    drommel = Person.objects.get(name="Ilse Drommel")
    contacts_set_status([Contact.objects.get()], "confirmed")  # confirms her too
    Person.objects.filter(pk=drommel.pk).update(status="proposed")
    response = review(admin_client, article, f"person:{drommel.pk}:rejected")
    (message,) = messages_of(response)
    assert message.startswith("Nothing changed: Ilse Drommel: named by confirmed contacts")
    assert Person.objects.get(pk=drommel.pk).status == "proposed"


def test_a_person_another_article_names_is_not_reviewed_from_this_one(admin_client, leaders):
    ingest(NEW_PERSON_TEXT)
    other = ingest(KNOWN_TEXT.replace("today", "on Monday"))
    drommel = Person.objects.get(name="Ilse Drommel")
    response = review(admin_client, other, f"person:{drommel.pk}:confirmed")
    assert messages_of(response)[0].startswith("Nothing changed")
    assert Person.objects.get(pk=drommel.pk).status == "proposed"


def test_a_report_merged_into_a_confirmed_contact_awaits_review_and_is_confirmed_alone(admin_client, leaders):
    first = ingest(KNOWN_TEXT, publisher="Norvanian Presidency")
    contact = Contact.objects.get()
    contacts_set_status([contact], "confirmed")
    second = ingest(KNOWN_TEXT.replace("spoke today", "held a call today"), publisher="Valdorian Desk")
    third = ingest(KNOWN_TEXT.replace("spoke today", "talked today"), publisher="Ostrelian Wire")
    assert Contact.objects.count() == 1  # both reports merged into the contact on record
    assert set(ContactSource.objects.values_list("article_id", "status")) == {
        (first.pk, "confirmed"),
        (second.pk, "proposed"),
        (third.pk, "proposed"),
    }
    row = queue_row(admin_client, second)
    assert (row["Contacts"], row["Sources"]) == ("0", "1")
    html = admin_client.get(reverse("admin:tracker_article_change", args=[second.pk])).content.decode()
    assert "this article&#x27;s report awaits review" in html or "this article's report awaits review" in html
    assert f'value="contact:{contact.pk}:confirmed"' in html
    assert f'value="contact:{contact.pk}:confirmed" disabled' not in html
    review(admin_client, second, f"contact:{contact.pk}:confirmed")
    assert ContactSource.objects.get(article=second).status == "confirmed"
    assert ContactSource.objects.get(article=third).status == "proposed"  # its own review still
    assert {a.pk for a in Article.objects.awaiting_review()} == {third.pk}


def test_rejecting_one_articles_report_keeps_the_contact_with_its_other_sources(admin_client, client, leaders):
    aldo, mira = leaders
    earlier = make_contact(aldo, mira, on=date(2024, 2, 1))
    first = ingest(KNOWN_TEXT, publisher="Norvanian Presidency")
    contact = Contact.objects.exclude(pk=earlier.pk).get()
    contacts_set_status([contact], "confirmed")
    second = ingest(KNOWN_TEXT.replace("spoke today", "held a call today"), publisher="Valdorian Desk")
    assert list(Gap.objects.values_list("days", flat=True)) == [46]
    review(admin_client, second, f"contact:{contact.pk}:rejected")
    contact.refresh_from_db()
    assert contact.status == "confirmed"
    assert dict(contact.sources.values_list("article_id", "status")) == {first.pk: "confirmed", second.pk: "rejected"}
    assert list(Gap.objects.values_list("days", flat=True)) == [46]
    # The public contact page lists the source that stands, not the rejected one.
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "Norvanian Presidency" in page and "Valdorian Desk" not in page


def test_rejecting_the_last_report_standing_rejects_the_contact(admin_client, leaders):
    aldo, mira = leaders
    earlier = make_contact(aldo, mira, on=date(2024, 2, 1))
    first = ingest(KNOWN_TEXT, publisher="Norvanian Presidency")
    second = ingest(KNOWN_TEXT.replace("spoke today", "held a call today"), publisher="Valdorian Desk")
    contact = Contact.objects.exclude(pk=earlier.pk).get()
    assert contact.sources.count() == 2 and contact.status == "proposed"
    review(admin_client, first, f"contact:{contact.pk}:rejected")
    contact.refresh_from_db()
    assert contact.status == "proposed"  # the other article still reports it
    assert ContactSource.objects.get(article=first).status == "rejected"
    review(admin_client, second, f"contact:{contact.pk}:rejected")
    contact.refresh_from_db()
    assert contact.status == "rejected"
    assert set(contact.sources.values_list("status", flat=True)) == {"rejected"}
    assert not Gap.objects.exists()
    # Confirming it again from one article brings back that article's report.
    review(admin_client, second, f"contact:{contact.pk}:confirmed")
    contact.refresh_from_db()
    assert contact.status == "confirmed"
    assert dict(contact.sources.values_list("article_id", "status")) == {first.pk: "rejected", second.pk: "confirmed"}
    assert list(Gap.objects.values_list("days", flat=True)) == [46]
