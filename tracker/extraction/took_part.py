"""Multilateral contacts stated by taking part: "X took part in the summit, held via videoconference"."""

from __future__ import annotations

import re

from tracker.rules import kind_from_evidence

from .contact_dates import contact_dated
from .context import Article, Sentence, distinct
from .participants import NEGATION, FoundContact, group_backwards, is_domestic
from .people import Mention

# "X took part in the Norvanian-Estralian summit, held via videoconference": a multilateral contact whose
# other participants a list names ("Taking part in the summit were ...", "... are also taking part").
TOOK_PART = re.compile(
    r"\b(?:took|takes|take|taking)\s+part(?:\s*,[^,.;:]{1,40},)?\s+in\s+(?:the|a|an)\s+(?:[^.;:]{0,80}?\s)?"
    r"(?:summit|videoconference|video\s+conference|conference|meeting)\b",
    re.I,
)


def took_part_contacts(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "X took part in the summit, held via videoconference": X's contact with the people a list
    that follows names, kept only if one does (``awaiting``); "X and Y took part in a meeting": theirs."""
    text = article.text
    m = TOOK_PART.search(text, sent.start, sent.end)
    if m is None or article.in_quote(m.start()) or NEGATION.search(text, sent.start, m.start()):
        return []
    subject = group_backwards(text, [x for x in mentions if x.end <= m.start()])
    if not subject or text[subject[-1].end : m.start()].count(",") >= 2:
        return []
    kind = kind_from_evidence("meeting", text[sent.start : sent.end])  # a summit, unless held by video or phone
    sides = distinct([x.entity for x in subject])
    if len(sides) > 1 and is_domestic(sides[:1], sides[1:], article.home):
        return []  # "the President and the Defence Minister took part in a meeting"
    contact = contact_dated(article, sent, m, sides, kind, subject)
    # "X and Y took part, via videoconference, in a meeting": their contact; X alone waits for a list.
    contact.awaiting = len(sides) < 2
    return [contact]
