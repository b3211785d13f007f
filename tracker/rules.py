"""Domain rules that hold everywhere: one definition each, plain Python without Django.

The extraction core, the models, the services and the timeline all import these, so a rule changes
in one place. Database-side spellings of the same rules (``Q`` objects) live beside the QuerySets
and say which rule here they mirror.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta

Pair = tuple[int, int]

# --- Offices ------------------------------------------------------------------------------------


def office_held_on(start: date | None, end: date | None, day: date) -> bool:
    """Whether an office running from ``start`` (inclusive) to ``end`` (exclusive: the successor's
    first day) was held on ``day``. An unknown bound does not exclude the day."""
    return (start is None or start <= day) and (end is None or day < end)


class Term(NamedTuple):
    """An office's bounds as the rules read them. ``start`` None: the start is unknown. ``end``
    (exclusive) None: still held, unless ``end_known`` is False (the record does not know when,
    or whether, it ended). A plain ``(start, end)`` pair is a term with a known end."""

    start: date | None
    end: date | None
    end_known: bool = True


def term_held_on(term: Term | tuple, day: date) -> bool | None:
    """Whether the office was held on ``day``: True or False when its bounds say so, None when an
    unknown bound leaves it open. (``office_held_on`` is the lenient reading: possibly held.)"""
    start, end, end_known = Term(*term)
    if (start is not None and day < start) or (end is not None and day >= end):
        return False
    if start is None or not end_known:
        return None
    return True


def still_in_office(offices: Iterable[Term | tuple], day: date) -> bool:
    """Whether someone is known to hold an office on ``day``; someone with no recorded office
    counts as in office (the record does not know otherwise). An office of unknown bounds does
    not make them so."""
    offices = list(offices)
    return not offices or any(term_held_on(term, day) is True for term in offices)


def office_left_on(offices: Iterable[Term | tuple], day: date) -> date | None:
    """The day someone left their last office, if they held offices and hold none on ``day``."""
    offices = [Term(*o) for o in offices]
    if still_in_office(offices, day):
        return None
    ends = [end for _, end, _ in offices if end is not None and end <= day]
    return max(ends) if ends else None


# Whether someone held office throughout a stretch of days (``office_cover``).
IN_OFFICE, OUT_OF_OFFICE, OFFICE_UNKNOWN = "yes", "no", "unknown"

Break = tuple[date | None, date | None]  # out of office from (None: always before) to (None: since)


def office_breaks(offices: Iterable[Term | tuple]) -> list[Break]:
    """The stretches in which someone held none of the offices whose bounds are known: from the
    day one ended (None: before the first began) to the day the next began (None: no later one)."""
    terms = [Term(*o) for o in offices]
    known = sorted((t.start, t.end or date.max) for t in terms if t.start is not None and t.end_known)
    if not known:
        return [(None, None)]
    breaks: list[Break] = [(None, known[0][0])]
    reach = known[0][1]
    for start, end in known[1:]:
        if start > reach:
            breaks.append((reach, start))
        reach = max(reach, end)
    if reach != date.max:
        breaks.append((reach, None))
    return breaks


def office_cover(offices: Iterable[Term | tuple], first: date, last: date) -> tuple[str, list[Break]]:
    """Whether someone held office on every day from ``first`` to ``last`` (inclusive):
    ``IN_OFFICE``; ``OUT_OF_OFFICE`` with the breaks that show it; or ``OFFICE_UNKNOWN`` (with the
    breaks in question) when no office is recorded or an office of unknown bounds may fill them."""
    offices = [Term(*o) for o in offices]
    if not offices:
        return OFFICE_UNKNOWN, []
    after_last = last + timedelta(days=1)
    breaks = [(s, e) for s, e in office_breaks(offices) if (s is None or s < after_last) and (e is None or e > first)]
    if not breaks:
        return IN_OFFICE, []
    vague = [t for t in offices if t.start is None or not t.end_known]

    def may_fill(brk: Break) -> bool:
        low, high = max(brk[0] or first, first), min(brk[1] or after_last, after_last)
        return any((t.start is None or t.start < high) and (t.end is None or t.end > low) for t in vague)

    certain = [b for b in breaks if not may_fill(b)]
    return (OUT_OF_OFFICE, certain) if certain else (OFFICE_UNKNOWN, breaks)


def pair_in_office(cover_a: tuple[str, list[Break]], cover_b: tuple[str, list[Break]]) -> str:
    """Both held office throughout: ``IN_OFFICE`` only if both did; out if either was out."""
    statuses = {cover_a[0], cover_b[0]}
    if OUT_OF_OFFICE in statuses:
        return OUT_OF_OFFICE
    return OFFICE_UNKNOWN if OFFICE_UNKNOWN in statuses else IN_OFFICE


# --- Pairs --------------------------------------------------------------------------------------


def pair_key(a: int, b: int) -> Pair:
    """A pair of people is stored lower id first, whichever way round it was named."""
    return (a, b) if a < b else (b, a)


# --- Months -------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clipped to the end of a shorter month."""
    return day + relativedelta(months=months)


