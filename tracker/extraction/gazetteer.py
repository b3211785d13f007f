"""What extraction knows before reading: people (with offices over time) and countries.

The gazetteer is plain data; ``tracker.services.gazetteer.gazetteer_from_db`` builds one from the
database. Countries of the world come built in (from ``countryinfo``) so that titles such as
"Israeli Prime Minister" or "President of Paraguay" place a person even on an empty database.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from .items import KnownCountry, KnownPerson

# Organisations whose officers articles name like heads of state ("NATO Secretary General ...").
BUILTIN_ORGANISATIONS = (
    KnownCountry("NATO", ("North Atlantic Treaty Organization",)),
    KnownCountry("European Union", ("EU",)),
    KnownCountry("European Commission", ()),
    KnownCountry("European Council", ()),
    KnownCountry("United Nations", ("UN", "U.N.")),
)

# Short forms the reference data lacks but English news uses constantly.
EXTRA_ALIASES = {
    "United States": ("U.S.", "America", "the United States"),
    "United Kingdom": ("Britain", "U.K."),
    "China": ("People's Republic of China", "People’s Republic of China", "PRC"),
    "Russia": ("Russian Federation",),
    "South Korea": ("Republic of Korea",),
    "South Africa": ("Republic of South Africa",),
}


@functools.cache
def builtin_countries() -> tuple[KnownCountry, ...]:
    import countryinfo  # imported lazily: only needed when the caller did not supply countries

    out = []
    for info in countryinfo.all_countries():
        try:
            name = info.name()
            spellings = tuple(s for s in (info.alt_spellings() or []) if len(s) > 3 and s.isascii() and not s.isupper())
            demonym = info.demonym() or ""
        except Exception:  # a malformed record in the reference data must not stop extraction
            continue
        if not name:
            continue
        demonyms = tuple(d for d in demonym.split("/") if d) if demonym else ()
        out.append(KnownCountry(name, spellings + EXTRA_ALIASES.get(name, ()), demonyms))
    return tuple(out) + BUILTIN_ORGANISATIONS


def fold(text: str) -> str:
    """Lower-case and straighten apostrophes, for dictionary keys."""
    return " ".join(text.replace("’", "'").casefold().split())


def name_index(names) -> dict[str, list[tuple[str, ...]]]:
    """Names as word tuples, keyed by the leading letters, digits and hyphens of the first word
    ("O’Neill" under "O"), longest first: what ``people.known_names_in`` looks names up in."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(names, key=lambda n: (-len(n.split()), -len(n))):
        words = tuple(name.split())
        head = re.match(r"[\w-]*", words[0]).group()
        if head:
            index.setdefault(head, []).append(words)
    return index


NAME_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")


def surname_of(name: str) -> str:
    """The last word of a name, ignoring "Jr." and the like."""
    bare = NAME_SUFFIX.sub("", name.strip())
    parts = bare.split()
    return parts[-1] if parts else ""


@dataclass
class Gazetteer:
    people: list[KnownPerson] = field(default_factory=list)
    countries: list[KnownCountry] = field(default_factory=list)
    include_builtin_countries: bool = True

    def __post_init__(self) -> None:
        self.by_name: dict[str, list[KnownPerson]] = {}
        self.by_surname: dict[str, list[KnownPerson]] = {}
        self._written: dict[str, list[tuple[str, ...]]] | None = None
        for person in self.people:
            self._index_person(person)
        self.country_by_word: dict[str, str] = {}
        self.country_by_demonym: dict[str, str] = {}
        all_countries = list(self.countries)
        if self.include_builtin_countries:
            all_countries += builtin_countries()
        for country in all_countries:
            for n in (country.name, *country.aliases):
                self.country_by_word.setdefault(fold(n), country.name)
            for d in country.demonyms:
                self.country_by_demonym.setdefault(fold(d), country.name)

    def _index_person(self, person: KnownPerson) -> None:
        for n in (person.name, *person.aliases):
            if n.strip():
                self.by_name.setdefault(fold(n), []).append(person)
        sur = surname_of(person.name)
        if sur:
            self.by_surname.setdefault(fold(sur), []).append(person)

    def add_person(self, person: KnownPerson) -> None:
        """Learn one more person (one an ingest batch just created); cheap, no full rebuild."""
        self.people.append(person)
        self._index_person(person)
        self._written = None

    def names_as_written(self) -> dict[str, list[tuple[str, ...]]]:
        """Every name, alias and unambiguous surname of known people, as words, by first word;
        longest first, so "Joe Biden" wins over "Biden". Built once, after each ``add_person``."""
        if self._written is None:
            names = set()
            for p in self.people:
                names.update(n.strip() for n in (p.name, *p.aliases) if len(n.strip()) > 2)
                sur = surname_of(p.name)
                if len(sur) > 2 and len({q.key for q in self.people_with_surname(sur)}) == 1:
                    names.add(sur)
            index = name_index(names)
            self._written = index
        return self._written

    def person_named(self, text: str) -> KnownPerson | None:
        found = self.by_name.get(fold(text))
        if found and len({p.key for p in found}) == 1:
            return found[0]
        return None

    def people_with_surname(self, surname: str) -> list[KnownPerson]:
        return self.by_surname.get(fold(surname), [])

    def country_named(self, text: str) -> str | None:
        t = fold(text)
        if t.startswith("the "):
            t = t[4:]
        return self.country_by_word.get(t) or self.country_by_word.get("the " + t)

    def country_of_demonym(self, text: str) -> str | None:
        return self.country_by_demonym.get(fold(text))

    def office_holders(self, title: str, country: str | None, day: date | None) -> list[tuple[KnownPerson, str]]:
        """People holding ``title`` (of ``country`` when given) on ``day``, with the office's country."""
        if day is None:
            return []
        t = fold(title)
        out = []
        for person in self.people:
            for office in person.offices:
                if fold(office.title) == t and office.held_on(day) and (country is None or office.country == country):
                    out.append((person, office.country))
        return out

    def offices_of(self, person: KnownPerson, day: date | None) -> list[tuple[str, str]]:
        if day is None:
            return []
        return [(o.title, o.country) for o in person.offices if o.held_on(day)]
