"""The free-text filter finds the same rows whichever way it runs: SQLite's trigram index or LIKE,
PostgreSQL's full-text index; and both databases find the same rows for the same test set."""

from datetime import date

import pytest
from django.db import connection

from tracker.models import Contact, Statement
from tracker.tests.factories import make_contact, make_country, make_person
from tracker.text_search import sqlite_has_trigram, text_index_ensure

pytestmark = pytest.mark.django_db

uses_the_sqlite_index = pytest.mark.skipif(
    connection.vendor != "sqlite" or not sqlite_has_trigram(), reason="the trigram index is SQLite's"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's substring search")
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")


@pytest.fixture
def aldo_and_mira():
    norvania = make_country("Norvania")
    return (
        make_person("Aldo Varen", slug="aldo-varen", country=norvania),
        make_person("Mira Tolsk", slug="mira-tolsk", country=norvania),
    )


def call(people, summary: str) -> Contact:
    return make_contact(*people, on=date(2024, 1, 1), kind="phone_call", summary=summary)


def found(text: str) -> list[str]:
    return sorted(Contact.objects.matching(text).values_list("summary", flat=True))


@on_sqlite
def test_on_sqlite_text_is_found_inside_a_word_whatever_its_case(aldo_and_mira):
    call(aldo_and_mira, "They discussed Fisheries quotas.")
    call(aldo_and_mira, "Grain exports.")
    assert found("SHERIES QUO") == ["They discussed Fisheries quotas."]
    assert found("ex") == ["Grain exports."]  # shorter than a trigram: read with LIKE
    assert found("nothing like it") == []


@on_postgresql
def test_on_postgresql_words_are_found_from_their_start_whatever_their_case(aldo_and_mira):
    call(aldo_and_mira, "They discussed Fisheries quotas.")
    call(aldo_and_mira, "Grain exports.")
    assert found("FISHERIES QUO") == ["They discussed Fisheries quotas."]
    assert found("ex") == ["Grain exports."]
    assert found("SHERIES QUO") == []  # inside a word: the one difference from SQLite
    assert found("nothing like it") == []


# Summaries, and searches an analyst types: whole words, a phrase, a word's start, any case,
# punctuation, hyphens, numbers, an apostrophe, quotation marks, words out of order.
SUMMARIES = [
    "They discussed Fisheries quotas and grain exports.",
    "Grain, exports and the river treaty.",
    "Close co-operation on energy prices after 7 October 2024.",
    "Aldo Varen's proposal for a ceasefire.",
    'The minister said "never" twice.',
    "A summit in the capital; the river border.",
    "",
]
SEARCHES = [
    "grain exports",
    "GRAIN",
    "grain,",
    "fisher",
    "river",
    "river treaty",
    "treaty river",
    "co-operation",
    "operation on energy",
    "7 October",
    "October 2024",
    "Varen's",
    '"never"',
    "said never",
    "the",
    "ceasefire.",
    "summit in the capital; the",
    "nothing like it",
    "...",
]


def test_both_databases_find_what_contains_the_text_on_the_test_set(aldo_and_mira):
    for summary in SUMMARIES:
        call(aldo_and_mira, summary)
    for text in SEARCHES:
        expected = sorted(s for s in SUMMARIES if text.casefold() in s.casefold())
        assert found(text) == expected, text


@on_postgresql
def test_on_postgresql_a_word_in_most_summaries_is_tested_row_by_row_and_finds_the_same(aldo_and_mira, monkeypatch):
    speaker = aldo_and_mira[0]
    for summary in SUMMARIES:
        call(aldo_and_mira, summary)
    quoted = call(aldo_and_mira, "A quiet call.")
    Statement.objects.create(speaker=speaker, quote="The river treaty holds, said never.", contact=quoted)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracker_contact")  # a table never analysed has no size to compare with
    forms = {}
    for matches_read, form in ((0, "row by row"), (10**12, "collected")):
        monkeypatch.setattr("tracker.text_search.MATCHES_READ", matches_read)
        forms[form] = {
            text: sorted(Contact.objects.matching(text, read_in_part=True).values_list("summary", flat=True))
            for text in SEARCHES
        }
        by_speaker = Contact.objects.matching("Varen", read_in_part=True)
        forms[form]["Varen"] = sorted(by_speaker.values_list("pk", flat=True))
        sql = str(Contact.objects.matching("grain", read_in_part=True).query)
        assert (" OR " in sql) == (form == "row by row"), sql
        assert " OR " not in str(Contact.objects.matching("grain").query)  # what reads every match collects them
    assert forms["row by row"] == forms["collected"]
    assert forms["collected"]["river treaty"] == ["A quiet call.", "Grain, exports and the river treaty."]


@on_postgresql
def test_on_postgresql_a_search_reads_the_full_text_index(aldo_and_mira):
    # Enough rows, analysed, that reading them all would cost more than the index: the planner's
    # own choice, not one forced on it.
    speaker = aldo_and_mira[0]
    Contact.objects.bulk_create(
        Contact(kind="phone_call", date=date(2024, 1, 1), summary=f"Routine talks, round {n}.") for n in range(3000)
    )
    Statement.objects.bulk_create(Statement(speaker=speaker, quote=f"We met for round {n}.") for n in range(3000))
    contact = call(aldo_and_mira, "Grain exports.")
    Statement.objects.create(speaker=speaker, quote="Grain must move.", contact=contact)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracker_contact")
        cursor.execute("ANALYZE tracker_statement")
    queries = {
        "tracker_contact_summary_fts": Contact.objects.filter(Contact.objects.all()._text_contains("grain")),
        "tracker_statement_quote_fts": Statement.objects.filter(Statement.objects.all()._text_contains("grain")),
    }
    for index, query in queries.items():
        assert query.count() == 1
        sql, params = query.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert f"Bitmap Index Scan on {index}" in plan, plan
        assert "Seq Scan" not in plan, plan


def test_text_search_follows_edits_and_deletions(aldo_and_mira):
    contact = call(aldo_and_mira, "Grain exports.")
    contact.summary = "Energy prices."
    contact.save()
    assert found("grain") == [] and found("energy") == ["Energy prices."]
    Contact.objects.filter(pk=contact.pk).update(summary="Border crossings.")
    assert found("energy") == [] and found("crossing") == ["Border crossings."]
    contact.delete()
    assert found("crossing") == []


def test_a_quote_is_found_and_leads_to_its_contact(aldo_and_mira):
    contact = call(aldo_and_mira, "")
    Statement.objects.create(speaker=aldo_and_mira[0], quote='We said "never" twice', contact=contact)
    assert list(Statement.objects.matching('"never"').values_list("quote", flat=True)) == ['We said "never" twice']
    assert list(Contact.objects.matching("NEVER").values_list("pk", flat=True)) == [contact.pk]


@uses_the_sqlite_index
def test_the_index_is_rebuilt_when_a_table_rebuild_dropped_its_triggers(aldo_and_mira):
    call(aldo_and_mira, "Grain exports.")
    with connection.cursor() as cursor:  # what Django's SQLite schema editor does to alter a table
        cursor.execute("DROP TRIGGER tracker_contact_summary_fts_insert")
    call(aldo_and_mira, "Energy prices.")  # not indexed: no trigger
    assert text_index_ensure(connection) == ["tracker_contact_summary_fts"]
    assert found("energy") == ["Energy prices."] and found("grain") == ["Grain exports."]
    assert text_index_ensure(connection) == []  # nothing missing, nothing rebuilt
