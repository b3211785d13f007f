"""Names in text: the patterns of a capitalised name and of a title, what a run of capitals leaves
once titles and role words are dropped (``person_name_clean``), and where known names are written.
"""

from __future__ import annotations

import bisect
import functools
import re

from tracker.rules import WORD_PUNCTUATION

from .gazetteer import Gazetteer
from .text import is_run_char, word_runs
from .vocabulary import (
    HONORIFICS,
    MONTH_NAMES,
    NAME_PARTICLES,
    NOT_A_NAME_WORDS,
    NOT_NAME,
    PORTFOLIO_WORDS,
    ROLE_WORDS,
    TITLE_WORDS_ALSO_NAMES,
    TITLES,
    WEEKDAY_NAMES,
)

_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper() and chr(c) not in "×")
# A name's word; a particle may be joined to it by a hyphen ("al-Sudani"). An initial is a word of
# its own: the last letter of "MSNBC." before a name is not one.
NAME_WORD = (
    rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.|(?<![\w'’-])[{_UPPER}]\.|(?:Jr|Sr)\.|[{_UPPER}][\w'’]*(?:-[\w'’]+)*"
    rf"|(?:al|el|bin|ibn|ben|abu|ad|as|ul)-[{_UPPER}][\w'’]*)"
)
# NAME_WORD where its first letter is a capital: the capital read as a class, then the rest of
# each alternative in the same order (a leading lookahead "(?=[A-Z])" was tried at every position
# of the text; a class lets the engine skip from capital to capital in C). The same matches.
CAPITALISED_NAME_WORD = (
    rf"[{_UPPER}](?:(?<=[DM])r\.|(?<=M)rs\.|(?<=M)s\.|(?<=P)rof\.|(?<![\w'’-].)\.|(?<=[JS])r\.|[\w'’]*(?:-[\w'’]+)*)"
)
SEP = r"(?:[ \t]+\n?|\n)[ \t]*"
# After a pattern's first character, read as a character class: it starts a word (what a leading
# "\b" says). A pattern that starts by reading a class lets the engine skip ahead to the next
# character of the class in C; one that starts with "\b" or a lookahead is tried at every position.
AT_WORD_START = r"(?<!\w.)"
PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + ")"
# Compiled once: read for every word of every name run.
PARTICLE_WORD = re.compile(PARTICLE)
NON_SPACE_RUN = re.compile(r"\S+")
INITIAL = re.compile(r"[A-Z]\.")
POSSESSIVE_END = re.compile(r"['’]s$")
ROMAN_NUMERAL = re.compile(r"[IVX]+")
DAY_NUMBER_AFTER = re.compile(r"[ \t]+\d")
NAME_RUN = re.compile(rf"{NAME_WORD}(?:{SEP}(?:{PARTICLE}{SEP}){{0,2}}{NAME_WORD}){{0,4}}(?:,?[ \t]+(?:Jr|Sr)\.?)?")
CAPS_RUN = re.compile(rf"{NAME_WORD}(?:{SEP}(?:(?:of|and|the|{PARTICLE}){SEP}){{0,2}}{NAME_WORD}){{0,9}}")


def _phrase_rests(phrases: list[str]) -> list[tuple[str, str]]:
    """Each first letter (lower case) of ``phrases``, in order, with the alternation of what follows
    it in each of its phrases, longest first, each later word capitalised or not."""
    by_letter: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        by_letter.setdefault(phrase[0].lower(), []).append(phrase)

    def rest(phrase: str) -> str:
        first, *others = phrase.split()
        return SEP.join([re.escape(first[1:]), *(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in others)])

    return [(c, "|".join(rest(p) for p in group)) for c, group in sorted(by_letter.items())]


def phrases_alternation(phrases: list[str]) -> str:
    """A fast regex for any of ``phrases``, each word capitalised or not ("Prime Minister", "prime
    minister"), words split by spaces or one line break.

    Grouped by first letter, so the engine tries a handful of branches where one big
    case-insensitive alternation tried them all at every position (5× faster on a news article).
    """
    return "|".join(f"[{c.upper()}{c}](?:{rests})" for c, rests in _phrase_rests(phrases))


TITLE_PATTERN = phrases_alternation(TITLES)
TITLE_FIRST = "[" + "".join(sorted({t[0].upper() for t in TITLES} | {t[0].lower() for t in TITLES})) + "]"
TITLE = re.compile(rf"\b(?={TITLE_FIRST})(?P<title>{TITLE_PATTERN})(?:\b|(?<=\.))")
# TITLE where the title's first letter is a capital: the capitals read as one class, so the engine
# skips from capital to capital in C, the branch for each chosen by a lookbehind. TITLE's own
# leading test ran at every position, and a class of its lower-case letters too would stop the
# engine at most letters of a text: a title in lower case is found from its first word instead.
TITLE_CAPITALISED = re.compile(
    rf"(?P<title>[{''.join(c.upper() for c, _ in _phrase_rests(TITLES))}]{AT_WORD_START}(?:"
    + "|".join(f"(?<={c.upper()})(?:{rests})" for c, rests in _phrase_rests(TITLES))
    + r"))(?:\b|(?<=\.))"
)
# How a title in lower case starts: every title's first word, lower-cased as TITLE reads it ("vice",
# "commander-in-Chief"), less those another one starts ("president" finds "president-elect").
_LOWER_FIRST_WORDS = sorted({t.split()[0][0].lower() + t.split()[0][1:] for t in TITLES})
LOWER_TITLE_STARTS = tuple(
    w for w in _LOWER_FIRST_WORDS if not any(w != o and w.startswith(o) for o in _LOWER_FIRST_WORDS)
)


def title_matches(text: str, start: int, end: int) -> list[re.Match]:
    """``list(TITLE.finditer(text, start, end))``: a capitalised title found by TITLE_CAPITALISED, one
    in lower case by TITLE at the places its first word starts (``str.find``), leftmost first, each
    search from where the last match ended. A place holds a title of one case only."""
    lower = _lower_title_places(text)
    i = bisect.bisect_left(lower, start)
    out: list[re.Match] = []
    pos = start
    capital = TITLE_CAPITALISED.search(text, pos, end)
    while True:
        m = None
        while i < len(lower) and lower[i] < end and (capital is None or lower[i] < capital.start()):
            if lower[i] >= pos:
                m = TITLE.match(text, lower[i], end)
            i += 1
            if m:
                break
        m = m or capital
        if m is None:
            return out
        out.append(m)
        pos = m.end()
        if capital is not None and capital.start() < pos:
            capital = TITLE_CAPITALISED.search(text, pos, end)


@functools.lru_cache(maxsize=4)
def _lower_title_places(text: str) -> list[int]:
    """Where a word starting one of LOWER_TITLE_STARTS begins in ``text``, in order (per text: the
    people finder asks for each paragraph)."""
    places = []
    for word in LOWER_TITLE_STARTS:
        pos = text.find(word)
        while pos >= 0:
            if pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_"):  # a word starts (TITLE's "\\b")
                places.append(pos)
            pos = text.find(word, pos + 1)
    return sorted(places)


SPEECH_VERB = (
    r"(?:said|says|told|added|stated|noted|stressed|explained|warned|wrote|tweeted|posted|asked|replied|insisted"
    r"|declared|argued|emphasi[sz]ed|continued|recalled|acknowledged|cautioned|urged|announced|described|called)"
)
CONTACT_VERB_AFTER_NAME = (
    r"(?:met|meets|spoke|speaks|had|has|held|holds|hosted|hosts|talked|phoned|telephoned|visited|welcomed|received"
    r"|will|took|attended|[a-z]{3,}ed)"
)
# Words between a subject and its verb: "Aldo Varen also spoke", "Aldo Varen on Monday held talks".
_ADVERB = rf"(?:(?:also|today|yesterday|later|then|again|on[ \t]+(?:{'|'.join(WEEKDAY_NAMES)}))[ \t]+)"
# "by" after the verb makes it passive ("Mira Tol, received by ..."), unless it says the medium.
_NOT_PASSIVE = r"(?![ \t]+by\b(?![ \t]+(?:tele)?phone\b|[ \t]+video))"
SAID_NAME = re.compile(
    rf"(?P<name>{CAPITALISED_NAME_WORD}(?:{SEP}{NAME_WORD}){{1,2}}),?[ \t]+{_ADVERB}?"
    rf"(?:{SPEECH_VERB}|{CONTACT_VERB_AFTER_NAME})\b{_NOT_PASSIVE}"
)
# The first of two people who are a verb's subject, read before the second: "Aldo Varen and Mira Tol held talks".
PAIR_SUBJECT_BEFORE = re.compile(rf"(?<![\w'’-])(?P<name>{NAME_WORD}(?:{SEP}{NAME_WORD}){{1,2}})[ \t]+and[ \t]+$")
# The person a contact verb or a word of address names: "spoke with Aldo Varen", "welcomed my friend
# Aldo Varen", "our colleague Mira Tol", "his counterpart Mira Tol".
OBJECT_NAME = re.compile(
    r"(?=[wrhmtpo])\b(?:with|welcomed?|received?|hosted|met|telephoned|phoned"
    r"|(?:my|our)[ \t]+(?:dear[ \t]+|good[ \t]+|old[ \t]+)?(?:friend|colleague|counterpart)"
    r"|(?:his|her|their)[ \t]+counterpart)"  # "his counterpart Mira Tol"
    rf"[ \t]+(?P<name>(?=[{_UPPER}]){NAME_WORD}(?:{SEP}{NAME_WORD}){{1,3}})\b"
)
# The person a verb of address names when the phone was its medium: "congratulated Mira Tol by telephone".
ADDRESSED_BY_PHONE = re.compile(
    rf"c{AT_WORD_START}(?:ongratulated|ongratulates|onsulted)[ \t]+"
    rf"(?P<name>(?=[{_UPPER}]){NAME_WORD}(?:{SEP}{NAME_WORD}){{1,3}})"
    r"(?=[ \t]+(?:[\w'’.-]+[ \t]+){0,6}?(?:by|over[ \t]+the|on[ \t]+the)[ \t]+(?:tele)?phone\b)"
)
# Last words of capitalised phrases that name events and bodies, not people ("Leaders' Meeting said").
# "Leo Varadkar, the Taoiseach of Ireland": a name, then its office in apposition.
APPOSITIVE = re.compile(
    rf"(?P<name>{CAPITALISED_NAME_WORD}(?:{SEP}{NAME_WORD}){{1,3}}),[ \t]+the{SEP}"
    rf"(?P<title>{TITLE_PATTERN}){SEP}of{SEP}"
    rf"(?:the{SEP})?(?P<country>{NAME_WORD}(?:{SEP}(?:of{SEP})?{NAME_WORD}){{0,3}})"
)
# "To Jon Pell, the President of Norvania sent greetings": an office followed by a verb is the
# subject of its clause, not in apposition to the name before the comma (prepositions and
# conjunctions may follow an apposition whose comma was left out: "Jon Pell, the Premier of Estralia in ...").
CLAUSE_AFTER_OFFICE = re.compile(
    r"[ \t]+(?!(?:in|on|at|and|or|who|whom|whose|which|for|during|to|with|after|before|from|by|as|of|last|this"
    r"|yesterday|today|earlier|later|the|a|an)\b)[a-z]"
)


def office_opens_clause(text: str, office_end: int) -> bool:
    """Whether the office ending at ``office_end`` is followed by its verb ("..., the President of
    Norvania emphasised that")."""
    return bool(CLAUSE_AFTER_OFFICE.match(text, office_end))


OF_COUNTRY = re.compile(rf"[ \t]*,?{SEP}of{SEP}(?:the{SEP})?")
# "President of the European Bank for Reconstruction and Development (EBRD) Mira Tol": an
# organisation's long name, its acronym in brackets, then the person.
ORGANISATION_ACRONYM = re.compile(
    rf"(?P<org>{NAME_WORD}(?:{SEP}(?:{NAME_WORD}|of|and|for|the|on|in|to|&)){{0,14}}){SEP}?"
    rf"\((?P<acronym>[{_UPPER}][\w&.-]{{1,11}})\),?{SEP}(?=[{_UPPER}])"
)


# Words that begin names of places, never of people.
PLACE_FIRST_WORDS = frozenset({"new", "port", "fort", "mount", "lake", "cape"})


def person_name_clean(name: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The person's name in a capitalised run, or None when the run names no new person.

    Title and role words before the name are dropped ("General Laura Richardson" -> "Laura
    Richardson"), as are trailing role words and initials ("Jeff Zients Counselor", "Netanyahu U."
    from "U.S."). What is left is no name when it holds a role, portfolio or organisation word, a
    possessive ("Biden’s Call"), an acronym, or is a place ("New Mexico"), starts with a demonym
    ("American Academy") or starts with a place ("Oklahoma Farmers Union"); nor when it is one word
    that is a title or role word ("Head", "Secretary").
    """
    words = clean_name(name).split()

    def bare(word: str) -> str:
        return word.strip(",.").casefold()

    def leading_qualifier(word: str) -> bool:
        b = bare(word)
        return (
            b in NOT_A_NAME_WORDS
            or b in TITLE_WORDS_ALSO_NAMES
            or b in HONORIFICS
            or _acronym(word)  # "EPA Administrator Regan"
            or any(b == part for part in b.split("-") if part in NOT_A_NAME_WORDS)
        )

    while len(words) > 1 and leading_qualifier(words[0]):
        words.pop(0)
    while len(words) > 1 and (
        bare(words[-1]) in ROLE_WORDS or bare(words[-1]) in NAME_PARTICLES or INITIAL.fullmatch(words[-1])
    ):
        words.pop()
    if not words:
        return None
    parts = [p for w in words for p in bare(w).split("-")]
    if any(p in NOT_A_NAME_WORDS for p in parts):
        return None
    if any(POSSESSIVE_END.search(w) for w in words) or any(_acronym(w) for w in words):
        return None
    if len(words) == 1 and (
        bare(words[0]) in TITLE_WORDS_ALSO_NAMES or bare(words[0]) in HONORIFICS or len(words[0].strip(".")) < 2
    ):
        return None
    if bare(words[0]) in PLACE_FIRST_WORDS:
        return None  # "New Lorvik", "Port Estra": a place
    cleaned = " ".join(words)
    if gazetteer is not None:
        if gazetteer.is_place(cleaned) or gazetteer.country_of_demonym(words[0]):
            return None
        if len(words) > 2 and any(gazetteer.is_place(" ".join(words[:n])) for n in (1, 2)):
            return None  # "Oklahoma Farmers Union", "New Mexico State ..."
    return cleaned


def role_before_name(words: list[str]) -> str | None:
    """The office that a run's leading role words name ("FEMA Administrator Mira Tol" ->
    "Administrator"; an agency's acronym is no part of it), or None when the run starts with the name."""
    role = []
    for word in words[:-1]:
        bare = word.strip(",.").casefold()
        if _acronym(word):
            continue
        if bare not in ROLE_WORDS and bare not in PORTFOLIO_WORDS:
            break
        role.append(word.strip(",."))
    return " ".join(w[:1].upper() + w[1:] for w in role) or None


def _acronym(word: str) -> bool:
    """ "EPA", "NSA", "AFL-CIO": capitals only, but not a regnal number ("Abdullah II")."""
    bare = word.strip(".,")
    return bare.isupper() and len(bare) > 1 and not ROMAN_NUMERAL.fullmatch(bare)


SUFFIX_AFTER_NAME = re.compile(r",?\s+(?:Jr|Sr)\.?$")


def clean_name(raw: str) -> str:
    raw = raw.strip()
    if raw.endswith(("Jr", "Sr", "Jr.", "Sr.")):
        raw = SUFFIX_AFTER_NAME.sub("", raw)
    return " ".join(raw.split())


def _not_a_last_name_word(text: str, start: int, words: list[re.Match]) -> bool:
    """Whether the run's last word is no part of a name: "Monday", "The"; a month only when a day
    follows ("Varen March 3"), since "May" and "March" are family names too ("Ilse May")."""
    word = words[-1].group().rstrip(",")
    if word not in NOT_NAME:
        return False
    if word in MONTH_NAMES and len(words) > 1:
        return bool(DAY_NUMBER_AFTER.match(text, start + words[-1].end()))
    return True


def trim_name_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop words at the end of a name run that cannot be part of a name; (start, end) of what is left."""
    words = list(NON_SPACE_RUN.finditer(text[start:end]))
    while words and (_not_a_last_name_word(text, start, words) or PARTICLE_WORD.fullmatch(words[-1].group())):
        words.pop()
    while words and words[0].group() in NOT_NAME:
        words.pop(0)
    # A speaker caption repeats the name in native order ("Mira Tol Tol MiraPrime Minister:"): the
    # name ends before its first repeated word.
    seen = [w.group().casefold() for w in words]
    for i in range(2, len(seen)):
        if seen[i] in seen[:i] and seen[i - 1] not in NAME_PARTICLES:
            words = words[:i]
            break
    if not words:
        return start, start
    end = start + words[-1].end()
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    elif text[end - 1 : end] in ("'", "’"):
        end -= 1
    return start + words[0].start(), end


WORD_RUN = re.compile(r"(?<![\w-])[\w-]+")
WORD_CHAR = re.compile(r"[\w-]")
SPACE_RUN = re.compile(r"[ \t]*\n?[ \t]*")


def known_name_heads(text: str, start: int, end: int, index: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, str]]:
    """Where a word that heads a known name stands in ``text[start:end]``: (offset, word), in order.

    Most words head no name: the few that do are found by set intersection, and only their runs
    are visited (a Python step per word of the text cost more than the rest of this search)."""
    if not index:
        return []
    heads = index.keys() & _word_runs_set(text, start, end)
    return sorted((p, h) for h in heads for p in word_runs(text, h, start, end, is_run_char))


def known_names_in(
    text: str,
    start: int,
    end: int,
    index: dict[str, list[tuple[str, ...]]],
    heads: list[tuple[int, str]] | None = None,
) -> list[tuple[int, int]]:
    """Where known names (as written, case-sensitive) occur: (start, end) pairs, leftmost-longest.

    ``index`` comes from ``name_index``. One C-speed pass over the words and a dictionary lookup
    each, instead of one alternation of every name: that regex took milliseconds to compile and had
    to be rebuilt whenever a person was added. A name starts after a non-word character and ends
    before one ("Biden's" holds "Biden"); its words are separated by spaces or one line break.
    ``heads``, ``known_name_heads`` of a span holding this one, saves finding them again for each
    paragraph of one text.
    """
    found: list[tuple[int, int]] = []
    if heads is None:
        heads = known_name_heads(text, start, end, index)
    else:
        heads = heads[bisect.bisect_left(heads, (start, "")) : bisect.bisect_left(heads, (end, ""))]
    last = start
    for pos, head in heads:
        if pos < last:
            continue
        for words in index[head]:  # longest first
            stop = _name_end(text, pos, end, words)
            if stop is not None:
                found.append((pos, stop))
                last = stop
                break
    return found


def _word_runs_set(text: str, start: int, end: int) -> set[str]:
    """``set(WORD_RUN.findall(text, start, end))``, most of it without the pattern: a run never
    spans white space, and a token of word characters and hyphens only (once its punctuation is
    stripped) is one run; the pattern reads the other tokens."""
    if start > 0 and WORD_CHAR.match(text, start - 1):
        return set(WORD_RUN.findall(text, start, end))  # the first word began before ``start``
    out = set()
    for token in set(text[start:end].split()):  # each distinct token once: a text repeats most
        token = token.strip(WORD_PUNCTUATION)
        if token.replace("-", "").replace("_", "").isalnum():
            out.add(token)
        elif token:
            out.update(WORD_RUN.findall(token))
    return out


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
    if pos > end or (pos < len(text) and is_run_char(text[pos])):
        return None
    return pos


def whole_words_in(text: str, start: int, end: int, words) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text[start:end]`` between non-word characters (hyphens are word
    characters): (start, end) pairs, leftmost first and at one place the longest, as an alternation
    of them, longest first, would find them; found with ``str.find``, since a regex of an article's
    own words (its people's surnames) cost a compile per article, more than the search."""
    found = sorted((pos, -len(w)) for w in words for pos in word_runs(text, w, start, end, is_run_char))
    out: list[tuple[int, int]] = []
    for pos, length in found:
        if not out or pos >= out[-1][1]:
            out.append((pos, pos - length))
    return out


def given_names(name: str) -> list[str]:
    """The words of a name without leading honorifics ("Sheikh Tamim ..." -> "Tamim ...")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    return words


def names_compatible(a: str, b: str) -> bool:
    """Could two names with one surname be the same person ("Joseph R. Biden", "Joe Biden", "Biden")?
    Honorifics do not count: "Sheikh Tamim ... Al Thani" is not "Sheikh Mohammed ... Al Thani"."""
    fa, fb = given_names(a), given_names(b)
    if len(fa) == 1 or len(fb) == 1:
        return True
    return fa[0][:1].lower() == fb[0][:1].lower()
