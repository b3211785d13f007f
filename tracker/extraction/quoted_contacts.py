"""Contacts a quoted speaker reports in the first person: '"I spoke with President Ivo Lind this
morning," Mira Tol said' is a call between Tol and Lind, though only the quotation says so.

Contact verbs inside quotation marks are skipped by ``find_contacts`` (whose words they are is not
known there); once the statements are attributed, each quotation's "I <contact verb> <person>" is
read as its speaker's contact, by the same rules as a narrator's ("I met with ..." in an address).
A quoted post's sentence that opens with the verb or the noun ("Just spoke with X", "Good call with
X today") is its writer's contact too.
"""

from __future__ import annotations

import re

from tracker.rules import kind_class

from .contact_dates import nearest_to_verb
from .contact_nouns import noun_kind
from .contacts import CONTACT_VERB, FoundContact, contacts_at
from .context import Article, distinct
from .dates import resolve_phrase
from .narrator import first_person_before
from .participants import group_forwards
from .statements import FoundStatement

FIRST_PERSON_WORD = ("I ", "I\t")
# A post's words, whose subject is its writer: "Just spoke with X", "Today, met with X" open a
# sentence with the verb; "Good call with X today", "Productive meeting with X" with the noun.
SUBJECTLESS = re.compile(
    r"[“\"‘']?\s*(?:(?:Just|Today|Tonight|Earlier\s+today|This\s+(?:morning|afternoon|evening))\s*,?\s+)?"
)
JUST = re.compile(r"[“\"‘']?\s*Just\b")  # "Just spoke with X": the day the post was written
# "Talks with X will continue": a verb after the names says what the talks do, not that they were held.
FINITE_AFTER = re.compile(r"\s+(?:will|would|is|are|was|were|has|have|had|must|should|can|could|may|might)\b")
NOUN_OPENING = re.compile(
    r"[“\"‘']?\s*(?:(?:Just|Today)\s*,?\s+)?(?:(?:[Vv]ery|[Rr]eally)\s+)?(?:[A-Z][a-z]+\s+)?"
    r"(?:[a-z]+\s+)?(?P<noun>(?:(?:tele)?phone\s+|video\s+)?(?:call|conversation|meeting|talks)\s+)(?:today\s+)?with\s+"
)


def quoted_contacts(
    article: Article, statements: list[FoundStatement], reported: list[FoundContact]
) -> list[FoundContact]:
    """The contacts each attributed quotation's speaker reports as "I" ("I spoke with X"), but for
    undated ones of the same people and kind as a contact the text ``reported``: '"I had a warm
    meeting with President X," she said' of the meeting the article reports is that one."""
    text = article.text
    out: list[FoundContact] = []
    told = {(frozenset(e.ident for e in c.entities), kind_class(c.kind)) for c in reported if not c.planned}
    for s in statements:
        q = s.quote
        unknown = s.speaker.key is None and not s.speaker.office  # a speaker found nowhere but here
        if unknown:
            continue
        words = text[q.start : q.end]
        first_person = any(w in words for w in FIRST_PERSON_WORD)
        to_me = " me" in words or " us" in words
        if not first_person and not to_me and "with" not in words:
            continue  # neither "I spoke ...", "X called me" nor a post's "Good call with X"
        mentions = [x for x in article.mentions_in(q.start, q.end) if x.entity.ident != s.speaker.ident]
        if not mentions:
            continue
        if to_me:
            out += _contacts_with_me(article, s, mentions, told)
        if "with" in words:
            out += _posted_nouns(article, s, mentions, told)
        # Without an "I" only a verb that opens a sentence of the quotation can be the speaker's.
        for m in CONTACT_VERB.finditer(text, q.start, q.end) if first_person else _opening_verbs(article, q):
            sent = article.sentence_at(m.start())
            if sent is None:
                continue
            opens = max(q.start, sent.start)
            subjectless = SUBJECTLESS.fullmatch(text, opens, m.start()) is not None
            if not subjectless and not first_person_before(text, opens, m.start()):
                continue
            context = text[q.start : q.end]
            found = contacts_at(article, sent, m, mentions, context, narrator=s.speaker, subjectless=subjectless)
            when = _quoted_date(article, s, m.start(), m.end(), max(q.start, sent.start), min(q.end, sent.end))
            if when is None and subjectless:
                when = _posted_day(article, s, opens)  # "Spoke with X," she wrote on Sunday: that Sunday
            for c in found:
                if s.speaker not in c.entities or c.planned:
                    continue  # "I am ready to talk to X": an offer in a quotation is no plan to record
                # Dated by the quotation's own words, against the day they were said; without a date
                # in them ("I recently spoke with X," he said on Friday) the call is undated.
                c.date, c.precision = when or (None, "day")
                c.recalled = True
                if not _told_already(c, told):
                    out.append(c)
    return out


