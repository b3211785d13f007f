"""When a contact a verb reports took place, and whether it is still to come.

A date in the sentence dates the verb's contact unless it names another event ("the April 22-23
summit", "..., who was elected Sunday, met"); a release with no date reports its own day's contact.
"""

from __future__ import annotations

import re
from datetime import timedelta

from tracker.rules import later_than

from .dates import without_relative_clauses
from .participants import FoundContact

# ("on the 2nd of May" is the day itself)
OTHER_EVENT_DATE = re.compile(r"\b(?:(?<!\bon\s)the|an?|for|before|ahead\s+of|since|until|after)\s+$", re.I)
# "..., the ministry said Friday", "announced on Monday": the day of the report, not of the contact.
REPORT_DATE = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|stated|disclosed)(?:\s+in\s+a\s+statement)?\s+(?:on\s+)?$"
)
OTHER_CLAUSE = re.compile(
    r",\s*(?:who|which|that|whose|marked|held|celebrated|observed|elected|signed|adopted|born)\b"
    r"|\b(?:who|which)\s+(?:was|were|is|are|will|had|has)\b|\bahead\s+of\b",
    re.I,
)
# "President X, who arrived on Tuesday, met ...": a relative clause between the subject and its
# verb (then at most a few words: "..., today met").
RELATIVE_BEFORE_VERB = re.compile(
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?"  # the subject's own "of Norvania"
    # "X, who was elected on Sunday, met ...", "X, on a visit to Estralia, met ...", "X, 67, met",
    # "X, in Osland for talks, met", "X, on Monday, met", "X, fresh from a tour, held talks"
    r"\s*,\s*(?:who|whose|on\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,2}?(?:visit|trip|tour)|\d{1,3}(?=\s*,)"
    r"|in\s+\w+|on\s+[A-Z][a-z]+day|today|yesterday|earlier|later|fresh\s+from"
    # "X, Estralia's president since 2019, met", "X, the Estralian leader, met": an apposition of office;
    # "X, under pressure at home, met", "X, accompanied by ..., met": a circumstance
    r"|(?:the\s+|[A-Z][\w'’-]*['’]s\s+)(?:[\w-]+\s+){0,3}?(?:president|prime\s+minister|leader|premier|chancellor"
    r"|head\s+of\s+(?:state|government))|under\s+(?:pressure|fire)|accompanied\s+by|amid|despite|facing)\b"
    r"[^;:()\n]{0,120}?,\s*(?:[a-z]+\s+){0,2}"
)
YEAR = re.compile(r"\d{4}")
# Words opening a sentence that go on from the one before ("During the visit, ...", "There, ...").
BACK_REFERENCE = re.compile(
    r"\s*(?:During\s+(?:the|his|her|this|that)\s+(?:visit|trip|stay|talks|meeting)|There|Later|Afterwards|Then"
    r"|While\s+(?:there|in\s+[A-Z]))\b"
)
# "Back then ... Mr X talked with President Y as well", "I talked with him at that time": a speaker
# looking back, not reporting that day's contact.
RECOLLECTION = re.compile(
    r"\b(?:back\s+then|at\s+that\s+time|at\s+the\s+time|in\s+those\s+days|years\s+ago"
    # "between then President X and ...": the office as it was, told from later
    r"|then[\s-]+(?:President|Prime\s+Minister|Chancellor|Premier|leader))\b",
    re.I,
)
RELATIVE_START = re.compile(r"[^,]*,(?:\s*\d{1,3}\s*,)?\s*(?:who|whose|which)\b")  # "X, 67, who ..."
# "It is a pleasure to receive", "I was glad to welcome": the speaker's present, not a plan.
PLANNED = re.compile(
    r"\b(?:will|would|shall|(?-i:could|might|may|can)|is\s+to|are\s+to|plans?\s+to|planning\s+to|expected\s+to|scheduled\s+to|set\s+to|due\s+to"
    r"|going\s+to|agreed\s+to|hopes?\s+to|invited\s+\S+(?:\s+\S+){0,4}\s+to|intends?\s+to"
    # "would be happy to meet X", "is ready to talk to X": an offer, not a contact
    r"|(?:would|will)\s+be\s+(?:happy|glad|ready|willing|prepared|pleased)\s+to|(?:ready|willing|prepared)\s+to"
    r"|(?<!pleasure\s)(?<!glad\s)(?<!happy\s)(?<!honour\s)(?<!honor\s)(?<!pleased\s)(?<!delighted\s)"
    r"(?<!spoke\s)(?<!speaking\s)(?<!talked\s)to)\s+(?:\w+\s+)?$",  # "spoke to reporters after talks": no plan
    re.I,
)

# A past trip whose purpose is the contact: "travelled to Lorvik on Sunday to meet X".
TRAVELLED_TO_MEET = re.compile(
    r"\b(?:travell?ed|flew|went|came|arrived|headed|returned)\b[^.;:]{0,60}?\bto\s+(?:\w+\s+)?$", re.I
)
FUTURE_WORDS = re.compile(
    r"\b(?:will|would|shall|is|are|plans?|planning|expected|scheduled|set|due|going|hop\w*|intend\w*|want\w*"
    r"|seek\w*|sought|tr(?:y|ies|ied|ying)|attempt\w*|wish\w*|aim\w*|in\s+a\s+bid|in\s+hopes?)\b",
    re.I,
)