def month_after(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return month_start(day) + relativedelta(months=1)


# --- Kinds of contact ---------------------------------------------------------------------------

REMOTE = "remote"
IN_PERSON = "in_person"
# Contacts of one class may be reports of the same event; a call and a meeting may not.
KIND_CLASS = {"phone_call": REMOTE, "video_call": REMOTE, "meeting": IN_PERSON, "visit": IN_PERSON}
# The corpus scorer's names for the two classes (FORMAT.md).
SCORED_CLASS = {REMOTE: "call", IN_PERSON: "meeting"}


def kind_class(kind: str) -> str:
    return KIND_CLASS.get(kind, kind)


def kinds_in_class(kind: str) -> list[str]:
    """Every kind of the class ``kind`` belongs to (``kind`` alone when it has no class)."""
    cls = kind_class(kind)
    return [k for k, c in KIND_CLASS.items() if c == cls] or [kind]


def scored_kind(kind: str) -> str:
    return SCORED_CLASS.get(kind_class(kind), "other")


# The Kremlin's "meeting, held via videoconference" is a video call: an in-person kind whose own
# evidence says it was held by video or phone is remote.
_REMOTE_WORDS = re.compile(
    r"\b(video\s*-?\s*conference|videoconference|video\s+link|video\s+call|by\s+video|virtual(?:ly)?|"
    r"tele(?:phone|conference)|phone\s+call|conference\s+call|by\s+phone|over\s+the\s+phone|spoke\s+by\s+phone)\b",
    re.IGNORECASE,
)


def kind_from_evidence(kind: str, evidence: str) -> str:
    """The kind a contact was, given the words that report it: ``kind`` unless it is in-person and
    the evidence says it was held remotely (then a video call, or a phone call).

    Extraction applies it (``ContactItem.kind``, with the source's own word in ``reported_kind``);
    ingest stores the kind it is given."""
    if kind_class(kind) == IN_PERSON and _REMOTE_WORDS.search(evidence or ""):
        return "video_call" if re.search(r"video|virtual", evidence, re.I) else "phone_call"
    return kind


# --- Text checks --------------------------------------------------------------------------------

_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it his has have are be this said "
    "an which their its not or president minister prime leaders".split()
)
_WORD = re.compile(r"[^\W\d_]+")
# English prose has ~25% of its words in the list above, other languages under 3%.
ENGLISH_SHARE = 0.08
WORD_PUNCTUATION = ".,;:!?\"'“”‘’()[]"  # no character of a word, for any pattern of words


def word_counts(text: str) -> tuple[int, int]:
    """(how many words, how many of them common English ones) in ``text``, lower-cased: the counts
    of ``_WORD.findall(text)``, most of them without the pattern. Each distinct token (a C-speed
    count: a text repeats most of its words) is read once: a run of letters never spans white space,
    and a token of letters only, once its punctuation is stripped, is one word; the pattern reads
    only the other tokens ("tol’s", "2024")."""
    words = common = 0
    for token, n in Counter(text.split()).items():
        token = token.strip(WORD_PUNCTUATION)
        if token.isalpha():
            words += n
            if token in _ENGLISH_WORDS:
                common += n
        elif token:
            found = _WORD.findall(token)
            words += n * len(found)
            common += n * sum(map(_ENGLISH_WORDS.__contains__, found))
    return words, common


def text_looks_english(text: str) -> bool:
    """Whether the text reads as English: enough of its words are the commonest English ones.

    Extraction's patterns are English; on other languages it finds nothing or nonsense. Ingest
    refuses such a text; the extraction core, called directly, warns about it.
    """
    words, common = word_counts(text[:20_000].lower())
    if words < 20:
        return True  # too short to judge; extraction will simply find little
    return common / words >= ENGLISH_SHARE


# --- Dates ahead of what they are read against ---------------------------------------------------

