"""Speakers the people finder did not tag, read from where they speak: a full name after "said"
("said Jon Pell"), a name new to the database before a speech verb ("Jon Pell, the trade minister,
said:"), an office the text ties to a name elsewhere ("said the Head of the President's Office"),
the signature line under a quotation ("— The Hon. Mira Tol, Prime Minister"), and the sender of a
quoted message ("The message reads, in part:").

A person found here exists only for the statements of this article: one entity per name, with a
negative ident so it never collides with the people finder's.
"""

from __future__ import annotations

import re
from collections import Counter

from .context import Article
from .names import AT_WORD_START, SEP, office_opens_clause
from .people import Entity
from .speakers import ADVERBS, SPEECH_VERB, inside_office
from .vocabulary import (
    HEAD_TITLES,
    MONTH_NAMES,
    NAME_PARTICLES,
    NOT_A_NAME_WORDS,
    NOT_NAME,
    PORTFOLIO_WORDS,
    ROLE_WORDS,
    TITLES,
    WEEKDAY_NAMES,
)

NAME_WORD = r"(?:[A-Z][\w'’-]+|[A-Z]\.)"
NAME_AFTER_SAID = re.compile(
    rf"(?P<name>{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|(?:{'|'.join(sorted(NAME_PARTICLES))})(?=[ \t]))){{1,4}})"
    r"(?=[ \t]*(?:[,.;:]|$|\n|[ \t](?:who|in|at|on|during|after|told|of)\b))"
)
# "Jon Pell said", "Jon Pell, the trade minister, told reporters:", "In a statement, Jon Pell said":
# two or three capitalised words opening a sentence, then a speech verb.
NAME_SPEAKS = re.compile(
    r"(?=[A-Z])(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"]\s)|(?<=\n))"
    r"(?:(?:In|At|On|Speaking|Later|Meanwhile|However|Separately)\b[^,.;“”\"\n]{0,60},[ \t]+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})(?:,[^,.;“”\"\n]{2,80},)?"
    rf"[ \t]+{ADVERBS}{SPEECH_VERB}\b"
)
# One capitalised word where a speaker's name goes: "…," said Pell. / "…," Pell said. / Pell said: "…"
SURNAME = r"(?P<name>[A-Z][\w'’-]+)"
SURNAME_AFTER_SAID = re.compile(rf"{SURNAME}(?=[ \t]*(?:[,.;:]|$|\n|[ \t](?:who|in|at|on|during|after|of)\b))")
# SURNAME at a sentence's start, its capital read first as a class (the engine skips from capital
# to capital in C) and the start checked behind it: the same matches as "(?=[A-Z])(?:^|(?<=...))".
SURNAME_SPEAKS = re.compile(
    r"(?P<name>[A-Z](?:(?<![\s\S]{2})|(?<=[.!?]\s.)|(?<=[.!?][”\"]\s.)|(?<=\n.))[\w'’-]+)"
    r"(?:,[^,.;“”\"\n]{2,80},)?"
    rf"[ \t]+{ADVERBS}{SPEECH_VERB}\b"
)
SURNAME_ACCORDING = re.compile(rf"[Aa]{AT_WORD_START}ccording[ \t]+to[ \t]+{SURNAME}[ \t]*,")
# A signature under a quotation: "— The Rt. Hon. Mira Tol, Prime Minister of Estralia".
# Without the dash when the line opens with the style ("The Rt. Hon. Mira Tol, Prime Minister of Estralia").
SIGNATURE = re.compile(
    r"[ \t]*(?:\n[ \t]*){0,2}(?:[—–][ \t]*|(?=(?:The[ \t]+)?(?:Rt\.?|Right)[ \t]+Hon|The[ \t]+Hon(?:ou?rable|\.)))"
    r"(?P<line>[^\n]{3,200})"
)
STYLE = re.compile(r"^(?:(?:The|Rt\.?|Right|Hon\.?|Honourable|Honorable|Her|His|Excellency)[ \t]+)+")
# "the Head of the President's Office", "the deputy head of the Office of the President", "the
# Estralian trade minister": an office no title list holds, named by its words.
_OFFICE_LOWER = sorted(ROLE_WORDS | PORTFOLIO_WORDS | {"of", "the", "for", "and", "on", "deputy", "first"}, key=len)
OFFICE_WORD = rf"(?:[A-Z][\w'’-]*|(?:{'|'.join(reversed(_OFFICE_LOWER))})(?![\w'’]))"
OFFICE_AFTER_THE = re.compile(rf"[Tt]he[ \t]+(?P<office>{OFFICE_WORD}(?:[ \t]+{OFFICE_WORD}){{0,9}})")
OFFICE_SPEAKS = re.compile(
    rf"[Tt]{AT_WORD_START}he[ \t]+(?P<office>{OFFICE_WORD}(?:[ \t]+{OFFICE_WORD}){{0,9}})[ \t]+{ADVERBS}{SPEECH_VERB}\b"
)
COUNTRY_AFTER = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?[ \t]+")
PLAIN_TITLES = {t.casefold() for t in TITLES}
HEAD_OF_STATE = ("head", "of", "state")
NOT_SPEAKER_WORDS = {w.casefold() for w in (*NOT_NAME, *MONTH_NAMES, *WEEKDAY_NAMES)} | NOT_A_NAME_WORDS
MONTH_OR_DAY = {*MONTH_NAMES, *WEEKDAY_NAMES}


