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

from .gazetteer import NAME_PARTICLES, Gazetteer, fold, name_is_fuller, name_key, surname_of
from .items import KnownPerson, Span

_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper() and chr(c) not in "×")
NAME_WORD = rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.|[{_UPPER}]\.|(?:Jr|Sr)\.|[{_UPPER}][\w'’]*(?:-[\w'’]+)*)"
SEP = r"(?:[ \t]+\n?|\n)[ \t]*"
PARTICLE = r"(?:von|van|der|den|de|da|del|della|di|du|la|le|bin|ibn|al|el|dos|das|ben|bint)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:{SEP}(?:{PARTICLE}{SEP}){{0,2}}{NAME_WORD}){{0,4}}(?:,?[ \t]+(?:Jr|Sr)\.?)?")
CAPS_RUN = re.compile(rf"{NAME_WORD}(?:{SEP}(?:(?:of|and|the|{PARTICLE}){SEP}){{0,2}}{NAME_WORD}){{0,9}}")

TITLES = [
    "First Deputy Prime Minister", "Deputy Prime Minister", "Prime Minister", "Vice President", "President",
    "Federal Chancellor", "Chancellor", "Crown Prince", "Grand Duke", "King", "Queen", "Emir", "Amir", "Sultan",
    "Pope", "Supreme Leader", "Premier", "Taoiseach", "Secretary of State", "Secretary-General",
    "Secretary General", "General Secretary", "Foreign Minister", "Minister of Foreign Affairs",
    "Foreign Secretary", "Defense Minister", "Defence Minister", "Defense Secretary", "Defence Secretary",
    "Secretary of Defense", "National Security Adviser", "National Security Advisor", "Chief of Staff",
    "Ambassador", "Governor", "Senator", "Senate Majority Leader", "Senate Minority Leader", "Majority Leader",
    "Minority Leader", "House Speaker", "Speaker", "Chairman", "Chairwoman", "Chairperson", "Mayor",
    "Minister", "Spokesperson", "Spokesman", "Spokeswoman", "Press Secretary", "Crown Princess", "Prince",
    "Sheikh", "First Lady", "First Gentleman", "Chief Adviser", "Leader",
]  # fmt: skip


def words_pattern(phrase: str) -> str:
    """A regex for a phrase whose words may be split by spaces or one line break."""
    return SEP.join(re.escape(w) for w in phrase.split())


def phrases_alternation(phrases: list[str]) -> str:
    """A fast regex for any of ``phrases``, each word capitalised or not ("Prime Minister", "prime
    minister"), words split by spaces or one line break.

    Grouped by first letter, so the engine tries a handful of branches where one big
    case-insensitive alternation tried them all at every position (5× faster on a news article).
    """
    by_letter: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        by_letter.setdefault(phrase[0].lower(), []).append(phrase)

    def rest(phrase: str) -> str:
        first, *others = phrase.split()
        return SEP.join([re.escape(first[1:]), *(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in others)])

    return "|".join(f"[{c.upper()}{c}](?:{'|'.join(rest(p) for p in group)})" for c, group in sorted(by_letter.items()))


