"""Contacts in the shapes news agencies write them, where no verb of contact has the two sides as
its subject and object:

- a participle opening the sentence: "After meeting Prime Minister X on Tuesday, President Y said ...";
- a call named by a noun around a verb of speech: "In a telephone call Tuesday, X and Y agreed ...",
  "During a phone call on Monday, X told Y ...", "X told Y in a phone call Tuesday that ...";
- the passive: "X was received by President Y", "X was hosted by Y at the palace";
- the two people the sentence before named, as the subject: "X and Y agreed to ... . The two leaders
  met Tuesday in the capital"; or the two the clause before named, in a clause of time: "X invited Y
  to visit, after the two spoke by phone on Saturday";
- a noun of contact after the pair that is the subject: "X and Y agreed to ... after talks Tuesday";
- leaders a list names: "X held bilateral meetings with world leaders, including A and B";
- in a release, a counterpart who called the publisher's leader named by office alone: "President X
  of Estralia called the Prime Minister this morning" (X is the one side the text names).

The day a news item reports, and a transcript's own meeting, are in ``reported``.

Each needs a named person on both sides, of different governments; a contact still to come
("will be received by", "in a phone call planned for Friday") is flagged planned by its words.
"""

from __future__ import annotations

import re

from .contact_dates import contact_dated
from .context import Article, Sentence, distinct
from .participants import (
    OBJECT_GAP,
    FoundContact,
    counterpart_of_unnamed_head,
    group_backwards,
    group_forwards,
    is_domestic,
    separate_contacts,
)
from .people import Mention
from .reported import reported_that_day
from .subjects import pronoun_subject

__all__ = ["agency_contacts", "reported_that_day"]  # contacts.py reads both from here

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|last\s+week)"
_WHEN = rf"(?:\s+(?:on\s+|late\s+|early\s+|last\s+|this\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?)?"
# "After meeting Prime Minister X", "After talks with X", "..., speaking after meeting X", "He met X before
# meeting Y": the participle's object comes next ("after a meeting with X" is the noun's, found with the
# other nouns of contact).
AFTER_MEETING = re.compile(r"(?<![\w-])(?:After|after|before)\s+(?:meeting|talks)(?:\s+with)?\s+")
# "Meeting with X, Y said ...", "Receiving X, Y noted ...": a participle opening the sentence.
OPENING_PARTICIPLE = re.compile(r"\s*(?:Meeting|Receiving|Welcoming)(?:\s+with)?\s+")
# "He met X before meeting Y": the subject opening the sentence is the participle's too.
SUBJECT_PRONOUN = re.compile(r"\s*(?:He|She)\s+")
# "In a telephone call Tuesday, ...", "During a phone call on Monday, ...": the call opens the clause.
CALL = r"(?:(?:tele)?phone\s+(?:call|conversation)|video\s*(?:call|conference)|videoconference)"
CALL_OPENING = re.compile(rf"(?<![\w-])(?:In|During)\s+an?\s+(?P<noun>{CALL}){_WHEN}\s*,\s+")
# "X told Y in a phone call Tuesday": a verb of speech, its addressee, then the call.
SPEECH_VERB = r"(?:told|assured|urged|informed|briefed|thanked|pressed|warned|congratulated|invited)"
# "X told Y during their meeting Monday", "X assured Y at talks in Z": the same, face to face.
CALL_AFTER = re.compile(
    rf"\s+(?:(?:in|during)\s+an?\s+(?P<noun>{CALL})"
    r"|(?:during|at)\s+(?:(?:their|the|a)\s+)?(?:(?:bilateral|private|closed-door|one-on-one)\s+)?(?P<met>meeting|talks))\b"
)
BETWEEN_SUBJECT_AND_VERB = re.compile(r"[\s,]*(?:also\s+|then\s+|later\s+)?")
SPEECH = re.compile(rf"\s+(?:also\s+)?{SPEECH_VERB}\s+")
# "A and B agreed", "A and B discussed": the two of the call as one subject, then a verb.
PAIR_VERB = re.compile(
    r"\s+(?:(?:also|today|yesterday|jointly|later|then|on\s+[A-Z][a-z]+day)\s+)?(?:(?:have|has|had)\s+)?"
    r"(?:[a-z]+ed|spoke|told|said|held|gave|signed)\b"
)
# "X was received by Y": the passive of a verb of meeting, its agent the other side.
NEGATION = re.compile(r"\b(?:not|never)\b|n['’]t\b")
PASSIVE_VERBS = ("received", "hosted", "welcomed", "greeted", "visited", "met", "called", "phoned", "telephoned")
PASSIVE = re.compile(
    rf"\s+(?:was|were|has\s+been|had\s+been)\s+(?:warmly\s+)?(?P<verb>{'|'.join(PASSIVE_VERBS)})\s+by\s+"
)

