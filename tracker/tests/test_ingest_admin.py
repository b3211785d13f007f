"""The editors' side of ingestion: add an article by paste or upload, see its spans, review."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.models import Article, Contact, Statement
from tracker.services import ingest as ingest_service
from tracker.services.ingest import article_ingest
from tracker.tests.factories import an_extraction, call_item, make_country, make_leader, statement_item

pytestmark = pytest.mark.django_db

TEXT = (
    "President Aldo Varen of Norvania spoke today with Prime Minister Mira Kost of Valdoria. "
    'Varen said the talks were "frank <b>and</b> useful." <script>alert(1)</script>'
)


@pytest.fixture
def people():
    return [
        make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian")),
        make_leader("Mira Kost", "Prime Minister", make_country("Valdoria", "Valdorian")),
    ]


def extraction_of(people, text=TEXT):
    quote = "frank <b>and</b> useful."
    return an_extraction(
        text=text,
        contacts=[call_item(text, text.split(". ")[0], people, date(2024, 3, 18))],
        statements=[
            statement_item(text, quote, people[0], said="Varen said", day=date(2024, 3, 18)),
        ],
    )


@pytest.fixture
def fake_extractor(monkeypatch, people):
    calls = []

    def run(text, **meta):
        calls.append(meta)
        return extraction_of(people, text)

    monkeypatch.setattr(ingest_service, "extraction_run", run)
    return calls


def test_an_editor_adds_an_article_by_pasting_its_text(admin_client, fake_extractor):
    response = admin_client.post(
        reverse("admin:tracker_article_add"),
        {"text": TEXT, "title": "Varen–Kost call", "published": "2024-03-18", "publisher": "Norvanian Presidency"},
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:tracker_article_change", args=[article.pk])
    assert (article.title, article.published, article.publisher) == (
        "Varen–Kost call",
        date(2024, 3, 18),
        "Norvanian Presidency",
    )
    assert Contact.objects.get().status == "proposed"
    assert fake_extractor[0]["published"] == date(2024, 3, 18)


def test_the_add_page_shows_the_paste_and_upload_form(admin_client):
    response = admin_client.get(reverse("admin:tracker_article_add"))
    assert response.status_code == 200
    assert b'name="text"' in response.content and b'name="upload"' in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_pasting_nothing_shows_an_error_and_stores_nothing(admin_client):
    response = admin_client.post(reverse("admin:tracker_article_add"), {"text": "   "})
    assert response.status_code == 200
    assert b"Paste the article" in response.content
    assert not Article.objects.exists()


def test_pasting_bad_text_shows_the_reason(admin_client, fake_extractor):
    response = admin_client.post(reverse("admin:tracker_article_add"), {"text": TEXT, "published": "2999-01-01"})
    assert response.status_code == 200
    assert b"the publication date 2999-01-01 is in the future" in response.content
    response = admin_client.post(reverse("admin:tracker_article_add"), {"text": "Varen\x00\x00Kost"})
    assert b"Null characters are not allowed" in response.content
    assert not Article.objects.exists()


def test_pasting_an_article_already_stored_leads_to_it(admin_client, fake_extractor, people):
    existing = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article
    response = admin_client.post(reverse("admin:tracker_article_add"), {"text": TEXT}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:tracker_article_change", args=[existing.pk])
    assert b"Duplicate: already stored as article" in response.content
    assert Article.objects.count() == 1


def test_an_editor_adds_an_article_by_uploading_a_file(admin_client, fake_extractor):
    upload = SimpleUploadedFile(
        "varen-kost.md",
        ("---\ntitle: Readout of the Varen–Kost call\ndate: '2024-03-18'\n---\n" + TEXT).encode(),
        content_type="text/markdown",
    )
    response = admin_client.post(reverse("admin:tracker_article_add"), {"upload": upload})
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.published == date(2024, 3, 18)
    assert article.source_file == "varen-kost.md"
    assert "Aldo Varen" in article.text


def test_the_article_page_highlights_every_span_and_escapes_the_text(admin_client, people):
    article = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article
    response = admin_client.get(reverse("admin:tracker_article_change", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    contact = Contact.objects.get()
    statement = Statement.objects.get()
    assert f'href="{reverse("admin:tracker_contact_change", args=[contact.pk])}"' in html
    assert f'href="{reverse("admin:tracker_statement_change", args=[statement.pk])}"' in html
    assert 'class="hl hl-contact hl-proposed"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "frank &lt;b&gt;and&lt;/b&gt; useful." in html


def test_highlighting_cuts_overlapping_spans_and_links_the_innermost():
    from tracker.admin import article_text_highlighted

    text = "abcdefghij"
    html = article_text_highlighted(
        text, [(0, 8, "contact", "proposed", "/c/1/"), (2, 4, "statement", "confirmed", "/s/2/")]
    )
    assert html == (
        '<p><a class="hl hl-contact hl-proposed" href="/c/1/" title="contact (proposed)"><mark>ab</mark></a>'
        '<a class="hl hl-statement hl-confirmed" href="/s/2/" title="contact (proposed); statement (confirmed)">'
        "<mark>cd</mark></a>"
        '<a class="hl hl-contact hl-proposed" href="/c/1/" title="contact (proposed)"><mark>efgh</mark></a>'
        "ij</p>"
    )


def test_rerunning_extraction_is_post_only(admin_client, people):
    article = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article
    response = admin_client.get(reverse("admin:tracker_article_reextract", args=[article.pk]))
    assert response.status_code == 405


def test_the_rerun_button_replaces_proposed_items(admin_client, people, fake_extractor):
    article = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article
    Statement.objects.update(status="confirmed")
    old_contact = Contact.objects.get()
    response = admin_client.post(reverse("admin:tracker_article_reextract", args=[article.pk]))
    assert response.status_code == 302
    assert Contact.objects.get().pk != old_contact.pk
    assert list(Statement.objects.values_list("status", flat=True)) == ["confirmed"]


def test_the_confirm_all_button_confirms_the_articles_proposed_items(admin_client, people):
    article = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article
    admin_client.post(reverse("admin:tracker_article_confirm", args=[article.pk]))
    assert Contact.objects.get().status == "confirmed"
    assert Statement.objects.get().status == "confirmed"


def test_the_confirm_all_action_works_from_the_article_list(admin_client, people):
    article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people))
    admin_client.post(
        reverse("admin:tracker_article_changelist"),
        {"action": "confirm_all_proposed", "_selected_action": list(Article.objects.values_list("pk", flat=True))},
    )
    assert Contact.objects.get().status == "confirmed"


def test_adding_and_rerunning_need_a_login(client, people):
    article = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article
    for url in [
        reverse("admin:tracker_article_add"),
        reverse("admin:tracker_article_reextract", args=[article.pk]),
        reverse("admin:tracker_article_confirm", args=[article.pk]),
    ]:
        response = client.post(url, {"text": TEXT})
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert Contact.objects.get().status == "proposed"


def test_a_failing_rerun_says_so_and_changes_nothing(admin_client, people, monkeypatch):
    article = article_ingest(text=TEXT, published=date(2024, 3, 18), extraction=extraction_of(people)).article

    def broken(text, **meta):
        raise ValueError("the extractor tripped")

    monkeypatch.setattr(ingest_service, "extraction_run", broken)
    response = admin_client.post(reverse("admin:tracker_article_reextract", args=[article.pk]), follow=True)
    assert b"extraction failed: ValueError: the extractor tripped" in response.content
    assert Contact.objects.count() == 1 and Statement.objects.count() == 1
