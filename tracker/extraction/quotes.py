"""Where an article quotes someone: the words inside quotation marks.

Double marks (curly or straight) first; single curly marks (‘…’) where a paragraph quotes with them
and has no double marks, which British and Commonwealth style uses, and never an apostrophe
("don’t", "leaders’ summit"). A quotation nested in single marks inside a double-marked one stays
part of it. A quotation still open at a paragraph's end runs to that end: by the rule of quoting
over paragraphs, the next paragraph opens again with the same mark and goes on.
"""

from __future__ import annotations

import re

from .speakers import ADVERBS, SPEECH_VERB
from .text import Block, lost_quote_end, words_any_case

# '," said Tol' / '," he added' / '," the President stressed': the words before were a quotation of their own.
ATTRIBUTION_AFTER = re.compile(
    rf"[ \t]+(?:{SPEECH_VERB}\b|(?:he|she|they)[ \t]+{ADVERBS}{SPEECH_VERB}\b"
    rf"|(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|of|the)){{0,8}}[ \t]+{ADVERBS}{SPEECH_VERB}\b)"
)
REPORTED_SPEECH = re.compile(rf"(?:^|[.!?][ \t]+)(?:He|She|They)[ \t]+{ADVERBS}{SPEECH_VERB}[ \t]+that\b")
# A quotation that lost its closing mark ends a sentence before the next one opens ('... decades. "We');
# a quotation nested in it opens mid-sentence ('what they call a "peace mission').
SENTENCE_END = re.compile(r"[.!?…][’'»]?\s*$")
SMALL_WORDS = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "or"}
# A single opening mark starts a word; a single closing mark ends one and is not followed by a letter.
# Curly marks, and straight ones (typewriter British style) where a paragraph has neither curly
# single nor any double marks: an apostrophe inside a word ("don't") is neither.
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘(?=\S)")
SINGLE_CLOSE = re.compile(r"(?<=\S)’(?![\w])")
STRAIGHT_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=[^\s'])")
STRAIGHT_CLOSE = re.compile(r"(?<=\S)'(?![\w])")


def find_quotes(text: str, paragraphs: list[Block]) -> list[Block]:
    """The inner ranges of quotations (without the marks), in order."""
    out = []
    for i, para in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        found = _double_quotes(text, para, following)
        words = text[para.start : para.end]
        if not found and "‘" in words:
            found = _single_quotes(text, para, following, SINGLE_OPEN, SINGLE_CLOSE)
        elif not found and "'" in words and not any(mark in words for mark in '"“”’'):
            found = _single_quotes(text, para, following, STRAIGHT_OPEN, STRAIGHT_CLOSE)
        out += found
    return out


def _double_quotes(text: str, para: Block, following: Block | None) -> list[Block]:
    out = []
    pos, segment_end = para.start, para.end
    while pos < segment_end:
        opening = _next_opening(text, pos, segment_end)
        if opening is None:
            break
        mark, at = opening
        before = text[at - 1 : at] if at > para.start else " "
        if mark == '"' and before == "=":
            # '<span style="text-decoration: underline">': the value of a markup attribute, nobody's words
            close = text.find('"', at + 1, segment_end)
            pos = close + 1 if close != -1 else segment_end
            continue
        if (
            mark == '"'
            and not before.isspace()
            and before not in "(["
            and text[at + 1 : at + 2] in ("", " ", "\t", "\n")
        ):
            pos = at + 1  # 'friendly," said': a closing mark whose opening the text lost opens nothing
            continue
        closer = "”" if mark == "“" else '"'
        close, resume = (
            (text.find(closer, at + 1, segment_end), None)
            if mark == "“"
            else _straight_close(text, at + 1, segment_end)
        )
        if resume is not None:  # the text lost this quotation's closing mark where it cannot be told
            pos = resume
            continue
        if mark == "“":
            nested = text.find("“", at + 1, close if close != -1 else segment_end)
            if nested != -1 and close != -1 and nested < close:
                # The next one opens first: this one lost its closing mark.
                close = lost_quote_end(text, at + 1, nested - 1) if nested > at + 1 else -1
        if close == -1:
            end = lost_quote_end(text, at + 1, segment_end) if mark == "“" else segment_end
            if end < segment_end:
                out.append(Block(at + 1, end))  # its line ends the paragraph of a one-newline text
                pos = end
                continue
            continued = following is not None and text[following.start : following.start + 1] == mark
            if mark == "“" or continued:
                out.append(Block(at + 1, segment_end))  # left open: runs on into the next paragraph
            break
        if close > at + 1:
            out.append(Block(at + 1, close))
        pos = close + 1
    return out


def _straight_close(text: str, start: int, end: int) -> tuple[int, int | None]:
    """The straight mark that closes a quotation opened before ``start``, passing over a quotation
    nested in it ('the proposal on "alternatives to integration" is unacceptable', or with the space
    lost, 'such issues as"debottlenecking" and'): a mark after a space or between two letters,
    before a word, opens; it never closes. -1 when none does. A "nested" one that ends with its own
    attribution ('"…," said Tol') is the next quotation: this one lost its closing mark, and ends
    where its last nested quotation did (or before that next one), unless the words up to there
    report speech themselves ("He said that …": the text went on outside the quotation, and no
    quotation is taken there). Returns the close (-1: none) and, when no quotation is taken, where
    to look again."""
    pos, last_inner = start, -1
    while True:
        close = text.find('"', pos, end)
        before, after = text[close - 1 : close], text[close + 1 : close + 2]
        opens = (before.isspace() or before in "([" or before.isalpha()) and after.isalnum()
        if close == -1 or not opens or (before.isalpha() and not after.isalpha()):
            return close, None
        inner = text.find('"', close + 1, end)
        if inner == -1:
            return -1, None
        if text[inner - 1 : inner] == "," and ATTRIBUTION_AFTER.match(text, inner + 1):
            if last_inner == -1 and not SENTENCE_END.search(text, start, close):
                return inner, None  # '"What they call a "peace mission is ...," Tol said': the nested one lost it
            lost = last_inner if last_inner != -1 else len(text[:close].rstrip())
            return (-1, close) if REPORTED_SPEECH.search(text, start, lost) else (lost, None)
        pos, last_inner = inner + 1, inner


def _single_quotes(
    text: str, para: Block, following: Block | None, opener: re.Pattern, closer: re.Pattern
) -> list[Block]:
    out = []
    pos = para.start
    while True:
        opening = opener.search(text, pos, para.end)
        if opening is None:
            break
        close = _single_close(text, opening.end(), para.end, closer)
        if close is None:
            if following is not None and opener.match(text, following.start):
                out.append(Block(opening.end(), para.end))  # continued: the next paragraph reopens it
            break
        if close > opening.end():
            out.append(Block(opening.end(), close))
        pos = close + 1
    return out


def _single_close(text: str, start: int, end: int, closer: re.Pattern) -> int | None:
    for m in closer.finditer(text, start, end):
        after = text[m.end() : m.end() + 2]
        # "the leaders’ summit": a plural possessive, followed by a lower-case word, not the closing mark
        if text[m.start() - 1] == "s" and re.match(r" [a-z]", after):
            continue
        return m.start()
    return None


def _next_opening(text: str, pos: int, end: int):
    a = text.find("“", pos, end)
    b = text.find('"', pos, end)
    options = [(x, m) for x, m in ((a, "“"), (b, '"')) if x != -1]
    if not options:
        return None
    at, mark = min(options)
    return mark, at


LETTERS = re.compile(r"[^\W\d_]{2}")
QUOTE_WORD = re.compile(r"[\w'’-]+")


def is_title(quote: str) -> bool:
    """A programme's, book's or operation's name in quotation marks, not words someone said."""
    if not LETTERS.search(quote):
        return True  # 'the "123" agreement': a number or a code names something, no one says it
    words = QUOTE_WORD.findall(quote)
    if not words or len(words) > 8 or quote.rstrip().endswith(("?", "!")):
        return False
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() for w in significant) and len(words) >= 2


