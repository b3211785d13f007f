"""The extraction gazetteer and topic keywords, read from the database.

``KnownPerson.key`` is the person's slug (``Person.objects.get(slug=key)`` finds them again).
"""

from __future__ import annotations

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson
from tracker.models import Country, Person, Topic


def gazetteer_from_db() -> Gazetteer:
    """Every person with offices, and every country. Three queries."""
    people = []
    for person in Person.objects.select_related("country").prefetch_related("offices__country"):
        offices = tuple(KnownOffice(o.title, o.country.name, o.start, o.end) for o in person.offices.all())
        people.append(
            KnownPerson(
                key=person.slug,
                name=person.name,
                aliases=tuple(person.alias_list),
                country=person.country.name if person.country else None,
                offices=offices,
            )
        )
    countries = [KnownCountry(c.name, tuple(c.alias_list), tuple(c.demonym_list)) for c in Country.objects.all()]
    return Gazetteer(people=people, countries=countries)


def topic_keywords_from_db() -> dict[str, list[str]]:
    """Topic name → its keywords (the name itself when none are listed). One query."""
    return {t.name: t.keyword_list for t in Topic.objects.all()}
