"""Who an article names: known people by name, alias or surname; others by the title before the name.

``find_people`` returns one ``Mention`` per place a person is named, each tied to an ``Entity`` (one
per person in the article). Titles are matched case-insensitively ("national security adviser Jake
Sullivan"), names only when capitalised, so ordinary words are never taken for names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from .gazetteer import Gazetteer, fold, name_is_fuller, name_key, surname_of
from .items import KnownPerson
from .names import (
    ADDRESSED_BY_PHONE,
    APPOSITIVE,
    CAPS_RUN,
    NAME_RUN,
    NAME_WORD,
    OBJECT_NAME,
    OF_COUNTRY,
    ORGANISATION_ACRONYM,
    PAIR_SUBJECT_BEFORE,
    SAID_NAME,
    SPEECH_VERB,
    TITLE,
    clean_name,
    given_names,
    known_name_heads,
    known_names_in,
    names_compatible,
    office_opens_clause,
    person_name_clean,
    role_before_name,
    title_matches,
    trim_name_words,
    whole_words_in,
)
from .offices import (
    OFFICE_OF_THE,
    OPENING_PHRASE,
    apposed_mentions,
    coordinated_office_mentions,
    definite_mentions,
    honorific_mentions,
    role_mentions,
    unnamed_counterpart_mentions,
)
from .other_bearer import names_someone_else
from .spans import longest_without_overlaps, overlaps_sorted
from .vocabulary import EVENT_WORDS, NAME_PARTICLES, NOT_NAME, PORTFOLIO_WORDS

# A body a country or organisation heads abroad, then where: "Mission in", "Delegation to the".
BODY_AT = re.compile(
    r"(?:Mission|Delegation|Embassy|Representation|Office|Liaison[ \t]+Office|Bureau|Secretariat)"
    r"[ \t]+(?:in|to|at)[ \t]+(?:the[ \t]+)?"
)
PLACE_WORD_AFTER = re.compile(r"[ \t]+[A-Z][\w'’-]+")
# Between a country and its office: "Norvania's outgoing Prime Minister", "Estralian acting President".
OFFICE_MODIFIER_AT_END = re.compile(
    r"(?<![\w'’-])(?:outgoing|incoming|new|newly[ \t]+elected|former|acting|interim|then)[ \t]+$"
)
QUALIFIER_WORDS = re.compile(rf"((?:{NAME_WORD}[ \t]+\n?[ \t]*){{1,3}})$")
DOTTED_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,}[ \t]+)$")
APPOSITIVE_COMMA = re.compile(r",[ \t]+the")  # in every APPOSITIVE match
NAME_GAP = re.compile(r",?[ \t]+\n?[ \t]*|\n[ \t]*")  # between a title and the name after it
# Re-exported: the statements finder and the ingest service read these from here.
__all__ = ["SPEECH_VERB", "Entity", "Mention", "People", "PeopleFinder", "person_name_clean"]


@dataclass
class Entity:
    name: str
    key: str | None = None
    country: str | None = None
    office: str | None = None
    known: KnownPerson | None = None
    surname: str = ""
    ident: int = 0
    variant: str | None = None  # another form of a known person's name written here ("Kishida Fumio")
    # The surname as this text spells it where that differs from the known one's ("Erdoğan" for
    # "Erdogan"): a later bare "Erdoğan" is the same person.
    written_surnames: set[str] = field(default_factory=set)


@dataclass
class Mention:
    start: int
    end: int
    entity: Entity
    kind: str  # name|title|surname|definite


@dataclass
class People:
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def within(self, start: int, end: int) -> list[Mention]:
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.mentions):
            starts = self.__dict__["_starts"] = [m.start for m in self.mentions]
        i = bisect.bisect_left(starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def before(self, pos: int) -> list[Mention]:
        return [m for m in self.mentions if m.end <= pos]


class PeopleFinder:
    def __init__(self, text: str, gazetteer: Gazetteer, published: date | None, home_country: str | None):
        self.text = text
        self.gz = gazetteer
        self.published = published
        self.home = home_country
        self.people = People()

    # --- entities ------------------------------------------------------------------------
    def entity_for(self, name: str, title: str | None, country: str | None, allow_new: bool = True) -> Entity | None:
        name = clean_name(name)
        known = self.gz.person_named(name)
        variant = None
        if known is None:
            cleaned = person_name_clean(name, self.gz)
            if cleaned is None:
                return None
            name = cleaned
            known = self.gz.person_named(name)
        if known is None:
            known = self.gz.person_extended(name, country)
            variant = name if known is not None else None
        elif name_key(name) != name_key(known.name) and all(name_key(name) != name_key(a) for a in known.aliases):
            variant = name  # the same words in another order
        if known is None:
            candidates = self.gz.people_with_surname(surname_of(name))
            if len(given_names(name)) > 1:
                candidates = [p for p in candidates if names_compatible(p.name, name)]
            if title or country:
                fitting = [p for p in candidates if self._fits(p, title, country)]
                # "Speaker Tol" with Prime Minister Mira Tol known: another Tol, not her.
                candidates = fitting or [
                    p for p in candidates if not self.gz.title_contradicts(p, title, self.published)
                ]
            if len({p.key for p in candidates}) == 1:
                known = candidates[0]
        if known is not None:
            if variant is None and name_is_fuller(name, known.name):
                variant = name  # known by surname only so far ("Frederiksen"): here is the full name
            written = surname_of(name)
            for e in self.people.entities:
                if e.key == known.key:
                    e.variant = e.variant or variant
                    _note_written_surname(e, written)
                    return e
            office, office_country = title, country
            held = self.gz.offices_of(known, self.published)
            if held:
                office, office_country = held[0]
            entity = Entity(
                known.name, known.key, office_country or known.country, office, known, surname_of(known.name)
            )
            entity.variant = variant
            _note_written_surname(entity, written)
            return self._add(entity)
        sur = surname_of(name)
        for e in self.people.entities:
            if e.key is None and name_key(e.surname) == name_key(sur) and names_compatible(e.name, name):
                if country and not e.country:
                    e.country = country
                if title and not e.office:
                    e.office = title
                return e
        if not allow_new:
            return None
        return self._add(Entity(name, None, country, title, None, sur))

    def _fits(self, person: KnownPerson, title: str | None, country: str | None) -> bool:
        held = self.gz.offices_of(person, self.published)
        if title and held and not any(fold(t) == fold(title) for t, _ in held):
            return False
        if country and (person.country or held):
            return country == person.country or any(c == country for _, c in held)
        return True

    def _add(self, entity: Entity) -> Entity:
        entity.ident = len(self.people.entities)
        self.people.entities.append(entity)
        return entity

    # --- finding ---------------------------------------------------------------------------
    def find(self, regions: list[tuple[int, int]]) -> People:
        found: list[Mention] = []
        # The office patterns (appositive, office then name, definite) each hold a title TITLE finds
        # where they match, so only the regions with one are searched for them: most have none.
        titled = []
        for start, end in regions:
            mentions, has_title = self._titled(start, end)
            found += mentions
            if has_title:
                titled.append((start, end))
        has_titles = set(titled)
        # Where known names may start, found once for the whole text; and a name read as written is the
        # same person each time.
        index = self.gz.names_as_written()
        heads = known_name_heads(self.text, 0, len(self.text), index)
        known: dict[str, Entity | None] = {}
        for start, end in regions:
            found += self._known_names(start, end, index, heads, known)
        for start, end in regions:
            found += self._said_names(start, end)
            if (start, end) in has_titles:
                found += self._appositives(start, end)
            found += apposed_mentions(self, start, end, (start, end) in has_titles)
        self._merge_partial_names(found)
        found += self._surnames(regions)
        found = longest_without_overlaps(found)
        found += honorific_mentions(self, regions, found)
        found += role_mentions(self, regions, found)
        found = longest_without_overlaps(found)
        holders: dict[tuple[str, str | None], Entity | None] = {}  # "the <title>" means one person per article
        starts = [m.start for m in found]
        definite = []
        for start, end in titled:
            definite += [
                m for m in definite_mentions(self, start, end, found, holders) if not overlaps_sorted(m, starts, found)
            ]
        for start, end in regions:
            definite += [
                m
                for m in coordinated_office_mentions(self, start, end, found, holders)
                if not overlaps_sorted(m, starts, found)
            ]
        found += definite
        found.sort(key=lambda m: m.start)
        starts = [m.start for m in found]
        counterparts = unnamed_counterpart_mentions(self, regions, found)  # "his Norvanian counterpart"
        found += [m for m in counterparts if not overlaps_sorted(m, starts, found)]
        found.sort(key=lambda m: m.start)
        self.people.mentions = found
        return self.people

    def _titled(self, start: int, end: int) -> tuple[list[Mention], bool]:
        """The people named after a title in ``text[start:end]``, and whether it holds a title."""
        out = []
        text = self.text
        has_title = False
        for m in title_matches(text, start, end):
            has_title = True
            title = " ".join(m.group("title").split())
            title_cap = title.title() if not title[0].isupper() else title
            if OFFICE_OF_THE.search(text, max(0, m.start() - 40), m.start()):
                title_cap = None  # "Head of the Office of the President Ivo Lind": his office is not "President"
            qual_country, span_start = self._qualifier(m.start())
            pos = m.end()
            country = qual_country
            name_span = None
            of = OF_COUNTRY.match(text, pos)
            org = (
                ORGANISATION_ACRONYM.match(text, of.end())
                if of and of.end() < end and "(" in text[of.end() : end]
                else None
            )
            own = NAME_RUN.match(text, org.end()) if org else None
            if own and own.end() <= end and trim_name_words(text, own.start(), own.end())[1] > own.start():
                # "President of the Northern Bank for Reconstruction (NBR) Mira Tol": the organisation is her side.
                name_span, country = trim_name_words(text, own.start(), own.end()), " ".join(org.group("org").split())
            elif of and of.end() < end:
                run = CAPS_RUN.match(text, of.end())
                if run and run.end() <= end:
                    split = self._split_country(run.start(), run.end()) or self._portfolio_split(run)
                    if split:
                        country, name_start, _ = split
                        body = BODY_AT.match(text, name_start) if name_start is not None else None
                        if body:
                            # "Head of the NATO Mission in Norvania Karen Ossa": the body and its place
                            # complete the office; the name comes after them.
                            run = CAPS_RUN.match(text, body.end())
                            at = self._split_country(run.start(), run.end()) if run and run.end() <= end else None
                            name_start = at[1] if at else None
                            if name_start is None:
                                continue
                        if name_start is not None:
                            own = NAME_RUN.match(text, name_start)
                            ns, ne = trim_name_words(text, name_start, min(run.end(), own.end() if own else run.end()))
                            name_span = (ns, ne) if ne > ns else None
                        if name_span is None:
                            continue  # "President of France" with no name: an office, not a person
            if name_span is None:
                gap = NAME_GAP.match(text, pos)
                if not gap or ("," in gap.group() and OPENING_PHRASE.search(text, max(0, m.start() - 120), m.start())):
                    continue  # "Welcoming the Estralian President, Lind said": the comma ends the opening phrase
                run = NAME_RUN.match(text, gap.end())
                if not run or run.end() > end:
                    continue
                ns, ne = trim_name_words(text, run.start(), run.end())
                if ne <= ns:
                    continue
                name_span = (ns, ne)
                after = OF_COUNTRY.match(text, ne)
                if after:
                    crun = CAPS_RUN.match(text, after.end())
                    if crun and crun.end() <= end:
                        split = self._split_country(crun.start(), crun.end(), name_allowed=False)
                        if split:
                            country = split[0]
                            name_span = (ns, ne)
                            ne_total = split[2]
                            entity = self.entity_for(text[ns:ne], title_cap, country)
                            if entity:
                                out.append(Mention(span_start, ne_total, entity, "title"))
                            continue
            ns, ne = name_span
            if text[ns:ne] in NOT_NAME or not text[ns].isupper() or TITLE.match(text, ns):
                continue  # "the President and Vice President": a second title, not a name
            entity = self.entity_for(text[ns:ne], title_cap, country)
            if entity:
                out.append(Mention(span_start, ne, entity, "title"))
        return out, has_title

    def _qualifier(self, title_start: int) -> tuple[str | None, int]:
        """A demonym, country or organisation just before a title ("Israeli", "NATO", "European Commission")."""
        before = self.text[max(0, title_start - 60) : title_start]
        base = title_start - len(before)
        if modifier := OFFICE_MODIFIER_AT_END.search(before):
            before = before[: modifier.start()]  # "Norvania's outgoing Prime Minister"
        # Its (at most three) words, each within one white-space-free token, end the text: the
        # search starts at the third token from the end instead of at each of 60 positions.
        rest = before.rsplit(None, 3)
        m = QUALIFIER_WORDS.search(before, len(rest[0]) if len(rest) == 4 else 0)
        if before.endswith(". "):  # "U.S. Secretary of State X": a country's initials, dotted
            m = DOTTED_INITIALS.search(before) or m
        if not m:
            return None, title_start
        words = m.group(1).split()
        for i in range(len(words)):
            phrase = " ".join(words[i:]).rstrip("'’s").strip()
            country = self.gz.country_of_demonym(phrase) or self.gz.country_named(phrase)
            if country is None and " " in phrase:
                # "New Mexico Governor": a state's office, of the state's country, not Mexico's (one
                # word alone is too often another country's province: Maryland is also Liberia's)
                country = self.gz.country_of_province(phrase)
            if country:
                offset = len(before) - len(m.group(1))
                consumed = m.group(1)
                idx = consumed.find(words[i])
                return country, base + offset + idx
        return None, title_start

    def _portfolio_split(self, run: re.Match):
        """ "Minister of Defence Mira Tol": a portfolio, not a country, then the name."""
        words = list(re.finditer(r"\S+", run.group()))
        i = 0
        while i < len(words) - 1 and words[i].group().casefold() in PORTFOLIO_WORDS | {"of", "and", "the"}:
            i += 1
        if i == 0 or not words[i].group()[0].isupper():
            return None
        return None, run.start() + words[i].start(), run.start() + words[i - 1].end()

    def _split_country(self, start: int, end: int, name_allowed: bool = True):
        """Split "France Emmanuel Macron" into the country and where the name starts.

        Returns (country, name_start or None, country_end) or None when no country leads the run.
        """
        words = list(re.finditer(r"\S+", self.text[start:end]))
        best = None
        for i in range(len(words), 0, -1):
            phrase = self.text[start : start + words[i - 1].end()].rstrip(",.()")
            country = self.gz.country_named(phrase)
            if country is None and phrase.lower().startswith(("republic of ", "the republic of ")):
                country = self.gz.country_named(phrase.split(" of ", 1)[1])
            if country is None and i > 0:
                country = self.gz.country_of_province(phrase)
            if country:
                best = (country, i)
                break
        if best is None:
            return None
        country, i = best
        country_end = start + words[i - 1].end()
        if i < len(words) and name_allowed:
            return country, start + words[i].start(), country_end
        return country, None, country_end

    def _known_names(
        self, start: int, end: int, index: dict, heads: list[tuple[int, str]], known: dict[str, Entity | None]
    ) -> list[Mention]:
        out = []
        for ms, me in known_names_in(self.text, start, end, index, heads):
            if self._in_place_name(ms, me):
                continue  # "Costa" in "Costa Rica"
            if names_someone_else(self.text, self.gz, self.published, ms, me):
                continue  # "Speaker of the House Tol", "Jon Tol": not the known Mira Tol
            name = self.text[ms:me]
            if name not in known:
                known[name] = self.entity_for(name, None, None, allow_new=False)
            if known[name]:
                out.append(Mention(ms, me, known[name], "name"))
        return out

    def _in_place_name(self, start: int, end: int) -> bool:
        """Whether the name at [start, end) is part of a place's name with the next capitalised word."""
        nxt = PLACE_WORD_AFTER.match(self.text, end)
        return nxt is not None and self.gz.is_place(self.text[start : nxt.end()])

    def _appositives(self, start: int, end: int) -> list[Mention]:
        out = []
        if not APPOSITIVE_COMMA.search(self.text, start, end):
            return out  # what every appositive holds, found at C speed from its comma
        for m in APPOSITIVE.finditer(self.text, start, end):
            ns, ne = trim_name_words(self.text, m.start("name"), m.end("name"))
            words = self.text[ns:ne].split()
            split = self._split_country(m.start("country"), m.end("country"), name_allowed=False)
            if len(words) < 2 or any(w in NOT_NAME for w in words) or not split:
                continue
            if office_opens_clause(self.text, m.end()):
                continue  # "In his message to Jon Pell, the President of Norvania said": the office is the subject
            title = " ".join(m.group("title").split())
            entity = self.entity_for(self.text[ns:ne], title if title[0].isupper() else title.title(), split[0])
            if entity:
                out.append(Mention(ns, ne, entity, "name"))
        return out

    def _said_names(self, start: int, end: int) -> list[Mention]:
        """New people named as the subject of a speech or contact verb, or as its object."""
        out = []
        said = list(SAID_NAME.finditer(self.text, start, end))
        # "Aldo Varen and Mira Tol held talks": the first of the verb's two subjects.
        pairs = [p for m in said if (p := PAIR_SUBJECT_BEFORE.search(self.text, max(start, m.start() - 60), m.start()))]
        matches = [
            *said,
            *pairs,
            *OBJECT_NAME.finditer(self.text, start, end),
            *ADDRESSED_BY_PHONE.finditer(self.text, start, end),
        ]
        for m in matches:
            ns, ne = trim_name_words(self.text, m.start("name"), m.end("name"))
            words = self.text[ns:ne].split()
            if len(words) < 2 or any(w in NOT_NAME for w in words) or words[-1] in EVENT_WORDS:
                continue
            phrase = self.text[ns:ne]
            if self.gz.country_named(phrase) or self.gz.country_of_demonym(words[0]) or TITLE.search(phrase):
                continue
            cleaned = person_name_clean(phrase, self.gz)
            if cleaned and " " not in cleaned and self.gz.person_named(cleaned) is None:
                continue  # "CSTO Collective ...": one word left once the acronym goes is no new name
            # "with FEMA Administrator Mira Tol": the office her leading words name is hers.
            entity = self.entity_for(phrase, role_before_name(words), None)
            if entity:
                out.append(Mention(ns, ne, entity, "name"))
        return out

    def _merge_partial_names(self, found: list[Mention]) -> None:
        """One person, one entity: a new name whose words are some of a fuller name's in the same
        article ("Yoon" and "Yoon Suk Yeol", "El-Sisi" and "Abdel Fattah Al-Sisi", "López Obrador")
        is that person, when exactly one fuller name fits. Particles do not count ("al", "bin")."""
        words = {e.ident: set(name_key(e.name).split()) - NAME_PARTICLES for e in self.people.entities}
        into: dict[int, Entity] = {}
        for e in self.people.entities:
            own = words[e.ident]
            if e.key is not None or not own:
                continue
            fuller = [t for t in self.people.entities if t is not e and own < words[t.ident]]
            widest = [t for t in fuller if not any(words[t.ident] < words[u.ident] for u in fuller)]
            if len({t.key or t.ident for t in widest}) == 1:
                target = widest[0]
                if target.known and self.gz.title_contradicts(target.known, e.office, self.published):
                    continue  # "Speaker Tol" beside Prime Minister Mira Tol: two people
                target.country = target.country or e.country
                target.office = target.office or e.office
                into[e.ident] = target
        if not into:
            return
        for m in found:
            m.entity = into.get(m.entity.ident, m.entity)
        self.people.entities = [e for e in self.people.entities if e.ident not in into]

    def _surnames(self, regions: list[tuple[int, int]]) -> list[Mention]:
        by_surname: dict[str, list[Entity]] = {}
        for e in self.people.entities:
            for surname in (e.surname, *e.written_surnames):
                if surname and len(surname) > 1:
                    by_surname.setdefault(surname, []).append(e)
        if not by_surname:
            return []
        out = []
        for start, end in regions:
            for ms, me in whole_words_in(self.text, start, end, by_surname):
                entities = by_surname[self.text[ms:me]]
                if len(entities) == 1 and not self._in_place_name(ms, me):
                    out.append(Mention(ms, me, entities[0], "surname"))
        return out


def _note_written_surname(entity: Entity, written: str) -> None:
    if written and written != entity.surname and name_key(written) == name_key(entity.surname):
        entity.written_surnames.add(written)
