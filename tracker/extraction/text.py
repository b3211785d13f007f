"""The shape of an article's text: boilerplate to ignore, paragraphs, sentences, byline and dateline.

Nothing here changes the text: every function returns offsets into the string it was given, so the
items found later point at the original words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lines a scraped page carries around the story: navigation, wire credits, comment prompts.
BOILERPLATE_LINE = re.compile(
    r"(?:skip\s+to\s+(?:main\s+)?content|jump\s+to\s+(?:comments|navigation|main).*|the-[\w-]+-wire"
    r"|article\s+topic\s+follows:.*|.*\ball\s+rights\s+reserved\b.*|.*©.*|copyright\b.*"
    r"|be\s+part\s+of\s+the\s+conversation|.*\bis\s+committed\s+to\s+providing\s+a\s+forum\b.*"
    r"|please\s+keep\s+your\s+comments\b.*|.*\bcommunity\s+guidelines\b.*|if\s+you\s+would\s+like\s+to\s+share\b.*"
    r"|[\w ]{0,30}\bnewsource|this\s+(?:story|article)\s+has\s+been\s+updated\b.*|sign\s+up\b.*|subscribe\b.*"
    r"|advertisement|share(?:\s+this)?(?:\s+(?:article|story))?|read\s+more\b.*|related(?:\s+articles?)?:.*"
    r"|(?:leave|post|view|show)\s+(?:a\s+)?comments?\b.*|\d+\s+comments?|click\s+here\b.*|\\?#{2,}|[*\s]+)",
    re.IGNORECASE,
)
# After a copyright or wire credit the rest of a scraped page is the host site's furniture.
TRAILER_START = re.compile(r"(?:^|\n)[^\n]*(?:©|\ball rights reserved\b|^the-[\w-]+-wire\b)", re.IGNORECASE | re.M)

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


@dataclass(frozen=True)
class Block:
    """A paragraph or sentence: offsets into the original text."""

    start: int
    end: int


def boilerplate_ranges(text: str) -> list[Block]:
    """Ranges of the text that are page furniture, not the story."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) < 300 and BOILERPLATE_LINE.fullmatch(stripped):
            out.append(Block(pos, pos + len(line)))
        pos += len(line)
    # Everything after a copyright or wire line near the end belongs to the host page.
    tail_from = int(len(text) * 0.4)
    m = TRAILER_START.search(text, tail_from) if len(text) > 200 else None
    if m:
        out.append(Block(m.start(), len(text)))
    return out


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


def sentences(text: str, para: Block) -> list[Block]:
    """Sentences of one paragraph; never splits inside a quotation."""
    out = []
    start = para.start
    segment = text[para.start : para.end]
    depth_curly = 0
    straight_open = False
    last = 0
    for m in SENTENCE_END.finditer(segment):
        chunk = segment[last : m.start()]
        depth_curly += chunk.count("“") - chunk.count("”")
        depth_curly = max(depth_curly, 0)
        if chunk.count('"') % 2:
            straight_open = not straight_open
        closing = m.group("close")
        depth_curly = max(depth_curly - closing.count("”"), 0)
        if closing.count('"') % 2:
            straight_open = not straight_open
        last = m.end()
        word = re.search(r"([\w.]+)$", segment[: m.start()])
        token = word.group(1) if word else ""
        if "." in m.group(0)[:1] and not closing:
            bare = token.rstrip(".").lower()
            if bare in ABBREVIATIONS or (len(token) == 1 and token.isupper()) or "." in token:
                continue
        if depth_curly or straight_open:
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