# A quotation right after the noun of a document, an undertaking, an event or an outlet is its
# name: 'decree of 14 May "On the appointment of judges"', 'the programme "Large Construction"',
# 'a report titled "…"', 'the press marathon "30 questions to the President"'.
DOCUMENT_NOUNS = (
    r"decrees? laws? resolutions? bills? acts? programmes? programs? strateg(?:y|ies) reports? books? films? songs?"
    r" projects? initiatives? campaigns? festivals? operations? exercises? awards? medals? platforms? sections?"
    r" conferences? marathons? forums? exhibitions? channels? portals? newspapers? magazines? shows? contests?"
    r" competitions? titled entitled dubbed headlined mottos? slogans? themes? hashtags? stud(?:y|ies) surveys?"
    r" papers? reviews? articles? essays? editorials? columns? albums? poems? novels? plays? manifestos? doctrines?"
    r" declarations? communiqu[ée]s? banners? posters? placards? signs? t-shirts? billboards? headlines?"
).split()
# The nouns read from their first letter (text.words_any_case): at each word of the 70 characters
# before a quotation only the nouns of its letter are tried, not all eighty.
DOCUMENT_BEFORE = re.compile(
    words_any_case(DOCUMENT_NOUNS) + r"(?:[ \t]+(?:of|dated|from|No\.?)[ \t]+[^\"“”\n.!?:;]{1,30}?)?"
    r"(?:[ \t]+(?:reading|that[ \t]+read|which[ \t]+read|saying|bearing|with[ \t]+the[ \t]+words))?"
    r"[ \t,–—-]*(?:the[ \t]+)?$",
    re.I,
)


