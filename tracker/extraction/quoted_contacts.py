"""Contacts a quoted speaker reports in the first person: '"I spoke with President Ivo Lind this
morning," Mira Tol said' is a call between Tol and Lind, though only the quotation says so.

Contact verbs inside quotation marks are skipped by ``find_contacts`` (whose words they are is not
known there); once the statements are attributed, each quotation's "I <contact verb> <person>" is
read as its speaker's contact, by the same rules as a narrator's ("I met with ..." in an address).
"""

from __future__ import annotations

from tracker.rules import kind_class

from .contact_dates import nearest_to_verb
from .contacts import CONTACT_VERB, FoundContact, contacts_at
from .context import Article
from .dates import resolve_phrase
from .narrator import first_person_before
from .statements import FoundStatement

FIRST_PERSON_WORD = ("I ", "I\t")


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
        if unknown or not any(w in text[q.start : q.end] for w in FIRST_PERSON_WORD):
            continue
        mentions = [x for x in article.mentions_in(q.start, q.end) if x.entity.ident != s.speaker.ident]
        if not mentions:
            continue
        for m in CONTACT_VERB.finditer(text, q.start, q.end):
            sent = article.sentence_at(m.start())
            if sent is None or not first_person_before(text, max(q.start, sent.start), m.start()):
                continue
            found = contacts_at(article, sent, m, mentions, text[q.start : q.end], narrator=s.speaker)
            when = _quoted_date(article, s, m.start(), m.end(), max(q.start, sent.start), min(q.end, sent.end))
            for c in found:
                if s.speaker not in c.entities or c.planned:
                    continue  # "I am ready to talk to X": an offer in a quotation is no plan to record
                # Dated by the quotation's own words, against the day they were said; without a date
                # in them ("I recently spoke with X," he said on Friday) the call is undated.
                c.date, c.precision = when or (None, "day")
                c.recalled = True
                if c.date is None and (frozenset(e.ident for e in c.entities), kind_class(c.kind)) in told:
                    continue
                out.append(c)
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
