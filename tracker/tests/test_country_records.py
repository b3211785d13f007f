"""Which records a country filter keeps (``of_countries``), checked against the rule applied in
Python to every record: someone spoke for the country on the record's day, as a national of it or
as the holder of one of its confirmed offices (``rules.office_held_on``)."""

from datetime import date, timedelta
from itertools import cycle

import pytest

from tracker.models import Contact, Office, Person, ReviewStatus, Statement
from tracker.rules import office_held_on
from tracker.tests.factories import make_contact, make_country, make_person

pytestmark = pytest.mark.django_db


def spoke_for(person: Person, countries: set[int], day: date) -> bool:
    if person.country_id in countries:
        return True
    offices = Office.objects.filter(person=person, status=ReviewStatus.CONFIRMED, country_id__in=countries)
    return any(office_held_on(o.start, o.end, day) for o in offices)


@pytest.fixture
def world():
    """Nationals, an office held abroad for a stretch, one with open bounds, one under review, and
    a stateless envoy; contacts of two and three people and statements on days across all of it."""
    norvania, ostrelia, kelland = (make_country(n) for n in ("Norvania", "Ostrelia", "Kelland"))
    aldo = make_person("Aldo Varen", slug="aldo-varen", country=norvania, office="President")
    mira = make_person("Mira Tolsk", slug="mira-tolsk", country=ostrelia, office="President")
    ivo = make_person("Ivo Pell", slug="ivo-pell", country=kelland)
    envoy = make_person("Kesta Dov", slug="kesta-dov")
    # Mira chaired Norvania's council in 2024's spring; the envoy served it from an unknown start
    # to mid-2023 and Kelland from then on; an office under review places no one.
    Office.objects.create(person=mira, title="Chair", country=norvania, start=date(2024, 3, 1), end=date(2024, 6, 1))
    Office.objects.create(person=envoy, title="Envoy", country=norvania, start=None, end=date(2023, 7, 1))
    Office.objects.create(person=envoy, title="Envoy", country=kelland, start=date(2023, 7, 1), end=None)
    Office.objects.create(
        person=ivo, title="Regent", country=ostrelia, start=date(2020, 1, 1), status=ReviewStatus.PROPOSED
    )
    groups = cycle([(mira, ivo), (envoy, ivo), (mira, envoy), (aldo, ivo), (mira, ivo, envoy), (envoy, mira)])
    speakers = cycle([mira, envoy, ivo, aldo])
    day = date(2023, 1, 5)
    while day < date(2025, 1, 1):
        make_contact(*next(groups), on=day)
        Statement.objects.create(speaker=next(speakers), quote="Words", date=day, status=ReviewStatus.CONFIRMED)
        day += timedelta(days=11)
    return {"norvania": norvania, "ostrelia": ostrelia, "kelland": kelland}


@pytest.mark.parametrize(
    "chosen", [["norvania"], ["ostrelia"], ["kelland"], ["norvania", "kelland"], ["ostrelia", "kelland"]]
)
def test_the_country_filter_keeps_exactly_the_records_someone_spoke_for_it_in(world, chosen):
    ids = {world[name].pk for name in chosen}
    contacts = Contact.objects.prefetch_related("participants")
    expected = {c.pk for c in contacts if any(spoke_for(p, ids, c.date) for p in c.participants.all())}
    assert set(Contact.objects.of_countries(ids).values_list("pk", flat=True)) == expected
    said = {s.pk for s in Statement.objects.select_related("speaker") if spoke_for(s.speaker, ids, s.date)}
    assert set(Statement.objects.of_countries(ids).values_list("pk", flat=True)) == said
    assert expected and said  # each choice keeps some records, and leaves some out