def new_person(name: str, extra: dict[str, Entity]) -> Entity:
    """A person the people finder did not tag, named where they speak; one entity per name."""
    if name not in extra:
        extra[name] = Entity(name, None, None, None, None, name.split()[-1], ident=-(len(extra) + 1))
    return extra[name]


def said_name(article: Article, pos: int, extra: dict[str, Entity]) -> Entity | None:
    """The person named right after "said" at ``pos``: a mention starting there or inside the name
    ("said Mira Tol" where only "Tol" was tagged), else a person new to the article ("said Jon Pell")."""
    text = article.text
    m = NAME_AFTER_SAID.match(text, pos)
    if not m:
        return None
    inside = [x for x in article.mentions_in(pos, m.end()) if x.end == m.end() or x.start == pos]
    if inside:
        return inside[0].entity
    name = m.group("name")
    words = name.split()
    if words[0] in {"The", "A", "An", "President", "Prime", "Minister", "Chancellor", "King", "Queen"}:
        return None
    if any(w.rstrip(".") in MONTH_OR_DAY for w in words):
        return None
    return new_person(name, extra)


def surname_speaker(article: Article, word: str, pos: int, extra: dict[str, Entity]) -> Entity | None:
    """The person a bare surname at ``pos`` names ("said Pell"): one the text already knows by it,
    else the full name the text gives it ("Ana Pell, a senator ..."), the nearest before first;
    None when the text gives the word no first name (a place, a body, a month)."""
    if not _looks_like_name(article, word) or word.casefold() in PLAIN_TITLES:
        return None
    for m in article.people.mentions:
        if m.entity.name.split()[-1] == word and not article.in_quote(m.start):
            return m.entity
    for e in extra.values():
        if e.name.split()[-1] == word:
            return e
    # The given name is the word just before ("Deputy Head of the Office Rostyslav Shurma": "Rostyslav").
    full = re.compile(rf"(?<![\w'’.-])(?P<first>{NAME_WORD})[ \t]+{re.escape(word)}(?![\w'’-])")
    names = []
    for m in full.finditer(article.text):
        first = _without_title(article, [m.group("first")])
        name = " ".join([*first, word])
        if first and not article.in_quote(m.start()) and _looks_like_name(article, name):
            names.append((m.start(), name))
    if not names:
        return None
    before = [n for p, n in names if p < pos]
    return new_person(before[-1] if before else names[0][1], extra)


def name_in(article: Article, start: int, end: int, extra: dict[str, Entity]) -> Entity | None:
    """The last person the range names: a mention, else a run of two or three capitalised words
    that is no place and no office ("the words of the national poet Mira Tol")."""
    named = article.mentions_in(start, end)
    if named:
        return named[-1].entity
    text = article.text
    names = []
    for run in re.finditer(r"(?<![\w'’-])[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3}(?![\w'’-])", text[start:end]):
        name = " ".join(_without_title(article, run.group().split()))
        # Only where the words present a person ("the national poet of Estralia Mira Tol"), never
        # "the words from the Holy Scripture".
        presented = PERSON_NOUN.search(text, start, start + run.start()) or WORDS_OF.search(
            text, start, start + run.start()
        )
        if " " in name and _looks_like_name(article, name) and presented:
            names.append(name)
    return new_person(names[-1], extra) if names else None


WORDS_OF = re.compile(r"\b(?:words|quote|quoting|saying)[ \t]+(?:of|by)[ \t]+$", re.I)
PERSON_NOUN = re.compile(
    r"\b(?:poet|writer|hero|heroine|philosopher|author|thinker|statesman|stateswoman|scientist|saint|founder"
    r"|leader|president|minister|predecessor|friend|colleague|compatriot)\b[^.!?]{0,40}$",
    re.I,
)


