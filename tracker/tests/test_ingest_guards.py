"""What ingest refuses to store: addresses that are no web page, and contacts dated after the
article that reports them. And how it stays one record beside other writers: one person per
name, slugs that move on when taken, people made elsewhere seen at once."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tracker import rules
from tracker.models import Article, Contact, Person, Topic
from tracker.models import base as model_base
from tracker.services.gazetteer import gazetteer_batch, gazetteer_current
from tracker.services.ingest import article_ingest
from tracker.services.people import ArticlePeople
from tracker.tests.factories import PersonMention, an_extraction, call_item, make_country, make_leader, span_of

pytestmark = pytest.mark.django_db

TEXT = "President Aldo Varen of Norvania spoke by phone today with Prime Minister Mira Kost of Valdoria."


@pytest.fixture
def pair():
    return (
        make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian")),
        make_leader("Mira Kost", "Prime Minister", make_country("Valdoria", "Valdorian")),
    )


def a_call_on(pair, day, text=TEXT, **extra):
    return an_extraction(text=text, contacts=[call_item(text, text, list(pair), day, **extra)])


# --- Addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript://x.example/%0Aalert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "//x.example/a",
    ],
)
def test_an_address_that_is_no_web_page_is_not_stored(pair, url):
    result = article_ingest(
        text=TEXT, published=date(2024, 3, 1), url=url, extraction=a_call_on(pair, date(2024, 3, 1))
    )
    assert result.status == "new"
    assert result.article.url is None
    assert any("not an http or https address" in note for note in result.notes)


def test_an_http_address_is_stored(pair):
    url = "https://president.norvania.example/readouts/1"
    result = article_ingest(
        text=TEXT, published=date(2024, 3, 1), url=url, extraction=a_call_on(pair, date(2024, 3, 1))
    )
    assert Article.objects.get(pk=result.article.pk).url == url


def test_the_model_refuses_a_script_address_in_forms_and_in_the_database():
    article = Article(text="Some text.", url="javascript:alert(1)")
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "url" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="Some text.", url="javascript:alert(1)")


def test_only_absolute_http_and_https_addresses_are_web_addresses():
    assert rules.url_is_web("https://a.example/x") and rules.url_is_web("HTTP://a.example")
    for url in ["javascript:alert(1)", "https:///nohost", "/relative/path", "", None, "http://[::1"]:
        assert not rules.url_is_web(url), url


# --- Contact dates ----------------------------------------------------------------------------


def test_a_held_contact_dated_after_its_report_is_refused(pair):
    extraction = a_call_on(pair, date(2099, 3, 1))
    result = article_ingest(text=TEXT, published=date(2024, 3, 1), extraction=extraction)
    assert result.status == "new" and not Contact.objects.exists()
    assert any("after its report" in w for w in result.warnings)


def test_a_contact_a_few_days_after_the_date_of_its_report_is_kept(pair):
    # A readout posted the evening before in its own time zone, dated by the other side.
    result = article_ingest(text=TEXT, published=date(2024, 3, 1), extraction=a_call_on(pair, date(2024, 3, 3)))
    assert result.proposed["contact"] == 1


def test_a_planned_visit_next_spring_is_kept_but_not_one_decades_ahead(pair):
    assert not rules.contact_after_its_report(date(2025, 4, 1), date(2024, 11, 1), planned=True)
    assert rules.contact_after_its_report(date(2099, 4, 1), date(2024, 11, 1), planned=True)
    assert rules.contact_after_its_report(date(2024, 11, 5), date(2024, 11, 1))
    assert not rules.contact_after_its_report(date(2024, 11, 4), date(2024, 11, 1))


def test_without_a_publication_date_a_contact_in_the_future_is_refused(pair):
    result = article_ingest(text=TEXT, published=None, extraction=a_call_on(pair, date(2099, 1, 1)))
    assert not Contact.objects.exists() and result.status == "new"


# --- One record beside other writers ----------------------------------------------------------


def test_two_people_cannot_share_a_name_however_it_is_spelt(pair):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="aldo VAREN")
    with pytest.raises(ValidationError):
        Person(name="Aldo  Varen").full_clean()


def test_a_slug_taken_after_the_look_up_moves_on_to_the_next(monkeypatch):
    Topic.objects.create(name="Border talks", slug="border")
    # Another process inserted "border" after this one read which slugs were taken.
    monkeypatch.setattr(model_base, "slugs_taken", lambda model, base: set())
    topic = Topic.objects.create(name="Border")
    assert topic.slug == "border-2"


def test_a_person_another_process_created_meanwhile_is_used_not_made_twice(pair, monkeypatch):
    text = TEXT + " Foreign Minister Tomas Reyl of Valdoria joined the call."
    extraction = an_extraction(
        text=text,
        people=[
            PersonMention("Tomas Reyl", None, "Valdoria", "Foreign Minister", span_of(text, "Tomas Reyl"), is_new=True)
        ],
    )
    rival = Person.objects.create(name="Tomas Reyl")
    # This process looked the name up before the other one's person was committed.
    monkeypatch.setattr(ArticlePeople, "_find", lambda self, name, country: None)
    result = article_ingest(text=text, published=date(2024, 3, 1), extraction=extraction)
    assert result.status == "new", result.reason
    assert list(Person.objects.filter(name_key="tomas reyl")) == [rival]
    assert result.people_created == 0


def test_a_batch_sees_a_person_another_process_created(pair):
    with gazetteer_batch():
        before, _ = gazetteer_current()
        assert before.person_named("Tomas Reyl") is None
        Person.objects.create(name="Tomas Reyl")  # committed by another ingester meanwhile
        after, _ = gazetteer_current()
        assert after.person_named("Tomas Reyl") is not None
        assert gazetteer_current()[0] is after  # and built once, not per article
