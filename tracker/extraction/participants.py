"""The people on each side of a contact, and the found contact itself.

Names written one after another ("X, Y and Z", "X and His Majesty King Y") form one side; a
contact whose other side holds only the principal's own legislators or regional heads is a
domestic meeting, not a diplomatic contact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Sentence
from .people import Entity, Mention
from .vocabulary import (
    DOMESTIC_TITLES,
    HEAD_TITLES,
    NOT_A_NAME_WORDS,
    ORGANISATION_HEAD_TITLES,
    PORTFOLIO_WORDS,
    REGNAL_TITLES,
    ROLE_WORDS,
)

# Words that undo a contact verb: "did not speak", "have yet to meet", "cancelled the visit".
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|yet\s+to|declined\s+to|refused\s+to|without|cancel\w*|postpone\w*|den(?:y|ies|ied|ying))\b"
    r"|n't\b",
    re.I,
)
# "Biden and His Majesty King Abdullah II": an honorific before a title belongs to the name; so does
# an office the title finder did not take ("and Chairman of the Joint Chiefs of Staff Gen. ...", "and
# Deputy Prime Minister and Defence Minister ...").
JOINER = re.compile(
    r"^[\s,]*(?:(?:and|as\s+well\s+as|&)(?:\s+(?:then|later|also))?(?:\s+with\b)?)?[\s,]*(?:(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency)\s+)?"
    r"(?:(?:his|her|their)\s+(?:[A-Z][\w-]*\s+)?counterpart,?\s+)?"  # "X and his Estralian counterpart Y"
    r"(?:(?:\(?[A-Z][\w-]*\)?|of|the|for|to)\s+){0,10}$"
)
# Before a titled name, the words of an office and "and": "..., and Deputy Prime Minister and <Defence
# Minister Per Holm>" (the title finder took the second office with the name).
JOINER_BEFORE_TITLE = re.compile(JOINER.pattern[:-1] + r"(?:and\s+)?$")


# In a list of objects, an office whose words hold "and" ("..., German Chancellery Foreign and Security
# Policy Advisor Jens Ploetner"): capitalised words and "and", ending in a word of an office.
JOINER_OFFICE_WITH_AND = re.compile(
    r"^[\s,]*(?:and\s+)?(?:(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency)\s+)?"
    r"(?:(?:\(?[A-Z][\w-]*\)?|of|the|for|to|and)\s+){1,12}$"
)


def _joined(text: str, left: Mention, right: Mention, forwards: bool = False) -> bool:
    gap = text[left.end : right.start]
    if JOINER.match(gap) or (right.kind == "title" and JOINER_BEFORE_TITLE.match(gap)):
        return True
    words = gap.split()
    return (
        forwards
        and bool(words)
        and words[-1].casefold() in ROLE_WORDS | OFFICE_WORDS
        and JOINER_OFFICE_WITH_AND.match(gap) is not None
    )


# One office's words; plurals ("members", "leaders") name a group, not the person who follows.
# One office's words; plurals ("members", "leaders") name a group, not the person who follows.
LOWER_OFFICE_WORD = (
    "(?:" + "|".join(sorted(w for w in ROLE_WORDS | PORTFOLIO_WORDS if w.isalpha() and w[-1] != "s")) + ")"
)
# Between a contact word and its object only titles and words of address ("welcomed the President of
# our fraternal Norvania and my friend Aldo Varen", "the meeting with IAEA Director General ...", "the
# country's"), never a noun ("welcomed the progress of ...", "the meeting with the leadership of ...").
OBJECT_GAP = re.compile(
    r"[\s,]*(?:(?:the|a|an|his|her|my|our|their|its|visiting|dear|esteemed|friend|colleague|counterpart|and|of"
    r"|fraternal|with|to|on|for|outgoing|incoming|new|newly|elected|former|acting|fellow|\d{1,4}(?:st|nd|rd|th)?|[-–—]"
    r"|[a-z]+['’]s"  # "the country's prime minister X"
    rf"|{LOWER_OFFICE_WORD}"  # agency style: "the country's foreign minister, X"
    r"|\(?[A-Z][\w'’.-]*\)?)[\s,]+)*"
)


AND = re.compile(r"\b(?:and|as\s+well\s+as)\b|&")
# A finite verb right after a name: the name is a clause's subject.
CLAUSE_VERB = re.compile(
    r"[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?(?:[a-z]{2,}ed|said|says|told|spoke|met|had|has|held|was|were|is"
    # irregular pasts and modals ("..., X flew home", "..., X will travel")
    r"|thanked|took|gave|flew|went|came|left|made|sent|wrote|saw|began|spent|brought|paid|led|sought|won|lost|stood"
    r"|will|would|could|can|must|should)\b"
)


@dataclass
class FoundContact:
    entities: list[Entity]
    kind: str
    date: object
    precision: str
    planned: bool
    start: int
    end: int
    sentence: Sentence
    initiator: Entity | None = None
    host: Entity | None = None
    recalled: bool = False  # an earlier contact the text looks back on ("their last call")
    by_noun: bool = False  # stated by a noun ("the talks with X"), not by a verb
    awaiting: bool = False  # "a call with European leaders": kept only if a list of them follows
    reported_kind: str | None = None  # the kind the words name, when the evidence decided another
    # "had a conversation", "spoke with": talk whose medium the words do not say (a call unless the
    # text reports a meeting of the same people that day, which it then is part of).
    medium_unsaid: bool = False
    # Where the words that name the kind are, when not the whole sentence ("This phone call, which
    # followed their March 14 meeting": the recalled meeting's kind is its own noun's).
    kind_span: tuple[int, int] | None = None
    # "The Prime Minister spoke to X": one side is the publisher's leader, named only by office.
    unnamed_side: bool = False
    # "discussed X with Y": stated by what they talked about, not by a word of contact.
    by_topic: bool = False
    # A transcript's own meeting, shown by its two leaders speaking in turns rather than told.
    shown: bool = False
    # "my meeting with X", "our talks with Y": a speaker's own, of no day unless the words give one
    # (a speech recalls them; a release's own day is not theirs).
    own_undated: bool = False


def group_backwards(text: str, before: list[Mention]) -> list[Mention]:
    if not before:
        return []
    group = [before[-1]]
    for prev in reversed(before[:-1]):
        if _joined(text, prev, group[0]):
            group.insert(0, prev)
        else:
            break
    return _without_offices_in_titles(text, group)


def group_forwards(text: str, after: list[Mention], verb_end: int) -> list[Mention]:
    if not after:
        return []
    gap = text[verb_end : after[0].start]
    # Between the verb and its person only an office and words of address ("with Party Politburo
    # Member and Director of the Office of ... Mira Tol"), not a clause ("to meet with local officials
    # and assess the needs that the President ...").
    if len(gap) > 160 or not OBJECT_GAP.fullmatch(gap):
        return []
    group = [after[0]]
    closed = False  # the list so far ended with "and": "A and B, C ..." begins something new
    for i, nxt in enumerate(after[1:], 1):
        joint = text[group[-1].end : nxt.start]
        if not _joined(text, group[-1], nxt, forwards=True):
            break
        if "," in joint and not AND.search(joint):
            # "During the meeting with X, Y discussed ...", "the meeting between A and B, C and D
            # reaffirmed ...": the subject of the main clause
            if CLAUSE_VERB.match(text, nxt.end) or (closed and _subject_of_clause(text, after[i:])):
                break
        closed = closed or bool(AND.search(joint))
        group.append(nxt)
    return _without_offices_in_titles(text, group)


def _without_offices_in_titles(text: str, group: list[Mention]) -> list[Mention]:
    """The group without the offices that complete someone's title ("X, Diplomatic Advisor to the
    Prime Minister of Estralia", "Adviser to the President of Norvania Mira Tol"): they name whom
    the person serves, who takes no part."""
    return [x for x in group if not (x.kind == "definite" and _completes_a_title(text, x.start))]


def _completes_a_title(text: str, start: int) -> bool:
    return COMPLEMENT_OF_OFFICE.search(text, max(0, start - 60), start) is not None


# "Adviser to the", "Envoy for the", "Chief of Staff of the": an office-only mention after these
# words completes the previous person's title.
COMPLEMENT_OF_OFFICE = re.compile(r"[A-Z][\w-]*\s+(?:to|for|of)\s+$")


def _subject_of_clause(text: str, run: list[Mention]) -> bool:
    """Whether the names from ``run[0]`` on, joined by "and" alone, are followed by a finite verb."""
    last = run[0]
    for nxt in run[1:]:
        if not re.fullmatch(r"\s+(?:and|&)\s+", text[last.end : nxt.start]):
            break
        last = nxt
    return CLAUSE_VERB.match(text, last.end) is not None


def is_domestic(
    subject: list[Entity],
    others: list[Entity],
    home: str | None,
    countries_after=lambda: set(),
) -> bool:
    """Whether the other side is the subject's own: all of it known to be of the subject's (or the
    publisher's) country; or officials below a head named with no country, in a sentence that names
    no other country after the verb (``countries_after``, computed only when needed); or holders of
    offices of its legislature or regions ("Senate Majority Leader", "Governor", "Head of the
    Republic of X" of a province), with nobody known to be of another."""
    if not others:
        return False
    # The publisher's country stands for a subject the text ties to none ("I spoke with ..."), never
    # beside the subject's own: a Norvanian with a minister of the publisher's Valdoria is no domestic meeting.
    own = {e.country for e in subject if e.country} or ({home} if home else set())
    if own and all(e.country in own for e in others) and all(e.country in own for e in subject if e.country):
        return True  # "I spoke with the Defence Minister": the subject's own government
    subject_countries = {e.country for e in subject if e.country}
    if (
        subject_countries <= ({home} if home else subject_countries)
        and len(subject_countries) <= 1
        and all(_own_government_office(e) for e in others)
        and countries_after() <= own
    ):
        # "had a working meeting with Defence Minister Tol", "I spoke with the Defence Minister": a
        # minister, general or adviser named with no country, in a sentence that names no other
        # country after the verb ("Estralian", "of Estralia"), is of the speaker's own government.
        return True
    for e in others:
        if not e.office or e.office.casefold() not in DOMESTIC_TITLES:
            return False
        if e.country and own and e.country not in own:
            return False
    countries = {e.country for e in subject + others if e.country}
    return len(countries) <= 1


def is_own_side_meeting(
    subject: list[Entity],
    others: list[Entity],
    home: str | None,
    countries_around,
    own_body,
    working: bool,
    call: bool = False,
) -> bool:
    """Whether a release's contact is with people the text ties to no other state or international
    body ("had a working meeting with Olga Lind", "with Head of the Federal Space Agency (FSA) Ivo
    Lind"), in a paragraph that names no country but ``home`` (``countries_around``, computed only
    when needed): the publisher's head of state with his own officials, managers and citizens. A
    ``call`` said to be by phone with someone named without any office ("had a phone
    conversation with Aldo Varen") is with a counterpart: a head of state meets citizens, he does
    not phone them in a release."""
    if not others or home is None or not {e.country for e in subject if e.country} <= {home}:
        return False
    if not all(_on_no_other_side(e, own_body, working, call) for e in others):
        return False
    return countries_around() <= {home}


def _on_no_other_side(e: Entity, own_body, working: bool, call: bool = False) -> bool:
    """Whether the text ties ``e`` to no other side: no country (nor an office, unless the contact is
    a "working meeting", which a head of state holds with his own officials and managers), or a
    body of the speaker's own state (``own_body``: "the Federal Space Agency", "the Norvanian
    Investment Fund")."""
    if e.known is not None:
        return False
    if e.country is None:
        return (e.office is None and not call) or working
    return own_body(e.country)


# A body of a state's own: its federal or state agencies, its presidential councils.
OWN_BODY = re.compile(r"\b(?:Federal|State|Presidential|Government)\b")


# "the Norvanian Investment Fund (NIF)": a body's name, then its acronym in brackets.
BRACKETED_ACRONYM = re.compile(
    r"(?P<body>(?:[A-Z][\w'’-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*)+)\((?P<acronym>[A-Z]{2,6})\)"
)


# Words that name bodies above states ("the Council of Europe", "the European Parliament", "the
# Parliamentary Assembly of ..."): a person of one is on another side than a government's.
INTERNATIONAL_BODY = re.compile(
    r"\b(?:International|World|Global|Inter-[A-Z]\w+|Europe|European|Euro-[A-Z]\w+|Eurasian|African|Asian|Arab"
    r"|Atlantic|Commonwealth|United\s+Nations|Parliamentary\s+Assembly)\b"
)
# "Estralia's National Security Secretariat": a country named by its possessive.
POSSESSIVE_PLACE = re.compile(r"(?<![\w-])([A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+)?)['’]s\b")


def countries_around(article, start: int, end: int) -> set[str]:
    """The countries and bodies [start, end) names, its possessives ("Estralia's") too, less the
    acronyms of the publisher's own bodies ("the Federal Space Agency (FSA)")."""
    text, gz, home = article.text, article.gazetteer, article.home
    found = article.countries_named(start, end)
    found |= {c for m in POSSESSIVE_PLACE.finditer(text, start, end) if (c := gz.country_named(m.group(1)))}
    found |= {m.group(0) for m in INTERNATIONAL_BODY.finditer(text, start, end)}
    return found - {
        m.group("acronym")
        for m in BRACKETED_ACRONYM.finditer(text, start, end)
        if own_body(m.group("body").strip(), gz, home)
    }


def own_body(name: str, gazetteer, home: str | None) -> bool:
    """Whether the body ``name`` a person heads (an organisation, not a state) is of ``home``: a
    federal or state body, or one named after ``home`` ("the Norvanian Investment Fund")."""
    if home is None or gazetteer is None or gazetteer.country_named(name):
        return False
    words = re.findall(r"[\w'’-]+", name)
    return bool(OWN_BODY.search(name)) or any(
        gazetteer.country_of_demonym(w) == home or gazetteer.country_named(w) == home for w in words
    )


# Offices whose holder is a counterpart even when the text does not say of where: heads of state
# and government, monarchs, an organisation's head, envoys.
COUNTERPART_TITLES = (
    HEAD_TITLES
    | REGNAL_TITLES
    | ORGANISATION_HEAD_TITLES
    | {
        "vice president", "ambassador", "prince", "crown princess", "sheikh", "chairman", "chairwoman",
        "chairperson", "leader", "supreme leader", "head of state", "head of government", "taoiseach",
    }
)  # fmt: skip


def holds_counterpart_office(e: Entity) -> bool:
    """Whether ``e`` holds an office whose holder is a counterpart of a head of state or government."""
    return bool(e.office) and e.office.casefold().removesuffix("-elect") in COUNTERPART_TITLES


def counterpart_of_unnamed_head(e: Entity) -> bool:
    """Whether ``e`` is a counterpart of the publisher's leader named by office alone ("The President
    spoke to ..."): one holding a counterpart's office, though not a patriarch the text ties to no
    country, who heads the leader's own church ("The President called Patriarch X on his Name Day")."""
    return holds_counterpart_office(e) and (bool(e.country) or e.office.casefold() != "patriarch")


def _own_government_office(e: Entity) -> bool:
    """Whether ``e`` holds an office of a government below its head (a minister, a general, an
    adviser) and the text ties them to no country."""
    if e.country or not e.office:
        return False
    office = e.office.casefold()
    return office not in COUNTERPART_TITLES and not office.endswith("-elect")


# The list item after a contact's last parsed person: ", <office words> <Name>" up to the next comma.
LIST_ITEM = re.compile(
    r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})?"  # the person's own "of Estralia"
    r"[ \t]*,[ \t]+(?:and[ \t]+)?(?P<item>[A-Z][^,;.:()]{0,160}?)(?=[ \t]*[,;.:]|$)"
)