# "The two leaders met Tuesday", "They spoke by phone on Monday": a past verb of contact, no object.
THE_TWO_VERB = r"(?P<verb>met|spoke|talked|held\s+(?:talks|a\s+meeting)|conferred)\b"
THE_TWO = re.compile(
    r"(?P<two>The\s+two(?:\s+(?:leaders|presidents|prime\s+ministers|men|women|heads\s+of\s+state|(?:foreign\s+)?"
    r"ministers))?|The\s+top\s+diplomats\s+of\s+the\s+two\s+(?:nations|countries)|They)\s+"
    rf"(?:also\s+|later\s+|then\s+)?{THE_TWO_VERB}"
)
# ", after the two spoke by phone on Saturday", "when they met in Osland": the two the clause before
# named; "last" is a recalled contact's ("since they last met"), read in ``recalled``.
THE_TWO_IN_CLAUSE = re.compile(
    r",?\s+(?:after|when|once|as)\s+(?P<two>the\s+two(?:\s+(?:leaders|presidents|prime\s+ministers|men|women"
    r"|heads\s+of\s+state))?|they)\s+(?:had\s+)?(?:also\s+)?" + THE_TWO_VERB
)
# After "spoke"/"talked": the medium or a time, never a listener ("spoke to reporters").
SPOKE_HOW = re.compile(r"\s+(?:by\s+(?:tele)?phone|on\s+the\s+(?:tele)?phone|over\s+the\s+(?:tele)?phone|by\s+video)\b")
# After "met"/"held talks": not another person ("met with reporters", "met the press").
MET_WHOM = re.compile(r"\s+(?:with(?!\s+each\s+other)|the\b|a\b|an\b|reporters\b|journalists\b)")
# "..., after talks in the capital", "in a telephone call on Saturday": the pair's own contact, no "with".
PAIR_NOUN = re.compile(
    r"\b(?:after|during|following|in|at|held)\s+(?:their\s+|a\s+|an\s+)?(?:(?:bilateral|[A-Z]\w*-[A-Z]\w*)\s+)?"
    r"(?P<noun>talks|meeting|(?:tele)?phone\s+call|joint\s+(?:news|press)\s+conference"
    r"|video\s*(?:call|conference)|videoconference)\b(?!\s+(?:with|between|of)\b)"
)

# "hosted a state dinner for Y", "shook hands with Y", "greeted Y at the airport": in one place.
IN_PERSON_VERB = re.compile(
    r"\s+(?:also\s+|later\s+|then\s+|warmly\s+)?(?P<verb>(?:hosted|gave|held|offered)\s+an?\s+"
    r"(?:(?:state|official|working|private|gala|formal)\s+)?(?:dinner|lunch|luncheon|banquet|breakfast|reception)"
    r"\s+(?:in\s+honou?r\s+of|for)|shook\s+hands\s+with|greeted)\s+"
)
# After "greeted Y": where, so that the greeting was in person ("greeted Y on her birthday" was a message).
GREETED_WHERE = re.compile(
    r"\s+(?:at\s+the\s+|on\s+(?:his|her|their)\s+arrival|upon\s+(?:his|her|their)\s+arrival|as\s+(?:he|she|they)\s+arrived)"
)
PAIR_HANDS = re.compile(r"\s+(?:also\s+)?shook\s+hands\b")
IN_PERSON_CUES = ("dinner", "lunch", "banquet", "breakfast", "reception", "shook hands", "greeted")
# "held a series of bilateral meetings with world leaders, including A and B", "met several leaders,
# among them A": the leaders the list names.
# "... called the Prime Minister this morning": the office alone, no name or country after it.
CALLED_THE_OFFICE = re.compile(
    r"\s+(?:also\s+)?(?:called|phoned|telephoned|rang)\s+the\s+(?:Prime\s+Minister|President|Chancellor|Premier"
    r"|Taoiseach)\b(?!['’]|\s+(?:of\b|and\b|[A-Z]))"
)
INCLUDING = re.compile(
    r"\b(?P<verb>met|meetings?|talks|calls?|spoke|conversations?)\s+(?:with\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:leaders|counterparts|heads\s+of\s+(?:state|government)|presidents|prime\s+ministers)\s*,?\s+"
    r"(?:including|among\s+them|such\s+as)\s+"
)


