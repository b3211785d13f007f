"""Direct quotations and who said them.

Quotations are found by their marks (curly or straight, a quotation left open at the end of a
paragraph runs to its end). The speaker comes from the attribution after, before or between the
quoted words ("…," Sullivan said / Sullivan said, "…" / "…," he said, "…"); an unattributed quotation
right after another continues it; "he"/"she" is the person the text last reported speaking.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .contacts import CONTACT_VERB
from .context import Article, distinct
from .counterparts import counterpart_events
from .people import Entity, Mention
from .quotes import find_quotes, is_title, names_a_document, names_a_kind, said_by_a_document
from .speaker_names import (
    OFFICE_SPEAKS,
    ROLE_SPEAKS,
    SURNAME_AFTER_SAID,
    document_author,
    name_in,
    named_speakers,
    office_speaker,
    office_speakers,
    said_name,
    signature_speaker,
    surname_speaker,
)
from .speakers import (
    ADVERBS,
    PRONOUN_SAID,
    SPEECH_VERB,
    SPEECH_VERB_ANY_CASE,
    SPEECH_VERBS,
    VERB_AFTER,
    VERB_AFTER_CLAUSE,
    genders,
    label_speaker,
    last_speaker,
    lead_speaker,
    main_clause_events,
    speech_events,
)
from .text import Block, whole_words_any_case

__all__ = ["FoundStatement", "find_quotes", "find_statements"]

SPEECH = re.compile(whole_words_any_case([*SPEECH_VERBS, r"according\s+to"]), re.I)
# Read right after a quotation: '…," he said', '…," said Tol', and what ends the quotation before them.
AFTER_CLOSE = re.compile(r"[ \t,]*(?:\n(?![ \t]*\n)[ \t,]*)?")
BARE_CAPITALISED = re.compile(r"[A-Z][\w'’-]+")
PRONOUN_THEN_SPEECH_VERB = re.compile(rf"(?P<p>[Hh]e|[Ss]he)\s+{ADVERBS}{SPEECH_VERB}\b")
LEADS_ON = re.compile(r"[ \t]*:\s*[“\"]")
SPEECH_VERB_FIRST = re.compile(rf"{SPEECH_VERB_ANY_CASE}\s+", re.I)
# Each channel's words, read from their first letter (text.whole_words_any_case); "interview" keeps
# its own pattern, whose "told CNN" and 'on "Meet' end without a word boundary.
CHANNELS = [
    ("readout", re.compile(whole_words_any_case(["readout", "read-out"]))),
    (
        "social",
        re.compile(
            whole_words_any_case(
                ["tweeted", "posted", r"on\s+X", r"on\s+Twitter", r"on\s+Telegram", r"social\s+media", r"on\s+Facebook"]
                + [r"Truth\s+Social"]
            )
        ),
    ),
    ("interview", re.compile(r"\binterview\b|\btold\s+(?:CNN|the\s+[A-Z]\w+|[A-Z]{2,})|\bon\s+[“\"][A-Z]", re.I)),
    (
        "written",
        re.compile(
            whole_words_any_case(
                [r"in\s+a\s+(?:written\s+)?statement", "wrote", r"in\s+a\s+letter", r"statement\s+said"]
            )
        ),
    ),
    (
        "briefing",
        re.compile(
            whole_words_any_case(
                [
                    r"told\s+reporters",
                    "briefing",
                    r"press\s+conference",
                    r"news\s+conference",
                    r"at\s+the\s+White\s+House",
                ]
            )
        ),
    ),
    ("speech", re.compile(whole_words_any_case(["speech", "address", "remarks", r"speaking\s+at"]))),
]
# 'the words of Jon Pell:', 'words from the Scripture:', 'I quote:', 'to quote General Tol,': the
# speaker quotes someone else's words or a text's.
QUOTING_LEAD = re.compile(
    r"(?:\bwords[ \t]+(?:of|from|by)\b|\b(?:I|me|to)[ \t]+quote\b|\bquoted[ \t]+(?:\w+[ \t]+){0,2}words\b"
    r"|\bwhat[ \t]+(?:he|she|they)[ \t]+(?:wrote|said)\b)[^“”\"‘.!?]{0,110}[:,]?[ \t]*$"
)
# "I said", "I told them:", "I asked," right before the quotation, or "…," I said after it.
FIRST_PERSON_BEFORE = re.compile(
    r"(?<![\w-])I[ \t]+(?:\w+ly[ \t]+|also[ \t]+|then[ \t]+)?(?:said|say|asked|told|wrote|replied|answered|added)\b"
    r"[^“”\"‘’.!?]{0,60}$"
)
CAPTION_LINE = re.compile(r"(?m)^[ \t]*[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|the|and)){0,8}[ \t]*:[ \t]")
FIRST_PERSON_AFTER = re.compile(r"I[ \t]+(?:said|asked|told|wrote|replied|answered|added)\b")
# Matches wherever one of CHANNELS would (and a few more places: any first letter with any rest).
# Its first letter is read as a case-sensitive class (with the letters case-insensitive matching
# also takes for s and i), so the engine skips in C to the next such letter; a leading lookahead or
# "\b" under re.I was tried at every position, for 40% more instructions. A channel's words added
# to CHANNELS need their first letter and the rest of their words here.
ANY_CHANNEL = re.compile(
    r"[ABINOPRSTWabinoprstw\u017f\u0130\u0131](?<!\w.)(?i:ead-?out\b|emarks\b|weeted\b|ruth\s+Social\b|osted\b"
    r"|ress\s+conference\b|n\s+(?:(?:X|Twitter|Telegram|Facebook)\b|[“\"][A-Z]|a\s+(?:(?:written\s+)?statement|letter)\b)"
    r"|old\s+(?:CNN|the\s+[A-Z]\w+|[A-Z]{2,}|reporters\b)|ocial\s+media\b|tatement\s+said\b|nterview\b|rote\b"
    r"|riefing\b|ews\s+conference\b|t\s+the\s+White\s+House\b|peech\b|ddress\b|peaking\s+at\b)"
)


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


# A quotation left open at its paragraph's end, the next paragraph opening with a mark: it goes on there.
RUNS_ON = re.compile(r"[ \t]*\n\s*[“\"]")


def find_statements(article: Article, paragraphs: list[Block], contacts=()) -> list[FoundStatement]:
    """The article's quotations with their speakers; ``contacts`` (the found ones) say whose
    counterpart "his counterpart said" is."""
    text = article.text
    ctx = _Context(speech_events(article), genders(article))
    ctx.events = sorted(
        ctx.events
        + named_speakers(article, ctx.new_people)
        + office_speakers(article, ctx.new_people)
        + counterpart_events(article, contacts, ctx.genders),
        key=lambda event: event[0],
    )
    ctx.main_events = main_clause_events(article, ctx.events)
    out: list[FoundStatement] = []
    previous: FoundStatement | None = None
    running: list[tuple[Block, object]] = []
    for q in article.quotes:
        quote = text[q.start : q.end]
        if not quote.strip() or len(quote) > 5000:
            continue
        words = len(quote.split())
        if is_title(quote) or names_a_document(text, q.start) or names_a_kind(text, quote, q.end):
            continue
        if said_by_a_document(text, q.end):
            continue
        fragment = words <= 4
        sent = article.sentence_at(q.start - 1) or article.sentence_at(q.start)
        if sent is None:
            continue
        quoting = QUOTING_LEAD.search(text, max(sent.start, q.start - 160), q.start - 1)
        if quoting:  # 'the words of Jon Pell:', 'I quote:': someone else's words, or a text's
            named = name_in(article, quoting.start(), quoting.end(), ctx.new_people)
            if named:
                out.append(_statement(article, named, q, sent, fragment))
            continue
        speaker = (
            label_speaker(article, q.start)
            or _addressee_quoted(article, q, sent)
            or _attributed(article, q, sent, ctx)
            or signature_speaker(article, q.end + 1, ctx.new_people)
            or lead_speaker(article, q.start, lambda m: _speaker_at(ctx, m))
            or document_author(article, q.start, ctx.new_people)
        )
        para_index = sent.paragraph
        # '"…," Tol said. "More words."': a quotation goes on with the last speaker's, but inside a
        # transcript's turn one within a sentence ('they say it "would destroy the state"') is the
        # speaker quoting others.
        opens = not text[sent.start : q.start - 1].strip(" \t\n:")
        in_turn = _in_transcript_turn(article, q.start)
        if speaker is None and not fragment and previous is not None and (opens or not in_turn):
            prev_sent = article.sentence_at(previous.quote.start)
            if prev_sent and para_index - prev_sent.paragraph <= 1 and not _names_someone_else(article, sent, q):
                speaker = previous.speaker
        if speaker is None:
            if not fragment and RUNS_ON.match(text, q.end):
                running.append((q, sent))  # left open at its paragraph's end: the next one may say whose
            continue
        # '"Words. [new paragraph] "More words," Tol said': the paragraphs before, left open, are hers too.
        chain = []
        while running and RUNS_ON.fullmatch(text, running[-1][0].end, (chain[0][0] if chain else q).start):
            chain.insert(0, running.pop())
        out += [_statement(article, speaker, p, p_sent, False) for p, p_sent in chain]
        running.clear()
        item = _statement(article, speaker, q, sent, fragment)
        out.append(item)
        out += _nested_statements(article, item, sent)
        # The attribution is a speech event too: a later "she added" may mean this speaker.
        bisect.insort(ctx.main_events, (q.start, speaker), key=lambda event: event[0])
        if not fragment:
            previous = item
    return out


# '"Tol told me, 'We will never give up,' and I believe her," Lind said': Tol's words inside Lind's.
NESTED = re.compile(
    r"[ \t]+(?:told[ \t]+(?:me|us)|said|says|asked[ \t]+(?:me|us))[ \t]*[,:]?[ \t]*[‘'](?P<inner>[^‘’'\n]{12,400}?)[’']"
    r"(?=[\s,.;:!?—–-]|$)"
)


def _nested_statements(article: Article, outer: FoundStatement, sent) -> list[FoundStatement]:
    """The quotations in single marks that a statement's speaker attributes, by name, to someone else."""
    text, q = article.text, outer.quote
    if "'" not in text[q.start : q.end] and "‘" not in text[q.start : q.end]:
        return []
    out = []
    for m in NESTED.finditer(text, q.start, q.end):
        who = next((x for x in reversed(article.mentions_in(q.start, m.start())) if x.end == m.start()), None)
        if who is None or who.entity.ident == outer.speaker.ident:
            continue
        inner = Block(m.start("inner"), m.end("inner"))
        out.append(
            FoundStatement(who.entity, inner, outer.start, outer.end, outer.date, outer.precision, outer.channel, False)
        )
    return out