def _without_title(article: Article, words: list[str]) -> list[str]:
    """ "Senator Ana", "Estralian envoy Ana", "Estralia Mira": the leading title or place is not the name."""
    words = list(words)
    while words and (words[0].strip(",.").casefold() in NOT_SPEAKER_WORDS or article.is_place(words[0])):
        words.pop(0)
    return words


def _looks_like_name(article: Article, name: str) -> bool:
    words = name.split()
    return not any(w.strip(",.").casefold() in NOT_SPEAKER_WORDS for w in words) and not article.is_place(name)


def named_speakers(article: Article, extra: dict[str, Entity]) -> list[tuple[int, Entity]]:
    """Names new to the database that open a sentence and speak ("Jon Pell, the trade minister,
    said:"), as speech events; a name the people finder tagged is its own event already."""
    text = article.text
    out = []
    for m in NAME_SPEAKS.finditer(text):
        name = m.group("name")
        if article.in_quote(m.start("name")) or article.mentions_in(m.start("name"), m.end("name")):
            continue
        if _looks_like_name(article, name):
            out.append((m.start("name"), new_person(name, extra)))
    according = SURNAME_ACCORDING.finditer(text) if "ccording" in text else ()  # what every match holds
    for m in [*SURNAME_SPEAKS.finditer(text), *according]:
        if article.in_quote(m.start("name")) or article.mentions_in(m.start("name"), m.end("name")):
            continue
        who = surname_speaker(article, m.group("name"), m.start(), extra)
        if who:
            out.append((m.start("name"), who))
    return out


# "the President's wife", "the husband of the Prime Minister": the leader's spouse, whom the text names as
# the First Lady ("First Lady Anna Varn") or in apposition ("Anna Varn, the wife of President Lind").
_TITLE_WORDS = r"[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*)?"
_SPOUSE = (
    rf"[Tt]he[ \t]+(?:{_TITLE_WORDS}['’]s[ \t]+(?:wife|husband|spouse)\b"
    rf"|(?:wife|husband|spouse)[ \t]+of[ \t]+the[ \t]+{_TITLE_WORDS}"
    rf"(?:[ \t]+of[ \t]+(?:the[ \t]+)?{_TITLE_WORDS})?(?![\w-]))"
)
SPOUSE_AFTER_THE = re.compile(_SPOUSE)
SPOUSE_SPEAKS = re.compile(rf"(?=[Tt]){_SPOUSE}[ \t]+{ADVERBS}{SPEECH_VERB}\b")
SPOUSE_APPOSED = re.compile(
    rf"(?<![\w'’-])(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{1,2}}),[ \t]+(?:the[ \t]+)?"
    r"(?:wife|husband|spouse)[ \t]+of\b"
)
SPOUSE_OFFICES = {"first lady", "first gentleman"}
SPOUSE_WORDS = ("wife", "husband", "spouse")


def spouse_named(article: Article, extra: dict[str, Entity]) -> Entity | None:
    """The one person the text names as a leader's spouse: titled First Lady (or Gentleman), or
    followed by ", the wife of"."""
    people = article.people.mentions
    fits = {m.entity.ident: m.entity for m in people if (m.entity.office or "").casefold() in SPOUSE_OFFICES}
    for m in SPOUSE_APPOSED.finditer(article.text):
        if article.in_quote(m.start()):
            continue
        tagged = [x.entity for x in people if x.end == m.end("name")]
        words = _without_title(article, m.group("name").split())
        if not tagged and len(words) < 2:
            continue  # "Lind, the wife of": no full name
        who = tagged[0] if tagged else new_person(" ".join(words), extra)
        fits[who.ident] = who
    return next(iter(fits.values())) if len(fits) == 1 else None


def office_speakers(article: Article, extra: dict[str, Entity]) -> list[tuple[int, Entity]]:
    """ "The Head of the President's Office stressed": an office before a speech verb, as a speech
    event of the person the text gives that office."""
    out = []
    text = article.text
    # What every SPOUSE_SPEAKS match holds, tested at C speed first.
    if ("'s " in text or "’s " in text or " of the " in text) and any(w in text for w in SPOUSE_WORDS):
        for m in SPOUSE_SPEAKS.finditer(text):
            who = None if article.in_quote(m.start()) else spouse_named(article, extra)
            if who:
                out.append((m.start(), who))
    for m in [*OFFICE_SPEAKS.finditer(text), *ROLE_SPEAKS.finditer(text)]:
        named = [x for x in article.mentions_in(m.start(), m.end("office")) if not inside_office(text, x)]
        if article.in_quote(m.start()) or named:
            continue
        office = m.group("office")
        who = office_holder_named(article, office, m.start(), extra) or _sole_holder(article, office)
        if who and all(p != m.start() for p, _ in out):
            out.append((m.start(), who))
    return sorted(out, key=lambda event: event[0])


