"""The shape of an article's text: boilerplate to ignore, paragraphs, sentences, byline and dateline.

Nothing here changes the text: every function returns offsets into the string it was given, so the
items found later point at the original words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Lines any scraped page may carry around a story (navigation, sharing, comment prompts, legal
# notices, markdown rules): the vocabulary of web pages in general, not of one site.
BOILERPLATE_LINE = re.compile(
    r"(?:skip\s+to\s+(?:main\s+)?content|jump\s+to\s+(?:comments|navigation|main).*|.*\ball\s+rights\s+reserved\b.*"
    r"|.*©.*|copyright\b.*|sign\s+up\b.*|subscribe\b.*|advertisement|share(?:\s+this)?(?:\s+(?:article|story))?"
    r"|read\s+more\b.*|related(?:\s+articles?)?:.*|(?:leave|post|view|show)\s+(?:a\s+)?comments?\b.*|\d+\s+comments?"
    r"|click\s+here\b.*|\\?#{2,}|[*\s]+)",
    re.IGNORECASE,
)
# How a line that BOILERPLATE_LINE matches starts, or what it holds: a line with none of
# these is not tried (a cheap test; the pattern's ".*" alternatives read each line many times).
FURNITURE_STARTS = (
    "skip", "jump", "copyright", "sign", "subscribe", "advertisement", "share", "read", "related", "click",
    "#", "\\", "*",
)  # fmt: skip
FURNITURE_WORDS = ("rights", "comment")
# Letters a case-insensitive pattern reads as ASCII ones that ``str.lower`` does not make so: a
# shortcut that finds a pattern's words in a lower-cased copy leaves a text holding one to the pattern.
CASE_FOLD_EXCEPTIONS = ("ı", "ſ", "İ", "\u212a")
# A legal notice near the end: the rest of the page is the host site's, not the story's.
TRAILER_MARK = re.compile(r"(?=[©ac])(?:©|\ball rights reserved\b|\bcopyright\b)", re.IGNORECASE)
# A line of page furniture is short and is no sentence: no closing punctuation, no list marker.
SHORT_LINE = 60
SENTENCE_LINE = re.compile(r"[.!?:;,…\"”’)\]]\s*$|^\s*(?:[-•*–·]|\d+[.)])\s")

BYLINE = re.compile(r"^[ \t]*By[ \t]+(?P<names>[A-Z][^\n]{2,150}?)[ \t]*$", re.M)
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.' -]{1,40}?)(?:,[ \t]*[A-Z][A-Za-z. ]{1,25})?[ \t]*"
    r"(?:\((?P<agency>CNN|AP|Reuters|AFP|Bloomberg|[A-Z]{2,8})\)[ \t]*)?(?P<dash>[—–]|--|-)[ \t]",
    re.M,
)
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "lt", "col", "sen", "rep", "gov", "prof", "no", "vs",
    "etc", "inc", "co", "corp", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "mt", "ft", "capt", "adm",
}  # fmt: skip


# A markdown link, "[March 30](https://...)": its label is text, the brackets and address are not.
MARKDOWN_LINK = re.compile(r"\[(?P<label>[^\[\]\n]*(?:\n[^\[\]\n]*)?)\]\((?P<url>[^()\s]*)\)")


def links_blanked(text: str) -> str:
    """A same-length copy of ``text`` with each markdown link's brackets and address blanked to
    spaces, so its label reads as the words it is ("met on [March 30](url)" dates to March 30) and
    every offset found in the copy is one in the original."""
    if "](" not in text:
        return text

    def blanked(m: re.Match) -> str:
        label = m.group("label")
        return " " + label + " " * (len(m.group(0)) - len(label) - 1)

    return MARKDOWN_LINK.sub(blanked, text)


@dataclass(frozen=True)
class Block:
    """A paragraph or sentence: offsets into the original text."""

    start: int
    end: int


def boilerplate_ranges(text: str, low: str | None) -> list[Block]:
    """Ranges of the text that are page furniture, not the story.

    A general method for plain text: lines of the web's furniture vocabulary; short lines that are
    no sentence and occur more than once (menus and buttons repeated above and below the story);
    and, from a legal notice in the last 60% of the text (with the short lines just above it), the
    rest of the page. ``low`` is ``lowered_same_offsets(text)``.
    """
    out = []
    lines = text.splitlines(keepends=True)
    counts = Counter(line.strip().casefold() for line in lines if 3 <= len(line.strip()) < SHORT_LINE)
    pos = 0
    for line in lines:
        stripped = line.strip()
        if stripped and len(stripped) < 300 and _may_be_furniture(stripped) and BOILERPLATE_LINE.fullmatch(stripped):
            out.append(Block(pos, pos + len(line)))
        elif counts.get(stripped.casefold(), 0) > 1 and _furniture_like(stripped):
            out.append(Block(pos, pos + len(line)))
        pos += len(line)
    tail_from = int(len(text) * 0.4)
    start = _trailer_line(text, tail_from, low) if len(text) > 200 else None
    if start is not None:
        while start > 0:  # "The-Wire-Name" above "© 2024 ...": short lines above the notice go with it
            above = text.rfind("\n", 0, start - 1) + 1
            if not _furniture_like(text[above : start - 1].strip()):
                break
            start = above
        out.append(Block(start, len(text)))
    return out


def _trailer_line(text: str, pos: int, low: str | None) -> int | None:
    """Where the first line that starts at or after ``pos`` and holds a legal notice starts.

    The first notice after the first such line start is on that line: searched for the notice
    alone, the text is read once (a pattern for a whole line holding one went along every line).
    """
    if pos > 0 and text[pos - 1] != "\n":
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return None
    at = _first_legal_notice(text, pos, low)
    return None if at is None else text.rfind("\n", pos, at) + 1 or pos


def lowered_same_offsets(text: str) -> str | None:
    """``text.lower()`` when every offset in it is the text's and a case-insensitive pattern reads
    each letter as the copy has it (see CASE_FOLD_EXCEPTIONS); None otherwise. Made once per
    article and shared: lower-casing the whole text cost a few percent of extraction each time."""
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in CASE_FOLD_EXCEPTIONS):
        return None
    return low


def _first_legal_notice(text: str, pos: int, low: str | None) -> int | None:
    """Where ``TRAILER_MARK.search(text, pos)`` would match, found with ``str.find`` in ``low``,
    ``lowered_same_offsets(text)`` (the pattern, tried at every position, cost more than the rest
    of this module); the pattern itself when there is no such copy."""
    if low is None:
        m = TRAILER_MARK.search(text, pos)
        return None if m is None else m.start()
    found = [at] if (at := text.find("©", pos)) >= 0 else []
    for words in ("all rights reserved", "copyright"):
        at = low.find(words, pos)
        while at >= 0 and not _whole_word(text, at, at + len(words)):
            at = low.find(words, at + 1)
        if at >= 0:
            found.append(at)
    return min(found, default=None)


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (letters at both ends) stands between word boundaries (``\b``)."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _may_be_furniture(line: str) -> bool:
    """Whether BOILERPLATE_LINE can match ``line`` (stripped): the line must start with or hold one
    of its words, in any case; a line with "©", or with a letter the pattern reads as an ASCII one
    that ``str.lower`` does not make so ("ſ", "K"), is always tried."""
    if not line.isascii() and ("©" in line or any(c in line for c in CASE_FOLD_EXCEPTIONS)):
        return True
    low = line.lower()
    return low.startswith(FURNITURE_STARTS) or any(w in low for w in FURNITURE_WORDS)


def _furniture_like(line: str) -> bool:
    return bool(line) and len(line) < SHORT_LINE and not SENTENCE_LINE.search(line)


PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")


def paragraphs(text: str) -> list[Block]:
    out = []
    pos = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append(_trimmed(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append(_trimmed(text, pos, len(text)))
    return out


def _trimmed(text: str, start: int, end: int) -> Block:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(start, end)


SENTENCE_END = re.compile(r"[.!?]+(?P<close>[\"”’')\]]*)(?=\s+[\"“‘(\[]?[A-Z0-9À-Þ])")
OPENING_QUOTES = "“"
CLOSING_QUOTES = "”"


def _word_before(segment: str, end: int) -> str:
    """The run of word characters and dots that ends at ``end`` ("Mr", "U.S", "2024"). Walked back
    from ``end``: a regular expression anchored at the end would rescan the paragraph from its
    start before each full stop, quadratic in a long paragraph."""
    start = end
    while start > 0 and (segment[start - 1] == "." or segment[start - 1] == "_" or segment[start - 1].isalnum()):
        start -= 1
    return segment[start:end]


# A quotation that lost its closing mark ends with the first line that ends a sentence: a line
# break there starts the next paragraph of a text that breaks paragraphs with one newline.
LINE_ENDS_SENTENCE = re.compile(r"[.!?…][”\"’']?(?=[ \t]*\n)")


def lost_quote_end(text: str, start: int, end: int) -> int:
    """Where a quotation opened before ``start`` and never closed before ``end`` ends: after the
    first line that ends a sentence, else at ``end``."""
    m = LINE_ENDS_SENTENCE.search(text, start, end)
    return m.end() if m else end


def _closes_later(segment: str, pos: int) -> bool:
    """Whether a closing curly mark comes after ``pos`` before another opening one."""
    close = segment.find("”", pos)
    opening = segment.find("“", pos)
    return close != -1 and (opening == -1 or close < opening)


def sentences(text: str, para: Block) -> list[Block]:
    """Sentences of one paragraph; never splits inside a quotation (one that lost its closing mark
    ends where ``lost_quote_end`` says, or where the next one opens)."""
    out = []
    start = para.start
    segment = text[para.start : para.end]
    curly_open = False
    straight_open = False
    last = 0
    for m in SENTENCE_END.finditer(segment):
        closing = m.group("close")
        chunk = segment[last : m.start()] + closing
        marks = max(chunk.rfind("“"), chunk.rfind("”"))
        if marks != -1:
            curly_open = chunk[marks] == "“"  # an opening mark while one is open: that one lost its close
        if chunk.count('"') % 2:
            straight_open = not straight_open
        if curly_open and not _closes_later(segment, m.end()):
            after = segment[m.end() : m.end() + 4]
            # Lost its closing mark: it ends with its line, or where the next quotation opens.
            curly_open = "\n" not in after and "“" not in after
        last = m.end()
        token = _word_before(segment, m.start())
        if "." in m.group(0)[:1] and not closing:
            bare = token.rstrip(".").lower()
            if bare in ABBREVIATIONS or (len(token) == 1 and token.isupper()) or "." in token:
                continue
        if curly_open or straight_open:
            continue
        end = para.start + m.end()
        if text[start:end].strip():
            out.append(_trimmed(text, start, end))
        start = end
    if text[start : para.end].strip():
        out.append(_trimmed(text, start, para.end))
    return out


@dataclass
class Masthead:
    title: str | None
    authors: list[str]
    dateline: str | None


def masthead(text: str, boilerplate: list[Block]) -> Masthead:
    """Title, byline authors and dateline from the top of a scraped article."""
    head = text[:3000]
    title = None
    authors: list[str] = []
    dateline = None
    byline = BYLINE.search(head)
    if byline:
        names = byline.group("names")
        names = re.sub(r",\s*(?:CNN|AP|Reuters|AFP|Bloomberg|The [A-Z][\w ]+|[A-Z]{2,8})\s*$", "", names)
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names):
            part = part.strip()
            if part and len(part.split()) <= 5 and part[0].isupper():
                authors.append(part)
        # The title is the last real line above the byline.
        lines_above = [
            ln.strip()
            for ln in head[: byline.start()].splitlines()
            if ln.strip() and not BOILERPLATE_LINE.fullmatch(ln.strip())
        ]
        if lines_above and len(lines_above[-1]) < 250:
            title = lines_above[-1]
        rest = head[byline.end() :]
        offset = byline.end()
    else:
        rest, offset = head, 0
    m = DATELINE.search(rest)
    if m and (m.group("agency") or m.group("place").isupper()) and not _inside(offset + m.start(), boilerplate):
        dateline = m.group("place").strip().title() if m.group("place").isupper() else m.group("place").strip()
    return Masthead(title, authors, dateline)


def _inside(pos: int, blocks: list[Block]) -> bool:
    return any(b.start <= pos < b.end for b in blocks)


def is_word_char(c: str) -> bool:
    """What a regex reads as ``\\w``: a character ``str.isalnum`` takes, or "_" (a string method
    costs a fraction of a pattern's ``match`` call)."""
    return c.isalnum() or c == "_"


def is_run_char(c: str) -> bool:
    """What a regex reads as ``[\\w-]``."""
    return c.isalnum() or c == "_" or c == "-"


def word_runs(text: str, word: str, start: int, end: int, word_char) -> list[int]:
    """Where a maximal run of characters ``word_char`` takes (``is_word_char``, ``is_run_char``) in
    ``text[start:end]`` is exactly ``word``: the offsets a regex's ``finditer`` would give, found
    with ``str.find`` (C speed) instead."""
    out = []
    pos = text.find(word, start, end)
    while pos >= 0:
        stop = pos + len(word)
        if (pos == 0 or not word_char(text[pos - 1])) and (stop == end or not word_char(text[stop])):
            out.append(pos)
        pos = text.find(word, pos + 1, end)
    return out


def whole_words_any_case(words: list[str]) -> str:
    """A case-insensitive regex for any of ``words`` (each a regex opening with a letter or "\\d") as a
    whole word. Its first character is read as a case-sensitive class, so the engine skips in C to
    the next candidate; a leading "\\b" or lookahead under re.I was tried at every position."""
    return words_any_case(words) + r"\b"


def words_any_case(words: list[str], at_word_start: bool = True) -> str:
    """``\\b(?i:word|word|...)`` for ``words`` (each a regex opening with a letter or "\\d"; without
    the "\\b" unless ``at_word_start``), the first character read as a class and the branches grouped
    by it (``whole_words_any_case``): only the branches of the letter there are tried, not every
    word's (under re.I each branch is entered to compare its first letter)."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        first, rest = (word[:2], word[2:]) if word.startswith("\\") else (word[0], word[1:])
        by_first.setdefault(first, []).append(rest)
    # Letters case-insensitive matching also takes ("ſ" for "s", "İ" and "ı" for "i", Kelvin's K).
    also = {"s": "\u017f", "i": "\u0130\u0131", "k": "\u212a"}
    letters = "".join(f if len(f) > 1 else f.upper() + f.lower() + also.get(f.lower(), "") for f in by_first)
    rests = "|".join(f"(?<={f})(?:{'|'.join(r)})" for f, r in by_first.items())
    start = r"(?<!\w.)" if at_word_start else ""
    return rf"[{letters}]{start}(?i:{rests})"