def _statement(article: Article, speaker: Entity, q: Block, sent, fragment: bool) -> FoundStatement:
    start, end = max(min(sent.start, q.start - 1), 0), min(max(sent.end, q.end + 1), len(article.text))
    when, precision = _statement_date(article, sent, speaker)
    return FoundStatement(speaker, q, start, end, when, precision, _channel(article, sent, q), fragment)


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
    turn = article.narrators.caption_at(pos) if _in_transcript_turn(article, pos) else None
    if turn is None:
        return last_speaker(article, ctx.main_events, pos, gender, ctx.genders)
    # In a transcript turn the speaker says "I": "he says bluntly that …" is someone else.
    events = [(p, e) for p, e in ctx.main_events if e.ident != turn.ident]
    who = last_speaker(article, events, pos, gender, ctx.genders)
    return None if who is None or who.ident == turn.ident else who


def _attributed(article: Article, q: Block, sent, ctx: _Context) -> Entity | None:
    text = article.text
    close = q.end + 1
    if text[q.end - 1 : q.end] in (".", "!", "?"):
        # 'X said, "…." Y agreed, saying …': a quotation that ends its sentence is the one introduced
        # before it; the name after it begins the next sentence.
        before = [e for p, e in ctx.events if sent.start <= p < q.start and not article.in_quote(p)]
        if before:
            return before[-1]
    # After the quotation: ', Tol said' / ', said Tol' / ', he said'; a wrapped line, never the next paragraph.
    m = AFTER_CLOSE.match(text[close : close + 20])
    at = close + m.end()
    mention = _mention_at(article, at, at + 120)
    verb = mention and mention.start == at and VERB_AFTER.match(text, mention.end, mention.end + 60)
    # '"…." Lind added: "…"': an attribution that ends with a colon leads into the next quotation.
    leads_on = bool(verb and LEADS_ON.match(text, verb.end()))
    if not leads_on and mention and mention.start == at and (verb or VERB_AFTER_CLAUSE.match(text, mention.end)):
        return mention.entity
    bare = BARE_CAPITALISED.match(text[at : at + 40])
    bare_verb = bare and VERB_AFTER.match(text, at + bare.end(), at + bare.end() + 60)
    if bare_verb and not (mention and mention.start == at) and not LEADS_ON.match(text, bare_verb.end()):
        who = surname_speaker(article, bare.group(), at, ctx.new_people)
        if who:  # '…," Pell said' where the people finder did not tag Pell
            return who
    speaks = OFFICE_SPEAKS.match(text, at) or ROLE_SPEAKS.match(text, at)
    office = speaks and office_speaker(article, at, ctx.new_people)
    if office:  # '…," the Head of the President's Office stressed'
        return office
    if FIRST_PERSON_AFTER.match(text, at) or FIRST_PERSON_BEFORE.search(text, sent.start, q.start - 1):
        narrator = _narrator(article, q.start)
        if narrator:  # '"…," I said' / 'I told them: "…"': the speaker of the address or caption
            return narrator
    pron = PRONOUN_THEN_SPEECH_VERB.match(text[at : at + 60])
    if pron:
        return _pronoun_speaker(article, ctx, pron.group("p"), q.start)
    said_first = SPEECH_VERB_FIRST.match(text[at : at + 30])
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
        bare = SURNAME_AFTER_SAID.match(text, at + said_first.end())
        who = bare and surname_speaker(article, bare.group("name"), at, ctx.new_people)
        if who:  # '…," said Pell.'
            return who
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