def agency_contacts(
    article: Article, sent: Sentence, mentions: list[Mention], found: list[FoundContact]
) -> list[FoundContact]:
    """The contacts of the shapes above in one sentence (none when its words hold no cue), each of
    a pair of people that none of the sentence's ``found`` contacts has."""
    pairs = [{e.ident for e in c.entities} for c in found]
    return [c for c in _agency_contacts(article, sent, mentions) if {e.ident for e in c.entities} not in pairs]


def _agency_contacts(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    words = article.text[sent.start : sent.end]
    out: list[FoundContact] = []
    if "fter meeting" in words or "fter talks" in words or "before meeting" in words or OPENING_PARTICIPLE.match(words):
        out += _after_meeting(article, sent, mentions)
    if " call" in words or "conversation" in words or "video" in words or "meeting" in words or " talks" in words:
        out += _in_a_call(article, sent, mentions)
    if " by " in words and any(w in words for w in PASSIVE_VERBS):
        out += _passive(article, sent, mentions)
    if words.startswith(("The two", "They", "The top")):
        out += _the_two(article, sent)
    if " the two " in words or " they " in words:
        out += _the_two_in_clause(article, sent, mentions)
    if " talks" in words or "meeting" in words or " call" in words or "video" in words or "joint" in words:
        out += _pair_noun(article, sent, mentions)
    if any(w in words for w in IN_PERSON_CUES):
        out += _in_person(article, sent, mentions)
    if "including" in words or "among them" in words or "such as" in words:
        out += _including(article, sent, mentions)
    if article.is_release and ("called the " in words or "phoned the " in words or "rang the " in words):
        out += _called_the_office(article, sent, mentions)
    return out


def _called_the_office(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "President X of Estralia called the Prime Minister": a call between X and the publisher's
    leader, whom the text does not name (only a counterpart of another country, or of none)."""
    out = []
    for k, x in enumerate(mentions):
        m = CALLED_THE_OFFICE.match(article.text, x.end)
        if m is None or article.in_quote(x.start) or NEGATION.search(article.text, sent.start, x.start):
            continue
        caller = group_backwards(article.text, mentions[: k + 1])
        entities = distinct([y.entity for y in caller])
        if len(entities) != 1 or not counterpart_of_unnamed_head(entities[0]):
            continue
        if entities[0].country and entities[0].country == article.home:
            continue
        contact = contact_dated(article, sent, m, entities, "phone_call", caller[:1])
        contact.unnamed_side = True
        out.append(contact)
    return out


def _contact(article, sent, m, people: list[Mention], kind: str, own_from: int | None = None) -> list[FoundContact]:
    entities = distinct([x.entity for x in people])
    if len(entities) < 2 or is_domestic(entities[:1], entities[1:], article.home):
        return []
    if len({e.country for e in entities}) == 1 and entities[0].country:
        return []  # one government's people
    return [contact_dated(article, sent, m, entities, kind, people[:1], own_from)]


def _kind(noun: str) -> str:
    return "video_call" if "video" in noun.lower() else "phone_call"


def _after_meeting(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    text = article.text
    m = OPENING_PARTICIPLE.match(text, sent.start, sent.end) or AFTER_MEETING.search(text, sent.start, sent.end)
    if m is None or article.in_quote(m.start()):
        return []
    obj = group_forwards(text, [x for x in mentions if x.start >= m.end()], m.end())
    if not obj:
        return []
    if m.group(0)[0].islower():
        subject = _opening_subject(article, sent, mentions, m.start())
        # "X spoke with Y on Monday, after talks with Z on April 3": the talks' own date, if they have one.
        return _contact(article, sent, m, subject + obj, "meeting", m.start()) if subject else []
    # The main clause after the comma that closes the opening phrase: its subject is the other side.
    comma = text.find(",", obj[-1].end, sent.end)
    if comma < 0:
        return []
    subject = group_forwards(text, [x for x in mentions if x.start > comma], comma + 1)
    if not subject or not re.fullmatch(r",\s*", text[comma : subject[0].start]):
        return []
    return _contact(article, sent, m, subject + obj, "meeting")


def _opening_subject(article: Article, sent: Sentence, mentions: list[Mention], before: int) -> list[Mention]:
    """The people opening the sentence, as its subject ("He": the last sentence's subject)."""
    text = article.text
    subject = group_forwards(text, [x for x in mentions if x.end <= before], sent.start)
    if subject:
        return subject
    he = SUBJECT_PRONOUN.match(text, sent.start, before)
    return pronoun_subject(article, sent, he.end()) if he else []


def _in_a_call(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    text = article.text
    opening = CALL_OPENING.search(text, sent.start, sent.end)
    if opening is not None and not article.in_quote(opening.start()):
        after = [x for x in mentions if x.start >= opening.end()]
        subject = group_forwards(text, after, opening.end())
        if subject and not NEGATION.search(text, opening.end(), subject[-1].end + 20):
            rest = after[len(subject) :]
            if len(distinct([x.entity for x in subject])) >= 2 and PAIR_VERB.match(text, subject[-1].end):
                return _contact(article, sent, opening, subject, _kind(opening.group("noun")))  # "A and B agreed"
            verb = SPEECH.match(text, subject[-1].end)
            if len(subject) == 1 and verb and rest and OBJECT_GAP.fullmatch(text, verb.end(), rest[0].start):
                return _contact(article, sent, opening, subject + rest[:1], _kind(opening.group("noun")))
    out = []
    for k, x in enumerate(mentions):
        verb = SPEECH.match(text, x.end)
        if verb is None or article.in_quote(x.start):
            continue
        obj = [y for y in mentions[k + 1 :] if y.start >= verb.end()][:1]
        if not obj or not OBJECT_GAP.fullmatch(text, verb.end(), obj[0].start):
            continue
        call = CALL_AFTER.match(text, obj[0].end)
        if call is None:
            continue
        subject = group_backwards(text, mentions[: k + 1])
        kind = "meeting" if call.group("met") else _kind(call.group("noun"))
        out += _contact(article, sent, call, subject + obj, kind)
    return out


def _passive(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    text = article.text
    out = []
    for k, x in enumerate(mentions):
        m = PASSIVE.match(text, x.end)
        if m is None or article.in_quote(x.start):
            continue
        agent = group_forwards(text, [y for y in mentions[k + 1 :] if y.start >= m.end()], m.end())
        if not agent:
            continue
        subject = group_backwards(text, mentions[: k + 1])
        verb = m.group("verb")
        kind = (
            "visit" if verb == "visited" else "phone_call" if verb in ("called", "phoned", "telephoned") else "meeting"
        )
        out += _contact(article, sent, m, subject + agent, kind)
    return out


def _in_person(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "X hosted a state dinner for Y", "X shook hands with Y", "X and Y shook hands": a meeting."""
    text = article.text
    out = []
    for k, x in enumerate(mentions):
        if article.in_quote(x.start):
            continue
        subject = group_backwards(text, mentions[: k + 1])
        m = PAIR_HANDS.match(text, x.end)
        if m and len(distinct([y.entity for y in subject])) >= 2:
            out += _contact(article, sent, m, subject, "meeting")
            continue
        m = IN_PERSON_VERB.match(text, x.end)
        if m is None or NEGATION.search(text, x.end, m.end()):
            continue
        guests = group_forwards(text, [y for y in mentions[k + 1 :] if y.start >= m.end()], m.end())
        if not guests or (m.group("verb") == "greeted" and not GREETED_WHERE.match(text, guests[-1].end)):
            continue
        out += _contact(article, sent, m, subject + guests, "meeting")
    return out


def _the_two(article: Article, sent: Sentence) -> list[FoundContact]:
    """ "The two leaders met Tuesday": the two the sentence before named ("They": only when it opens
    with the two of them, "X and Y agreed ...")."""
    text = article.text
    m = THE_TWO.match(text, sent.start, sent.end)
    before = article.sentence_before(sent)
    if m is None or before is None or article.in_quote(m.start()):
        return []
    kind = _the_twos_kind(text, m)
    if kind is None:
        return []
    named = [x for x in article.mentions_in(before.start, before.end) if not article.in_quote(x.start)]
    if m.group("two") == "They":
        named = group_forwards(text, named, before.start)
    if len(distinct([x.entity for x in named])) != 2:
        return []
    return _contact(article, sent, m, named, kind)


def _the_twos_kind(text: str, m: re.Match) -> str | None:
    """The kind of contact "the two ... <verb>" says (``THE_TWO_VERB``), or None when it says none:
    "spoke" needs its medium ("when they spoke on Saturday": a call or a meeting, the text does not
    say), "met" no other object ("met with reporters")."""
    spoke = m.group("verb") in ("spoke", "talked")
    if (spoke and not SPOKE_HOW.match(text, m.end())) or (not spoke and MET_WHOM.match(text, m.end())):
        return None
    if "video" in text[m.end() : m.end() + 20]:
        return "video_call"
    return "phone_call" if spoke else "meeting"


def _the_two_in_clause(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "X invited Y to visit, after the two spoke by phone on Saturday": the two people the clause
    before names. Dated by the clause alone: the main clause's date is of what X did after."""
    text = article.text
    m = THE_TWO_IN_CLAUSE.search(text, sent.start, sent.end)
    if m is None or article.in_quote(m.start()) or NEGATION.search(text, m.start(), m.end()):
        return []
    kind = _the_twos_kind(text, m)
    if kind is None:
        return []
    named = [x for x in mentions if x.end <= m.start() and not article.in_quote(x.start)]
    if len(distinct([x.entity for x in named])) != 2:
        return []
    return _contact(article, Sentence(m.start(), sent.end, sent.paragraph), m, named, kind)


def _pair_noun(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "X and Y agreed to boost trade after talks in the capital": the subject pair's contact."""
    text = article.text
    subject = group_forwards(text, mentions, sent.start)
    if len(distinct([x.entity for x in subject])) != 2 or not PAIR_VERB.match(text, subject[-1].end):
        return []
    m = PAIR_NOUN.search(text, subject[-1].end, sent.end)
    if m is None or article.in_quote(m.start()) or NEGATION.search(text, subject[-1].end, m.start()):
        return []
    if any(x.start >= subject[-1].end and x.start < m.start() for x in mentions):
        return []  # "X and Y told Z after talks": whose talks is not said
    noun = m.group("noun")
    kind = "meeting" if noun in ("talks", "meeting") or noun.startswith("joint") else _kind(noun)
    return _contact(article, sent, m, subject, kind)


def _including(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "X held bilateral meetings with world leaders, including A and B": X's contact with each (one
    with all when nothing says they were several)."""
    text = article.text
    m = INCLUDING.search(text, sent.start, sent.end)
    if m is None or article.in_quote(m.start()) or NEGATION.search(text, sent.start, m.start()):
        return []
    subject = _opening_subject(article, sent, mentions, m.start())
    listed = group_forwards(text, [x for x in mentions if x.start >= m.end()], m.end())
    if not subject or not listed:
        return []
    verb = m.group("verb")
    kind = "meeting" if verb.startswith(("met", "meeting", "talks")) else "phone_call"
    if "video" in article.lower(sent.start, sent.end):
        kind = "video_call"
    several = (
        verb.endswith("s")
        or re.search(r"\b(?:several|various|number|series)\b", m.group(0))
        or separate_contacts(verb, kind, subject, text[sent.start : sent.end])
    )
    groups = [subject + [x] for x in listed] if several else [subject + listed]
    return [c for g in groups for c in _contact(article, sent, m, g, kind)]
