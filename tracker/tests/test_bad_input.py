"""Bad input is refused with a clear message, in code as in the admin, and nothing is half-saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tracker.models import Article, Contact, Statement
from tracker.services.claims import gap_claim_create
from tracker.services.contacts import contact_create
from tracker.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_contact_needs_two_different_participants():
    aldo = make_person("Aldo Varen")
    with pytest.raises(ValidationError, match="at least two different participants"):
        contact_create(kind="phone_call", date=date(2024, 1, 1), participants=[aldo, aldo])
    assert not Contact.objects.exists()


def test_a_statement_with_an_empty_quote_is_refused_in_validation_and_by_the_database():
    aldo = make_person("Aldo Varen")
    with pytest.raises(ValidationError, match="quote"):
        Statement(speaker=aldo, quote="  ").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.create(speaker=aldo, quote="")
    assert not Statement.objects.exists()


def test_a_second_article_with_the_same_url_is_refused():
    Article.objects.create(text="One text.", url="https://news.example/a")
    with pytest.raises(ValidationError, match="URL already exists"):
        Article(text="Another text.", url="https://news.example/a").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="Another text.", url="https://news.example/a")
    assert Article.objects.count() == 1


def test_articles_without_a_url_do_not_collide():
    Article.objects.create(text="One text.", url="")
    Article.objects.create(text="Another text.", url=None)
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_the_same_text_twice_is_one_article():
    Article.objects.create(text="Aldo Varen spoke with Mira Tolsk.")
    with pytest.raises(ValidationError, match="already stored as article"):
        Article(text="Aldo Varen spoke with  Mira Tolsk.\n").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="Aldo Varen spoke with  Mira Tolsk.\n")


def test_an_article_without_text_is_refused():
    with pytest.raises(ValidationError, match="no text"):
        Article(text=" \n ").full_clean()


def test_a_gap_claim_about_one_person_is_refused():
    aldo = make_person("Aldo Varen")
    with pytest.raises(ValidationError, match="two different people"):
        gap_claim_create(person_a=aldo, person_b=aldo, ends=date(2024, 1, 1), comparison="more_than", text="x")