# 'Last time we met, you said, “…”', 'you told me: “…”': a speaker quoting the one addressed.
YOU_SAID = re.compile(r"\b[Yy]ou\s+(?:\w+\s+)?(?:said|told\s+(?:me|us))\b[,:]?\s*$")


def _addressee_quoted(article: Article, q: Block, sent) -> Entity | None:
    """In a turn of two leaders' transcript, "you said, “…”": the other leader's words."""
    if not _in_transcript_turn(article, q.start):
        return None
    turn = article.narrators.caption_at(q.start)
    if turn is None or not YOU_SAID.search(article.text, max(sent.start, q.start - 60), q.start - 1):
        return None
    others = distinct([e for _, e in article.narrators.captions if e is not None and e.ident != turn.ident])
    return others[0] if len(others) == 1 else None


def _in_transcript_turn(article: Article, pos: int) -> bool:
    """Whether ``pos`` is in a speaker's turn of a transcript: under a caption, in a text with more
    than one (a headline "Tol: we will win" alone makes no transcript)."""
    narrators = article.narrators
    return narrators is not None and len(narrators.captions) > 1 and narrators.in_turn(pos)


def _narrator(article: Article, pos: int) -> Entity | None:
    """Who "I" is at ``pos``: the speaker of the caption it falls under, or of the whole document;
    nobody when a caption the people finder could not read ("Question:", "Q:") comes between."""
    if article.narrators is None:
        return None
    text = article.text
    caption = article.narrators.caption_at(pos)
    captions = [c.start() for c in CAPTION_LINE.finditer(text, 0, pos)]
    if captions:
        start = next((p for p, e in reversed(article.narrators.captions) if p <= pos), None)
        if caption is None or start is None or text.rfind("\n", 0, start) + 1 < captions[-1]:
            return None
    return article.narrators.at(pos)


