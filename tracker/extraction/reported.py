"""What a document's own frame says about its contacts, once they are all found:

- a news item (not a release) about one day dates its undated contacts by that day: "SINGAPORE,
  June 4 - ... meetings here today. After his meeting with X, ..." (a dateline or "today" before the
  contact, and no earlier day named since), or a contact told as it happens ("X was sitting down
  with Y", "X is hosting Y"); failing that, by the day of the contact it reported last ("X met Y on
  Tuesday. ... X also held meetings with Z");
- a transcript of two leaders' remarks, one of whom says "we just had a productive meeting", thanks
  the other for hosting them or greets them ("It's an honor to have you here", "Welcome to Norvania"),
  is the record of their meeting that day, though no sentence names it.
"""

from __future__ import annotations

import re

from .context import Article, Sentence
from .participants import FoundContact, is_domestic

# "X was sitting down with Y", "X is hosting Y": a contact told as it happens.
PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:hosting|(?:meeting|sitting\s+down|talking|speaking)\s+(?:\w+\s+){0,2}?with)\b"
)
PLUPERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?(?:met|spoken|talked|held|visited|hosted|received)\b")
# A speaker's words about the meeting the transcript is of: "We just had a very productive meeting",
# "our talks today", "Thank you for hosting me".
OWN_MEETING = re.compile(
    r"(?<![\w-])(?:[Ww]e(?:['’]ve|\s+have)?\s+just\s+(?:had|held|finished|concluded)\s+(?:an?\s+|our\s+)?"
    r"(?:[a-z-]+\s+){0,3}?(?:meeting|talks|discussion|bilateral)"
    r"|[Oo]ur\s+(?:[a-z-]+\s+){0,2}?(?:meeting|talks|discussion)\s+(?:today|this\s+(?:morning|afternoon|evening))"
    r"|[Tt]hank\s+you\s+(?:very\s+much\s+|so\s+much\s+)?for\s+(?:hosting|receiving)\s+(?:me|us)\b"
    # the host's greeting: "It's an honor to have you here", "Good to see you again", "Welcome to Norvania"
    r"|\b(?i:good|great|nice|honou?r|pleasure|glad|happy|delighted)\s+to\s+(?:have|see|welcome|host)\s+you\b"
    r"|(?<![\w-])[Ww]elcome(?:\s+(?:back|again))?\s+to\s+(?:the\s+)?[A-Z])"
)


def reported_that_day(article: Article, found: list[FoundContact]) -> list[FoundContact]:
    """``found``, with the transcript's own meeting added and a news item's undated contacts dated."""
    meeting = _transcript_meeting(article, found)
    last = None  # the last contact a news item dated to the day: "also held meetings with ..." is that day's
    for c in sorted(found, key=lambda c: c.start):
        if c.date is None and not (c.recalled or c.planned) and _frames_the_day(article, c.sentence):
            c.date, c.precision = article.published, "day"
        elif c.date is None and not (c.recalled or c.planned or article.is_release) and last is not None:
            if not PLUPERFECT.search(article.text, c.sentence.start, c.sentence.end):
                c.date, c.precision = last.date, "day"  # "The two had met before": not that day's
        if c.date is not None and c.precision == "day" and not (c.recalled or c.planned):
            last = c
    return found + meeting


def _frames_the_day(article: Article, sent: Sentence) -> bool:
    """Whether a news item frames ``sent`` as the publication day's."""
    if article.is_release or article.published is None:
        return False
    if PROGRESSIVE.search(article.text, sent.start, sent.end):
        return True  # "X was sitting down with Y": reported as it happens
    day = article.published
    hits = article.dates_in(0, sent.start)
    today = [k for k, h in enumerate(hits) if h.date == day and h.precision == "day"]
    # "tomorrow's meeting" leaves the frame as it was; "on Monday" (an earlier day) ends it.
    return bool(today) and all(h.date >= day for h in hits[today[0] :])


def _transcript_meeting(article: Article, found: list[FoundContact]) -> list[FoundContact]:
    narrators = article.narrators
    if narrators is None or not getattr(narrators, "captions", None) or article.published is None:
        return []
    speakers = {e.ident: e for _, e in narrators.captions if e is not None}
    if len(speakers) != 2:
        return []  # a press conference of one leader, or a round table: whose meeting is not said
    a, b = speakers.values()
    # Of two sides: a speaker the text ties to no country is the publisher's ("Supreme Court President X").
    sides = {e.country or article.home for e in (a, b)}
    if None in sides or len(sides) < 2 or is_domestic([a], [b], article.home):
        return []
    if any({a.ident, b.ident} <= {e.ident for e in c.entities} for c in found):
        return []  # a sentence reports it already
    text = article.text
    for m in OWN_MEETING.finditer(text):
        sent = article.sentence_at(m.start())
        if sent is None or narrators.caption_at(m.start()) is None or article.in_quote(m.start()):
            continue
        contact = FoundContact([a, b], "meeting", article.published, "day", False, sent.start, sent.end, sent)
        return [contact]
    return []
