"""Dates written in an article, resolved against its publication date.

A cheap regular-expression pass finds the candidate phrases ("Monday", "October 7", "last week",
"November 2022"); each is then resolved on its own, by plain calendar arithmetic that gives what
``dateparser`` would ("three weeks ago", "15 March 2024"). Searching a whole article with dateparser
is slow and finds dates in words such as "may" or "march".
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

MONTH_NAMES = [m for m in MONTHS if len(m) > 3 or m == "may"][::1]
MONTH_NAMES = [m for m in MONTH_NAMES if m not in ("sept",)]

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:[ \t]+(?:morning|afternoon|evening|night))?"
# Between a date's words: spaces, or one line break of hard-wrapped text ("March\n30").
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

DATE_PATTERN = re.compile(
    # Every alternative starts a word with a digit, one of these capitals, or one of these lower-case
    # words: their first letters, then the word boundary, then the words skip most positions and most
    # words ("the", "said") cheaply.
    r"(?=[0-9JFMASONDTWLNCPEYIacefilmnopsty])\b"
    # A capital starts one of the alternatives' first words only with these letters after it:
    # most capitalised words ("President", "Netanyahu") are passed over without trying them.
    r"(?=[0-9]|J(?:an|un|ul)|F(?:eb|ri|o|i)|M(?:ar|ay|on|i)|A|S(?:ep|at|un|e|i)|O(?:ct|n)|N(?:ov|e|i)|Dec"
    r"|T(?:h|ue|o|w|e)|Wed|La|Co|Pa|In|E(?:a|l|i)|Ye|(?:a|an|coming|early|earlier|eight|eleven|five|four|in|last|late|later|mid|next"
    r"|nine|one|past|seven|several|six|ten|this|three|today|tomorrow|tonight|twelve|two|yesterday)\b)(?:"
    + "|".join(
        [
            rf"{_MONTH}{_SP}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?{_SP}(?P<year>(?:19|20)\d\d)\b)?",
            rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?{_SP}(?:of[ \t]+)?(?P<month2>January|February|March|April|May|June"
            rf"|July|August|September|October|November|December)\b(?:,?{_SP}(?P<year2>(?:19|20)\d\d)\b)?",
            r"(?P<month3>January|February|March|April|May|June|July|August|September|October|November|December)"
            rf"{_SP}(?P<year3>(?:19|20)\d\d)\b",
            rf"(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)[ \t]+)?{_WEEKDAY}\b{_PART}",
            # "last June", "in June", "early March": a month without a day or a year.
            r"(?P<mmod>[Ll]ast|[Ii]n|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-?)[ \t]+(?P<month4>January|February"
            r"|March|April|May|June|July|August|September|October|November|December)\b(?![ \t]+\d)"
            r"(?!,?[ \t]+(?:19|20)\d\d)(?:[ \t]+(?:of[ \t]+)?(?P<myear>this|last|next)[ \t]+year\b)?",
            rf"(?P<rel>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)\b{_PART}",
            r"[Tt]his[ \t]+(?P<thispart>morning|afternoon|evening)\b",
            r"(?P<pmod>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier[ \t]+this|[Ll]ater[ \t]+this)[ \t]+"
            r"(?P<period>week|weekend|month|year)\b",
            r"(?P<agonum>\d{1,2}|[Aa][ \t]+few|[Aa][ \t]+couple[ \t]+of|[Ss]everal|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree"
            r"|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)[ \t]+"
            r"(?P<agounit>days?|weeks?|months?)[ \t]+ago\b",
        ]
    )
    + ")"
)

# Words that make a bare weekday or date point forward ("will meet on Friday").
FORWARD_CUE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|to be held|expected|scheduled|plans?|planned|planning|set to|going to"
    r"|upcoming|due to|ahead of|next)\b",
    re.IGNORECASE,
)

# A relative clause set off by commas: its words ("whose term ends next year") do not time the verb after it.
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whose|which|whom)\b[^,;]*,")


def without_relative_clauses(words: str) -> str:
    """``words`` with each relative clause set off by commas cut down to a comma ("X, whose term
    ends next year, met Y on Tuesday": nothing in the clause says when the meeting is)."""
    return RELATIVE_CLAUSE.sub(",", words) if "," in words else words


# A day-and-month without a year up to this many days after publication is this year's ("the April
# 22-23 summit" in a release of April 21), not last year's; further ahead it is last year's unless a
# cue points forward.
NEAR_FUTURE_DAYS = 45


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    date: date
    precision: str  # day|week|month|approximate


def _months_before(base: date, count: int) -> date:
    """The day ``count`` months before ``base``, clamped to the month's last day (31 March, one
    month back: 29 February), as dateparser reads "1 month ago"."""
    year, month = divmod(base.year * 12 + base.month - 1 - count, 12)
    return date(year, month + 1, min(base.day, calendar.monthrange(year, month + 1)[1]))


def _ago(count: int, unit: str, base: date) -> date:
    """The day "count unit(s) ago" names (unit: day(s), week(s), month(s)): what dateparser reads
    (checked for every count 0-99 of each unit against 8 bases, month ends and 29 February included);
    computed here, since each publication date missed dateparser's cache at ~3 ms a call."""
    if unit.startswith("day"):
        return base - timedelta(days=count)
    if unit.startswith("week"):
        return base - timedelta(weeks=count)
    return _months_before(base, count)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_match(m: re.Match, published: date | None, forward: bool) -> tuple[date, str] | None:
    """Turn one DATE_PATTERN match into (date, precision), or None when it cannot be placed."""
    g = m.groupdict()
    month_word = g["month"] or g["month2"]
    if month_word:
        month = MONTHS[month_word.rstrip(".").lower()]
        day = int(g["day"] or g["day2"])
        year = g["year"] or g["year2"]
        if year:
            # What dateparser reads "15 March 2024" as (checked for every day 0-39 of every month of
            # 1900-2099, the pattern's reach, the impossible ones none), without its milliseconds a phrase.
            found = _safe_date(int(year), month, day)
            return (found, "day") if found else None
        if published is None:
            return None
        found = _safe_date(published.year, month, day)
        if found is None:
            return None
        if found > published and not forward and (found - published).days > NEAR_FUTURE_DAYS:
            found = _safe_date(published.year - 1, month, day)
        elif found < published and (forward or (published - found).days > 365 - NEAR_FUTURE_DAYS):
            found = _safe_date(published.year + 1, month, day)
        return (found, "day") if found else None
    if g["month3"]:
        return date(int(g["year3"]), MONTHS[g["month3"].lower()], 1), "month"
    if g["month4"] and published is not None:
        month, mod = MONTHS[g["month4"].lower()], g["mmod"].lower().rstrip("-")
        year = published.year
        if g["myear"]:  # "in June this year", "in March of last year"
            return date(year + {"this": 0, "last": -1, "next": 1}[g["myear"]], month, 1), "month"
        if mod == "next" or (forward and mod != "last"):
            year += month < published.month
        elif mod == "last":
            year -= month >= published.month  # "last June" in June is a year ago
        elif mod != "this":
            year -= month > published.month  # "in June", "early March": the most recent one
        return date(year, month, 1), "month"
    if published is None:
        return None
    if g["weekday"]:
        wd = WEEKDAYS.index(g["weekday"].lower())
        mod = (g["wmod"] or "").lower()
        if mod in ("next", "coming") or (forward and mod not in ("last", "past")):
            ahead = (wd - published.weekday()) % 7
            if mod == "next" and ahead == 0:
                ahead = 7
            return published + timedelta(days=ahead), "day"
        back = (published.weekday() - wd) % 7
        if mod in ("last", "past") and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if g["rel"]:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["rel"].lower()]
        return published + timedelta(days=shift), "day"
    if g["thispart"]:
        return published, "day"
    if g["period"]:
        mod = " ".join(g["pmod"].lower().split())
        period = g["period"]
        if period == "weekend":
            # The weekend before publication: the Saturday of the last complete Saturday-Sunday.
            back = (published.weekday() - 5) % 7
            if back < 2:
                back += 7
            if mod == "this":
                back = max(back - 7, 0) if published.weekday() >= 5 else back
            if mod == "next":
                return published + timedelta(days=(5 - published.weekday()) % 7 or 7), "week"
            return published - timedelta(days=back), "week"
        if period == "week":
            shift = {"last": -7, "next": 7}.get(mod, 0)
            return published + timedelta(days=shift), "week"
        if period == "month":
            if mod == "last":
                prev = published.replace(day=1) - timedelta(days=1)
                return prev.replace(day=1), "month"
            if mod == "next":
                nxt = (published.replace(day=28) + timedelta(days=4)).replace(day=1)
                return nxt, "month"
            return published.replace(day=1), "month"
        return None  # a year is too vague to place a contact
    if g["agounit"]:
        n = " ".join(g["agonum"].lower().split())
        count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n) or VAGUE_COUNTS[n]
        found = _ago(count, g["agounit"], published)
        precision = "day" if g["agounit"].startswith("day") else "week" if "week" in g["agounit"] else "month"
        if n in VAGUE_COUNTS:
            precision = "approximate"  # "a few weeks ago": about three, no closer
        return (found, precision) if found else None
    return None


