"""The terms gap claims are measured in: numbers and ordinals ("two", "12th"), durations ("more than
a month", "a year and a half") and anchors, what a claim counts from ("since 2019", "since the
October 7 summit", "since the harbour bombing", "this year", "last met in June")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import DateHit, resolve_phrase
from .text import words_any_case

# The claim shapes' opening words read from their first letter (text.words_any_case): under re.I a
# leading "\\b" and alternation were tried at every position of each sentence with a claim cue.
HAVE = words_any_case(["have", "has", "had"])
AFTER = words_any_case(["after"])
FIRST = words_any_case(["first"])
LONGEST = words_any_case(["longest"])
ABROAD = words_any_case(["foreign", "overseas", "international"])
THE_OR_FOR = words_any_case(["the", r"for\s+the", r"for\s+a"])
IT_HAS = words_any_case([r"it\s+has", r"it['’]s", r"it\s+had", r"it\s+was", r"it\s+will\s+have"])
HIGHEST = words_any_case([r"highest[- ]level", r"most\s+senior", r"highest[- ]ranking"])
ENDING = words_any_case("ending ended ends end breaking broke breaks after following".split())

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "several": None,
    "a few": None, "a couple of": 2, "a dozen": 12,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
# NUMBER and ORDINAL open with a test of their first character, cheaper than trying each alternative.
NUMBER = r"(?=[aefnost\d])(?:a\s+couple\s+of|a\s+few|a\s+dozen|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|\d{1,3})"  # noqa: E501
ORDINAL = (
    rf"(?=[{''.join(sorted({w[0] for w in ORDINAL_WORDS}))}\d])(?:"
    + "|".join(ORDINAL_WORDS)
    + r"|\d{1,3}(?:st|nd|rd|th))"
)
UNIT = r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies))"

COMPARATOR = (
    r"(?P<cmp>more\s+than|over|nearly|almost|at\s+least|about|roughly|around|just\s+over|some|close\s+to|well\s+over"
    r"|less\s+than|under)"
)
# "a year and a half", "six and a half years", "half a century"
DURATION = (
    rf"(?:{COMPARATOR}\s+)?(?:(?P<num>half\s+an?|{NUMBER})\s+(?:and\s+a\s+half\s+)?)?(?P<unit>{UNIT})"
    r"(?:\s+and\s+a\s+half)?"
)

# Where a named anchor ends: at punctuation or a word that starts a new clause.
ANCHOR_TEXT = re.compile(
    r"(?P<a>[^.;:,!?()“”\"]{1,90}?)(?=\s*(?:[.;:,!?()“”\"]|$|\s+(?:and|but|when|where|while|as|because|which|that"
    r"|according|amid|after|before|to\s+discuss|in\s+which"
    # the main clause's verb ("her first visit since taking office included talks with X")
    r"|included|includes|featured|features|marked|marks|took\s+place)\b))",
    re.I,
)
LAST_YEARS = re.compile(r"last\s+year['’]s\s", re.I)
EVENT_YEAR = re.compile(r"\b(?:of|in)\s+(?P<y>(?:19|20)\d\d)$")
EVENT_MONTH = re.compile(
    r"\bin\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?:19|20)\d\d)?$"
)
START_OF_YEAR = re.compile(
    r"^(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the|this)\s+year|new\s+year|start\s+of\s+(?:the\s+)?year"
    r"|january)$",
    re.I,
)
YEAR = re.compile(
    r"(?:(?:early|late|mid-?|the\s+(?:start|beginning|end)\s+of)\s*)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-–])", re.I
)


@dataclass
class Anchor:
    """What a claim counts from: a date (with its precision) or, when the text names an event
    without dating it, only the event's words ("the harbour bombing", "taking office")."""

    date: date | None
    precision: str  # day|week|month|year, approximate ("a few weeks ago"), "" when undated
    text: str


def number_value(word: str | None) -> int | None:
    if not word:
        return 1
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else NUMBER_WORDS.get(w)


def ordinal_value(word: str) -> int | None:
    w = word.lower()
    if w[:-2].isdigit():
        return int(w[:-2])
    return ORDINAL_WORDS.get(w)


def count_unsaid(num: str | None, unit: str) -> bool:
    """Whether a plural unit stands with no number ("weeks after their last call"): how many is not said."""
    return not num and unit.lower().endswith("s")


