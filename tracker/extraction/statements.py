"""Direct quotations and who said them.

Quotations are found by their marks (curly or straight, a quotation left open at the end of a
paragraph runs to its end). The speaker comes from the attribution after, before or between the
quoted words ("…," Sullivan said / Sullivan said, "…" / "…," he said, "…"); an unattributed quotation
right after another continues it; "he"/"she" is the person the text last reported speaking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Article
from .people import SPEECH_VERB, Entity, Mention
from .text import Block

PRONOUN = re.compile(r"\b(?P<p>[Hh]e|[Ss]he)\b")
SPEECH = re.compile(rf"\b{SPEECH_VERB}\b|\baccording\s+to\b", re.I)
SMALL_WORDS = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "or"}
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


def find_quotes(text: str, paragraphs: list[Block]) -> list[Block]:
    """The inner ranges of quotations (without the marks), in order."""
    out = []
    for para in paragraphs:
        pos = para.start
        segment_end = para.end
        while pos < segment_end:
            opening = _next_opening(text, pos, segment_end)
            if opening is None:
                break
            mark, at = opening
            closer = "”" if mark == "“" else '"'
            close = text.find(closer, at + 1, segment_end)
            if mark == "“":
                nested = text.find("“", at + 1, close if close != -1 else segment_end)
                if nested != -1 and close != -1 and nested < close:
                    close = nested - 1 if nested > at + 1 else -1
            if close == -1:
                if mark == "“":
                    out.append(Block(at + 1, segment_end))  # left open: runs on into the next paragraph
                break
            if close > at + 1:
                out.append(Block(at + 1, close))
            pos = close + 1
    return out


def _next_opening(text: str, pos: int, end: int):
    a = text.find("“", pos, end)
    b = text.find('"', pos, end)
    options = [(x, m) for x, m in ((a, "“"), (b, '"')) if x != -1]
    if not options:
        return None
    at, mark = min(options)
    return mark, at


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


def is_title(quote: str) -> bool:
    """A programme's, book's or operation's name in quotation marks, not words someone said."""
    words = re.findall(r"[\w'’-]+", quote)
    if not words or len(words) > 8 or quote.rstrip().endswith(("?", "!")):
        return False
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() for w in significant) and len(words) >= 2


def find_statements(article: Article, paragraphs: list[Block]) -> list[FoundStatement]:
    text = article.text
    speech_events = _speech_events(article)
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
        speaker = _attributed(article, q, sent, speech_events)
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


def _names_someone_else(article: Article, sent, q: Block) -> bool:
    outside = [m for m in article.mentions_in(sent.start, sent.end) if not (q.start <= m.start < q.end)]
    return bool(outside) and bool(SPEECH.search(article.text, sent.start, sent.end))


def _speech_events(article: Article) -> list[tuple[int, Entity]]:
    """Where the text reports someone speaking ("Sullivan said", "said Sullivan", "according to X")."""
    text = article.text
    events = []
    for m in article.people.mentions:
        if article.in_quote(m.start):
            continue
        after = text[m.end : m.end + 40]
        if re.match(rf"[\s,]*(?:\w+ly\s+|also\s+|later\s+|then\s+){{0,2}}{SPEECH_VERB}\b", after, re.I):
            events.append((m.start, m.entity))
            continue
        before = text[max(0, m.start - 25) : m.start]
        # "…, said Sullivan." but not "he said Biden was not focused": the name must end the clause.
        ends_clause = re.match(r"\s*(?:[,.;:]|$|\s(?:who|in|at|on|during|after)\b)", text[m.end : m.end + 12])
        if ends_clause and re.search(rf"(?:{SPEECH_VERB}|according\s+to)\s+$", before, re.I):
            events.append((m.start, m.entity))
    return events


def _last_speaker(events, pos: int, article: Article) -> Entity | None:
    earlier = [e for p, e in events if p < pos]
    if earlier:
        return earlier[-1]
    named = [m for m in article.people.mentions if m.end <= pos]
    return named[-1].entity if named else None


def _mention_at(article: Article, pos: int, end: int) -> Mention | None:
    for m in article.mentions_in(pos, end):
        return m
    return None


def _attributed(article: Article, q: Block, sent, events) -> Entity | None:
    text = article.text
    close = q.end + 1
    # After the quotation: ', Sullivan said' / ', said Sullivan' / ', he said'
    tail = text[close : min(sent.end + 200, close + 200)]
    m = re.match(r"[\s,]*", tail)
    at = close + m.end()
    mention = _mention_at(article, at, at + 120)
    if (
        mention
        and mention.start == at
        and re.match(
            rf"[\s,]*(?:\w+ly\s+|also\s+|later\s+){{0,2}}{SPEECH_VERB}\b", text[mention.end : mention.end + 40], re.I
        )
    ):
        return mention.entity
    pron = re.match(rf"(?P<p>[Hh]e|[Ss]he)\s+(?:\w+ly\s+|also\s+|later\s+){{0,2}}{SPEECH_VERB}\b", text[at : at + 40])
    if pron:
        return _last_speaker(events, q.start, article)
    said_first = re.match(rf"{SPEECH_VERB}\s+", text[at : at + 30], re.I)
    if said_first:
        mention = _mention_at(article, at + said_first.end(), at + said_first.end() + 120)
        if mention and mention.start == at + said_first.end():
            return mention.entity
    # "…," Netanyahu said, according to the Prime Minister's Office readout — handled above; now
    # the attribution elsewhere in the sentence, before the quotation first.
    outside = [(p, e) for p, e in events if sent.start <= p < sent.end and not article.in_quote(p)]
    before = [e for p, e in outside if p < q.start]
    if before:
        return before[-1]
    region_before = text[sent.start : q.start]
    pron = list(re.finditer(rf"\b(?:[Hh]e|[Ss]he)\s+(?:\w+ly\s+|also\s+){{0,2}}{SPEECH_VERB}\b", region_before))
    if pron:
        return _last_speaker(events, sent.start + pron[-1].start(), article)
    after = [e for p, e in outside if p > q.end]
    if after:
        return after[0]
    pron = re.search(rf"\b(?:[Hh]e|[Ss]he)\s+(?:\w+ly\s+|also\s+){{0,2}}{SPEECH_VERB}\b", text[q.end : sent.end])
    if pron and not article.in_quote(q.end + pron.start()):
        return _last_speaker(events, q.start, article)
    return None


def _statement_date(article: Article, sent, speaker: Entity):
    hits = article.dates_in(sent.start, sent.end)
    if hits:
        return hits[0].date, hits[0].precision
    # The previous sentence may say when ("Netanyahu on Sunday ... in an interview").
    idx = article.sentences.index(sent)
    if idx > 0:
        prev = article.sentences[idx - 1]
        if sent.paragraph - prev.paragraph <= 1:
            named = {m.entity.ident for m in article.mentions_in(prev.start, prev.end)}
            hits = article.dates_in(prev.start, prev.end)
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
