# ruff: noqa: F401, F811 - `world` is a fixture, imported for the tests that take it as an argument
"""Editors reviewing one stored article: confirm all it proposed, run its extraction again."""

import pytest

from tracker.models import Contact, Statement
from tracker.services.review import article_items_set_status, article_reextract
from tracker.tests.factories import an_extraction
from tracker.tests.test_ingest import CALL_TEXT, a_call, a_statement, ingest, world

pytestmark = pytest.mark.django_db


def test_confirming_all_proposed_items_of_an_article_leaves_rejected_ones(world):
    extraction = a_call(world)
    extraction.statements.append(a_statement(world))
    article = ingest(CALL_TEXT, extraction).article
    Statement.objects.update(status="rejected")
    assert article_items_set_status(article, "confirmed") == 1
    assert Contact.objects.get().status == "confirmed"
    assert Statement.objects.get().status == "rejected"


def test_rerunning_extraction_replaces_proposed_items_and_keeps_reviewed_ones(world):
    extraction = a_call(world)
    extraction.statements.append(a_statement(world))
    article = ingest(CALL_TEXT, extraction).article
    contact = Contact.objects.get()
    Statement.objects.update(status="rejected")

    rerun = a_call(world)  # same call and statement found again, plus nothing else
    rerun.statements.append(a_statement(world))
    result = article_reextract(article, extraction=rerun)
    assert Statement.objects.get().status == "rejected"  # not proposed a second time
    new_contact = Contact.objects.get()
    assert new_contact.pk != contact.pk and new_contact.status == "proposed"
    assert result.proposed["contact"] == 1 and result.proposed.get("statement", 0) == 0


def test_rerunning_extraction_keeps_a_confirmed_contact_and_its_source(world):
    article = ingest(CALL_TEXT, a_call(world)).article
    contact = Contact.objects.get()
    article_items_set_status(article, "confirmed")
    article_reextract(article, extraction=an_extraction(CALL_TEXT))  # finds nothing this time
    assert Contact.objects.get() == contact
    assert contact.sources.get().article == article


def test_rerunning_extraction_keeps_a_rejected_contact_rejected(world):
    article = ingest(CALL_TEXT, a_call(world)).article
    Contact.objects.update(status="rejected")
    article_reextract(article, extraction=a_call(world))
    assert list(Contact.objects.values_list("status", flat=True)) == ["rejected"]


def test_rerunning_extraction_keeps_a_proposed_contact_that_another_article_reports(world):
    first = ingest(CALL_TEXT, a_call(world)).article
    other = "Aldo Varen and Mira Kost spoke by telephone. The leaders discussed grain"
    second = ingest(other, a_call(world, other), publisher="Valdorian Government").article
    article_reextract(first, extraction=an_extraction(CALL_TEXT))
    contact = Contact.objects.get()
    assert list(contact.sources.values_list("article", flat=True)) == [second.pk]
