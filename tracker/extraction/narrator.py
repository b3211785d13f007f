"""Who "I" is: the speaker of an address, a transcript or a first-person statement.

A transcript names its speaker in a caption before a colon ("President of Norvania Aldo Varen: ...");
an address or a speech names it in its title ("... - address by President Aldo Varen"). Failing
both, a release in the first person is its own publisher's head of state, the one holding that
office on the publication day (known only when the gazetteer has that person's offices).
"""

from __future__ import annotations

import bisect
import re

from .people import Entity, Mention, PeopleFinder
from .vocabulary import PORTFOLIO_WORDS, ROLE_WORDS

# "address by President X", "Remarks of Prime Minister X", "Statement by X"
TITLE_SPEAKER = re.compile(
    r"\b(?:address|speech|remarks|statement|message|op-ed|interview|video\s+address|greetings)\s+(?:of|by|from)\s+"
    r"(?P<who>[^,;:()\n]{3,120})$",
    re.I,
)
# A caption ends with a colon, perhaps after the name again in native order or a note in brackets
# ("Mira Tol Tol MiraPrime Minister (retranslated):").
CAPTION_END = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’-]*|of|the|and)){0,8}[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?:[ \t\n]+(?=[A-Z“\"‘])"
)
# "I spoke with", "In the evening I spoke with", "I was glad to welcome": the narrator is the subject.
# "It is a pleasure to receive ..." in a speaker's words has the speaker as its subject too.
FIRST_PERSON_SUBJECT = re.compile(
    r"(?:(?<![\w-])I[ \t]+(?:[a-z]+[ \t]+){0,3}|\b[Ii]t[ \t]+is[ \t]+(?:a|my|our)[ \t]+(?:great[ \t]+|real[ \t]+)?"
    r"(?:pleasure|honou?r|privilege)[ \t]+to[ \t]+)$"
)
# A title-case preposition or participle after the speaker's name begins the occasion: "Remarks by
# President X Before Marine One Departure", "... At the Summit", "... Announcing New Steps".
TITLE_OCCASION = re.compile(
    r"\s+(?:Before|After|During|Upon|Following|Ahead|At|On|In|To|For|With|From|Announcing|Celebrating|Marking"
    r"|Honou?ring|Commemorating|Welcoming|Delivering|Discussing)\b.*$",
    re.S,
)
HEAD_OFFICES = ("President", "Prime Minister", "Chancellor")
# A transcript's speaker label in capitals at the start of a line: "THE PRESIDENT:", "PRIME MINISTER
# TOL:", "MR. PELL:", "Q:" (a journalist, whose quotations are nobody's statement here).
# A press briefing writes a question as "Q    Thank you, ..." with no colon, or with one space when
# the page's spaces were collapsed: "Q Mr. President, ..." (a capital after it, as a question opens).
LABEL = re.compile(
    r"(?m)^[ \t]*(?:(?P<label>[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,5})"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*:|(?P<label_q>Q)(?=[ \t]{2,}|[ \t][A-Z]))[ \t]+(?=\S)"
)
JOURNALIST_LABELS = {"Q", "QUESTION", "REPORTER", "JOURNALIST", "AUDIENCE MEMBER", "AUDIENCE", "PARTICIPANT",
                     "MODERATOR", "INTERPRETER", "CORRESPONDENT", "PARTICIPANTS", "STAFF"}  # fmt: skip
HONORIFICS = {"the", "mr", "mrs", "ms", "dr", "madam", "madame", "his", "her", "majesty", "excellency", "sir", "dame"}
LABEL_ROLE_WORDS = ROLE_WORDS | PORTFOLIO_WORDS | {"prime", "vice", "king", "queen", "prince", "crown", "premier"}


def narrator_from_title(title: str, finder: PeopleFinder) -> Entity | None:
    """The speaker a document's title names ("... - address by President Aldo Varen"), or None."""
    m = TITLE_SPEAKER.search(title or "")
    if not m:
        return None
    who = TITLE_OCCASION.sub("", m.group("who"))  # "President X Before Marine One Departure": X
    heading = PeopleFinder(who, finder.gz, finder.published, finder.home).find([(0, len(who))])
    if not heading.mentions:
        return None
    first = heading.mentions[0].entity
    return finder.entity_for(first.name, first.office, first.country)


def narrator_by_office(finder: PeopleFinder) -> Entity | None:
    """The head of state or government of the publisher's country on the publication day, when the
    gazetteer knows exactly one."""
    if not finder.home or finder.published is None:
        return None
    for office in HEAD_OFFICES:
        holders = finder.gz.office_holders(office, finder.home, finder.published)
        if len({p.key for p, _ in holders}) == 1:
            person, country = holders[0]
            return finder.entity_for(person.name, office, country)
    return None


class Narrators:
    """Who speaks at each point of a text: the last caption before it, else the document's narrator."""

    def __init__(self, text: str, mentions: list[Mention], default: Entity | None, resolve=None):
        """``resolve(name, office)``: the known person a label names ("PRESIDENT LIND:") when the
        text names them nowhere else, or None."""
        self.default = default
        self.captions: list[tuple[int, Entity | None]] = []  # None: a journalist's turn ("Q:")
        for m in mentions:
            # A caption ends a heading as often as a sentence ("Beginning of the talks President of
            # Norvania Aldo Varen: Dear friend, ..."): what precedes it is not checked.
            if CAPTION_END.match(text, m.end):
                self.captions.append((m.start, m.entity))
        taken = [p for p, _ in self.captions]
        for start, end, who in label_captions(text, mentions, default, resolve):
            if not any(start <= p < end for p in taken):  # the people finder read this label already
                self.captions.append((start, who))
        self.captions.sort(key=lambda c: c[0])
        self._starts = [pos for pos, _ in self.captions]

    def at(self, pos: int) -> Entity | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.captions[i][1] if i >= 0 else self.default

    def caption_at(self, pos: int) -> Entity | None:
        """The speaker of the caption ``pos`` falls under, or None outside a transcript (and in a
        journalist's turn)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.captions[i][1] if i >= 0 else None

    def in_turn(self, pos: int) -> bool:
        """Whether ``pos`` falls under any caption, a journalist's too."""
        return bisect.bisect_right(self._starts, pos) > 0


def label_captions(
    text: str, mentions: list[Mention], default: Entity | None, resolve=None
) -> list[tuple[int, int, Entity | None]]:
    """The upper-case speaker labels of a transcript, each with whom it names: the person whose
    surname it gives ("PRIME MINISTER TOL:"), the one holding its office ("THE PRESIDENT:": the
    document's narrator, else the one person the text gives that office whom no other label names),
    None for a journalist ("Q:"). A line in capitals with no title and said once is a heading."""
    found = []
    for m in LABEL.finditer(text):
        if m.group("label_q"):
            found.append((m.start("label_q"), m.end(), ["q"], True))
            continue
        label = " ".join(m.group("label").replace("’", "'").split())
        words = [w.strip(".").casefold() for w in label.split()]
        journalist = label.rstrip(".") in JOURNALIST_LABELS
        titled = any(w in LABEL_ROLE_WORDS or w in HONORIFICS - {"the"} for w in words)
        repeated = len(re.findall(rf"(?m)^[ \t]*{re.escape(m.group('label'))}[ \t]*:", text)) > 1
        if journalist or titled or (repeated and len(words) <= 3 and not words[0] == "the"):
            found.append((m.start("label"), m.end(), words, journalist))
    named = {ws[-1] for _, _, ws, j in found if not j and ws[-1] not in LABEL_ROLE_WORDS}
    unknown: dict[str, Entity] = {}
    return [
        (s, e, None if j else _label_person(ws, mentions, default, named, unknown, resolve)) for s, e, ws, j in found
    ]


def _label_person(
    words: list[str], mentions: list[Mention], default: Entity | None, named: set[str], unknown, resolve=None
):
    name = [w for w in words if w not in LABEL_ROLE_WORDS and w not in HONORIFICS]
    if name:
        surname = name[-1]
        for m in mentions:
            if m.entity.name.casefold().replace("’", "'").split()[-1] == surname:
                return m.entity
        written = " ".join(w.capitalize() for w in name)  # "MR. PELL:" with no full name: as the text names him
        office = " ".join(w.capitalize() for w in words if w in LABEL_ROLE_WORDS) or None
        known = resolve(written, office) if resolve is not None and written not in unknown else None
        if known is not None:
            return known  # "PRESIDENT LIND:" of the one President Lind the record knows
        if written not in unknown:
            unknown[written] = Entity(written, surname=written.split()[-1], ident=-(100_000 + len(unknown)))
        return unknown[written]
    office = " ".join(w for w in words if w not in HONORIFICS)
    if default is not None and (default.office or "").casefold() in ("", office):
        return default
    holders = {
        m.entity.ident: m.entity
        for m in mentions
        if (m.entity.office or "").casefold() == office and m.entity.name.casefold().split()[-1] not in named
    }
    return next(iter(holders.values())) if len(holders) == 1 else None


# "we held a videoconference", "We first met", "you and I met": the speaker and the one addressed.
WE_SUBJECT = re.compile(
    r"(?:(?<![\w-])[Ww]e[ \t]+(?:[a-z]+[ \t]+){0,2}|(?<![\w-])[Yy]ou[ \t]+and[ \t]+I[ \t]+(?:[a-z]+[ \t]+){0,1})$"
)
# "we met with farmers", "we spoke to the governors": someone else is who "we" met.
WE_OBJECT = re.compile(
    r"(?:\s+(?:by|on|over)\s+(?:the\s+)?(?:tele)?phone)?\s+(?:with|to)\b"
    r"|(?:(?<=\bmet)|(?<=received)|(?<=hosted)|(?<=visited))\s+(?!(?:in|on|at|last|again|for|before|earlier|once|twice)\b)[a-z]"
)


def we_before(text: str, start: int, verb_start: int) -> bool:
    """Whether "we" (or "you and I") is the subject of the verb that starts at ``verb_start``."""
    return bool(WE_SUBJECT.search(text, start, verb_start))


def first_person_before(text: str, start: int, verb_start: int) -> bool:
    """Whether the words just before a verb make "I" its subject ("In the evening I spoke with")."""
    return first_person_start(text, start, verb_start) is not None


def first_person_start(text: str, start: int, verb_start: int) -> int | None:
    """Where the "I" that is the subject of the verb at ``verb_start`` stands ("I have never met":
    the words between them may negate the verb), or None."""
    m = FIRST_PERSON_SUBJECT.search(text, start, verb_start)
    return m.start() if m else None
