"""Small helpers that build plainly synthetic records for tests (fictional people and countries)."""

from datetime import date

from tracker.models import Contact, Country, Office, Person, ReviewStatus
from tracker.services.records import contact_create


def make_country(name: str = "Norvania", **fields) -> Country:
    country, _ = Country.objects.get_or_create(name=name, defaults=fields)
    return country


def make_person(
    name: str, *, country: Country | None = None, office: str | None = None, start=None, end=None
) -> Person:
    person = Person.objects.create(name=name, country=country)
    if office:
        Office.objects.create(person=person, title=office, country=country or make_country(), start=start, end=end)
    return person


def make_contact(
    *people: Person, on: date, kind: str = Contact.Kind.PHONE_CALL, status=ReviewStatus.CONFIRMED, **fields
):
    return contact_create(kind=kind, date=on, participants=people, status=status, **fields)