# "Should X meet Y, ...", "If X meets Y", "... whether X met Y": a condition or a question, no contact
# the text reports (flagged planned, as LABELING has proposed contacts). The verb lies in that clause.
HYPOTHETICAL = re.compile(r"(?:\s*(?:Should|Were|If|Unless|Whether)|.*?\b(?:if|unless|whether))\b[^,;:]*$", re.S)
HYPOTHETICAL_WORDS = ("Should", "Were", "If", "if", "nless", "hether")


def _in_relative_clause(text: str, subject_end: int, at: int, verb: int) -> bool:
    """Whether ``at`` lies in a relative clause between the subject and its verb: "X, who was
    elected on Sunday, met Y" is not dated by Sunday."""
    m = RELATIVE_START.match(text, subject_end, verb)
    return m is not None and m.end() <= at and "," in text[at:verb]


def contact_dated(article, sent, m, entities, kind, subject, own_from: int | None = None) -> FoundContact:
    """The contact the verb ``m`` reports, dated and flagged planned by the words around it; a verb
    coordinated with an earlier one ("met X on Tuesday and called Y on Wednesday") is dated by the
    words from ``own_from`` (its own clause) when they give a date."""
    text = article.text
    window = without_relative_clauses(text[max(sent.start, m.start() - 40) : m.start()])
    planned = bool(PLANNED.search(window))
    if planned and TRAVELLED_TO_MEET.search(text, sent.start, m.start()) and not FUTURE_WORDS.search(window):
        planned = False  # "flew to Lorvik on Sunday to meet X": the trip's purpose, met on arriving
    clause = text[sent.start : m.start()]
    if not planned and any(w in clause for w in HYPOTHETICAL_WORDS):
        planned = HYPOTHETICAL.match(clause) is not None
    # "preparations for the April 22-23 summit": a date that names another event is not the contact's.
    # "..., who was elected Sunday", "ahead of the Day of Unity, marked on April 2": a date in a
    # clause about another event is not the contact's either.
    hits = [
        h
        for h in article.dates_in(sent.start, sent.end)
        if not OTHER_EVENT_DATE.search(text[max(0, h.start - 12) : h.start])
        and not (h.start > m.end() and REPORT_DATE.search(text, max(m.end(), h.start - 40), h.start))
        and not (h.start > m.end() and OTHER_CLAUSE.search(text, m.end(), h.start))
        and not (subject and h.end <= m.start() and _in_relative_clause(text, subject[-1].end, h.start, m.start()))
        # A bare month ("in January") far from the verb dates something else: "his inauguration in January".
        and not (
            h.precision == "month"
            and not YEAR.search(text, h.start, h.end)  # "in June 2023" is no bare month
            and min(abs(h.start - m.end()), abs(m.start() - h.end)) > 25
        )
    ]
    if own_from is not None:
        hits = [h for h in hits if h.start >= own_from] or hits
    when, precision = None, "day"
    if not hits and (BACK_REFERENCE.match(text, sent.start) or (subject and subject[0].kind == "pronoun")):
        # "On March 12 the President arrived in Estralia. During the visit he met ...": that day's.
        before = article.sentence_before(sent)
        hits = [h for h in article.dates_in(before.start, before.end) if h.precision == "day"][-1:] if before else []
    if hits:
        best = nearest_to_verb(hits, m.start(), m.end())
        month = (best.date.year, best.date.month)
        days = [h for h in hits if h.precision == "day" and (h.date.year, h.date.month) == month]
        if best.precision == "month" and days:
            best = nearest_to_verb(days, m.start(), m.end())  # "their second this month, on Sunday": that Sunday
        when, precision = best.date, best.precision
    elif article.is_release and article.published and not planned and not _recollected(article, sent):
        # A readout or press release reports the contact the day it happened (or the next
        # morning): the publication day, to the day, so that two releases a week apart about two
        # calls stay two contacts.
        when, precision = article.published, "day"
    if later_than(when, article.published, timedelta()) and not planned:
        planned = True
    initiator = None  # "at the Norvanian side's initiative" names a country, not a person: left to the reviewer
    host = subject[0].entity if subject and m.group(0).lower().startswith(("host", "welcomed", "received")) else None
    return FoundContact(entities, kind, when, precision, planned, sent.start, sent.end, sent, initiator, host)


def nearest_to_verb(hits: list, verb_start: int, verb_end: int):
    """The date hit nearest a verb, one after it preferred (one before it counts 30 characters further)."""
    return min(hits, key=lambda h: abs(h.start - verb_end) if h.start >= verb_start else abs(verb_start - h.end) + 30)


def _recollected(article, sent) -> bool:
    """Whether ``sent`` or the two sentences before it in its paragraph look back ("back then")."""
    first = sent
    for _ in range(2):
        before = article.sentence_before(first)
        if before is None or before.paragraph != sent.paragraph:
            break
        first = before
    return RECOLLECTION.search(article.text, first.start, sent.end) is not None