TITLE_PATTERN = phrases_alternation(TITLES)
TITLE_FIRST = "[" + "".join(sorted({t[0].upper() for t in TITLES} | {t[0].lower() for t in TITLES})) + "]"
TITLE = re.compile(rf"\b(?={TITLE_FIRST})(?P<title>{TITLE_PATTERN})\b")
# Words that follow a title but are not names ("President Biden Monday", "Prime Minister The ...").
NOT_NAME = {
    "The", "A", "An", "And", "But", "Or", "In", "On", "At", "For", "With", "As", "Of", "To", "By", "From",
    "He", "She", "They", "It", "This", "That", "These", "His", "Her", "Their", "Its", "We", "I", "You",
    "Today", "Yesterday", "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Office", "House", "Council",
    "Administration", "Government", "Ministry", "Department", "Kremlin", "Also", "Said", "Has", "Had",
    "Was", "Is", "Will", "Would", "Who", "When", "While", "After", "Before", "During", "Since", "Under",
    "Both", "Each", "Two",
}  # fmt: skip
SPEECH_VERB = (
    r"(?:said|says|told|added|stated|noted|stressed|explained|warned|wrote|tweeted|posted|asked|replied|insisted"
    r"|declared|argued|emphasi[sz]ed|continued|recalled|acknowledged|cautioned|urged|announced|described|called)"
)
CONTACT_VERB_AFTER_NAME = (
    r"(?:met|meets|spoke|speaks|had|has|held|holds|hosted|hosts|talked|phoned|telephoned|visited|welcomed|received"
    r"|will|took|attended)"
)
SAID_NAME = re.compile(
    rf"(?=[{_UPPER}])(?P<name>{NAME_WORD}(?:{SEP}{NAME_WORD}){{1,2}}),?[ \t]+(?:also[ \t]+)?"
    rf"(?:{SPEECH_VERB}|{CONTACT_VERB_AFTER_NAME})\b(?![ \t]+by\b)"
)
# Last words of capitalised phrases that name events and bodies, not people ("Leaders' Meeting said").
EVENT_WORDS = {"Meeting", "Summit", "Conference", "Forum", "Council", "Assembly", "Dialogue", "Commission"}
# "Leo Varadkar, the Taoiseach of Ireland": a name, then its office in apposition.
APPOSITIVE = re.compile(
    rf"(?=[{_UPPER}])(?P<name>{NAME_WORD}(?:{SEP}{NAME_WORD}){{1,3}}),[ \t]+the{SEP}"
    rf"(?P<title>{TITLE_PATTERN}){SEP}of{SEP}"
    rf"(?:the{SEP})?(?P<country>{NAME_WORD}(?:{SEP}(?:of{SEP})?{NAME_WORD}){{0,3}})"
)
DEFINITE = re.compile(rf"\b[Tt]he[ \t]+(?P<title>{TITLE_PATTERN})\b(?![ \t]+(?:of\b|{NAME_WORD}))")
OF_COUNTRY = re.compile(rf"[ \t]*,?{SEP}of{SEP}(?:the{SEP})?")


# Words of titles that may also be surnames ("Angus King", "Prince"): dropped before a name, kept inside one.
_TITLE_WORDS_ALSO_NAMES = {
    "king", "queen", "prince", "princess", "crown", "grand", "duke", "first", "lady", "gentleman", "house",
    "press", "federal", "supreme", "sheikh", "pope", "emir", "amir", "sultan", "leader", "of",
}  # fmt: skip
# Words that name a role, never a person: before a name they are its title ("Secretary Marty Walsh",
# "Affairs Jake Sullivan" from "... for National Security Affairs Jake Sullivan"); inside one they
# show the words are not a name at all ("Mamie Locke Delegate Sally Hudson").
ROLE_WORDS = {w.casefold() for t in TITLES for w in t.replace("-", " ").split()} - _TITLE_WORDS_ALSO_NAMES | {
    "secretary", "advisor", "adviser", "administrator", "director", "representative", "delegate", "congressman",
    "congresswoman", "envoy", "counselor", "counsellor", "chair", "co", "designate", "deputy", "commissioner",
    "attorney", "general", "admiral", "colonel", "lieutenant", "assistant", "undersecretary", "nsa", "affairs",
    "head", "senior", "special", "cabinet", "coordinator", "officer", "elect", "pro", "tempore", "whip",
    "spokesperson", "minister", "ministers", "president", "presidents", "senator", "senators", "cardinal",
    "archbishop", "bishop", "reverend", "rabbi",
}  # fmt: skip
# Government portfolios, written between a title and a name ("Secretary of Transportation Pete Buttigieg").
PORTFOLIO_WORDS = {
    "state", "defense", "defence", "transportation", "energy", "agriculture", "commerce", "labor", "labour",
    "treasury", "health", "education", "interior", "homeland", "veterans", "housing", "trade", "finance",
    "technology", "emerging", "cyber", "hemisphere", "western", "economic", "policy", "intelligence", "climate",
    "infrastructure", "development", "environment", "communications", "international", "global", "strategic",
    "military", "legislative", "public", "services", "urban", "foreign", "national", "security", "staff",
}  # fmt: skip
# Words of bodies, places and events: a capitalised run holding one is not a person's name.
ORGANISATION_WORDS = {
    "university", "college", "union", "church", "center", "centre", "network", "league", "federation", "alliance",
    "initiative", "agenda", "order", "framework", "summary", "call", "visit", "county", "family", "members",
    "academy", "congress", "guard", "council", "committee", "partnership", "bureau", "association", "institute",
    "foundation", "school", "agency", "department", "ministry", "office", "assembly", "commission", "coalition",
    "fund", "bank", "group", "corporation", "company", "party", "forum", "summit", "meeting", "conference",
    "dialogue", "program", "programme", "project", "campaign", "act", "court", "army", "navy", "forces",
    "command", "government", "administration", "republic", "kingdom", "city", "province", "region", "district",
    "islands", "senate", "parliament", "cabinet", "embassy", "consulate", "caucus", "delegation", "team",
}  # fmt: skip
NOT_A_NAME_WORDS = ROLE_WORDS | PORTFOLIO_WORDS | ORGANISATION_WORDS