def list_goes_on(text: str, end: int, stop: int, is_place=lambda words: False) -> bool:
    """Whether a list of people goes on past the last one found at ``end``: the next item is an
    office ("Adviser to the President of Estralia on trade Mira Tol", "and Cabinet members Mira
    Tol and ...") ending in two words that are a name the finder did not take, not a place
    (``is_place``: "President of South Africa" is an apposition). A contact with such a list would
    name only some of its participants."""
    m = LIST_ITEM.match(text, end, stop)
    if m is None:
        return False
    item = m.group("item")
    return _names_someone(item, is_place) or _names_someone(re.split(r"\s+and\s+", item)[0], is_place)


def list_skipped(gap: str, is_place=lambda words: False) -> bool:
    """Whether the words between a contact verb and its first person found hold an earlier list
    item that ends in a name ("with Leader of the Opposition Mira Tol, Minister of Defence <Per
    Holm>"): the finder did not take that person, so the list is partial."""
    return any(_names_someone(item, is_place) for item in gap.split(",")[:-1])


# Words of offices that may also be names, still offices before a name in a list ("Leader of the
# Opposition Mira Tol").
OFFICE_WORDS = frozenset({"leader", "king", "queen", "prince", "princess", "emir", "sultan", "sheikh", "marshal"})


