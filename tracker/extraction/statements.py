"""Direct quotations and who said them.

Quotations are found by their marks (curly or straight, a quotation left open at the end of a
paragraph runs to its end). The speaker comes from the attribution after, before or between the
quoted words ("…," Sullivan said / Sullivan said, "…" / "…," he said, "…"); an unattributed quotation
right after another continues it; "he"/"she" is the person the text last reported speaking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .context import Article
from .people import Entity, Mention
from .quotes import find_quotes, is_title
from .speaker_names import (
    OFFICE_SPEAKS,
    document_author,
    named_speakers,
    office_speaker,
    office_speakers,
    said_name,
    signature_speaker,
)
from .speakers import (
    ADVERBS,
    PRONOUN_SAID,
    SPEECH_VERB,
    VERB_AFTER,
    VERB_AFTER_CLAUSE,
    genders,
    label_speaker,
    last_speaker,
    lead_speaker,
    main_clause_events,
    speech_events,
)
from .text import Block

__all__ = ["FoundStatement", "find_quotes", "find_statements"]

SPEECH = re.compile(rf"\b{SPEECH_VERB}\b|\baccording\s+to\b", re.I)
CHANNELS = [
    ("readout", re.compile(r"\breadout\b|\bread-out\b", re.I)),
    (
        "social",
        re.compile(
            r"\b(?:tweeted|posted|on\s+X|on\s+Twitter|on\s+Telegram|social\s+media|on\s+Facebook|Truth\s+Social)\b",
            re.I,
        ),
    ),
    ("interview", re.compile(r"\binterview\b|\btold\s+(?:CNN|the\s+[A-Z]\w+|[A-Z]{2,})|\bon\s+[“\"][A-Z]", re.I)),
    ("written", re.compile(r"\b(?:in\s+a\s+(?:written\s+)?statement|wrote|in\s+a\s+letter|statement\s+said)\b", re.I)),
    (
        "briefing",
        re.compile(
            r"\b(?:told\s+reporters|briefing|press\s+conference|news\s+conference|at\s+the\s+White\s+House)\b", re.I
        ),
    ),
    ("speech", re.compile(r"\b(?:speech|address|remarks|speaking\s+at)\b", re.I)),
]
ANY_CHANNEL = re.compile("|".join(f"(?:{p.pattern})" for _, p in CHANNELS), re.I)


@dataclass
class FoundStatement:
    speaker: Entity
    quote: Block
    start: int
    end: int
    date: object
    precision: str
    channel: str
    is_fragment: bool


@dataclass
class _Context:
    """What attribution reads for every quotation of one article, computed once."""

    events: list[tuple[int, Entity]]
    genders: dict[int, str]
    new_people: dict[str, Entity] = field(default_factory=dict)
    main_events: list[tuple[int, Entity]] = field(default_factory=list)  # "he said" reads only these


def find_statements(article: Article, paragraphs: list[Block]) -> list[FoundStatement]:
    text = article.text
    ctx = _Context(speech_events(article), genders(article))
    ctx.events = sorted(
        ctx.events + named_speakers(article, ctx.new_people) + office_speakers(article, ctx.new_people),
        key=lambda event: event[0],
    )
    ctx.main_events = main_clause_events(article, ctx.events)
    out: list[FoundStatement] = []
    previous: FoundStatement | None = None
    for q in article.quotes:
        quote = text[q.start : q.end]
        if not quote.strip() or len(quote) > 5000:
            continue
        words = len(quote.split())
        if is_title(quote):
            continue
        fragment = words <= 4
        sent = article.sentence_at(q.start - 1) or article.sentence_at(q.start)
        if sent is None:
            continue
        speaker = (
            label_speaker(article, q.start)
            or _attributed(article, q, sent, ctx)
            or signature_speaker(article, q.end + 1, ctx.new_people)
            or lead_speaker(article, q.start, lambda m: _speaker_at(ctx, m))
            or document_author(article, q.start, ctx.new_people)
        )
        para_index = sent.paragraph
        if speaker is None and not fragment and previous is not None:
            prev_sent = article.sentence_at(previous.quote.start)
            if prev_sent and para_index - prev_sent.paragraph <= 1 and not _names_someone_else(article, sent, q):
                speaker = previous.speaker
        if speaker is None:
            continue
        start, end = min(sent.start, q.start - 1), max(sent.end, q.end + 1)
        start, end = max(start, 0), min(end, len(text))
        when, precision = _statement_date(article, sent, speaker)
        channel = _channel(article, sent, q)
        item = FoundStatement(speaker, q, start, end, when, precision, channel, fragment)
        out.append(item)
        if not fragment:
            previous = item
    return out


def _speaker_at(ctx: _Context, mention: Mention) -> Entity | None:
    return next((e for p, e in ctx.events if p == mention.start), None)


def _names_someone_else(article: Article, sent, q: Block) -> bool:
    outside = [m for m in article.mentions_in(sent.start, sent.end) if not (q.start <= m.start < q.end)]
    return bool(outside) and bool(SPEECH.search(article.text, sent.start, sent.end))


def _mention_at(article: Article, pos: int, end: int) -> Mention | None:
    for m in article.mentions_in(pos, end):
        return m
    return None


def _pronoun_speaker(article: Article, ctx: _Context, pronoun: str, pos: int) -> Entity | None:
    gender = "m" if pronoun.lower() == "he" else "f"
    return last_speaker(article, ctx.main_events, pos, gender, ctx.genders)


def _attributed(article: Article, q: Block, sent, ctx: _Context) -> Entity | None:
    text = article.text
    close = q.end + 1
    # After the quotation: ', Tol said' / ', said Tol' / ', he said'
    m = re.match(r"[\s,]*", text[close : close + 20])
    at = close + m.end()
    mention = _mention_at(article, at, at + 120)
    if (
        mention
        and mention.start == at
        and (VERB_AFTER.match(text, mention.end, mention.end + 60) or VERB_AFTER_CLAUSE.match(text, mention.end))
    ):
        return mention.entity
    office = OFFICE_SPEAKS.match(text, at) and office_speaker(article, at, ctx.new_people)
    if office:  # '…," the Head of the President's Office stressed'
        return office
    pron = re.match(rf"(?P<p>[Hh]e|[Ss]he)\s+{ADVERBS}{SPEECH_VERB}\b", text[at : at + 60])
    if pron:
        return _pronoun_speaker(article, ctx, pron.group("p"), q.start)
    said_first = re.match(rf"{SPEECH_VERB}\s+", text[at : at + 30], re.I)
    if said_first:
        named = said_name(article, at + said_first.end(), ctx.new_people)
        if named:
            return named
        mention = _mention_at(article, at + said_first.end(), at + said_first.end() + 120)
        if mention and mention.start == at + said_first.end():
            return mention.entity
        office = office_speaker(article, at + said_first.end(), ctx.new_people)
        if office:
            return office
    # The attribution elsewhere in the sentence, before the quotation first.
    outside = [(p, e) for p, e in ctx.events if sent.start <= p < sent.end and not article.in_quote(p)]
    before = [e for p, e in outside if p < q.start]
    if before:
        return before[-1]
    pron = list(PRONOUN_SAID.finditer(text, sent.start, q.start))
    if pron:
        return _pronoun_speaker(article, ctx, pron[-1].group("p"), pron[-1].start())
    after = [e for p, e in outside if p > q.end]
    if after:
        return after[0]
    pron = PRONOUN_SAID.search(text, q.end, sent.end)
    if pron and not article.in_quote(pron.start()):
        return _pronoun_speaker(article, ctx, pron.group("p"), q.start)
    return None


def _said_by_then(article: Article, start: int, end: int):
    """Dates in the range that a statement reported by the article can have: none after publication
    ("his call scheduled for December 9" dates another event)."""
    return [h for h in article.dates_in(start, end) if article.published is None or h.date <= article.published]


def _statement_date(article: Article, sent, speaker: Entity):
    hits = _said_by_then(article, sent.start, sent.end)
    if hits:
        return hits[0].date, hits[0].precision
    # The previous sentence may say when ("Netanyahu on Sunday ... in an interview").
    idx = article.sentences.index(sent)
    if idx > 0:
        prev = article.sentences[idx - 1]
        if sent.paragraph - prev.paragraph <= 1:
            named = {m.entity.ident for m in article.mentions_in(prev.start, prev.end)}
            hits = _said_by_then(article, prev.start, prev.end)
            if hits and speaker.ident in named:
                return hits[0].date, hits[0].precision
    if article.published:
        return article.published, "approximate"
    return None, "approximate"


def _channel(article: Article, sent, q: Block) -> str:
    text = article.text
    outside = text[sent.start : q.start] + " " + text[q.end : sent.end]
    if not ANY_CHANNEL.search(outside):
        return "readout" if article.is_release else "other"
    for name, pattern in CHANNELS:
        if pattern.search(outside):
            return name
    return "readout" if article.is_release else "other"