def office_speaker(article: Article, pos: int, extra: dict[str, Entity]) -> Entity | None:
    """ "said the Head of the President's Office" (``pos`` at "the"): whom the text gives that office;
    "the Estralian leader", "the admiral": the one person of the text who holds such an office;
    "the President's wife": the spouse the text names."""
    if SPOUSE_AFTER_THE.match(article.text, pos):
        return spouse_named(article, extra)
    m = OFFICE_AFTER_THE.match(article.text, pos) or ROLE_AFTER_THE.match(article.text, pos)
    if not m:
        return None
    return office_holder_named(article, m.group("office"), pos, extra) or _sole_holder(article, m.group("office"))


# "the Estralian leader", "the admiral", "the chancellor", "the 56-year-old president": a country's
# word, then one role word.
_ROLE = r"[ \t]+(?:\d{1,3}-year-old[ \t]+)?(?P<office>(?:[A-Z][\w'’-]+[ \t]+)?[a-z]+(?:[ \t]+minister)?)\b"
ROLE_AFTER_THE = re.compile(rf"[Tt]he{_ROLE}")
ROLE_SPEAKS = re.compile(rf"[Tt]{AT_WORD_START}he{_ROLE}[ \t]+{ADVERBS}{SPEECH_VERB}\b")
ROLE_ABBREVIATIONS = {"adm": "admiral", "gen": "general", "col": "colonel", "sen": "senator", "gov": "governor"}


def _sole_holder(article: Article, office: str) -> Entity | None:
    """The one person named in the text whose office (and country, when the words name one) fits
    ``office``; "leader" fits every head of state or government."""
    words = office.casefold().split()
    country = article.gazetteer.country_of_demonym(office.split()[0]) if article.gazetteer and len(words) > 1 else None
    role = " ".join(words[1:] if country else words)
    if role not in ROLE_WORDS and role not in PLAIN_TITLES and role != "leader":
        return None
    fits = {}
    for m in article.people.mentions:
        held = (m.entity.office or "").casefold().rstrip(".")
        held = " ".join(ROLE_ABBREVIATIONS.get(w.rstrip("."), w.rstrip(".")) for w in held.split())
        titled = held == role or (role in ("minister", "secretary") and held.endswith(" " + role))
        if (titled or (role == "leader" and held in HEAD_TITLES)) and (country is None or m.entity.country == country):
            fits[m.entity.ident] = m.entity
    return next(iter(fits.values())) if len(fits) == 1 else None


def office_key(office: str) -> tuple[str, ...] | None:
    """The words of an office, folded, with "X's Office" read as "Office of the X"; None for words
    that name no office (no role word among them)."""
    words = re.sub(r"\s+", " ", office.casefold().replace("’", "'")).split()
    while words and words[-1] in {"of", "the", "for", "and", "on"}:
        words.pop()
    if not any(w in ROLE_WORDS for w in words) or (" ".join(words) in PLAIN_TITLES and words != list(HEAD_OF_STATE)):
        return None  # "the President" alone is the people finder's (the publisher's own, the text's)
    for i, w in enumerate(words):
        if w.endswith("'s") and i + 1 < len(words):
            words = words[:i] + [words[i + 1], "of", "the", w[:-2]] + words[i + 2 :]
            break
    return tuple(words)


def office_holder_named(article: Article, office: str, pos: int, extra: dict[str, Entity]) -> Entity | None:
    """The person the text names beside the same office ("Head of the Office of the President Jon
    Pell", "Jon Pell, the head of ..."), the nearest before ``pos`` first."""
    key = office_key(office)
    if key is None:
        return None
    if key == HEAD_OF_STATE:
        return _head_of_state(article)
    text = article.text
    pattern = re.compile(_office_pattern(key), re.I)
    found = []
    for m in pattern.finditer(text):
        if article.in_quote(m.start()):
            continue
        who = _named_beside(article, m.start(), m.end(), extra)
        if who:
            found.append((m.start(), who))
    before = [e for p, e in found if p < pos]
    return before[-1] if before else (found[0][1] if found else None)


def _head_of_state(article: Article) -> Entity | None:
    """ "the Head of State": the head of state or government the text names most often, of the
    publisher's country when it is known."""
    counts = Counter(
        m.entity.ident
        for m in article.people.mentions
        if m.entity.office and m.entity.office.casefold() in HEAD_TITLES and m.entity.country in (None, article.home)
    )
    if not counts or (article.home is None and len(counts) > 1):
        return None
    best = max(counts, key=counts.get)
    return next(m.entity for m in article.people.mentions if m.entity.ident == best)