def _opening_verbs(article: Article, q):
    """The contact verbs that open a sentence of the quotation ("Just spoke with X")."""
    text = article.text
    for sent in _sentences_of(article, q):
        opening = SUBJECTLESS.match(text, max(q.start, sent.start), min(q.end, sent.end))
        verb = CONTACT_VERB.match(text, opening.end(), min(q.end, sent.end)) if opening else None
        if verb is not None:
            yield verb


def _sentences_of(article: Article, q):
    first = article.sentence_at(q.start) or article.sentence_at(q.start - 1)  # the quotation's first sentence
    if first is None:
        return
    for sent in article.sentences[article.sentence_index(first) :]:
        if sent.start >= q.end:
            break
        if sent.end > q.start:
            yield sent


def _posted_nouns(article: Article, s: FoundStatement, mentions, told) -> list[FoundContact]:
    """ "Good call with President X today," a sentence of the quotation that opens with a contact
    noun: the speaker's contact with the people after it."""
    text, q = article.text, s.quote
    out = []
    for sent in _sentences_of(article, q):
        opens = max(q.start, sent.start)
        m = NOUN_OPENING.match(text, opens, min(q.end, sent.end))
        if m is None:
            continue
        group = group_forwards(text, [x for x in mentions if x.start >= m.end()], m.end())
        if not group or FINITE_AFTER.match(text, group[-1].end):
            continue  # "Talks with X will continue": what the talks will do, not talks held
        entities = distinct([s.speaker] + [x.entity for x in group])
        kind = noun_kind(m.group("noun"), text[m.end("noun") : sent.end])
        when = _quoted_date(article, s, m.start(), m.end(), opens, min(q.end, sent.end))
        when = when or _posted_day(article, s, opens) or (None, "day")
        found = FoundContact(entities, kind, *when, False, sent.start, sent.end, sent)
        found.by_noun = True
        if not _told_already(found, told):
            out.append(found)
    return out


def _told_already(c: FoundContact, told) -> bool:
    """Whether an undated contact a quotation reports is one the text told (the same people and kind
    class, in ``told``): '"I had a warm meeting with X," she said' of the meeting the article reports."""
    return c.date is None and (frozenset(e.ident for e in c.entities), kind_class(c.kind)) in told


def _posted_day(article: Article, s: FoundStatement, opens: int) -> tuple | None:
    """The day a post's own contact ("Spoke with X", "Good call with X") took place when its words
    give none: the day the post was written, when the text says it; "Just ..." the day the article
    dates the words by, said or not."""
    if s.date is None:
        return None
    if s.precision == "day" or JUST.match(article.text, opens):
        return s.date, "day"
    return None


# '"X called me yesterday," Tol said': the speaker is the object of another's contact verb.
ME_OBJECT = re.compile(r"[ \t]+(?:me|us)\b")
TO_ME_VERBS = ("called", "phoned", "telephoned", "rang", "visited", "met", "received", "hosted", "welcomed")
NOT_YET = re.compile(r"\b(?:will|would|may|might|could|should|can|to|not|never|didn['’]t|hasn['’]t|hadn['’]t)\b")


def _contacts_with_me(article: Article, s: FoundStatement, mentions, told) -> list[FoundContact]:
    """ "Tol called me yesterday and we had a good talk," Lind said: a contact of the one named as the
    verb's subject with the speaker, dated by the quotation's words against the day they were said."""
    text, q = article.text, s.quote
    out = []
    for m in CONTACT_VERB.finditer(text, q.start, q.end):
        verb = m.group(0).lower()
        if not verb.startswith(TO_ME_VERBS) or not ME_OBJECT.match(text, m.end()):
            continue
        subject = next((x for x in reversed(mentions) if x.end <= m.start()), None)
        between = text[subject.end : m.start()] if subject else ""
        if subject is None or len(between) > 25 or "," in between or NOT_YET.search(between):
            continue  # the verb's subject is the name just before it: "Tol called me", "Tol has visited us"
        sent = article.sentence_at(m.start())
        if sent is None:
            continue
        phoned = verb.startswith(("called", "phoned", "telephoned", "rang"))
        kind = "phone_call" if phoned else "visit" if verb == "visited" else "meeting"
        entities = distinct([subject.entity, s.speaker])
        when = _quoted_date(article, s, m.start(), m.end(), max(q.start, sent.start), min(q.end, sent.end))
        found = FoundContact(entities, kind, *(when or (None, "day")), False, sent.start, sent.end, sent)
        found.recalled = True
        if not _told_already(found, told):
            out.append(found)
    return out


def _quoted_date(article: Article, s: FoundStatement, verb_start: int, verb_end: int, start: int, end: int):
    """The date the quoted clause gives its verb (the nearest, after it first), resolved against the
    day the words were said ("yesterday" in words said on Sunday is Saturday), or None."""
    hits = article.dates.within(start, end)
    if not hits:
        return None
    best = nearest_to_verb(hits, verb_start, verb_end)
    said = s.date if s.precision == "day" and s.date is not None else None
    if said is not None and said != article.published:
        return resolve_phrase(article.text[best.start : best.end], said) or (best.date, best.precision)
    return best.date, best.precision
