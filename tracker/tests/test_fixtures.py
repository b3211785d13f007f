from datetime import date

import pytest
from django.core.management import call_command

from tracker.models import Article, Contact, ContactSource, Country, Gap, GapClaim, Office, Person, Statement

pytestmark = pytest.mark.django_db


def test_the_demo_fixtures_load_into_an_empty_database():
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)
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


def test_the_demo_leaders_name_one_holder_of_each_head_office_on_any_day():
    # Releases and news of other years name their leader by office alone ("The Prime Minister spoke
    # to ..."): the fixture's offices go back before 2020, and no two of them overlap.
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)
    by_seat: dict[tuple, list[Office]] = {}
    for office in Office.objects.filter(is_head=True).select_related("person", "country"):
        by_seat.setdefault((office.title, office.country.name), []).append(office)
    for seat, held in by_seat.items():
        held.sort(key=lambda o: o.start)
        for before, after in zip(held, held[1:], strict=False):
            assert before.end is not None and before.end <= after.start, (seat, before.person.name, after.person.name)

    def holder(title, country, day):
        (office,) = [
            o
            for o in by_seat[(title, country)]
            if o.start <= date.fromisoformat(day) and (o.end is None or date.fromisoformat(day) < o.end)
        ]
        return office.person.name

    assert holder("Prime Minister", "United Kingdom", "2018-06-01") == "Theresa May"
    assert holder("Prime Minister", "Canada", "2010-06-01") == "Stephen Harper"
    assert holder("Prime Minister", "New Zealand", "2022-03-01") == "Jacinda Ardern"
    assert holder("Prime Minister", "Australia", "2022-03-06") == "Scott Morrison"
    assert holder("President", "United States", "2012-06-01") == "Barack Obama"
    assert holder("President", "Russia", "2010-06-01") == "Dmitry Medvedev"


def test_every_extracted_span_in_the_founding_article_points_at_its_words():
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)
    article = Article.objects.get()
    for statement in Statement.objects.filter(article=article):
        assert article.text[statement.start : statement.end] == statement.quote
    for source in article.contact_sources.all():
        assert article.text[source.start : source.end] == source.evidence
    for claim in article.gap_claims.all():
        assert article.text[claim.start_offset : claim.end_offset] == claim.text


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)
    counts = [m.objects.count() for m in (Country, Person, Office, Article, Contact, Statement, Gap, GapClaim)]
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)
    assert [m.objects.count() for m in (Country, Person, Office, Article, Contact, Statement, Gap, GapClaim)] == counts


def test_the_readout_facts_load_with_notes_of_our_own_and_spans_that_point_at_them():
    call_command("load_demo", "--no-editor", verbosity=0)
    facts = Article.objects.filter(publisher="The White House")
    assert facts.count() > 500
    for article in facts:
        assert article.text.startswith("The White House published a readout of a ")
        assert article.url.startswith("https://")
    for source in ContactSource.objects.filter(article__in=facts).select_related("article"):
        assert source.article.text[source.start : source.end] == source.evidence
    assert not Contact.objects.exclude(status="confirmed").exists()


def test_with_the_readout_facts_the_founding_claim_is_decided_by_the_record():
    call_command("load_demo", "--no-editor", verbosity=0)
    claim = GapClaim.objects.get(text="the longest gap in calls since the October 7 terror attacks")
    assert claim.verdict == "supported"
    assert (claim.deciding_gap.start.isoformat(), claim.deciding_gap.end.isoformat()) == ("2024-02-15", "2024-03-18")
    assert claim.runner_up_gap is not None and claim.runner_up_gap.days <= claim.deciding_gap.days