def _office_pattern(key: tuple[str, ...]) -> str:
    forms = [SEP.join(re.escape(w) for w in key)]
    if "office" in key:  # "head of the office of the president" is also "head of the president's office"
        i = key.index("office")
        if key[i + 1 : i + 3] == ("of", "the") and i + 3 < len(key):
            owner = key[i + 3]
            forms.append(SEP.join([*map(re.escape, key[:i]), re.escape(owner) + "['’]s", "office", *key[i + 4 :]]))
    return rf"(?<![\w'’])(?:{'|'.join(forms)})(?![\w'’])"


def _named_beside(article: Article, start: int, end: int, extra: dict[str, Entity]) -> Entity | None:
    text = article.text
    for m in article.mentions_in(max(0, start - 2), end + 80):
        if m.start < end < m.end:  # the mention holds the office as its title
            return m.entity
    # "Head of the Office of the President of Estralia Jon Pell": the office's country between.
    country = COUNTRY_AFTER.match(text, end)
    after = article.mentions_in(end, (country.end() if country else end) + 4)
    if after and (not text[end : after[0].start].strip() or (country and after[0].start == country.end())):
        return after[0].entity
    for m in article.mentions_in(max(0, start - 80), start):
        if re.fullmatch(r",[ \t]*(?:the[ \t]+)?", text[m.end : start], re.I) and not office_opens_clause(text, end):
            return m.entity
    name = re.match(r"[ \t]+(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})\b", text[end : end + 60])
    if name and _looks_like_name(article, name.group("name")):
        return new_person(name.group("name"), extra)
    window = max(0, start - 60)
    name = re.search(
        r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2}),[ \t]*(?:the[ \t]+)?$", text[window:start], re.I
    )
    if name and _looks_like_name(article, name.group("name")) and not office_opens_clause(text, end):
        return new_person(name.group("name"), extra)
    return None


def signature_speaker(article: Article, close: int, extra: dict[str, Entity]) -> Entity | None:
    """ "“…”\n— The Rt. Hon. Mira Tol, Prime Minister of Estralia": the signature after the closing mark."""
    m = SIGNATURE.match(article.text, close)
    if not m:
        return None
    line_start = m.start("line")
    mentions = article.mentions_in(line_start, m.end("line"))
    if mentions and not STYLE.sub("", article.text[line_start : mentions[0].start]).strip():
        return mentions[0].entity
    line = STYLE.sub("", m.group("line"))
    name = re.match(r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*(?:,|$)", line)
    if name and _looks_like_name(article, name.group("name")):
        return new_person(name.group("name"), extra)
    return None


# "The message reads, in part:" / "The letter says:": the words of a document someone sent.
DOCUMENT_READS = re.compile(
    r"\b(?:message|letter|telegram|statement|address|greetings|note|appeal|post)\b[^.:]{0,30}?\b(?:reads|read|says"
    r"|said|states|stated)\b[^.:]{0,20}:\s*$",
    re.I,
)
OWN_MESSAGE = re.compile(r"\b(?:message|letter|telegram|greetings|address)\b[^.:]{0,30}:\s*$", re.I)
SENT = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:sent|addressed|issued|wrote|published|released|delivered|posted|congratulated|greeted)\b",
    re.I,
)
SENDER = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]+(?:has[ \t]+|had[ \t]+)?"
    r"(?:sent|addressed|congratulated|greeted)\b"
)


def document_author(article: Article, quote_start: int, extra: dict[str, Entity]) -> Entity | None:
    """ "The message reads, in part: “…”": the words are those of whoever sent the message, named
    with the verb of sending (a person new to the article when the name was not recognised)."""
    text = article.text
    head = text[max(0, quote_start - 120) : quote_start - 1]
    if not DOCUMENT_READS.search(head):
        return None
    for m in reversed(article.people.before(quote_start)):
        if quote_start - m.end > 1500:
            break
        if not article.in_quote(m.start) and SENT.match(text, m.end, m.end + 40):
            return m.entity
    window = max(0, quote_start - 1500)
    senders = [m for m in SENDER.finditer(text, window, quote_start) if _looks_like_name(article, m.group("name"))]
    if senders:
        return new_person(senders[-1].group("name"), extra)
    if article.narrators is not None and OWN_MESSAGE.search(head) and not article.people.before(quote_start):
        # a release that opens on "The message reads:" and names nobody: the message of the office's head
        return article.narrators.default
    return None