def _names_someone(item: str, is_place) -> bool:
    words = item.split()
    if len(words) < 3 or not any(w.casefold() in ROLE_WORDS | OFFICE_WORDS for w in words[:-2]):
        return False
    name = words[-2:]
    if words[-3].casefold() in ("of", "for", "to", "in"):
        return False  # "the Crown Prince of Abu Dhabi": the words after "of" are a place or a body
    if not all(w[:1].isupper() and w.casefold() not in NOT_A_NAME_WORDS and not w.isupper() for w in name):
        return False
    return not (is_place(" ".join(name)) or is_place(name[-1]))


# A conversation or talks that say they were one call among several people, not several calls.
JOINT = re.compile(r"\b(?:joint|jointly|together|trilateral|multilateral|group|conference|summit)\b", re.I)


# Words that make a list of counterparts so many two-party contacts: "bilateral talks", "separate meetings",
# "a series of meetings".
SEVERAL_BILATERALS = re.compile(
    r"\b(?:bilateral\s+(?:talks|meetings|calls|consultations)|bilaterals|separate\s+(?:\w+\s+)?(?:meetings|talks|calls"
    r"|conversations|sessions)|series\s+of\s+(?:\w+\s+)?(?:meetings|talks|calls))\b",
    re.I,
)


def separate_contacts(verb: str, kind: str, subject: list[Mention], sentence: str, lead: str = "") -> bool:
    """Whether "had conversations with A, B and C" were several contacts, one with each: a plural
    noun says so, as do "separately" and a repeated "with" ("with A and with B"); so does "spoke
    with A, B and C" in person (one talks with each guest at a reception) or in the narrator's own
    words ("I spoke with ..."), unless the text calls it joint. ``lead``, the sentence before, may
    say it for this one: "He held a series of bilateral meetings. He met A, B and C"."""
    together = re.search(r"\b(?:jointly|together|trilateral)\b", sentence, re.I)
    if (SEVERAL_BILATERALS.search(sentence) or kind == "meeting" and SEVERAL_BILATERALS.search(lead)) and not together:
        return True  # "held bilateral talks with A, B and C on the sidelines of the summit": one each
    if JOINT.search(sentence):
        return False
    if re.search(r"\bseparately\b", sentence, re.I):
        return True  # "spoke separately today with A and B": one call each
    if re.search(r"\bwith\s+[^.;]*?\band\s+(?:(?:then|later|also)\s+)?with\b", sentence):
        return True  # "spoke with A and with B": the repeated "with" sets each apart
    if re.search(r"\b(?:conversations|calls|meetings|consultations|bilaterals)\b", verb):
        return True
    spoke = bool(re.match(r"(?:spoke|speaks|speak|talked|talk)\b", verb))
    # The publisher's unnamed leader leaves no subject mention: "The Prime Minister spoke to A and B".
    return spoke and (kind == "meeting" or bool(subject) and subject[0].kind == "narrator")
