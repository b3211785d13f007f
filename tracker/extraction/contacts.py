"""Calls, meetings and visits between named people, found sentence by sentence.

A contact needs a verb of contact ("spoke by phone", "met with", "held a video call with", "had a
telephone conversation with") with named people on both sides. Negated contacts ("have not spoken
since") are skipped; contacts still to come ("will meet on Friday") are flagged planned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tracker.rules import kind_class

from .context import Article, Sentence, distinct
from .people import Entity, Mention

CONTACT_VERB = re.compile(
    # Every verb below starts with one of these letters, then one of these letter pairs ("held",
    # "spoke", "met", ...): a cheap test that skips most words before the alternatives are tried.
    r"""(?ix:\b(?=[hstmcprwv](?:el|ad|as|av|ol|po|pe|al|et|ee|ho|ak|ec|oo|os|ai|ay|is|on))(?:
    (?P<video>
        HAVE\s+DET\s+(?:[\w-]+\s+){0,3}?(?:video\s*call|video\s*conference|videoconference
            |virtual\s+(?:meeting|summit|talks|call)|(?:meeting|conversation|talks)\s*,?\s+(?:held\s+)?(?:via|by|over)
            \s+(?:a\s+)?video\s*(?:conference|link)?)
        | spoke\s+(?:by|via|over)\s+video(?:\s*link)?
        | (?:met|meets|meet|spoke|speaks|talked)\s+virtually
    )
    | (?P<phone>
        HAVE\s+DET\s+(?:[\w-]+\s+){0,4}?(?:(?:tele)?phone\s+(?:call|conversation|talks?)
            |call|conversation)
        | (?:spoke|speaks|speak|talked|talks|talk)(?:\s+\w+){0,2}?\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone
        | (?:spoke|speaks|speak|talked|talk)\s+(?:[\w-]+\s+){0,8}?with
        | (?:spoke|speaks|speak|talked|talk)\s+(?:\w+\s+){0,2}?to
        | (?:tele)?phoned | (?:called|calls)(?!\s+(?:on|upon|for|in|off|out|it|him|her|them|back|a|an|the)\b)
        | (?:made|received|took)\s+a\s+(?:(?:tele)?phone\s+)?call\s+(?:from|with|to)
    )
    | (?P<meeting>
        (?:met|meets|meet)\b(?:\s+\w+){0,4}?\s+with | (?:met|meets|meet)(?=\s+[A-Z])
        | HAVE\s+(?:DET\s+)?(?:[\w-]+\s+){0,4}?(?:meeting|summit|talks|bilateral|discussion)s?
            (?:\s+with)?
        | (?:held|hold|holds)\s+talks | (?:hosted|hosts|host|welcomed|received)(?!\s+by\b)
    )
    | (?P<visit>(?:paid|pays|paying|pay|made|make)\s+an?\s+(?:\w+\s+){0,2}?visit\s+to
        | (?:visited|visits|visit)(?!\s+by\b))
    # "X and Y spoke today": two people as the subject, no object.
    | (?P<pair>spoke|talked|met|conferred)
    )\b)""".replace("HAVE", r"(?:held|had|holds|has|hold|have)").replace("DET", r"(?:a|an|his|her|their|its)")
)
DIRECT_OBJECT_VERBS = (
    "welcomed", "received", "hosted", "hosts", "host", "visited", "visits", "visit", "met", "meet",
    "called", "calls", "phoned", "telephoned",
)  # fmt: skip
DIRECT_GAP = r"[\s,]*(?:\w+\s+){0,3}?(?:with\s+)?(?:(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency)\s+)?"
SPOKE = re.compile(r"(?:spoke|speaks|speak|talked|talks|talk)\b(?!.*\bphone\b)")
# Where a "spoke with" happened in person: at a summit, on its margins, during a visit.
VENUE = re.compile(
    r"\b(?:on\s+the\s+(?:margins|sidelines)\s+of|in\s+person|face[\s-]to[\s-]face|at\s+the\s+(?:White\s+House|G7|G-7"
    r"|G20|G-20|(?:[A-Z][\w-]*\s+){1,4}(?:Summit|Palace|Leaders['’]\s+Meeting))|during\s+(?:his|her|their)\s+(?:visit|trip))"
)
NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|upcoming|state|official|working)\s+$", re.I)
OTHER_EVENT_DATE = re.compile(r"\b(?:the|an?|for|before|ahead\s+of|since|until|after)\s+$", re.I)
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|yet\s+to|declined\s+to|refused\s+to|without|cancel\w*|postpone\w*)\b|n't\b", re.I
)
PLANNED = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|planning\s+to|expected\s+to|scheduled\s+to|set\s+to|due\s+to"
    r"|going\s+to|agreed\s+to|hopes?\s+to|invited\s+\S+(?:\s+\S+){0,4}\s+to|intends?\s+to|to)\s+(?:\w+\s+)?$",
    re.I,
)
# "Biden and His Majesty King Abdullah II": an honorific before a title belongs to the name.
JOINER = re.compile(
    r"^[\s,]*(?:and|as\s+well\s+as|&)?[\s,]*(?:(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency)\s+)?$", re.I
)
# "Participants in the call included ...": the named people join the contact just reported.
PARTICIPANT_LIST = re.compile(
    r"\b(?:participants?\s+(?:in|on)\s+the\s+(?:call|meeting|conversation|summit)|taking\s+part\s+in\s+the\s+"
    r"(?:call|meeting|conversation|talks)|joined\s+(?:the\s+(?:call|meeting)\s+)?by|those\s+on\s+the\s+call)\b",
    re.I,
)
EARLIER = re.compile(
    r"\b(?:[Tt]heir|[Tt]he)\s+(?:last|previous|most\s+recent|prior|earlier)\s+(?:known\s+)?(?:in-person\s+)?"
    r"(?P<noun>(?:tele)?phone\s+call|video\s+call|call|conversation|meeting|talks|summit|visit)\b"
)
DATED_NOUN = re.compile(
    r"\b(?:[Tt]he|[Tt]heir)\s+(?P<date>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?:\s+\d{1,2})?(?:,?\s+\d{4})?)\s+(?P<noun>(?:tele)?phone\s+call|video\s+call|call|meeting"
    r"|summit|talks|visit)\b"
)
THEY = re.compile(r"\b(?:[Tt]hey|[Tt]heir|[Tt]he\s+two\s+(?:leaders|presidents|men|women|sides|heads\s+of\s+state))\b")


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


def find_contacts(article: Article) -> list[FoundContact]:
    text = article.text
    found: list[FoundContact] = []
    # One pass each over the whole text; sentences then look up what falls inside them.
    verbs = list(CONTACT_VERB.finditer(text))
    verb_starts = [m.start() for m in verbs]
    lists = [m.start() for m in PARTICIPANT_LIST.finditer(text)]
    for sent in article.sentences:
        mentions = article.mentions_in(sent.start, sent.end)
        mentions = [m for m in mentions if not article.in_quote(m.start)]
        for k in range(bisect.bisect_left(verb_starts, sent.start), len(verbs)):
            m = verbs[k]
            if m.start() >= sent.end:
                break
            if m.end() > sent.end or article.in_quote(m.start()):
                continue
            contact = _contact_at(article, sent, m, mentions)
            if contact:
                found.append(contact)
                break  # one contact per sentence; later verbs usually restate it
        i = bisect.bisect_left(lists, sent.start)
        if i < len(lists) and lists[i] < sent.end and found:
            last = found[-1]
            if sent.paragraph - last.sentence.paragraph <= 1:
                last.entities = distinct(last.entities + [m.entity for m in mentions])
        found += _earlier_contacts(article, sent, mentions, found)
    return _merged(found)


def _contact_at(article: Article, sent: Sentence, m: re.Match, mentions: list[Mention]) -> FoundContact | None:
    text = article.text
    verb = m.group(0).lower()
    kind = "video_call" if m.group("video") else "phone_call" if m.group("phone") else "meeting"
    if m.group("visit"):
        kind = "visit"
    before = [x for x in mentions if x.end <= m.start()]
    after = [x for x in mentions if x.start >= m.end()]
    subject = _group_backwards(text, before)
    if not subject:
        return None
    if subject and text[subject[-1].end : m.start()].count(",") >= 2:
        return None  # the verb belongs to a relative or parenthetical clause
    if m.group("visit") and NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return None  # "his upcoming State Visit with ...": a noun, not the verb
    if m.group("pair"):
        # "X and Y spoke today": both sides are the subject; a name after the verb is a topic.
        if len(distinct([x.entity for x in subject])) < 2:
            return None
        obj = []
        kind = "meeting" if verb == "met" else "phone_call"
    else:
        obj = _group_forwards(text, after, m.end())
    if verb.startswith(DIRECT_OBJECT_VERBS) and not verb.endswith("with"):
        # These verbs take the other person straight after them ("met Prime Minister X").
        gap = r"[\s,]*" if verb.startswith(("called", "calls", "phoned", "telephoned")) else DIRECT_GAP
        if obj and not re.fullmatch(gap, text[m.end() : obj[0].start], re.I):
            obj = []
    if not obj and not m.group("pair"):
        # "spoke by phone Monday with Israeli Prime Minister ..." puts "with" after the verb phrase.
        tail = text[m.end() : after[0].start] if after else ""
        if after and re.search(r"\bwith\s+$", tail) and len(tail) < 60:
            obj = _group_forwards(text, after, after[0].start) or [after[0]]
    entities = distinct([x.entity for x in subject] + [x.entity for x in obj])
    window = text[subject[-1].end : m.start()]
    if NEGATION.search(window) or NEGATION.search(text[m.start() : m.end()]):
        return None
    if kind == "phone_call" and SPOKE.match(verb) and VENUE.search(text, sent.start, sent.end):
        kind = "meeting"  # "spoke with ... on the margins of the NATO Summit" was face to face
    if len(entities) < 2:
        # "held a secure video call with European leaders": the names may follow in a list.
        if re.search(r"\bwith\s+(?:\w+\s+){0,2}(?:leaders|counterparts|heads)\b", text[m.end() : sent.end], re.I):
            return _dated(article, sent, m, entities, kind, subject)
        return None
    return _dated(article, sent, m, entities, kind, subject)


def _dated(article, sent, m, entities, kind, subject) -> FoundContact:
    text = article.text
    planned = bool(PLANNED.search(text[max(sent.start, m.start() - 40) : m.start()]))
    # "preparations for the April 22-23 summit": a date that names another event is not the contact's.
    hits = [
        h
        for h in article.dates_in(sent.start, sent.end)
        if not OTHER_EVENT_DATE.search(text[max(0, h.start - 12) : h.start])
    ]
    when, precision = None, "day"
    if hits:
        best = min(hits, key=lambda h: abs(h.start - m.end()) if h.start >= m.start() else abs(m.start() - h.end) + 30)
        when, precision = best.date, best.precision
    elif article.is_release and article.published and not planned:
        # A readout or press release reports the contact the day it happened (or the next
        # morning): the publication day, to the day, so that two releases a week apart about two
        # calls stay two contacts.
        when, precision = article.published, "day"
    if when and article.published and when > article.published and not planned:
        planned = True
    initiator = None
    if re.search(r"\bat\s+the\s+\S+\s+side['’]s\s+initiative\b|\binitiated\s+by\b", text[m.end() : sent.end], re.I):
        initiator = None  # the side is named by country, not by person; left to the reviewer
    host = subject[0].entity if m.group(0).lower().startswith(("host", "welcomed", "received")) else None
    return FoundContact(entities, kind, when, precision, planned, sent.start, sent.end, sent, initiator, host)


def _group_backwards(text: str, before: list[Mention]) -> list[Mention]:
    if not before:
        return []
    group = [before[-1]]
    for prev in reversed(before[:-1]):
        if JOINER.match(text[prev.end : group[0].start]):
            group.insert(0, prev)
        else:
            break
    return group


def _group_forwards(text: str, after: list[Mention], verb_end: int) -> list[Mention]:
    if not after:
        return []
    gap = text[verb_end : after[0].start]
    if len(gap) > 80 or re.search(r"[.;:]", gap):
        return []
    group = [after[0]]
    for nxt in after[1:]:
        if JOINER.match(text[group[-1].end : nxt.start]):
            group.append(nxt)
        else:
            break
    return group


def _earlier_contacts(article: Article, sent: Sentence, mentions: list[Mention], found: list[FoundContact]):
    """Earlier contacts an article recalls: "Their last phone call ... was on February 15"."""
    text = article.text
    out = []
    for pattern in (EARLIER, DATED_NOUN):
        for m in pattern.finditer(text, sent.start, sent.end):
            if article.in_quote(m.start()) or re.search(r"\bsince\s+$", text[max(0, m.start() - 7) : m.start()]):
                continue  # "since the October 7 attacks" anchors a gap; it is no contact
            noun = m.group("noun").lower()
            kind = (
                "video_call"
                if "video" in noun
                else "phone_call"
                if ("call" in noun or "conversation" in noun)
                else "meeting"
            )
            if noun == "visit":
                kind = "visit"
            if pattern is EARLIER:
                hits = [
                    h
                    for h in article.dates_in(m.end(), sent.end)
                    if re.search(r"\b(?:was|were|came|took\s+place|on|in)\b", text[m.end() : h.start])
                ]
                hits = [
                    h
                    for h in hits
                    if not re.search(r"\b(?:before|after|since|until)\s+$", text[max(m.end(), h.start - 8) : h.start])
                ]
            else:
                hits = article.dates_in(m.start("date"), m.end("date"))
            if not hits:
                continue
            hit = hits[0]
            named = [x.entity for x in mentions if x.start < m.start()]
            pair = None
            if THEY.search(text, sent.start, sent.end) or m.group(0).lower().startswith("their"):
                pair = found[-1].entities if found else None
            if pair is None and len(distinct(named)) >= 2:
                pair = distinct(named)
            if not pair or len(pair) < 2:
                continue
            out.append(FoundContact(list(pair), kind, hit.date, hit.precision, False, sent.start, sent.end, sent))
    return out


def _merged(found: list[FoundContact]) -> list[FoundContact]:
    """One item per contact: a later undated mention of the same pair and kind is the same contact."""
    out: list[FoundContact] = []
    for c in found:
        key = frozenset(e.ident for e in c.entities)
        twin = None
        for o in out:
            if frozenset(e.ident for e in o.entities) == key and _same_kind(o.kind, c.kind):
                if o.date == c.date or c.date is None or o.date is None:
                    twin = o
                    break
        if twin is None:
            out.append(c)
        elif twin.date is None and c.date is not None:
            twin.date, twin.precision = c.date, c.precision
    return out


def _same_kind(a: str, b: str) -> bool:
    return kind_class(a) == kind_class(b)
