"""The people and countries an extraction names, matched to the record: the extraction core
resolved who is meant (``PersonMention``: name, key, office, country); this module finds that
person in the database, or creates them (with the office the article says they held)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from tracker.extraction.gazetteer import name_extends, name_is_fuller, name_is_surname_only, name_key
from tracker.extraction.people import person_name_clean
from tracker.extraction.vocabulary import HEAD_TITLES, REGNAL_TITLES
from tracker.models import Article, BoundPrecision, Country, Office, Person, ReviewStatus
from tracker.services.gazetteer import (
    batch_cached,
    gazetteer_current,
    gazetteer_knows_everyone,
    gazetteer_person_added,
)


def country_find(name: str | None, index: dict[str, Country] | None = None) -> Country | None:
    """The country an extraction names, by name, alias or demonym (case-insensitive)."""
    if not name:
        return None
    index = index if index is not None else country_index()
    return index.get(name.strip().casefold())


def country_index() -> dict[str, Country]:
    """Every way to name a country, folded, to the country (one query, or none inside a
    ``gazetteer_batch``). Names win over aliases and demonyms when two countries share a word."""
    return batch_cached("countries", _country_index)


def _country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    countries = list(Country.objects.all())
    for country in countries:
        for word in [*country.demonym_list, *country.alias_list]:
            index.setdefault(word.casefold(), country)
    for country in countries:
        index[country.name.casefold()] = country
    return index


class ArticlePeople:
    """Resolves the people an extraction names to ``Person`` rows, creating the new ones.

    One person, one record: a name is matched to a person on record by its folded spelling, its
    words in another order, or a longer or shorter form of it (``Gazetteer.person_named`` and
    ``person_extended``); the form written here becomes an alias. A bare surname that matches no
    one makes no person (the item naming it is skipped with a warning), nor does a run of
    capitalised words that is a title, place or organisation (``person_name_clean``).

    Safe beside other ingesters: a person is created under the unique ``Person.name_key``, and a
    clash means another process made them first, so theirs is used (get-or-create). The batch
    gazetteer sees people other processes made as soon as they are committed (``gazetteer_current``).
    """

    def __init__(self, extraction, article: Article, countries: dict[str, Country], *, gazetteer=None):
        self.article = article
        self.countries = countries
        self.gazetteer = gazetteer if gazetteer is not None else gazetteer_current()[0]
        self.knows_everyone = gazetteer_knows_everyone(self.gazetteer)  # see ``_find``
        self.by_key: dict[str, Person] = {}
        self.by_name: dict[str, Person | None] = {}
        self.created = 0
        self.warnings: list[str] = []
        # Names seen but not placed (no one on record, not enough for a new person): name -> why.
        self.unplaced: dict[str, str] = {}
        self.mentions = {m.name.casefold(): m for m in extraction.people}
        keys = {m.key for m in extraction.people if m.key}
        for item in [*extraction.contacts, *extraction.gap_claims]:
            keys.update(k for k in item.participant_keys if k)
        keys.update(s.speaker_key for s in extraction.statements if s.speaker_key)
        # Keys are what ``gazetteer_from_db`` put in ``KnownPerson.key``: the person's slug.
        for person in Person.objects.filter(slug__in=keys).order_by():  # into a dict: any order
            self.by_key[person.slug] = person
        for mention in extraction.people:
            person = self.by_key.get(mention.key or "")
            if person is not None:
                self._learn(person, mention)

    def resolve(self, name: str | None, key: str | None) -> Person | None:
        if key and key in self.by_key:
            return self.by_key[key]
        if not name or not name.strip():
            return None
        name = name.strip()
        folded = name.casefold()
        if folded in self.by_name:
            return self.by_name[folded]
        mention = self.mentions.get(folded)
        if mention is not None and mention.key and mention.key in self.by_key:
            return self.by_key[mention.key]
        person = self._find(name, getattr(mention, "country", None))
        if person is None:
            person = self._create_if_a_name(name, mention)
        elif mention is not None:
            self._learn(person, mention, written=name)
        self.by_name[folded] = person
        return person

    def _find(self, name: str, country: str | None) -> Person | None:
        key = name_key(name)
        # Most names looked up here are new: when the gazetteer lists everyone on record, one it
        # does not know by this key is no one's (no query to tell).
        if not self.knows_everyone or self.gazetteer.by_name.get(key):
            person = Person.objects.filter(name_key=key).first()
            if person is not None:
                return person
        known = self.gazetteer.person_named(name) or self.gazetteer.person_extended(name, country)
        return Person.objects.filter(slug=known.key).first() if known is not None else None

    def _create_if_a_name(self, name: str, mention) -> Person | None:
        # A new person the extraction core found comes with its name already cleaned of titles
        # (``PeopleFinder.entity_for``); only a name it did not list is cleaned here.
        new_in_extraction = mention is not None and mention.is_new
        cleaned = name if new_in_extraction else person_name_clean(name, self.gazetteer)
        if cleaned is None:
            return None  # "the spokesperson", "Oklahoma Farmers Union": not a person
        if name_is_surname_only(cleaned):
            # "Prime Minister Frederiksen of Denmark" names one office holder, so the surname will
            # do until an article gives the full name (``_learn`` then renames the person); a bare
            # "Gallant" could be anyone.
            office = (getattr(mention, "office", None) or "").casefold()
            if office not in REGNAL_TITLES and not (office and getattr(mention, "country", None)):
                reason = "a surname alone, without office and country; no person made"
                self.warnings.append(f"{cleaned!r}: {reason}")
                self.unplaced.setdefault(name, reason)
                return None
        elif mention is None and not looks_like_full_name(cleaned):
            return None
        return self._create(cleaned, mention)

    def _learn(self, person: Person, mention, written: str | None = None) -> None:
        """What this article adds about a person on record: the country, when the record lacks it,
        and another form of the name ("Kishida Fumio"), as an alias."""
        changed = []
        country = country_find(getattr(mention, "country", None), self.countries)
        if person.country_id is None and country is not None:
            person.country = country
            changed.append("country")
        variant = getattr(mention, "variant", None) or written
        if variant and (
            name_is_fuller(variant, person.name)
            or (
                person.notes.startswith(CREATED_NOTE)
                and name_extends(name_key(person.name).split(), name_key(variant).split())
            )
        ):
            # Known by surname or a shorter form so far ("Frederiksen", "Abdel Fattah"); this article
            # gives the full name. Names an editor entered (fixtures, admin) are kept as they are.
            variant, person.name = person.name, variant
            changed.append("name")
        if variant and name_key(variant) != name_key(person.name):
            if all(name_key(variant) != name_key(a) for a in person.alias_list):
                person.aliases = "\n".join([*person.alias_list, variant])
                changed.append("aliases")
        if not changed:
            return
        try:
            with transaction.atomic():
                person.save(update_fields=changed)
        except IntegrityError:
            # The fuller name is someone else's already (two records of one person, for an
            # editor to merge): keep this one's name, learn only the rest.
            person.refresh_from_db()
            return
        gazetteer_person_added(person)  # later articles of a batch match the new name too

    def _create(self, name: str, mention) -> Person:
        """A new person (and the office the article says they held), or the person another
        process created under the same key meanwhile. One savepoint, the insert's own
        (``save_with_unique_slug``): a clash rolls back the insert alone, and the office is
        written only once the person is."""
        country = country_find(getattr(mention, "country", None), self.countries)
        office_title = getattr(mention, "office", None)
        office_country = country if office_title and self.article.published else None
        try:
            person = self._insert(name, country, office_title if office_country else None)
        except IntegrityError:
            person = Person.objects.filter(name_key=name_key(name)).first()
            if person is None:
                raise
            self._learn(person, mention, written=name)
            return person
        offices = [self._office_insert(person, office_title, office_country)] if office_country else []
        self.created += 1
        gazetteer_person_added(person, offices=offices)
        return person

    def _insert(self, name: str, country: Country | None, office_title: str | None) -> Person:
        """The new person, ``office_title`` the office the article names them in (of ``country``)."""
        # Proposed, like every item extraction makes: no public page until an editor confirms.
        person = Person(name=name, country=country, status=ReviewStatus.PROPOSED)
        if office_title:
            # The article says the office was held on its date, not when it began or whether it ended.
            person.notes = (
                f"{CREATED_NOTE} article {self.article.pk}, which names them {office_title} of {country} "
                f"on {self.article.published.isoformat()}; the office's start and end are unknown."
            )
        else:
            person.notes = f"{CREATED_NOTE} article {self.article.pk}."
        person.save()
        return person

    @staticmethod
    def _office_insert(person: Person, title: str, country: Country) -> Office:
        # Inserted without the save signals: they mark the person's pairs that have gaps, and a
        # person made a moment ago has none (one query saved).
        office = Office(
            person=person,
            title=title,
            country=country,
            start=None,
            start_precision=BoundPrecision.UNKNOWN,
            end=None,
            end_precision=BoundPrecision.UNKNOWN,
            status=ReviewStatus.PROPOSED,
            is_head=title.casefold() in HEAD_TITLES,
        )
        Office.objects.bulk_create([office])
        return office


def looks_like_full_name(name: str) -> bool:
    """Two or more capitalised words: a name worth a new ``Person`` without the extractor's say-so."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.lower() not in {"de", "van", "von", "bin", "al"})


CREATED_NOTE = "Created by extraction from"