def names_a_document(text: str, quote_start: int) -> bool:
    """Whether the quotation starting at ``quote_start`` (after its mark) names a document, a
    programme or an award rather than reporting words someone said."""
    return bool(DOCUMENT_BEFORE.search(text, max(0, quote_start - 70), max(0, quote_start - 1)))


# '…," the report found': the words of a document, a survey or data, not of a person; the
# quotation neither has a speaker nor goes on with the last one's.
DOCUMENT_SPEAKS = re.compile(
    r"[\s,]*(?:(?:the|a|an|its|their|his|her|this|that)[ \t]+)?(?:[\w-]+[ \t]+){0,2}?(?:report|study|survey|review"
    r"|analysis|assessment|inquiry|poll|paper|document|resolution|declaration|communiqu[ée]|text|index|audit|data"
    r"|census|research|findings|statistics|figures|draft|treaty|charter|law|bill|decree|ruling|verdict|judgment)s?"
    r"[ \t]+(?:also[ \t]+)?(?:found|finds|said|says|concluded|concludes|showed|shows|noted|notes|stated|states|reads"
    r"|read|warned|warns|estimated|estimates|added|adds|argued|argues|suggested|suggests|revealed|reveals)\b",
    re.I,
)


def said_by_a_document(text: str, quote_end: int) -> bool:
    """Whether the attribution right after the quotation ending at ``quote_end`` (its closing mark's
    position) is a document's ('…," the report found')."""
    return bool(DOCUMENT_SPEAKS.match(text, quote_end + 1, quote_end + 120))


# 'the "Business without Barriers" community', 'the "red" zone', 'the "Diia" app': a short quotation
# right before the noun of what it names is that thing's name or a term, not words someone said.
KIND_AFTER = re.compile(
    r"[”\"’']?[ \t]+(?:community|communities|programme|program|project|campaign|initiative|platform|movement|award"
    r"|prize|format|operation|channel|party|group|festival|forum|conference|app|application|portal|strategy|plan|law"
    r"|bill|act|decree|declaration|marathon|competition|contest|exhibition|series|show|film|book|brand|company|fund"
    r"|foundation|coalition|alliance|network|system|service|mechanism|formula|package|corridors?|zones?|regime|status"
    r"|model|principle|doctrine|agreement|treaty|deal|memorandum|format|brigade|battalion|unit|centre|center|hub)\b",
    re.I,
)


def names_a_kind(text: str, quote: str, quote_end: int) -> bool:
    """Whether the short quotation ending at ``quote_end`` (its closing mark's position) is the name
    of the thing the noun after it says ("the “red” zone")."""
    return len(quote.split()) <= 5 and bool(KIND_AFTER.match(text, quote_end, quote_end + 40))