def _said_by_then(article: Article, start: int, end: int):
    """Dates in the range that a statement reported by the article can have: none after publication
    ("his call scheduled for December 9" dates another event)."""
    return [h for h in article.dates_in(start, end) if article.published is None or h.date <= article.published]


REPORTED_THAT = re.compile(r"\b(?:said|says|noted|stated|added|recalled|stressed|explained|told\s+\w+)\s+that\b")


# '"…," said X, who spoke to Y on Sunday': a relative clause (to the date, no comma closing it) that
# reports a contact; its date is the contact's, not the statement's.
RELATIVE_OPEN = re.compile(r",\s*(?:who|whose|which)\b[^,;]*$")


def _dates_a_contact_clause(text: str, start: int, at: int) -> bool:
    clause = RELATIVE_OPEN.search(text[max(start, at - 120) : at])
    return clause is not None and CONTACT_VERB.search(clause.group()) is not None


def _statement_date(article: Article, sent, speaker: Entity):
    said = _said_by_then(article, sent.start, sent.end)
    hits = [h for h in said if not _dates_a_contact_clause(article.text, sent.start, h.start)]
    if hits:
        return hits[0].date, hits[0].precision
    # The previous sentence may say when ("Netanyahu on Sunday ... in an interview").
    idx = article.sentence_index(sent)
    if idx > 0:
        prev = article.sentences[idx - 1]
        if sent.paragraph - prev.paragraph <= 1:
            named = {m.entity.ident for m in article.mentions_in(prev.start, prev.end)}
            # "The President said that last week he had talks with ...": that date is of the talks; a
            # month or a day long past ("the visit to Estralia in April 2021") is another event's too.
            hits = [
                h
                for h in _said_by_then(article, prev.start, prev.end)
                if not REPORTED_THAT.search(article.text, prev.start, h.start)
                and h.precision in ("day", "week")
                and (article.published is None or (article.published - h.date).days <= 14)
            ]
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