# "a few weeks ago", "several months ago": a count the text leaves vague, taken at its usual size.
VAGUE_COUNTS = {"a few": 3, "several": 3, "a couple of": 2}


# A day told from the day the text gave last: "the next day", "the following day", "two days later",
# "the day before" (not "the day after the summit", which counts from an event).
DAY_FROM_THE_LAST = re.compile(
    r"(?=[TtAaOo])(?<![\w-])(?:[Tt]he[ \t]+(?P<rel>next|following|previous|preceding)[ \t]+day\b(?![ \t]+of\b)"
    r"|(?P<n>[Aa]|[Oo]ne|[Tt]wo|[Tt]hree)[ \t]+days?[ \t]+"
    r"(?:(?P<dir>later|earlier)\b|(?P<dir3>before|after)(?=\s*[.,;:!?)]))"
    # "the day before." ends the phrase; "the day after he arrived" counts from what follows
    r"|[Tt]he[ \t]+day[ \t]+(?P<dir2>before|after)(?=\s*[.,;:!?)]))"
)
# How far back that day may be given: the same sentence or the one before it, in one paragraph.
DAY_FROM_THE_LAST_REACH = 400
# What every DAY_FROM_THE_LAST match holds: a text without one is not searched (most are not).
DAY_FROM_THE_LAST_WORDS = (
    "next day", "following day", "previous day", "preceding day", "day later", "days later", "day earlier",
    "days earlier", "day before", "day after", "days before", "days after",
)  # fmt: skip


