"""The editors' review: the queue on the admin index, confirm / reject beside each item of an
article, the names extraction could not place, and the warnings about an article's text."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tracker.models import Article, Contact, Person, Statement, UnplacedName
from tracker.rules import text_looks_truncated
from tracker.services.contacts import contacts_set_status
from tracker.services.ingest import article_ingest
from tracker.tests import test_ingest_admin as ingest_admin_tests
from tracker.tests.factories import (
    PersonMention,
    an_extraction,
    call_item,
    make_country,
    make_leader,
    span_of,
    statement_item,
)

pytestmark = pytest.mark.django_db

TEXT = ingest_admin_tests.TEXT + " General Ardo attended."
leaders = ingest_admin_tests.people


def extraction_of(leaders, text=TEXT):
    ardo = PersonMention("Ardo", None, None, "General", span_of(text, "Ardo"), True)
    return an_extraction(
        text=text,
        people=[ardo],
        contacts=[call_item(text, text.split(". ")[0], leaders, date(2024, 3, 18))],
        statements=[statement_item(text, "frank <b>and</b> useful.", leaders[0], said="Varen said", day=None)],
    )


def ingest(leaders, text=TEXT, published=date(2024, 3, 18), **meta) -> Article:
    return article_ingest(text=text, published=published, extraction=extraction_of(leaders, text), **meta).article


def change_page(client, article) -> str:
    response = client.get(reverse("admin:tracker_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- The queue ------------------------------------------------------------------------------


def test_the_admin_index_lists_articles_awaiting_review_oldest_first_with_counts(admin_client, leaders):
    first = ingest(leaders, title="First pasted")
    second = ingest(leaders, text=TEXT.replace("today", "on Monday"), title="Second pasted", publisher="Valdorian Desk")
    done = ingest(leaders, text=TEXT.replace("today", "yesterday"), title="Reviewed already")
    Statement.objects.filter(article=done).update(status="confirmed")
    contacts_set_status(list(Contact.objects.all()), "confirmed")  # with their reports
    UnplacedName.objects.filter(article=done).update(status="rejected")
    html = admin_client.get(reverse("admin:index")).content.decode()
    queue = html[html.index('id="review-queue"') :]
    assert queue.index("First pasted") < queue.index("Second pasted")
    assert "Reviewed already" not in queue
    first_row = queue[queue.index("First pasted") : queue.index("</tr>", queue.index("First pasted"))]
    # contacts (confirmed now), their reports, statements, gap claims, people, offices, names to place
    assert [cell.split("</td>")[0] for cell in first_row.split("<td>")[3:]] == ["0", "0", "1", "0", "0", "0", "1"]
    assert Article.objects.awaiting_review().count() == 2
    assert {a.pk for a in Article.objects.awaiting_review()} == {first.pk, second.pk}


def test_the_queue_page_filters_by_publisher(admin_client, leaders):
    ingest(leaders, title="Norvanian one", publisher="Norvanian Presidency")
    ingest(leaders, text=TEXT.replace("today", "on Monday"), title="Valdorian one", publisher="Valdorian Desk")
    url = reverse("admin:tracker_article_review_queue")
    page = admin_client.get(url).content.decode()
    assert "Norvanian one" in page and "Valdorian one" in page
    page = admin_client.get(url, {"publisher": "Valdorian Desk"}).content.decode()
    assert "Valdorian one" in page and "Norvanian one" not in page


def test_the_queue_needs_a_login(client, leaders):
    ingest(leaders)
    response = client.get(reverse("admin:tracker_article_review_queue"))
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- One item at a time ---------------------------------------------------------------------


def test_each_item_has_confirm_reject_and_edit_beside_the_text_and_stays_escaped(admin_client, leaders):
    article = ingest(leaders)
    html = change_page(admin_client, article)
    contact, statement = Contact.objects.get(), Statement.objects.get()
    assert f'value="contact:{contact.pk}:confirmed"' in html and f'value="contact:{contact.pk}:rejected"' in html
    assert f'value="statement:{statement.pk}:confirmed"' in html
    assert html.count('form="article-item-review"') == 4
    assert 'id="article-item-review" method="post"' in html
    assert "frank &lt;b&gt;and&lt;/b&gt; useful." in html and "<b>and</b>" not in html
    assert "<script>alert(1)" not in html


def test_confirming_one_item_and_rejecting_another_changes_only_those(admin_client, leaders):
    article = ingest(leaders)
    contact, statement = Contact.objects.get(), Statement.objects.get()
    url = reverse("admin:tracker_article_review_item", args=[article.pk])
    response = admin_client.post(url, {"item": f"contact:{contact.pk}:confirmed"})
    assert response.status_code == 302 and response["Location"].endswith(f"#review-contact-{contact.pk}")
    admin_client.post(url, {"item": f"statement:{statement.pk}:rejected"})
    assert Contact.objects.get().status == "confirmed"
    assert Statement.objects.get().status == "rejected"


def test_an_item_of_another_article_is_not_reviewed_from_this_one(admin_client, leaders):
    article = ingest(leaders)
    other = ingest(leaders, text=TEXT.replace("today", "on Monday"))
    statement = Statement.objects.get(article=other)
    response = admin_client.post(
        reverse("admin:tracker_article_review_item", args=[article.pk]),
        {"item": f"statement:{statement.pk}:confirmed"},
        follow=True,
    )
    assert b"Nothing changed" in response.content
    assert Statement.objects.get(pk=statement.pk).status == "proposed"


def test_item_review_is_post_only_needs_a_login_and_a_csrf_token(admin_client, admin_user, client, leaders):
    article = ingest(leaders)
    contact = Contact.objects.get()
    url = reverse("admin:tracker_article_review_item", args=[article.pk])
    assert admin_client.get(url).status_code == 405
    response = client.post(url, {"item": f"contact:{contact.pk}:confirmed"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(url, {"item": f"contact:{contact.pk}:confirmed"}).status_code == 403
    assert Contact.objects.get().status == "proposed"


# --- Names extraction could not place --------------------------------------------------------


def test_a_name_extraction_could_not_place_is_kept_and_listed(admin_client, leaders):
    article = ingest(leaders)
    unplaced = UnplacedName.objects.get()
    assert (unplaced.text, unplaced.start) == ("Ardo", TEXT.index("Ardo"))
    assert "surname alone" in unplaced.reason
    html = change_page(admin_client, article)
    assert 'id="unplaced-names"' in html and "Create person “Ardo”" in html


def test_rerunning_extraction_does_not_list_a_name_twice(leaders):
    from tracker.services.review import article_reextract

    article = ingest(leaders)
    article_reextract(article, extraction=extraction_of(leaders))
    assert UnplacedName.objects.count() == 1


def test_create_person_from_an_unplaced_name(admin_client, leaders):
    article = ingest(leaders)
    unplaced = UnplacedName.objects.get()
    url = reverse("admin:tracker_article_unplaced_name", args=[article.pk, unplaced.pk])
    admin_client.post(url, {"action": "create"})
    person = Person.objects.get(name="Ardo")
    unplaced.refresh_from_db()
    assert (unplaced.status, unplaced.person_id) == ("confirmed", person.pk)
    assert "Create person" not in change_page(admin_client, article)


def test_link_an_unplaced_name_to_a_person_on_record_adds_an_alias(admin_client, leaders):
    article = ingest(leaders)
    ardo = make_leader("Ardo Temmel", "Chief of Staff", make_country("Norvania"))
    unplaced = UnplacedName.objects.get()
    url = reverse("admin:tracker_article_unplaced_name", args=[article.pk, unplaced.pk])
    assert admin_client.post(url, {"action": "link", "person": "no-such-person"}).status_code == 404
    admin_client.post(url, {"action": "link", "person": ardo.slug})
    assert Person.objects.get(pk=ardo.pk).alias_list == ["Ardo"]
    assert UnplacedName.objects.get().person_id == ardo.pk
    assert not Person.objects.filter(name="Ardo").exists()


def test_dismissing_an_unplaced_name_creates_no_one(admin_client, leaders):
    article = ingest(leaders)
    unplaced = UnplacedName.objects.get()
    people = Person.objects.count()
    admin_client.post(
        reverse("admin:tracker_article_unplaced_name", args=[article.pk, unplaced.pk]), {"action": "dismiss"}
    )
    assert UnplacedName.objects.get().status == "rejected" and Person.objects.count() == people


# --- Warnings about the text -----------------------------------------------------------------


def test_an_article_without_a_date_says_so_on_ingest_and_on_its_page(admin_client, leaders):
    result = article_ingest(text="Nothing much happened in Norvania.", published=None, extraction=an_extraction("x"))
    assert "no items" in str(result) and "no publication date: relative dates left unresolved" in str(result)
    html = change_page(admin_client, result.article)
    assert 'id="review-warnings"' in html and "no publication date" in html


def test_a_text_cut_mid_sentence_is_flagged(admin_client, leaders):
    cut = TEXT + "\n\nThe two leaders then agreed to meet again in the spring and to ask their ministers to"
    html = change_page(admin_client, ingest(leaders, text=cut))
    assert "looks truncated" in html and "ends mid-sentence" in html
    assert "looks truncated" not in change_page(admin_client, ingest(leaders, text=TEXT.replace("today", "Monday")))


@pytest.mark.parametrize(
    "text, truncated",
    [
        ("The leaders spoke at length about trade and agreed to meet again soon.", False),
        ('He said the talks were "frank and useful."', False),
        ("The leaders spoke at length about trade and agreed to meet again in the", True),
        ("The leaders spoke.\n\n###", False),
        ("The leaders spoke.\n\nNorvanian Presidency", False),
    ],
)
def test_text_looks_truncated_when_its_last_line_stops_mid_sentence(text, truncated):
    assert (text_looks_truncated(text) is not None) is truncated


def test_text_at_the_size_limit_looks_cut_there():
    assert "size limit" in text_looks_truncated("a." * 50, limit=100)


# --- Placing a name places its items ------------------------------------------------------------

GENERAL_TEXT = "President Aldo Varen of Norvania spoke today with General Ardo about the border."


def unplaced_after_real_extraction(leaders, text: str) -> tuple[Article, UnplacedName]:
    article = article_ingest(text=text, published=date(2024, 3, 18)).article
    assert not Contact.objects.filter(sources__article=article).exists()  # skipped: Ardo is no one yet
    return article, UnplacedName.objects.get(article=article)


def test_creating_a_person_from_an_unplaced_name_proposes_the_items_that_named_them(admin_client, leaders):
    article, unplaced = unplaced_after_real_extraction(leaders, GENERAL_TEXT)
    url = reverse("admin:tracker_article_unplaced_name", args=[article.pk, unplaced.pk])
    response = admin_client.post(url, {"action": "create"}, follow=True)
    contact = Contact.objects.get(sources__article=article)
    assert contact.status == "proposed"
    assert sorted(contact.participants.values_list("name", flat=True)) == ["Aldo Varen", "Ardo"]
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Created Ardo. Extraction ran again: 1 contact proposed for review."]
    html = change_page(admin_client, article)
    assert f'value="contact:{contact.pk}:confirmed"' in html and "Create person" not in html


def test_linking_an_unplaced_name_proposes_its_items_with_the_person_on_record(admin_client, leaders):
    aldo = leaders[0]
    article, unplaced = unplaced_after_real_extraction(leaders, GENERAL_TEXT)
    # A general of another country: a contact between two Norvanians would be no diplomacy.
    ardo = make_leader("Ardo Temmel", "Chief of Staff", make_country("Valdoria"))
    url = reverse("admin:tracker_article_unplaced_name", args=[article.pk, unplaced.pk])
    admin_client.post(url, {"action": "link", "person": ardo.slug})
    contact = Contact.objects.get(sources__article=article)
    assert (contact.status, set(contact.participants.all())) == ("proposed", {aldo, ardo})
    assert not Person.objects.filter(name="Ardo").exists()


def test_placing_a_name_leaves_the_items_an_editor_reviewed_as_they_were(admin_client, leaders):
    article = ingest(leaders)
    statement = Statement.objects.get(article=article)
    admin_client.post(
        reverse("admin:tracker_article_review_item", args=[article.pk]), {"item": f"statement:{statement.pk}:rejected"}
    )
    unplaced = UnplacedName.objects.get(article=article)
    admin_client.post(
        reverse("admin:tracker_article_unplaced_name", args=[article.pk, unplaced.pk]), {"action": "create"}
    )
    assert list(Statement.objects.filter(article=article).values_list("pk", "status")) == [(statement.pk, "rejected")]