def person_name_clean(name: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The person's name in a capitalised run, or None when the run names no new person.

    Title and role words before the name are dropped ("General Laura Richardson" -> "Laura
    Richardson"), as are trailing role words and initials ("Jeff Zients Counselor", "Netanyahu U."
    from "U.S."). What is left is no name when it holds a role, portfolio or organisation word, a
    possessive ("Biden’s Call"), an acronym, or is a place ("New Mexico"), starts with a demonym
    ("American Academy") or starts with a place ("Oklahoma Farmers Union"); nor when it is one word
    that is a title or role word ("Head", "Secretary").
    """
    words = _clean_name(name).split()

    def bare(word: str) -> str:
        return word.strip(",.").casefold()

    def leading_qualifier(word: str) -> bool:
        b = bare(word)
        return (
            b in NOT_A_NAME_WORDS
            or b in _TITLE_WORDS_ALSO_NAMES
            or b in HONORIFIC_TITLES
            or _acronym(word)  # "EPA Administrator Regan"
            or any(b == part for part in b.split("-") if part in NOT_A_NAME_WORDS)
        )

    while len(words) > 1 and leading_qualifier(words[0]):
        words.pop(0)
    while len(words) > 1 and (
        bare(words[-1]) in ROLE_WORDS or bare(words[-1]) in NAME_PARTICLES or re.fullmatch(r"[A-Z]\.", words[-1])
    ):
        words.pop()
    if not words:
        return None
    parts = [p for w in words for p in bare(w).split("-")]
    if any(p in NOT_A_NAME_WORDS for p in parts):
        return None
    if any(re.search(r"['’]s$", w) for w in words) or any(_acronym(w) for w in words):
        return None
    if len(words) == 1 and (bare(words[0]) in _TITLE_WORDS_ALSO_NAMES or len(words[0].strip(".")) < 2):
        return None
    cleaned = " ".join(words)
    if gazetteer is not None:
        if gazetteer.is_place(cleaned) or gazetteer.country_of_demonym(words[0]):
            return None
        if len(words) > 2 and any(gazetteer.is_place(" ".join(words[:n])) for n in (1, 2)):
            return None  # "Oklahoma Farmers Union", "New Mexico State ..."
    return cleaned


def _acronym(word: str) -> bool:
    """ "EPA", "NSA", "AFL-CIO": capitals only, but not a regnal number ("Abdullah II")."""
    bare = word.strip(".,")
    return bare.isupper() and len(bare) > 1 and not re.fullmatch(r"[IVX]+", bare)


# Honorific titles before a name, dropped with the other titles ("Shri Ajit Doval").
HONORIFIC_TITLES = {"shri", "sri", "his", "her", "majesty", "highness", "excellency", "h.e", "mr", "mrs", "ms", "dr"}


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


def _clean_name(raw: str) -> str:
    raw = re.sub(r",?\s+(?:Jr|Sr)\.?$", "", raw.strip())
    return " ".join(raw.split())


def _trim_name_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop words at the end of a name run that cannot be part of a name; (start, end) of what is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (words[-1].group().rstrip(",") in NOT_NAME or re.fullmatch(PARTICLE, words[-1].group())):
        words.pop()
    while words and words[0].group() in NOT_NAME:
        words.pop(0)
    if not words:
        return start, start
    end = start + words[-1].end()
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    elif text[end - 1 : end] in ("'", "’"):
        end -= 1
    return start + words[0].start(), end


class PeopleFinder:
    def __init__(self, text: str, gazetteer: Gazetteer, published: date | None, home_country: str | None):
        self.text = text
        self.gz = gazetteer
        self.published = published
        self.home = home_country
        self.people = People()

    # --- entities ------------------------------------------------------------------------
    def entity_for(self, name: str, title: str | None, country: str | None, allow_new: bool = True) -> Entity | None:
        name = _clean_name(name)
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
            if len(_given_names(name)) > 1:
                candidates = [p for p in candidates if _compatible(p.name, name)]
            if title or country:
                fitting = [p for p in candidates if self._fits(p, title, country)]
                candidates = fitting or candidates
            if len({p.key for p in candidates}) == 1:
                known = candidates[0]
        if known is not None:
            if variant is None and name_is_fuller(name, known.name):
                variant = name  # known by surname only so far ("Frederiksen"): here is the full name
            for e in self.people.entities:
                if e.key == known.key:
                    e.variant = e.variant or variant
                    return e
            office, office_country = title, country
            held = self.gz.offices_of(known, self.published)
            if held:
                office, office_country = held[0]
            entity = Entity(
                known.name, known.key, office_country or known.country, office, known, surname_of(known.name)
            )
            entity.variant = variant
            return self._add(entity)
        sur = surname_of(name)
        for e in self.people.entities:
            if e.key is None and name_key(e.surname) == name_key(sur) and _compatible(e.name, name):
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
        for start, end in regions:
            found += self._titled(start, end)
        for start, end in regions:
            found += self._known_names(start, end)
        for start, end in regions:
            found += self._said_names(start, end)
            found += self._appositives(start, end)
        self._merge_partial_names(found)
        found += self._surnames(regions)
        found = _without_overlaps(found)
        self._holders: dict[str, Entity | None] = {}  # "the <title>" means one person per article
        starts = [m.start for m in found]
        definite = []
        for start, end in regions:
            definite += [m for m in self._definite(start, end, found) if not _overlaps_sorted(m, starts, found)]
        found += definite
        found.sort(key=lambda m: m.start)
        self.people.mentions = found
        return self.people

    def _titled(self, start: int, end: int) -> list[Mention]:
        out = []
        text = self.text
        for m in TITLE.finditer(text, start, end):
            title = " ".join(m.group("title").split())
            title_cap = title.title() if not title[0].isupper() else title
            if not title[0].isupper() and not re.search(r"[,(]?[ \t]+$|,[ \t]*$", text[m.end() : m.end() + 2]):
                pass
            qual_country, span_start = self._qualifier(m.start())
            pos = m.end()
            country = qual_country
            name_span = None
            of = OF_COUNTRY.match(text, pos)
            if of and of.end() < end:
                run = CAPS_RUN.match(text, of.end())
                if run and run.end() <= end:
                    split = self._split_country(run.start(), run.end())
                    if split:
                        country, name_start, _ = split
                        if name_start is not None:
                            own = NAME_RUN.match(text, name_start)
                            ns, ne = _trim_name_words(text, name_start, min(run.end(), own.end() if own else run.end()))
                            name_span = (ns, ne) if ne > ns else None
                        if name_span is None:
                            continue  # "President of France" with no name: an office, not a person
            if name_span is None:
                gap = re.compile(r",?[ \t]+\n?[ \t]*|\n[ \t]*").match(text, pos)
                if not gap:
                    continue
                run = NAME_RUN.match(text, gap.end())
                if not run or run.end() > end:
                    continue
                ns, ne = _trim_name_words(text, run.start(), run.end())
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
        return out

    def _qualifier(self, title_start: int) -> tuple[str | None, int]:
        """A demonym, country or organisation just before a title ("Israeli", "NATO", "European Commission")."""
        before = self.text[max(0, title_start - 60) : title_start]
        m = re.search(rf"((?:{NAME_WORD}[ \t]+\n?[ \t]*){{1,3}})$", before)
        if not m:
            return None, title_start
        words = m.group(1).split()
        for i in range(len(words)):
            phrase = " ".join(words[i:]).rstrip("'’s").strip()
            country = self.gz.country_of_demonym(phrase) or self.gz.country_named(phrase)
            if country:
                offset = len(before) - len(m.group(1))
                consumed = m.group(1)
                idx = consumed.find(words[i])
                return country, title_start - len(before) + offset + idx
        return None, title_start

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

    def _known_names(self, start: int, end: int) -> list[Mention]:
        out = []
        for ms, me in known_names_in(self.text, start, end, self.gz.names_as_written()):
            entity = self.entity_for(self.text[ms:me], None, None, allow_new=False)
            if entity:
                out.append(Mention(ms, me, entity, "name"))
        return out

    def _appositives(self, start: int, end: int) -> list[Mention]:
        out = []
        for m in APPOSITIVE.finditer(self.text, start, end):
            ns, ne = _trim_name_words(self.text, m.start("name"), m.end("name"))
            words = self.text[ns:ne].split()
            split = self._split_country(m.start("country"), m.end("country"), name_allowed=False)
            if len(words) < 2 or any(w in NOT_NAME for w in words) or not split:
                continue
            title = " ".join(m.group("title").split())
            entity = self.entity_for(self.text[ns:ne], title if title[0].isupper() else title.title(), split[0])
            if entity:
                out.append(Mention(ns, ne, entity, "name"))
        return out

    def _said_names(self, start: int, end: int) -> list[Mention]:
        out = []
        for m in SAID_NAME.finditer(self.text, start, end):
            ns, ne = _trim_name_words(self.text, m.start("name"), m.end("name"))
            words = self.text[ns:ne].split()
            if len(words) < 2 or any(w in NOT_NAME for w in words) or words[-1] in EVENT_WORDS:
                continue
            phrase = self.text[ns:ne]
            if self.gz.country_named(phrase) or self.gz.country_of_demonym(words[0]) or TITLE.search(phrase):
                continue
            entity = self.entity_for(phrase, None, None)
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
            if e.surname and len(e.surname) > 1:
                by_surname.setdefault(e.surname, []).append(e)
        if not by_surname:
            return []
        # A handful of surnames: one small regex, compiled once per article, beats a word-by-word scan.
        alternation = "|".join(re.escape(s) for s in sorted(by_surname, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
        out = []
        for start, end in regions:
            for m in pattern.finditer(self.text, start, end):
                entities = by_surname[m.group(0)]
                if len(entities) == 1:
                    out.append(Mention(m.start(), m.end(), entities[0], "surname"))
        return out

    def _definite(self, start: int, end: int, found: list[Mention]) -> list[Mention]:
        out = []
        for m in DEFINITE.finditer(self.text, start, end):
            title = " ".join(m.group("title").split())
            key = fold(title)
            if key not in self._holders:
                self._holders[key] = self._holder(title, m.start(), found)
            entity = self._holders[key]
            if entity:
                out.append(Mention(m.start(), m.end(), entity, "definite"))
        return out

    def _holder(self, title: str, pos: int, found: list[Mention]) -> Entity | None:
        """Who "the <title>" means here: the home country's holder, else the first so titled in the article."""
        titled = [
            m.entity
            for m in sorted(found, key=lambda m: m.start)
            if m.entity.office and fold(m.entity.office) == fold(title)
        ]
        if self.home:
            for e in titled:
                if e.country == self.home:
                    return e
            holders = self.gz.office_holders(title, self.home, self.published)
            if len(holders) == 1:
                person, country = holders[0]
                return self.entity_for(person.name, title, country)
        if titled:
            return titled[0]
        holders = self.gz.office_holders(title, None, self.published)
        if len({p.key for p, _ in holders}) == 1:
            person, country = holders[0]
            return self.entity_for(person.name, title, country)
        return None


def people_complete_from_title(people: People, title: str | None, finder: PeopleFinder) -> None:
    """Complete new people from the document's title, which readouts keep out of the body text:
    the body's "President Hichilema" is the title's "President Hakainde Hichilema of Zambia".

    A new person named by one word takes the title's fuller name (and a known person's key); any
    new person whose name the title repeats takes the country and office the title gives.
    """
    if not title or not any(e.key is None for e in people.entities):
        return
    heading = PeopleFinder(title, finder.gz, finder.published, finder.home).find([(0, len(title))])
    for e in people.entities:
        if e.key is not None:
            continue
        for h in heading.entities:
            forms = [h.name, *([h.variant] if h.variant else []), *(h.known.aliases if h.known else ())]
            same = any(name_key(f) == name_key(e.name) for f in forms)
            fuller = next((f for f in forms if name_is_fuller(f, e.name)), None)
            if not (same or fuller):
                continue
            if not same:
                e.name, e.key, e.known, e.surname = h.name, h.key, h.known, h.surname
                e.variant = h.variant or (fuller if fuller != h.name else None)
            e.country = e.country or h.country
            e.office = e.office or h.office
            break


WORD_RUN = re.compile(r"(?<![\w-])[\w-]+")
WORD_CHAR = re.compile(r"[\w-]")
SPACE_RUN = re.compile(r"[ \t]*\n?[ \t]*")


def known_names_in(text: str, start: int, end: int, index: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Where known names (as written, case-sensitive) occur: (start, end) pairs, leftmost-longest.

    ``index`` comes from ``name_index``. One C-speed pass over the words and a dictionary lookup
    each, instead of one alternation of every name: that regex took milliseconds to compile and had
    to be rebuilt whenever a person was added. A name starts after a non-word character and ends
    before one ("Biden's" holds "Biden"); its words are separated by spaces or one line break.
    """
    found: list[tuple[int, int]] = []
    if not index:
        return found
    last = start
    for m in WORD_RUN.finditer(text, start, end):
        candidates = index.get(m.group())
        if candidates is None or m.start() < last:
            continue
        for words in candidates:  # longest first
            stop = _name_end(text, m.start(), end, words)
            if stop is not None:
                found.append((m.start(), stop))
                last = stop
                break
    return found


def _name_end(text: str, pos: int, end: int, words: tuple[str, ...]) -> int | None:
    """Where ``words`` written from ``pos`` end, or None when they are not written there."""
    for n, word in enumerate(words):
        if n:
            gap = SPACE_RUN.match(text, pos).end()
            if gap == pos:
                return None
            pos = gap
        if not text.startswith(word, pos):
            return None
        pos += len(word)
        if n < len(words) - 1 and pos < len(text) and not text[pos].isspace():
            return None
    if pos > end or (pos < len(text) and WORD_CHAR.match(text, pos)):
        return None
    return pos


HONORIFICS = {"sheikh", "sheikha", "sir", "dame", "dr", "mr", "mrs", "ms", "his", "her", "majesty", "highness"}


def _given_names(name: str) -> list[str]:
    """The words of a name without leading honorifics ("Sheikh Tamim ..." -> "Tamim ...")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    return words


def _compatible(a: str, b: str) -> bool:
    """Could two names with one surname be the same person ("Joseph R. Biden", "Joe Biden", "Biden")?
    Honorifics do not count: "Sheikh Tamim ... Al Thani" is not "Sheikh Mohammed ... Al Thani"."""
    fa, fb = _given_names(a), _given_names(b)
    if len(fa) == 1 or len(fb) == 1:
        return True
    return fa[0][:1].lower() == fb[0][:1].lower()


def _overlaps_sorted(m: Mention, starts: list[int], spans: list[Mention]) -> bool:
    """Whether ``m`` overlaps one of ``spans``: non-overlapping, sorted by start (``starts``)."""
    i = bisect.bisect_left(starts, m.end)
    return i > 0 and spans[i - 1].end > m.start


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (a titled name beats the surname inside it)."""
    order = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    starts: list[int] = []
    kept: list[Mention] = []
    for m in order:
        if not _overlaps_sorted(m, starts, kept):
            i = bisect.bisect_left(starts, m.start)
            starts.insert(i, m.start)
            kept.insert(i, m)
    return kept


def mention_span(m: Mention) -> Span:
    return Span(m.start, m.end)