def _days_from_the_last(m: re.Match) -> int:
    if m.group("rel"):
        return 1 if m.group("rel") in ("next", "following") else -1
    if m.group("dir2"):
        return 1 if m.group("dir2") == "after" else -1
    n = _NUMBER_WORDS[m.group("n").lower()]
    return n if (m.group("dir") or m.group("dir3")) in ("later", "after") else -n


class DateIndex:
    """All dates in a text, found once; ``within(a, b)`` lists those inside a range."""

    def __init__(self, text: str, published: date | None):
        self.hits: list[DateHit] = []
        self._find(text, published)
        self._find_days_from_the_last(text)
        self._starts = [h.start for h in self.hits]

    def _find_days_from_the_last(self, text: str) -> None:
        """ "He arrived on Saturday. He met X the next day.": the Sunday, from the day given before."""
        # Searched only around the words every match holds: the pattern over the whole text cost more.
        matches = {}
        for word in DAY_FROM_THE_LAST_WORDS:
            at = text.find(word)
            while at >= 0:
                for m in DAY_FROM_THE_LAST.finditer(text, max(0, at - 12), at + len(word) + 12):
                    matches.setdefault(m.start(), m)
                at = text.find(word, at + 1)
        for m in sorted(matches.values(), key=lambda m: m.start()):
            before = [h for h in self.hits if h.end <= m.start() and m.start() - h.end <= DAY_FROM_THE_LAST_REACH]
            last = before[-1] if before else None
            if last is None or last.precision != "day" or "\n\n" in text[last.end : m.start()]:
                continue
            day = last.date + timedelta(days=_days_from_the_last(m))
            bisect.insort(self.hits, DateHit(m.start(), m.end(), day, "day"), key=lambda h: h.start)

    def _find(self, text: str, published: date | None) -> None:
        for m in DATE_PATTERN.finditer(text):
            before = text[max(0, m.start() - 80) : m.start()]
            # The cue must be in the date's own sentence, which ends at a full stop before a space or a
            # line break, and outside a quotation closed before it ('"We will meet," Tol said on Friday').
            cut = max(before.rfind("\n\n"), before.rfind(". "), before.rfind(".\n"), before.rfind("”"))
            cut = max(cut, before.rfind('"'))
            before = before[cut + 1 :]
            forward = bool(FORWARD_CUE.search(without_relative_clauses(before)))
            resolved = resolve_match(m, published, forward)
            if resolved is not None:
                self.hits.append(DateHit(m.start(), m.end(), resolved[0], resolved[1]))

    def within(self, start: int, end: int) -> list[DateHit]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.hits) and self.hits[i].start < end:
            if self.hits[i].end <= end:
                out.append(self.hits[i])
            i += 1
        return out


def resolve_phrase(phrase: str, published: date | None) -> tuple[date, str] | None:
    """Resolve one date phrase on its own (the whole phrase must be a date)."""
    m = DATE_PATTERN.fullmatch(phrase.strip())
    if not m:
        return None
    return resolve_match(m, published, bool(FORWARD_CUE.search(phrase)))
