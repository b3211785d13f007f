"""Claims an article makes about a gap between contacts ("their first call in more than a month",
"the longest gap in calls since the October 7 attacks", "ten days after their meeting")."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import timedelta

from .contacts import THEY, FoundContact
from .context import Article, distinct
from .people import Entity

NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|\d{1,3})"
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
CONTACT_NOUN = (
    r"(?:interaction|call|conversation|meeting|contact|talks?|phone\s+call|video\s+call|encounter|time|visit|summit"
    r"|exchange|discussion)"
)
FIRST_IN = re.compile(
    rf"\bfirst\s+(?:[\w-]+\s+){{0,3}}?{CONTACT_NOUN}s?\b(?:\s+(?:between|with)\s+[^.;,]{{0,60}}?)?\s+in\s+"
    rf"(?P<cmp>more\s+than|over|nearly|almost|at\s+least|about|roughly|around|just\s+over)?\s*(?P<num>{NUMBER})?\s*"
    r"(?P<unit>days?|weeks?|months?|years?)\b",
    re.I,
)
FIRST_SINCE = re.compile(
    rf"\bfirst\s+(?:[\w-]+\s+){{0,3}}?{CONTACT_NOUN}s?\b(?:\s+(?:between|with)\s+[^.;,]{{0,60}}?)?\s+since\s+", re.I
)
LONGEST_SINCE = re.compile(
    r"\blongest\s+(?:gap|stretch|period|time|pause|silence|interval)\b[^.;]{0,50}?\bsince\s+", re.I
)
DAYS_AFTER = re.compile(
    rf"\b(?P<num>{NUMBER})\s+(?P<unit>days?|weeks?|months?)\s+after\s+(?:(?:their|the|a|his|her)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{CONTACT_NOUN}\b",
    re.I,
)
# Every claim pattern above holds one of these words; sentences without one are skipped.
GAP_CUE = re.compile(r"\b(?=[fFlLaA])(?:[Ff]irst|[Ll]ongest|[Aa]fter|FIRST|LONGEST|AFTER)\b")
BEFORE_DATE = re.compile(r"\bbefore\s+$", re.I)


@dataclass
class FoundClaim:
    entities: list[Entity]
    ends: object
    starts: object
    comparison: str
    duration_days: int | None
    duration_months: int | None
    anchor: object
    start: int
    end: int


def _count(word: str | None) -> int | None:
    if not word:
        return 1
    w = word.lower()
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w)


def _duration(num: str | None, unit: str) -> tuple[int | None, int | None]:
    n = _count(num)
    if n is None:
        return None, None
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return n, None
    if unit == "week":
        return 7 * n, None
    if unit == "month":
        return None, n
    return None, 12 * n


def find_gap_claims(article: Article, contacts: list[FoundContact]) -> list[FoundClaim]:
    text = article.text
    out: list[FoundClaim] = []
    cues = [m.start() for m in GAP_CUE.finditer(text)]
    for sent in article.sentences:
        i = bisect.bisect_left(cues, sent.start)
        if i == len(cues) or cues[i] >= sent.end:
            continue
        matches = []
        for m in FIRST_IN.finditer(text, sent.start, sent.end):
            cmp_word = (m.group("cmp") or "").lower()
            comparison = "more_than" if cmp_word in ("more than", "over", "just over") else "at_least"
            if cmp_word in ("nearly", "almost", "about", "roughly", "around"):
                comparison = "exactly"
            days, months = _duration(m.group("num"), m.group("unit"))
            matches.append((m, comparison, days, months, None))
        for pattern, comparison in ((FIRST_SINCE, "first_since"), (LONGEST_SINCE, "longest_since")):
            for m in pattern.finditer(text, sent.start, sent.end):
                hits = [h for h in article.dates_in(m.end(), min(sent.end, m.end() + 80))]
                if not hits:
                    continue
                matches.append((m, comparison, None, None, hits[0].date))
        for m in DAYS_AFTER.finditer(text, sent.start, sent.end):
            days, months = _duration(m.group("num"), m.group("unit"))
            matches.append((m, "exactly", days, months, None))
        for m, comparison, days, months, anchor in matches:
            if article.in_quote(m.start()):
                continue
            claim = _claim(article, sent, m, contacts, comparison, days, months, anchor)
            if claim:
                out.append(claim)
    return _deduplicated(out)


def _claim(article, sent, m, contacts, comparison, days, months, anchor) -> FoundClaim | None:
    text = article.text
    here = [c for c in contacts if c.sentence is sent and not c.planned]
    held = [c for c in contacts if not c.planned and c.date is not None]
    entities = None
    if here:
        entities = here[0].entities
    else:
        named = distinct([x.entity for x in article.mentions_in(sent.start, sent.end) if not article.in_quote(x.start)])
        if len(named) >= 2:
            entities = named
        elif THEY.search(text, sent.start, sent.end) and held:
            entities = held[0].entities
    if not entities or len(entities) < 2:
        return None
    key = {e.ident for e in entities}
    ends = None
    for h in article.dates_in(sent.start, sent.end):
        if BEFORE_DATE.search(text[max(sent.start, h.start - 8) : h.start]):
            ends = h.date
    if ends is None and here and here[0].date:
        ends = here[0].date
    if ends is None:
        same_pair = [c for c in held if {e.ident for e in c.entities} == key]
        if same_pair:
            ends = max(c.date for c in same_pair)
    if ends is None:
        return None
    starts = None
    earlier = [c for c in contacts if c.sentence is sent and c.date and c.date < ends]
    if earlier:
        starts = earlier[0].date
    if comparison == "exactly" and days and starts is None and m.re.pattern.startswith(r"\b(?P<num>"):
        starts = ends - timedelta(days=days)
    return FoundClaim(list(entities), ends, starts, comparison, days, months, anchor, m.start(), m.end())


def _deduplicated(claims: list[FoundClaim]) -> list[FoundClaim]:
    """The headline and the body often make the same claim; keep one of each."""
    out: list[FoundClaim] = []
    seen = set()
    for c in claims:
        key = (frozenset(e.ident for e in c.entities), c.ends, c.duration_days, c.duration_months, c.anchor)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
