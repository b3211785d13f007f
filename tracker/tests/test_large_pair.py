"""A pair reported by more than a thousand articles: SQLite refuses expressions over 1,000 terms
deep, so no read about the pair may be written as one term per article."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tracker.models import Article, Contact, ContactSource, Gap
from tracker.services.ingest import article_ingest
from tracker.services.upkeep import gaps_deferred
from tracker.tests.factories import an_extraction, call_item, make_country, make_leader

pytestmark = pytest.mark.django_db

ARTICLES = 1_100


@pytest.fixture
def busy_pair():
    varen = make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian"))
    kost = make_leader("Mira Kost", "Prime Minister", make_country("Valdoria", "Valdorian"))
    first = date(2021, 1, 4)
    with gaps_deferred():
        articles = Article.objects.bulk_create(
            Article(title=f"Readout {n}", publisher=f"Publisher {n}", text=f"Readout number {n}.", content_hash=f"{n}")
            for n in range(ARTICLES)
        )
        # One call every article reports, and one call per article on a day of its own.
        big = Contact.objects.create(kind="phone_call", date=first, status="confirmed")
        big.participants.set([varen, kost])
        ContactSource.objects.bulk_create(ContactSource(contact=big, article=a) for a in articles)
        for n, article in enumerate(articles[:50], start=1):
            contact = Contact.objects.create(kind="phone_call", date=first + timedelta(days=7 * n), status="confirmed")
            contact.participants.set([varen, kost])
            ContactSource.objects.create(contact=contact, article=article)
    return varen, kost, big


def test_a_new_report_of_a_call_a_thousand_articles_reported_becomes_its_next_source(busy_pair):
    varen, kost, big = busy_pair
    text = "President Aldo Varen of Norvania spoke by phone today with Prime Minister Mira Kost of Valdoria."
    extraction = an_extraction(text=text, contacts=[call_item(text, text, [varen, kost], big.date)])
    result = article_ingest(text=text, published=big.date, publisher="Norvanian Presidency", extraction=extraction)
    assert result.status == "new", result.reason
    assert result.merged == 1
    assert big.sources.count() == ARTICLES + 1
    assert Gap.objects.for_pair(varen, kost).count() == 50


def test_the_pages_of_a_pair_a_thousand_articles_reported_answer(client, busy_pair):
    varen, kost, big = busy_pair
    for url in [
        reverse("timeline:contact", args=[big.pk]),
        reverse("timeline:pair", args=[varen.slug, kost.slug]),
        reverse("timeline:leader", args=[varen.slug]),
        reverse("timeline:article", args=[big.sources.first().article_id]),
    ]:
        assert client.get(url).status_code == 200, url
