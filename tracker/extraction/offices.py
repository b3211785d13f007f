"""People named by their office or by an honorific: "the President", "the Russian President", "the
President of Estralia", "Norvania's prime minister", "Mr. Tol".

An office resolves from the text first (the person the text gives that office and country
elsewhere), then from who held it on the publication day (the gazetteer's offices), then, for the
publisher's own country, the person the article is most about who has no other office or country.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from .gazetteer import fold, name_is_fuller
from .names import AT_WORD_START, NAME_WORD, PARTICLE, SEP, TITLE_FIRST, TITLE_PATTERN
from .vocabulary import HEAD_TITLES, HONORIFICS, NOT_NAME

if TYPE_CHECKING:
    from .people import Entity, Mention, PeopleFinder

# "the President", "the Russian President", "the visiting prime minister"; not "the President of"
# (below) nor "the President Aldo Varen" (a titled name).
DEFINITE = re.compile(
    rf"[Tt]{AT_WORD_START}he[ \t]+"
    rf"(?:(?!{TITLE_PATTERN}\b)(?P<qualifier>{NAME_WORD}|visiting|outgoing|incoming|then)[ \t]+)?"
    rf"(?P<title>{TITLE_PATTERN})\b"
    # "the Crown Prince and Prime Minister of X, Name": one person's two offices, X's, named after them
    rf"(?![ \t]+(?:of\b|{NAME_WORD}|and{SEP}(?:{TITLE_PATTERN}){SEP}of\b))"
)
# "the President of Estralia" with no name after it; "Estralia's president"
COUNTRY_WORDS = rf"(?P<country>{NAME_WORD}(?:{SEP}{NAME_WORD}){{0,3}})"
OF_COUNTRY_OFFICE = re.compile(
    rf"[Tt]{AT_WORD_START}he[ \t]+(?P<title>{TITLE_PATTERN}){SEP}of{SEP}"
    rf"(?:the{SEP})?{COUNTRY_WORDS}(?![ \t]+{NAME_WORD})"
)
# Two countries' holders of one office in one phrase: "the Estralian and Norvanian leaders", "the
# prime ministers of Estralia and Norvania" (each a mention of its own, as "A and B").
COORDINATED_OFFICES = re.compile(
    rf"[Tt]{AT_WORD_START}he[ \t]+(?:(?P<first>{NAME_WORD})[ \t]+and[ \t]+(?P<second>{NAME_WORD})[ \t]+"
    rf"(?P<title>{TITLE_PATTERN})s\b|(?P<titles>{TITLE_PATTERN})s{SEP}of{SEP}(?:the{SEP})?"
    rf"(?P<one>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}){SEP}and{SEP}(?:the{SEP})?"
    rf"(?P<other>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})(?![ \t]+{NAME_WORD}))"
)
# Found from its "'s" (a cheap start), then the country is read backwards.
POSSESSIVE_OFFICE = re.compile(
    rf"['’]s[ \t]+(?:(?:outgoing|new|former|acting)[ \t]+)?(?P<title>{TITLE_PATTERN})\b(?![ \t]+{NAME_WORD})"
)
OWNER_BEFORE = re.compile(rf"(?<![\w'’-])(?P<country>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})$")
# "Mr. Tol", "Mrs Kost", "Madam Varen": an honorific marks a person even when the name is unknown.
HONORIFIC_NAME = re.compile(
    rf"[MD]{AT_WORD_START}(?:(?<=M)(?:r|rs|s|adam|adame)|(?<=D)r)\.?[ \t]+"
    rf"(?P<name>(?!(?:President|Prime|Chancellor|Minister|Secretary|Speaker)\b)"
    rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})"
)
# The office just before an honorific name: "the President of Estralia, Mr. Kost".
APPOSED_OFFICE = re.compile(
    rf"\b(?:the[ \t]+)?(?P<title>{TITLE_PATTERN}){SEP}of{SEP}(?:the{SEP})?{COUNTRY_WORDS},[ \t]*$"
)

# A body or a role whose complement is the title after it ("Office of the", "Adviser to the").
OFFICE_OF_THE = re.compile(
    r"\b(?:Office|Administration|Chancellery|Secretariat|Staff|Adviser|Advisor|Aide|Assistant|Spokesman"
    r"|Spokeswoman|Spokesperson|Envoy|Representative|Counsell?or)[ \t]+(?:to|for|of)[ \t]+the[ \t]+$",
    re.I,
)
# A state's formal name before its name: "the Kingdom of Wendland"
STATE_FORM = r"(?:Kingdom|Republic|State|Sultanate|Emirate|Principality|Federation|Commonwealth)"
FORMAL_STATE = re.compile(rf"^{STATE_FORM}\s+of\s+")
# "the President of Estralia, Aldo Varen,": the office and its country first, the name after a comma.
OFFICE_THEN_NAME = re.compile(
    rf"\b(?=[Tt]|{TITLE_FIRST})(?:[Tt]he{SEP})?(?P<title>{TITLE_PATTERN}){SEP}of{SEP}(?:the{SEP})?"
    # "the Prime Minister of the Kingdom of Wendland, ...": a state's formal name
    rf"(?P<country>(?:{STATE_FORM}{SEP}of{SEP})?"
    rf"{NAME_WORD}(?:{SEP}{NAME_WORD}){{0,3}}),[ \t]*"
    # "..., His Royal Highness Tarek bin Saad Al Nour": a royal's long name, perhaps wrapped
    rf"(?P<name>(?:(?:His|Her){SEP}(?:Royal{SEP})?(?:Majesty|Highness|Excellency){SEP})?"
    rf"{NAME_WORD}(?:(?:[ \t]+|{SEP}(?=(?:{PARTICLE}{SEP})*[A-Z]))(?:{PARTICLE}{SEP}){{0,2}}{NAME_WORD}){{1,5}})"
    rf"(?=[ \t]*[,.;:)\n]|$)"
)
# "Mira Tol, the Estralian prime minister, met ...", "with Ivo Lind, Norvania's president.": an
# office qualified by its country in apposition after the name; found from its comma (a cheap start),
# the name read backwards. The closing comma or stop is required: "To Jon Pell, the Estralian President
# sent ..." makes the office the subject of its clause.
QUALIFIED_OFFICE_AFTER_COMMA = re.compile(
    rf",[ \t]+(?:the{SEP})?(?P<qualifier>{NAME_WORD}){SEP}(?P<title>{TITLE_PATTERN})"
    # "Ivo Lind, Norvania's president since 2019,": how long the office has been held may follow it
    r"(?=(?:[ \t]+(?:since|from|for)[ \t]+[^,;.\n]{1,30}?)?[ \t]*(?:[,;]|\.(?!\w))[ \t]*(?![A-Z]))"
)
NAME_BEFORE_COMMA = re.compile(
    rf"(?<![\w'’-])(?P<name>{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+){{0,2}}{NAME_WORD}){{1,3}})$"
)
# "his Estralian counterpart, Mira Tol": the name of whoever holds the same office in another country.
COUNTERPART_NAME = re.compile(
    rf"[HhTt]{AT_WORD_START}(?:(?<=[Hh])(?:is|er)|(?<=[Tt])heir)[ \t]+"
    rf"(?P<demonym>{NAME_WORD})[ \t]+counterparts?,?[ \t]+"
    rf"(?P<name>{NAME_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+){{0,2}}{NAME_WORD}){{1,3}})"
)
# "telephoned his Norvanian counterpart on Thursday": no name after it.
COUNTERPART_UNNAMED = re.compile(
    rf"[HhTt]{AT_WORD_START}(?:(?<=[Hh])(?:is|er))[ \t]+(?P<demonym>{NAME_WORD})[ \t]+counterpart\b"
    rf"(?!,?[ \t]+(?:{NAME_WORD}|the|and)\b)"
)
# "At the request of the President of Estralia, Aldo Varen informed ...": an opening phrase, whose
# comma ends it, before the subject; no apposition.
OPENING_PHRASE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)(?:At|On|In|After|Following|During|Upon|Unlike|Like|For|With|According\s+to"
    r"|[A-Z][a-z]{2,}ing)\b[^,.;:\n]*$"  # "Welcoming the Estralian President, Aldo Varen said ..."
)


def office_then_name_mentions(finder: PeopleFinder, start: int, end: int) -> list[Mention]:
    """People named after their office and its country ("spoke with the President of Estralia, Aldo
    Varen"), as the agency and Commonwealth style writes them."""
    from .people import Mention

    out = []
    for m in OFFICE_THEN_NAME.finditer(finder.text, start, end):
        country = finder.gz.country_named(m.group("country")) or finder.gz.country_named(
            FORMAL_STATE.sub("", m.group("country"))
        )
        words = m.group("name").split()
        while words and words[0].rstrip(".").casefold() in HONORIFICS:
            words.pop(0)  # "the President of Estralia, Mr Aldo Varen"
        if country is None or len(words) < 2 or any(w in NOT_NAME for w in words):
            continue
        if finder.gz.country_named(" ".join(words)) or OPENING_PHRASE.search(
            finder.text, max(0, m.start() - 120), m.start()
        ):
            continue  # "the President of Estralia, Ostmark and Wendland": a list of places
        entity = finder.entity_for(" ".join(words), " ".join(m.group("title").split()).title(), country)
        if entity and entity.key is None and name_is_fuller(" ".join(words), entity.name):
            entity.name = " ".join(words)  # "Prime Minister Tol" met first: here is her full name
        if entity:
            out.append(Mention(m.start(), m.end("name"), entity, "title"))
    return out


def apposed_mentions(finder: PeopleFinder, start: int, end: int, titled: bool) -> list[Mention]:
    """People named beside an office written apart from the name: "the President of Estralia, Aldo
    Varen" (only where ``titled``: a region without a title has no such office), "his Estralian
    counterpart, Mira Tol"."""
    named = (
        office_then_name_mentions(finder, start, end) + name_then_office_mentions(finder, start, end) if titled else []
    )
    return named + counterpart_mentions(finder, start, end)


def name_then_office_mentions(finder: PeopleFinder, start: int, end: int) -> list[Mention]:
    """People named before their office and its country in apposition ("Mira Tol, the Estralian
    prime minister,", "Ivo Lind, Norvania's president,"), as news agencies write them."""
    from .people import Mention

    out = []
    text = finder.text
    for m in QUALIFIED_OFFICE_AFTER_COMMA.finditer(text, start, end):
        qualifier = m.group("qualifier")
        if qualifier.endswith(("'s", "’s")):
            country = finder.gz.country_named(qualifier[:-2])
        else:
            country = finder.gz.country_of_demonym(qualifier) or finder.gz.country_named(qualifier)
        if country is None:
            continue  # "Mira Tol, the former prime minister,": no country, and no office held
        before = NAME_BEFORE_COMMA.search(text, max(start, m.start() - 80), m.start())
        if before is None:
            continue
        words = before.group("name").split()
        while words and words[0].rstrip(".").casefold() in HONORIFICS:
            words.pop(0)
        if len(words) < 2 or any(w in NOT_NAME for w in words) or finder.gz.country_named(" ".join(words)):
            continue
        name = " ".join(words)
        entity = finder.entity_for(name, " ".join(m.group("title").split()).title(), country)
        if entity:
            ns = before.end() - len(name)
            out.append(Mention(ns, before.end(), entity, "name"))
    return out


def unnamed_counterpart_mentions(finder: PeopleFinder, regions, found: list[Mention]) -> list[Mention]:
    """ "X telephoned his Norvanian counterpart": the one holder, that day, of X's office in the
    country the demonym names (X the last person with an office named before it, in its paragraph)."""
    from .people import Mention

    out = []
    text = finder.text
    for start, end in regions:
        if text.find("counterpart", start, end) < 0:
            continue
        for m in COUNTERPART_UNNAMED.finditer(text, start, end):
            country = finder.gz.country_of_demonym(m.group("demonym"))
            before = [x for x in found if start <= x.start and x.end <= m.start() and x.entity.office]
            if country is None or not before or finder.published is None:
                continue
            office = before[-1].entity.office
            if before[-1].entity.country == country:
                continue  # "the Norvanian leader and his Norvanian counterpart" is nobody's
            holders = finder.gz.office_holders(office, country, finder.published)
            if len({p.key for p, _ in holders}) != 1:
                continue
            person, held_in = holders[0]
            entity = finder.entity_for(person.name, office, held_in)
            if entity is not None:
                out.append(Mention(m.start(), m.end(), entity, "definite"))
    return out


def counterpart_mentions(finder: PeopleFinder, start: int, end: int) -> list[Mention]:
    """ "met with his Estralian counterpart, Mira Tol": a person of the country the demonym names."""
    from .people import Mention

    out = []
    if finder.text.find("counterpart", start, end) < 0:
        return out  # what every match holds, found at C speed
    for m in COUNTERPART_NAME.finditer(finder.text, start, end):
        country = finder.gz.country_of_demonym(m.group("demonym"))
        words = m.group("name").split()
        if country is None or any(w in NOT_NAME for w in words):
            continue
        entity = finder.entity_for(" ".join(words), None, country)
        if entity:
            out.append(Mention(m.start("name"), m.start("name") + len(" ".join(words)), entity, "name"))
    return out


# "Director of the Office of the Foreign Affairs Commission Mira Tol": a role no title list holds, a
# body's name, then the person, whose words are the run's last capitalised ones after the body's.
_ROLES = r"Director|Member|Adviser|Advisor|Envoy|Representative|Commissioner|Coordinator|Counsell?or|Chief|Chair"
# Offices a title list holds too, read here only when a long complement follows ("Chairman of the ...").
_OFFICES = r"Chairman|Chairwoman|Chairperson|Speaker|Head|Secretary|Minister|Governor|President|Ambassador"
_ROLE_FIRST = "".join(sorted({w[0] for w in f"{_ROLES}|{_OFFICES}".split("|")}))
ROLE_RUN = re.compile(
    rf"(?=[{_ROLE_FIRST}])\b(?:(?P<role>{_ROLES})|(?P<office>{_OFFICES})(?={SEP}(?:of|for|to|on)\b))"
    # The run stops before "and" and another office: "Chair of A Mira Tol and Chair of B Per Holm"; an
    # adviser's topic may follow "on" ("Adviser to the President of Estralia on relations with Ostmark Ivo Lind").
    rf"(?P<run>(?:{SEP}(?:of|the|and(?!{SEP}(?:{_ROLES}|{_OFFICES})\b)|for|to|on(?:{SEP}[a-z]+){{0,3}}|{NAME_WORD}))+)"
)
LINKS = ("of", "the", "and", "for", "on", "to")
# How every match of ROLE_RUN starts: its role and office words up to their first optional letter
# ("Counsel" for "Counsell?or"), less those another starts ("Chair" finds "Chairman").
_ROLE_WORDS = [w.split("?")[0][:-1] if "?" in w else w for w in f"{_ROLES}|{_OFFICES}".split("|")]
ROLE_RUN_STARTS = tuple(sorted(w for w in _ROLE_WORDS if not any(w != o and w.startswith(o) for o in _ROLE_WORDS)))


@functools.lru_cache(maxsize=4)
def role_run_places(text: str) -> list[int]:
    """Where a word of ROLE_RUN_STARTS is written in ``text``, in order (once per text: the finder
    asks for each paragraph)."""
    return sorted(pos for word in ROLE_RUN_STARTS for pos in _finds(text, word))


def _finds(text: str, word: str):
    pos = text.find(word)
    while pos >= 0:
        yield pos
        pos = text.find(word, pos + 1)


def has_place_in(places: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``places`` lies in [start, end)."""
    i = bisect.bisect_left(places, start)
    return i < len(places) and places[i] < end


def role_mentions(finder: PeopleFinder, regions: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """People after a long office no title list holds ("Chairman of the Committee on Foreign Affairs
    of the Parliament of Estralia Mira Tol", "Chief of Cabinet Ivo Lind of Ostmark"), with the
    country the office's words name."""
    from .names import person_name_clean
    from .people import Mention
    from .vocabulary import NOT_A_NAME_WORDS, ORGANISATION_WORDS

    text, gz = finder.text, finder.gz
    taken = [(m.start, m.end) for m in found]
    out = []
    starts = role_run_places(text)
    for start, end in regions:
        if not has_place_in(starts, start, end):
            continue  # no role or office word opens a run here (ROLE_RUN's leading test ran at every position)
        for m in ROLE_RUN.finditer(text, start, end):
            if m.group("office") and OFFICE_OF_THE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "Assistant to the President for National Security Affairs Mira Tol": not his office
            words = list(re.finditer(r"\S+", m.group("run")))
            while words and (words[-1].group().strip(",.") in NOT_NAME or not words[-1].group()[:1].isupper()):
                words.pop()  # "Advisor Ivo Lind to follow up", "Lind on the eve of": words of the next clause
            country = None
            if len(words) >= 3 and words[-2].group() == "of" and gz.country_named(words[-1].group().strip(",.")):
                country = gz.country_named(words[-1].group().strip(",."))  # "... Ivo Lind of Ostmark"
                words = words[:-2]
            tail = []
            for w in reversed(words):
                bare = w.group().strip(",.")
                if bare.casefold() in NOT_A_NAME_WORDS or bare in LINKS or not bare[:1].isupper():
                    break
                tail.insert(0, w)
            body = words[: len(words) - len(tail)]
            if len(tail) == 3 and body and body[-1].group() in LINKS:
                body, tail = body + tail[:1], tail[1:]  # "of Culture Olga Lind": the body's word, then the name
            if not 2 <= len(tail) <= 3:
                continue
            ns, ne = m.start("run") + tail[0].start(), m.start("run") + tail[-1].end()
            if re.match(r"[ \t]*\([A-Z]", text[ne : ne + 3]):
                continue  # "Chair of the Northern Community (NORCOM)": a body and its acronym, no person
            after = re.match(r"[ \t]+([a-z]+)", text[ne : ne + 30])
            if after and after.group(1) in ORGANISATION_WORDS:
                continue  # "President of Nordhelp Relief organization": the body's name, no person
            name = person_name_clean(text[ns:ne], finder.gz)
            if name is None or any(a < ne and ns < b for a, b in taken) or gz.country_named(name):
                continue
            for w in body:  # "of the Parliament of the Republic of Estralia", "of the Estralian Parliament"
                bare = w.group().strip(",.")
                country = country or gz.country_named(bare) or gz.country_of_demonym(bare)
            entity = finder.entity_for(name, m.group("role") or m.group("office"), country)
            if entity:
                # A long office is the mention's: a list joins "A, Adviser to the President of X on ... B".
                long_office = any(w.group() in LINKS for w in body)
                out.append(Mention(m.start() if long_office else ns, ne, entity, "title"))
    return out


def honorific_mentions(finder: PeopleFinder, regions: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    from .people import Mention

    text = finder.text
    taken = [(m.start, m.end) for m in found]
    out = []
    for start, end in regions:
        for m in HONORIFIC_NAME.finditer(text, start, end):
            if any(a <= m.start("name") < b for a, b in taken):
                continue
            words = m.group("name").split()
            while words and words[-1].strip(",.") in NOT_NAME:
                words.pop()
            if not words:
                continue
            name = " ".join(words)
            office = APPOSED_OFFICE.search(text, max(start, m.start() - 90), m.start())
            title = country = None
            if office:
                title = " ".join(office.group("title").split()).title()
                country = finder.gz.country_named(office.group("country"))
            entity = finder.entity_for(name, title, country)
            if entity:
                out.append(Mention(m.start(), m.start("name") + len(name), entity, "title"))
    return out


def definite_mentions(finder: PeopleFinder, start: int, end: int, found: list[Mention], holders: dict) -> list[Mention]:
    from .people import Mention

    out = []
    for pattern in (DEFINITE, OF_COUNTRY_OFFICE, POSSESSIVE_OFFICE):
        for m in pattern.finditer(finder.text, start, end):
            title = " ".join(m.group("title").split()).title()
            country = None
            start_at = m.start()
            if pattern is POSSESSIVE_OFFICE:
                owner = OWNER_BEFORE.search(finder.text, max(start, m.start() - 60), m.start())
                country = owner and finder.gz.country_named(owner.group("country"))
                if not country:
                    continue
                start_at = owner.start()
            elif "country" in m.groupdict():
                country = finder.gz.country_named(m.group("country"))
                if country is None:
                    continue
            elif m.group("qualifier"):
                qualifier = m.group("qualifier")
                country = finder.gz.country_of_demonym(qualifier) or finder.gz.country_named(qualifier)
                if country is None and qualifier[0].isupper():
                    continue  # "the Joint Chiefs Chairman": not a country's office
            holder = _holder(finder, title, country, found, m.start(), holders)
            if holder:
                out.append(Mention(start_at, m.end(), holder, "definite"))
    return out


def coordinated_office_mentions(
    finder: PeopleFinder, start: int, end: int, found: list[Mention], holders: dict
) -> list[Mention]:
    """The two holders in "the Estralian and Norvanian leaders", "the presidents of A and B" (a plural
    title, which no region's title match marks), each a mention as in "A and B"."""
    from .people import Mention

    out = []
    for m in COORDINATED_OFFICES.finditer(finder.text, start, end):
        title = " ".join((m.group("title") or m.group("titles")).split()).title()
        two = ("first", "second") if m.group("title") else ("one", "other")
        spans = [(m.start(), m.end(two[0])), (m.start(two[1]), m.end())]
        for group, (at, to) in zip(two, spans, strict=True):
            named = m.group(group)
            country = finder.gz.country_of_demonym(named) or finder.gz.country_named(named)
            holder = country and _holder(finder, title, country, found, m.start(), holders)
            if holder:
                out.append(Mention(at, to, holder, "definite"))
    return out


def _holder(finder: PeopleFinder, title: str, country: str | None, found: list[Mention], at: int, holders: dict):
    """``office_holder``, once per title and country in a text (``holders`` keeps them)."""
    key = (fold(title), country)
    if key not in holders:
        holders[key] = office_holder(finder, title, country, found, at)
    return holders[key]


# Words for a country's head that name no office of their own: "the Estralian leader" is whichever head
# of state or government the text or the record has for Estralia, "the Norvanian premier" its prime
# minister. Read only with the country said ("the opposition leader", "the premier" of a province are not).
OFFICES_MEANT = {"leader": HEAD_TITLES, "premier": frozenset({"premier", "prime minister"})}


def office_holder(
    finder: PeopleFinder, title: str, country: str | None, found: list[Mention], at: int | None = None
) -> Entity | None:
    """Who "the <title>" (of ``country``) means here; None when the text and the gazetteer do not say."""
    ordered = [m.entity for m in sorted(found, key=lambda m: m.start)]
    meant = OFFICES_MEANT.get(fold(title), frozenset()) if country is not None else frozenset()
    titles = meant | {fold(title)}
    titled = [e for e in ordered if e.office and fold(e.office) in titles]
    where = country or finder.home
    if where:
        for e in titled:
            if e.country == where:
                return e
        holders = [h for t in sorted(titles) for h in finder.gz.office_holders(t, where, finder.published)]
        if len({p.key for p, _ in holders}) == 1:
            person, held_in = holders[0]
            # entity_for names a known person by the office held that day ("leader": the President).
            return finder.entity_for(person.name, title, held_in)
    unplaced = {e.ident: e for e in titled if e.country is None and e.key is None}
    if country is not None and country != finder.home and len(unplaced) == 1:
        # "spoke to the President of Estralia ... President Aldo Varen thanked him": the one president
        # the text names with no country is that country's (never the publisher's own: he may go unnamed).
        e = next(iter(unplaced.values()))
        e.country = country
        return e
    if country is None and where and at is not None:
        # "the Prime Minister" before another country's prime minister is named is not that one.
        first = {}
        for m in sorted(found, key=lambda m: m.start):
            first.setdefault(m.entity.ident, m.start)
        titled = [e for e in titled if e.country in (None, where) or first.get(e.ident, at) < at]
    if country is None and titled:
        return titled[0]
    if country is None:
        holders = finder.gz.office_holders(title, None, finder.published)
        if len({p.key for p, _ in holders}) == 1:
            person, held_in = holders[0]
            return finder.entity_for(person.name, title, held_in)
        return None
    if country == finder.home:
        # The publisher's own head of state, named without an office elsewhere in the text.
        counts = Counter(e.ident for e in ordered if e.country in (None, country) and e.office in (None, title))
        if counts:
            best = max(counts.values())
            return next(e for e in ordered if counts.get(e.ident) == best)
    return None
