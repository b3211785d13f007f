import pytest
from django.core.management import call_command

from tracker.models import Article, Contact, Country, Gap, GapClaim, Office, Person, Statement

pytestmark = pytest.mark.django_db


def test_the_demo_fixtures_load_into_an_empty_database():
    call_command("load_demo", "--no-editor", verbosity=0)
    assert Country.objects.filter(kind="state").count() == 249
    assert Country.objects.get(iso_alpha2="IL").demonym_list == ["Israeli"]
    assert Country.objects.filter(name__in=["European Union", "NATO", "Hamas"]).count() == 3
    assert Person.objects.filter(offices__isnull=False).distinct().count() == Person.objects.count()
    article = Article.objects.get()
    assert article.published.isoformat() == "2024-03-18"
    assert Contact.objects.filter(sources__article=article).count() == 2
    assert [d.isoformat() for d in Contact.objects.order_by("date").values_list("date", flat=True)] == [
        "2024-02-15",
        "2024-03-18",
    ]
    assert list(Gap.objects.values_list("days", flat=True)) == [32]
    assert GapClaim.objects.count() == 2
    assert Statement.objects.filter(is_fragment=False).count() == 15


def test_every_extracted_span_in_the_founding_article_points_at_its_words():
    call_command("load_demo", "--no-editor", verbosity=0)
    article = Article.objects.get()
    for statement in Statement.objects.filter(article=article):
        assert article.text[statement.start : statement.end] == statement.quote
    for source in article.contact_sources.all():
        assert article.text[source.start : source.end] == source.evidence
    for claim in article.gap_claims.all():
        assert article.text[claim.start_offset : claim.end_offset] == claim.text


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", "--no-editor", verbosity=0)
    counts = [m.objects.count() for m in (Country, Person, Office, Article, Contact, Statement, Gap, GapClaim)]
    call_command("load_demo", "--no-editor", verbosity=0)
    assert [m.objects.count() for m in (Country, Person, Office, Article, Contact, Statement, Gap, GapClaim)] == counts
