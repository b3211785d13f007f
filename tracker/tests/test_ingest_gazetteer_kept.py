"""Bulk ingestion keeps what it knows of people up to date instead of reading or rebuilding it per
article: the gazetteer's names as written learn each added person in place, and inside a batch
that holds the ingest lock a name the gazetteer does not know is not looked up. Fictional leaders
and countries throughout."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.extraction import Gazetteer, KnownCountry, KnownPerson
from tracker.models import Person
from tracker.services.ingest import article_ingest
from tracker.services.ingest_batch import articles_batched
from tracker.tests.factories import make_country, make_leader

NORVANIA = KnownCountry("Norvania", (), ("Norvanian",))
ALDO = KnownPerson("aldo-varen", "Aldo Varen", (), "Norvania", ())
MIRA = KnownPerson("mira-tolsk", "Mira Tolsk", ("Mira T. Tolsk",), "Ostrelia", ())


def fresh(gz: Gazetteer) -> dict[str, list[tuple[str, ...]]]:
    """``names_as_written`` of a gazetteer built afresh from the same people."""
    return Gazetteer(people=list(gz.people), countries=[NORVANIA]).names_as_written()


def test_names_as_written_learn_each_added_person_in_place_as_a_fresh_build_would():
    gz = Gazetteer(people=[ALDO, MIRA], countries=[NORVANIA])
    aldo_names = gz.names_as_written()["Aldo"]
    gz.add_person(KnownPerson("oren-varen", "Oren Varen", (), "Norvania", ()))
    written = gz.names_as_written()
    assert written["Aldo"] is aldo_names  # not sorted again: no name under "Aldo" came or went
    assert "Varen" not in written  # two people named Varen: the surname alone names neither
    assert written == fresh(gz)
    gz.add_person(KnownPerson("oren-varen", "Oren Vask", ("Oren Varen",), "Norvania", ()))  # renamed
    assert gz.names_as_written()["Varen"] == [("Varen",)]  # one Varen again
    assert gz.names_as_written()["Oren"] == [("Oren", "Varen"), ("Oren", "Vask")]
    assert gz.names_as_written() == fresh(gz)
    gz.add_person(KnownPerson("mira-tolsk", "Mira Tolsk", (), "Ostrelia", ()))  # an alias dropped
    assert gz.names_as_written() == fresh(gz) and ("Mira", "T.", "Tolsk") not in gz.names_as_written()["Mira"]


READOUT = "President Aldo Varen of Norvania spoke today with Prime Minister {} of Valdoria about {} exports."


@pytest.mark.django_db
def test_a_batch_looks_up_by_name_only_the_names_its_gazetteer_knows():
    make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian"))
    make_country("Valdoria", "Valdorian")
    with CaptureQueriesContext(connection) as queries, articles_batched():
        for n, (name, topic) in enumerate([("Mira Kost", "grain"), ("Mira Kost", "timber"), ("Lina Moss", "fish")]):
            text = READOUT.format(name, topic)
            result = article_ingest(text=text, published=date(2024, 3, 18 - n), url=f"https://a.test/{n}")
            assert result.status == "new", result
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Aldo Varen", "Lina Moss", "Mira Kost"]
    by_name_key = [q["sql"] for q in queries.captured_queries if '"tracker_person"."name_key" =' in q["sql"]]
    assert by_name_key == []  # the new names are no one's; the known one comes with its key