# Relative dates resolve against the publication date; a date ahead of today is a typo or a
# scheduled post, either way wrong to resolve against. One day of slack for time zones.
FUTURE_SLACK = timedelta(days=1)
# A report comes after the contact it reports: a held contact dated days after the article (or,
# without a publication date, after today) is a misread date (a dateline's year, a typo). A few
# days of slack for time zones and readouts dated when they were posted.
CONTACT_SLACK = timedelta(days=3)
# A planned contact lies ahead, but within a year and a bit: "next spring", not 2099.
PLANNED_HORIZON = timedelta(days=400)


# Names English writes after "the" ("President of the United States", "of the Netherlands"): those
# of a union, kingdom, republic or federation, and plural names. "Poland", "NATO", "Ukraine" take none.
_TAKES_THE = re.compile(
    r"\b(?:United|Republic|Kingdom|Federation|Union|Islands|Emirates|States|Council|Commission|Netherlands"
    r"|Philippines|Bahamas|Gambia|Maldives|Seychelles|Comoros|Holy\s+See)\b"
)


def country_in_text(name: str) -> str:
    """A country's or body's name as running text writes it after "of"."""
    return f"the {name}" if _TAKES_THE.search(name) and not name.lower().startswith("the ") else name


def later_than(day: date | None, reference: date | None, slack: timedelta) -> bool:
    """Whether ``day`` falls more than ``slack`` after ``reference`` (never, when either is unknown)."""
    return day is not None and reference is not None and day > reference + slack


def published_in_future(published: date | None, today: date) -> bool:
    return later_than(published, today, FUTURE_SLACK)


# --- Offices of one person recorded twice (merging two people) --------------------------------

OfficeSpan = tuple[date | None, date | None]  # (start, end); see ``office_held_on`` for the bounds


def offices_overlap(a: OfficeSpan, b: OfficeSpan) -> bool:
    """Whether two stretches of the same office share a day (an unknown start reaches back, an
    open end reaches forward)."""
    (a_start, a_end), (b_start, b_end) = a, b
    starts_before_b_ends = a_start is None or b_end is None or a_start < b_end
    starts_before_a_ends = b_start is None or a_end is None or b_start < a_end
    return starts_before_b_ends and starts_before_a_ends


def offices_conflict(a: OfficeSpan, b: OfficeSpan) -> bool:
    """Whether two records of the same office held by one person cannot both be true.

    Apart, they are two terms; the same stretch, or one that ends when the other does and
    starts within it (an article saw the holder in office on its date), is one term seen twice.
    Overlapping otherwise, they disagree about when the term ended or began."""
    return offices_overlap(a, b) and a[1] != b[1]


# --- Article text ---------------------------------------------------------------------------------

# A sentence's last mark, maybe inside closing quotes or brackets.
_ENDS_A_SENTENCE = re.compile(r"[.!?…]['\"’”)\]»]*\Z")


def text_looks_truncated(text: str, *, limit: int | None = None) -> str | None:
    """Why a stored article's text looks cut short ("ends mid-sentence: …"), or None.

    A text as long as the size ``limit`` was probably cut at it; one whose last line ends without
    a sentence's closing mark was probably cut mid-sentence (a short last line such as a
    dateline, a "###" or a signature is allowed)."""
    if limit is not None and len(text) >= limit:
        return f"the text is {len(text):,} characters, the size limit: it was probably cut there"
    last = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")
    if not last or len(last) < 40 or _ENDS_A_SENTENCE.search(last):
        return None
    return f"the text ends mid-sentence (“…{last[-40:]}”)"


def contact_after_its_report(day: date, reported: date, *, planned: bool = False) -> bool:
    """Whether a contact dated ``day`` cannot be what a report of ``reported`` describes: a held
    contact after the report (``CONTACT_SLACK``), a planned one beyond ``PLANNED_HORIZON``."""
    return later_than(day, reported, PLANNED_HORIZON if planned else CONTACT_SLACK)


# --- Source addresses ---------------------------------------------------------------------------

# The only addresses a source may have: pages are linked as "original", and any other scheme
# (``javascript:``, ``data:``, ``file:``) is a script or a local file, not a page.
# Bounds of every date a public URL, a filter or an imported row accepts: wide enough for any record
# of leaders, narrow enough that month arithmetic on them cannot leave the calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


WEB_SCHEMES = ("http", "https")


def url_is_web(url: str | None) -> bool:
    """Whether ``url`` is an absolute http or https address with a host."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