def duration_of(num: str | None, unit: str, half: bool = False) -> tuple[int | None, int | None]:
    """(days, months) for "two weeks", "a year and a half", "half a century"; (None, None) when the
    number is vague."""
    if count_unsaid(num, unit):
        return None, None
    halved = bool(num) and num.lower().startswith("half")
    n = 1 if halved else number_value(num)
    if n is None:
        return None, None
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return n, None
    if unit == "week":
        return 7 * n, None
    unit = "century" if unit.startswith("centur") else unit
    per = {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    if halved:
        return (15, None) if unit == "month" else (None, per // 2)
    return None, per * n + (per // 2 if half and unit != "month" else 0)


def comparison_of(word: str | None) -> str:
    w = " ".join((word or "").lower().split())
    if w in ("more than", "over", "just over", "well over"):
        return "more_than"
    if w in ("less than", "under"):
        return "less_than"
    if w in ("nearly", "almost", "about", "roughly", "around", "some", "close to"):
        return "exactly"
    return "at_least"


def anchor_at(text: str, pos: int, end: int, dates: list[DateHit], published: date | None) -> Anchor | None:
    """The anchor written from ``pos`` ("since ..." has been read): a date, a year, the start of the
    year, or an event's words. ``dates`` are the article's dates in the sentence."""
    m = ANCHOR_TEXT.match(text, pos, end)
    if not m:
        return None
    words = " ".join(m.group("a").split())
    stop = m.end()
    for hit in dates:
        if pos <= hit.start < stop + 2:
            return Anchor(_in_the_past(hit.date, words, published), hit.precision, words)
    bare = re.sub(r"^(?:at\s+least\s+|as\s+early\s+as\s+)", "", words, flags=re.I)
    month = MONTH_OR_YEAR.fullmatch(f"in {bare}") and month_or_year(f"in {bare}", published)
    if month:  # "since October", "since May 2021"
        return Anchor(month.date, month.precision, words)
    year = YEAR.match(bare)
    if year:
        return Anchor(date(int(year.group("y")), 1, 1), "year", year.group(0))
    year = EVENT_YEAR.search(bare)
    if year:  # "the ceasefire of 2019"
        return Anchor(date(int(year.group("y")), 1, 1), "year", words)
    month = EVENT_MONTH.search(bare)
    if month:  # "Tol took office in May"
        dated = month_or_year(month.group(0), published)
        if dated:
            return Anchor(dated.date, dated.precision, words)
    years = set(re.findall(r"\b(?:19|20)\d\d\b", bare))
    if len(years) == 1:  # "the 2019 summit in Lisbon": some day of 2019, the whole year at most
        return Anchor(date(int(years.pop()), 1, 1), "year", words)
    if LAST_YEARS.match(bare) and published:  # "last year's summit"
        return Anchor(date(published.year - 1, 1, 1), "year", words)
    if START_OF_YEAR.match(bare) and published:
        return Anchor(date(published.year, 1, 1), "day", words)
    resolved = resolve_phrase(bare, published)
    if resolved:
        return Anchor(resolved[0], resolved[1], words)
    return Anchor(None, "", words) if re.search(r"[A-Za-z]", words) else None


def _in_the_past(when: date, words: str, published: date | None) -> date:
    """A gap's anchor is before the article: "since 6 April" written in March is last year's April."""
    if published is None or when <= published or re.search(r"\b(?:19|20)\d\d\b", words):
        return when
    try:
        return when.replace(year=when.year - 1)
    except ValueError:  # 29 February
        return when.replace(year=when.year - 1, day=28)


MONTH_OR_YEAR = re.compile(
    r"^(?:in|back\s+in|during)\s+(?:(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?:\s+(?P<y1>(?:19|20)\d\d))?|(?P<y2>(?:19|20)\d\d))\b"
)


def month_or_year(words: str, published: date | None) -> Anchor | None:
    """ "in June" (the last June before publication), "in June 2021", "in 2019": when they last met."""
    m = MONTH_OR_YEAR.match(words)
    if not m:
        return None
    if m.group("y2"):
        return Anchor(date(int(m.group("y2")), 1, 1), "year", words)
    month = MONTHS.index(m.group("month")) + 1
    if m.group("y1"):
        return Anchor(date(int(m.group("y1")), month, 1), "month", words)
    if published is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return Anchor(date(year, month, 1), "month", words)


def month_or_year_within(words: str, published: date | None) -> Anchor | None:
    """ "in Lisbon in 2022", "at the summit in June 2021": the month or year that ends the words
    after a place or an occasion; the anchor keeps all the words."""
    for m in re.finditer(r"\b(?:in|back\s+in|during)\s", words):
        tail = words[m.start() :]
        found = MONTH_OR_YEAR.fullmatch(tail) and month_or_year(tail, published)
        if found:
            return Anchor(found.date, found.precision, words)
    return None


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def period_anchor(period: str, published: date | None, words: str) -> Anchor | None:
    if published is None:
        return Anchor(None, "", words)
    if period.lower() == "year":
        return Anchor(date(published.year, 1, 1), "day", words)
    if period.lower() == "month":
        return Anchor(published.replace(day=1), "day", words)
    return None
