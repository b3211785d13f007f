"""The shapes of language that claim something about the time between two people's contacts.

Each shape is a pattern of English, not of one publisher: "their first call in more than a month",
"the longest gap since <anchor>", "the first visit since <anchor>", "their second call since the
start of the war", "our twelfth meeting", "the first time they met", "have not spoken in two
years", "have not seen each other since 2019", "last met in Lisbon", "the highest-level contact
since <anchor>", "the second videoconference this year". ``shapes_in`` finds them in one sentence;
who the claim is about and which contact ends the gap is decided by ``gap_claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.rules import IN_PERSON, REMOTE

from . import claim_terms as terms
from .claim_terms import (
    DURATION,
    NUMBER,
    ORDINAL,
    ORDINAL_WORDS,
    Anchor,
    anchor_at,
    comparison_of,
    duration_of,
    month_or_year,
    month_or_year_within,
    number_value,
    ordinal_value,
    period_anchor,
)
from .dates import DateHit
from .spans import longest_without_overlaps
from .text import whole_words_any_case
from .vocabulary import MONTH_NAMES, WEEKDAY_NAMES

# What a contact is called ("the first time" is NTH_TIME's); its first letter tested first, for speed.
CONTACT_NOUN = (
    r"(?=[cdefgimpstv])(?:phone\s+calls?|telephone\s+(?:calls?|conversations?)|video\s*(?:calls?|conferences?)|videoconferences?"
    r"|calls?|conversations?|meetings?|contacts?|talks|interactions?|encounters?|visits?|summits?|exchanges?"
    r"|discussions?|trips?|face-to-face|conversation|get-togethers?|sit-downs?|engagements?)"
)
# Words between an ordinal and its noun ("first in-person meeting"), never the words that time it.
MODIFIERS = r"(?:(?!(?:since|in|with|between)\b(?!-))[\w-]+\s+){0,3}?"
WITH_WHOM = r"(?:\s+(?:between|with|of)\s+[^.;,]{0,60}?)?"
HAVE_NOT = terms.HAVE + r"(?:n['’]t|\s+not|\s+never)\s+(?:yet\s+|once\s+|even\s+)?"
CONTACT_PARTICIPLE = (
    r"(?P<verb>met|spoken|talked|seen(?:\s+(?:each\s+other|one\s+another))?|been\s+in\s+(?:touch|contact)|held\s+talks"
    r"|visited|had\s+(?:a\s+)?(?:phone\s+call|call|meeting|talks|conversation)|spoke|sat\s+down\s+together"
    r"|held\s+(?:a\s+)?(?:summit|meeting|talks|phone\s+call|call))"
)
CONTACT_PAST = (
    r"(?P<verb>met|spoken|spoke|talked|saw\s+each\s+other|held\s+talks|visited|were\s+in\s+touch|had\s+(?:a\s+)?"
    r"(?:phone\s+call|call|meeting|talks|conversation)|sat\s+down\s+together|were\s+together)"
)

ORDINAL_NOUN = re.compile(rf"\b(?P<ord>{ORDINAL})(?:[- ]ever)?\s+{MODIFIERS}(?P<noun>{CONTACT_NOUN})\b", re.I)
# What may follow a contact noun in the same clause ("with you", "between the two leaders") before the
# words that time the claim; a verb there ("was in 2019") dates another contact instead.
# "her first visit to Norvania as prime minister": the first since she took office
AS_OFFICE = (
    r"(?P<as_office>as\s+(?:(?:the|its|his|her|their)\s+)?(?:new\s+)?(?:president|prime\s+minister|chancellor|premier"
    r"|head\s+of\s+(?:state|government)|leader)\b(?!\s+of\b))"
)
TAIL = re.compile(
    rf"(?P<between>(?:[^.;,:!?“”\"]|(?<=\b[A-Z])\.){{0,60}}?)\s*\b(?:(?:in|for)\s+(?P<dur>{DURATION})\b|(?:since|after)\s+(?P<since>)"
    r"|(?:so\s+far\s+)?(?:this|of\s+the|of\s+this)\s+(?P<period>year|month|week)\b"
    rf"|{AS_OFFICE})",
    re.I,
)
# The noun said once, as the subject: "The call was the first since 2019", "the talks were their first
# in a year", "the meeting was the first of its kind since ...", "the visit is the first by a ... since".
NOUN_THEN_ORDINAL = re.compile(
    rf"\b(?P<noun>{CONTACT_NOUN})\b(?:\s+[\w'’-]+){{0,4}}?\s+(?:was|were|is|are|marked|marks|will\s+be|would\s+be)\s+"
    rf"(?:the|their|its|our|the\s+(?:two\s+)?(?:leaders|presidents|men|women)['’])\s+(?P<ord>{ORDINAL})(?:\s+(?:one|such|of\s+its\s+kind))?(?=\s+(?:since|in|for|this|between"
    r"|with|by|of|so\s+far)\b)",
    re.I,
)
# The noun left out after a contact: "..., the first by a Norvanian leader since 1962", "..., their
# first since January", "..., a first in more than a year".
FIRST_BY = re.compile(
    rf",\s+(?:the|their|a)\s+(?P<ord>{ORDINAL})(?=\s+(?:by\s+(?:a|an|the)\s|since\s|in\s+(?:{terms.COMPARATOR}\s+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d)))",
    re.I,
)
# Who owns a count: "our 12th meeting", "the two leaders' fifth call".
PAIR_OWNER = re.compile(
    r"\b(?:our|their|the\s+(?:two\s+)?(?:leaders|presidents|prime\s+ministers|heads\s+of\s+state|men|women)['’])\s+$",
    re.I,
)
# A count named with its pair after the noun: "the fifth meeting between the Vice President and President
# Tol", "the 12th meeting with you"; a round between delegations or a body's session is no leaders' count.
PAIR_AFTER = re.compile(r"\s+(?:between|with)\s+(?P<who>[^.;,:!?“”\"]{1,60})")
PAIR_WORDS = re.compile(
    r"\b(?:the\s+two|both|(?i:leaders|presidents|prime\s+ministers|heads\s+of\s+(?:state|government))|you|us|him|her"
    r"|them)\b|(?<!\bthe\s)(?<!\bThe\s)\b[A-Z][\w'’-]+"
)
FIRST_AS_COMPLEMENT = re.compile(r"\b(?:it|this|that)\s+(?:was|is|marked|marks|will\s+be)\s+(?:the|their)\s+$", re.I)
NOT_PEOPLE = re.compile(
    r"\b(?:delegations?|representatives|advis[eo]rs|(?<!prime\s)ministers|officials|commissions?|councils?|format"
    r"|working\s+groups?|investors|business|experts|students|governors?|members)\b",
    re.I,
)
NOT_THE_PAIRS = re.compile(r"\s+(?:abroad|overseas|outside|of\s+(?:the|a)\s+(?:year|season))\b", re.I)
OF_THE_YEAR = re.compile(r"\s+of\s+the\s+year\b", re.I)
ONE_MANS_TRIP = re.compile(rf"{terms.ABROAD}\s+(?:trip|visit|tour|travel)", re.I)
VERB_BETWEEN = re.compile(
    whole_words_any_case("was were is came took held happened had has have will would".split()), re.I
)
NTH_TIME = re.compile(rf"{terms.THE_OR_FOR}\s+(?P<ord>{ORDINAL})\s+time\b(?P<rest>[^.;]{{0,100}})", re.I)
# "the first Norvanian leader to visit Estralia since 1962", "the first president to meet ... in 20 years"
FIRST_TO = re.compile(
    rf"{terms.FIRST}\s+(?:[\w-]+\s+){{0,3}}?(?:leader|president|prime\s+minister|head\s+of\s+(?:state|government)|chancellor"
    r"|premier|monarch|king|queen|official)\s+(?:ever\s+)?to\s+(?:visit|meet|travel\s+to|hold\s+talks|set\s+foot)\b",
    re.I,
)
# "It has been two years since the leaders last met"; "five times since 2019" counts the contacts.
BEEN_SINCE = re.compile(
    rf"{terms.IT_HAS}\s+been\s+(?:(?P<dur>{DURATION})\s+since\b"
    r"(?=[^.;]{0,80}?\b(?:last\s+)?(?:met|spoke|talked|visited|were\s+in\s+touch|held\s+talks)\b)"
    # "it has been a long time since we met": a long silence of no stated length, the pair as subject
    r"|(?P<vague>a\s+(?:very\s+)?long\s+time|a\s+while|ages|quite\s+some\s+time|so\s+long)\s+since\s+(?:we|they"
    r"|the\s+two(?:\s+\w+)?|you\s+and\s+I|the\s+leaders)\s+(?:last\s+)?(?:met|spoke|talked|saw\s+each\s+other"
    r"|were\s+in\s+touch)\b)",
    re.I,
)
TIMES_SINCE = re.compile(
    rf"{terms.HAVE}\s+(?:now\s+|already\s+)?(?:met|spoken|talked|held\s+talks)\s+(?P<num>{NUMBER})\s+times\b"
    r"(?P<rest>[^.;]{0,60})",
    re.I,
)
# Not "called on Russia to ...", "talking about it", "spoke of": speech about something, no contact.
# A day after "on" ("spoke on Sunday"), where "on" would otherwise mean a topic ("spoke on climate").
_ON_A_DAY = rf"on\s+(?:{'|'.join(WEEKDAY_NAMES + MONTH_NAMES)}|\d|the\s+(?:tele)?phone\b)"
CONTACT_VERB = (
    r"(?:(?:met|meet|meeting)(?!\s+(?:about|of)\b)"
    # "spoke on Sunday", "talked for an hour" are calls; "spoke on climate", "spoke for the nation" are speeches.
    rf"|(?:spoke|spoken|speak|speaking|talked|talk|talking)(?!\s+(?:(?!{_ON_A_DAY})on|for(?!\s+(?:an?\s+hour"
    r"|about|nearly|almost|more|over|\d|the\s+first))|upon|about|of)\b)"
    r"|called(?!\s+(?:on|for|upon|about|of)\b)"  # "called on Russia to", "called for" are no calls
    r"|visited|visit|visiting|held\s+talks|phoned|sat\s+down|hosted|received|seen\s+each\s+other|saw\s+each\s+other)"
)
# After "the first time": a few words of subject, then the contact verb ("the first time the two have met").
FIRST_TIME_AFTER = re.compile(
    rf"(?:\s+that)?(?:\s+[\w'’.-]+){{0,12}}?\s+(?:have\s+|has\s+|had\s+|are\s+|were\s+|will\s+)?{CONTACT_VERB}\b", re.I
)
# Before "for the first time": the contact verb and a few words ("met in the capital for the first time").
FIRST_TIME_BEFORE = re.compile(rf"\b{CONTACT_VERB}\b(?:\s+[\w'’.-]+){{0,12}}\s*$", re.I)
TIME_WORDS = re.compile(
    rf"\b(?:since\s+(?P<since>)|in\s+(?P<dur>{DURATION})\b|this\s+(?P<period>year|month|week)\b|{AS_OFFICE})", re.I
)
LONGEST = re.compile(
    rf"{terms.LONGEST}\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>gap|stretch|period|time|pause|silence|interval|lull|break|spell"
    r"|absence|hiatus)\b(?P<between>[^.;]{0,60}?)\bsince\s+",
    re.I,
)
# A "longest stretch" is about contacts when it says so ("without a call", "between their meetings"); a
# gap, pause or silence is, unless it is of something else ("the longest period of calm").
ABOUT_CONTACT = re.compile(
    rf"\b(?:{CONTACT_NOUN}|without|apart|between|speaking|talking|meeting|in\s+touch|contact)\b", re.I
)
HIGHEST_LEVEL = re.compile(
    rf"{terms.HIGHEST}\s+{MODIFIERS}(?P<noun>{CONTACT_NOUN}|delegation|visitor"
    r"|official)\b[^.;]{0,60}?\bsince\s+",
    re.I,
)
PRESENT_PERFECT = re.compile(r"\s*(?:it\s+)?(?:have|has|it['’]s)\b", re.I)
NOT_SINCE = re.compile(
    rf"{HAVE_NOT}{CONTACT_PARTICIPLE}\b(?P<obj>[^.;]{{0,50}}?)\s+(?:(?P<since>since)\s+|(?:in|for)\s+(?P<dur>{DURATION})\b"
    r"|(?P<vague>(?:for|in)\s+(?:a\s+(?:long|very\s+long)\s+(?:time|while)|a\s+while|ages|quite\s+some\s+time|so\s+long"
    r"|some\s+time|a\s+long\s+period))\b)",
    re.I,
)
LAST = re.compile(
    rf"\b(?:last|previously)\s+{CONTACT_PAST}\b|\b(?:their|the|our)\s+(?:last|previous|most\s+recent)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?P<noun>{CONTACT_NOUN})(?:\s+(?:between|with)\s+[^.;,]{{1,60}}?)?\s+(?:was|were|came"
    r"|took\s+place)\b"
    r"|\bthe\s+last\s+time\s+(?:that\s+)?(?:they|we|the\s+two(?:\s+\w+)?|the\s+leaders)\s+(?:met|spoke|talked)\b",
    re.I,
)
# What may follow "last met": a date, "in <place>", "a few weeks ago", "in June".
LAST_WHEN = re.compile(
    r"\s*(?:(?:was|were|came|took\s+place)\s+)?"
    r"(?P<when>(?:(?:in|at|on|during|back\s+in)\s+)?[^.;,]{1,60}?)(?=\s*(?:[.;,]|$|\s+(?:and|but|when|where|to|for|as)\b))",
    re.I,
)
DAYS_AFTER = re.compile(
    rf"\b(?P<num>{NUMBER})\s+(?P<unit>days?|weeks?|months?)\s+after\s+(?:(?:their|the|a|his|her|our)\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{CONTACT_NOUN}\b",
    re.I,
)
# "ending a two-year freeze", "after an 18-month hiatus", "after a gap of two years", "after more than a
# year without talks": the silence the contact broke.
PAUSE = r"(?:freeze|hiatus|gap|pause|silence|break|lull|halt|chill)"
# "a 10-day break in the fighting" pauses something else; "a freeze in relations" or "in talks" is theirs.
PAUSE_OF_OTHER = re.compile(
    r"\s+(?:in|of|from|for)\s+(?!(?:the\s+)?(?:talks|contacts?|relations|ties|dialogue|meetings|calls|their|direct"
    r"|high-level|diplomatic|bilateral|top-level)\b)",
    re.I,
)
SILENCE_ENDED = [
    re.compile(
        rf"{terms.ENDING}\s+(?:(?:a|an|the|their|its)\s+)?"
        rf"(?:(?P<cmp>nearly|almost|more\s+than|over|about|roughly)\s+)?(?P<num>{NUMBER})[- ](?P<unit>day|week|month"
        rf"|year|decade)s?(?:-long)?\s+{PAUSE}\b",
        re.I,
    ),
    # "ending nearly two years of silence", "ending two years without talks"
    re.compile(
        rf"{terms.ENDING}\s+(?:(?:more\s+than\s+)?(?:a|an|the|their|its)\s+)?"
        rf"(?:(?P<cmp>nearly|almost|more\s+than|over|about|roughly)\s+)?(?P<num>{NUMBER})\s+(?P<unit>day|week|month"
        rf"|year|decade)s?\s+(?:of\s+{PAUSE}|without\s+(?:direct\s+|high-level\s+)?(?:talks|contacts?|meetings?|calls?"
        r"|dialogue|conversations?))\b",
        re.I,
    ),
    re.compile(rf"{terms.AFTER}\s+(?:a\s+)?{PAUSE}\s+of\s+{DURATION}\b", re.I),
    # "breaking months of silence", "after years without talks": a gap of no stated length
    re.compile(
        rf"{terms.ENDING}\s+(?:the\s+)?(?:(?:several|many)\s+)?(?P<vague>weeks|months|years|decades)\s+(?:of\s+{PAUSE}"
        r"|without\s+(?:direct\s+|high-level\s+)?(?:talks|contacts?|meetings?|calls?|dialogue|conversations?))\b",
        re.I,
    ),
    re.compile(
        rf"{terms.AFTER}\s+{DURATION}\s+(?:without|of\s+no)\s+(?:direct\s+|high-level\s+)?(?:talks|contacts?|meetings?"
        r"|calls?|dialogue|conversations?)\b",
        re.I,
    ),
]
# Every pattern above holds one of these words; sentences without one are skipped.
CUE_WORDS = [
    "first", "longest", "last", "previous", "previously", r"most\s+recent", "highest", r"most\s+senior",
    r"ha(?:ve|s|d)(?:n['’]t|\s+not|\s+never)", "after", "times", "been", "ending", "ended", "ends", "end",
    "breaking", "broke", "breaks", "following", r"\d\d{0,2}(?:st|nd|rd|th)",
    *(w for w in ORDINAL_WORDS if w != "first"),
]  # fmt: skip


CUE = re.compile(whole_words_any_case(CUE_WORDS))
# The cue words a sentence holds, each family of shapes tried only where its own cue is: most
# sentences with a cue hold one or two, and every pattern tried costs a scan of the sentence.
NTH = "<nth>"  # "12th"
HAVE_NOT_CUE = "<have not>"  # "haven't", "has not", "had never"
ORDINAL_CUES = frozenset(ORDINAL_WORDS) | {NTH}
LAST_CUES = frozenset(["last", "previous", "previously", "most recent"])
HIGHEST_CUES = frozenset(["highest", "most senior"])
ENDING_CUES = frozenset("ending ended ends end breaking broke breaks after following".split())
ALL_CUES = ORDINAL_CUES | LAST_CUES | HIGHEST_CUES | ENDING_CUES | {"longest", "been", "times", HAVE_NOT_CUE}


def cues_in(text: str, start: int, end: int) -> set[str]:
    """The cue words (CUE_WORDS) in ``text[start:end]``, lower-cased, a written ordinal as NTH and
    a negated "have" as HAVE_NOT_CUE; every cue (ALL_CUES) for a word with a letter the patterns
    fold otherwise than ``str.lower`` ("ſeventh")."""
    out = set()
    for m in CUE.finditer(text, start, end):
        word = m.group().lower()
        if not word.isascii():
            return set(ALL_CUES)
        if word[0].isdigit():
            out.add(NTH)
        elif word.startswith("ha"):
            out.add(HAVE_NOT_CUE)
        else:
            out.add(" ".join(word.split()))
    return out


@dataclass
class Shape:
    comparison: str  # more_than|at_least|exactly|less_than|first_since|longest_since|ordinal|last_contact
    start: int
    end: int
    duration_days: int | None = None
    duration_months: int | None = None
    ordinal: int | None = None
    anchor: Anchor | None = None
    last_when: str | None = None  # "last met in Lisbon": "in Lisbon"
    noun: str | None = None  # the kind of contact the claim counts ("videoconference")
    # "have not met since", "it has been two years since": the silence runs up to the time of writing
    up_to_now: bool = False
    elided: bool = False  # ", the first by a ... since": the sentence's own contact is the one counted


REMOTE_NOUN = re.compile(r"call|phone|telephone|video|conference|conversation", re.I)
IN_PERSON_NOUN = re.compile(r"meeting|visit|summit|trip|face-to-face|encounter|sit-down|get-together", re.I)


def kind_class_of_noun(noun: str | None) -> str | None:
    """The kind class a claim counts ("the second videoconference": remote contacts); None for any
    contact ("talks", "contacts", "interaction")."""
    if not noun:
        return None
    if REMOTE_NOUN.search(noun):
        return REMOTE
    if IN_PERSON_NOUN.search(noun):
        return IN_PERSON
    return None


def _timed(shape: Shape, m: re.Match, text: str, end: int, dates, published) -> Shape | None:
    """Complete ``shape`` from the duration, "since", period or year that follows the contact noun."""
    g = m.groupdict()
    if g.get("dur"):
        half = "half" in g["dur"].lower()
        shape.duration_days, shape.duration_months = duration_of(g.get("num"), g["unit"], half)
        if shape.ordinal == 1:
            shape.comparison, shape.ordinal = comparison_of(g.get("cmp")), None
    elif g.get("since") is not None:
        shape.anchor = anchor_at(text, m.end(), end, dates, published)
        if shape.anchor is None:
            return None
        shape.end = m.end() + len(shape.anchor.text)
        if shape.ordinal == 1:
            shape.comparison, shape.ordinal = "first_since", None
    elif g.get("period"):
        shape.anchor = period_anchor(g["period"], published, f"this {g['period'].lower()}")
    elif g.get("as_office"):
        shape.anchor = Anchor(None, "", " ".join(g["as_office"].split()))
        if shape.ordinal == 1:
            shape.comparison, shape.ordinal = "first_since", None
    return shape


def shapes_in(text: str, start: int, end: int, dates: list[DateHit], published: date | None) -> list[Shape]:
    """Every claim shape in ``text[start:end]`` (one sentence), in order."""
    cues = cues_in(text, start, end)
    if not cues:
        return []
    out: list[Shape] = []
    if not cues.isdisjoint(ORDINAL_CUES):
        out += _ordinal_shapes(text, start, end, dates, published)
    out += _firsts_to_visit_and_counts(text, start, end, dates, published, cues)
    if "longest" in cues or not cues.isdisjoint(HIGHEST_CUES):
        for pattern, comparison in ((LONGEST, "longest_since"), (HIGHEST_LEVEL, "first_since")):
            for m in pattern.finditer(text, start, end):
                if pattern is LONGEST and not _longest_about_contacts(m):
                    continue
                anchor = anchor_at(text, m.end(), end, dates, published)
                if anchor:
                    out.append(Shape(comparison, m.start(), m.end() + len(anchor.text), anchor=anchor))
    if HAVE_NOT_CUE in cues:
        out += _not_since_shapes(text, start, end, dates, published)
    if not cues.isdisjoint(LAST_CUES):
        out += _last_contact_shapes(text, start, end, dates, published)
    if not cues.isdisjoint(ENDING_CUES):
        out += _silence_ended_shapes(text, start, end, "after" in cues)
    return longest_without_overlaps(out)


def _ordinal_shapes(text: str, start: int, end: int, dates: list[DateHit], published: date | None) -> list[Shape]:
    """ "their first call in more than a month", "the call was the first since", "the first time ..."."""
    out: list[Shape] = []
    for m in ORDINAL_NOUN.finditer(text, start, end):
        n = ordinal_value(m.group("ord"))
        if n is None:
            continue
        owned = PAIR_OWNER.search(text[max(start, m.start() - 30) : m.start()])
        one_mans = ONE_MANS_TRIP.search(m.group(0)) or (
            NOT_THE_PAIRS.search(text, m.end(), m.end() + 12) and not (owned and OF_THE_YEAR.match(text, m.end()))
        )
        if m.group("noun")[0].isupper() or one_mans:
            continue  # "the first Russia-Africa Summit" names an event; "his second visit abroad" is one man's
        shape = Shape("ordinal", m.start(), m.end(), ordinal=n, noun=m.group("noun").lower())
        tail = TAIL.match(text, m.end(), end)
        if tail and VERB_BETWEEN.search(tail.group("between")):
            tail = None
        if tail is None:
            # "their first meeting" alone is a claim only as "the first-ever ..."; "our 12th meeting"
            # (an ordinal above one, owned by the pair) is one by itself.
            ever = "ever" in m.group(0).lower() or (n == 1 and _first_between_the_pair(text, start, end, m))
            if not (ever or (n > 1 and (owned or _pair_named_after(text, m.end(), end)))):
                continue
            out.append(shape)
            continue
        shape.end = tail.end()
        shape = _timed(shape, tail, text, end, dates, published)
        if shape:
            out.append(shape)
    for m in NOUN_THEN_ORDINAL.finditer(text, start, end):
        tail = TAIL.match(text, m.end(), end)
        n = ordinal_value(m.group("ord"))
        if n is None or tail is None or VERB_BETWEEN.search(tail.group("between")) or m.group("noun")[0].isupper():
            continue
        shape = Shape("ordinal", m.start(), tail.end(), ordinal=n, noun=m.group("noun").lower())
        shape = _timed(shape, tail, text, end, dates, published)
        if shape:
            out.append(shape)
    for m in FIRST_BY.finditer(text, start, end):
        tail = TAIL.match(text, m.end(), end)
        if tail is None or VERB_BETWEEN.search(tail.group("between")) or ordinal_value(m.group("ord")) is None:
            continue
        shape = Shape("ordinal", m.start("ord"), tail.end(), ordinal=ordinal_value(m.group("ord")), elided=True)
        if shape := _timed(shape, tail, text, end, dates, published):
            out.append(shape)
    for m in NTH_TIME.finditer(text, start, end):
        before = text[max(start, m.start() - 90) : m.start()]  # "spoke with <two titled names> on Monday"
        before = re.split(r"[,;:“”\"]", before)[-1]
        after = re.split(r"[,;:“”\"]|\b(?:because|but|which|when|where|although|while)\b", m.group("rest"))[0]
        verb = FIRST_TIME_BEFORE.search(before) or FIRST_TIME_AFTER.match(after)
        if not verb or re.search(r"\bnot\s+$", text[max(start, m.start() - 5) : m.start()]):
            continue  # "not for the first time" claims no first
        tail = TIME_WORDS.search(text, m.start("rest"), m.end("rest"))
        if tail is None and re.search(r"\bvisit", verb.group(0), re.I):
            continue  # "visiting the country for the first time": a first visit to a place, not to a person
        n = ordinal_value(m.group("ord"))
        shape = Shape("ordinal", m.start(), m.start("rest") + len(after.rstrip()), ordinal=n)
        if tail is not None:
            shape.end = tail.end()
            shape = _timed(shape, tail, text, end, dates, published)
            if shape is None:
                continue
        out.append(shape)
    return out


def _not_since_shapes(text: str, start: int, end: int, dates: list[DateHit], published: date | None) -> list[Shape]:
    """ "have not spoken in two years", "haven't met since 2019", "have not seen each other for a long time"."""
    out: list[Shape] = []
    for m in NOT_SINCE.finditer(text, start, end):
        if m.group("verb").lower().startswith(("seen", "visited")) and not _about_people(
            m.group("obj"), m.group("verb")
        ):
            continue
        shape = Shape("at_least", m.start(), m.end(), up_to_now=PRESENT_PERFECT.match(m.group(0)) is not None)
        shape = _timed(shape, m, text, end, dates, published)
        if shape is None:
            continue
        if shape.anchor is not None:
            shape.comparison = "first_since"
        elif shape.duration_days is None and shape.duration_months is None and not m.group("vague"):
            continue  # "for several years": a length too vague to check and no long silence claimed
        elif m.group("vague") and m.group("verb").lower() == "seen":
            continue  # "I have not seen you in a long while": a greeting, said to anyone
        out.append(shape)
    return out


def _last_contact_shapes(text: str, start: int, end: int, dates: list[DateHit], published: date | None) -> list[Shape]:
    """ "last met in Lisbon", "their previous call was on ...", "the last time they spoke"."""
    out: list[Shape] = []
    for m in LAST.finditer(text, start, end):
        when = LAST_WHEN.match(text, m.end(), end)
        words = " ".join(when.group("when").split()) if when else ""
        hit = next((h for h in dates if m.end() <= h.start <= m.end() + 40), None)
        anchor = (
            Anchor(hit.date, hit.precision, words)
            if hit
            else month_or_year(words, published) or month_or_year_within(words, published)
        )
        if anchor is None and not words:
            continue
        noun = (m.group("noun") or "").lower() or None  # "their previous call was": calls are counted
        stop = when.end() if when else m.end()
        out.append(Shape("last_contact", m.start(), stop, anchor=anchor, last_when=words, noun=noun))
    return out


def _silence_ended_shapes(text: str, start: int, end: int, after: bool) -> list[Shape]:
    """ "ending a two-year freeze", "after a gap of two years", "breaking months of silence", and (with
    ``after``, the word said) "two weeks after their last call"."""
    out: list[Shape] = []
    for m in (m for pattern in SILENCE_ENDED for m in pattern.finditer(text, start, end)):
        g = m.groupdict()
        if g.get("vague"):
            if not PAUSE_OF_OTHER.match(text, m.end()):
                out.append(Shape("at_least", m.start(), m.end()))  # how long is not said: not checkable
            continue
        days, months = duration_of(g["num"], g["unit"], "half" in m.group(0).lower())
        if (days or months) and not PAUSE_OF_OTHER.match(text, m.end()):
            comparison = comparison_of(g["cmp"])
            out.append(Shape(comparison, m.start(), m.end(), duration_days=days, duration_months=months))
    if after:
        for m in DAYS_AFTER.finditer(text, start, end):
            days, months = duration_of(m.group("num"), m.group("unit"))
            if days or months:
                out.append(
                    Shape("exactly", m.start(), m.end(), duration_days=days, duration_months=months, noun="after")
                )
    return out


def _firsts_to_visit_and_counts(text: str, start: int, end: int, dates, published, cues: set[str]) -> list[Shape]:
    out = []
    for m in FIRST_TO.finditer(text, start, end) if "first" in cues else ():
        tail = TIME_WORDS.search(text, m.end(), min(end, m.end() + 60))
        if tail is None and "ever" not in m.group(0).lower():
            continue
        shape = Shape("ordinal", m.start(), m.end(), ordinal=1, noun="visit")
        if tail is not None and not re.search(r"[,;:]", text[m.end() : tail.start()]):
            shape.end = tail.end()
            shape = _timed(shape, tail, text, end, dates, published)
        if shape:
            out.append(shape)
    for m in BEEN_SINCE.finditer(text, start, end) if "been" in cues else ():
        now = PRESENT_PERFECT.match(m.group(0)) is not None
        if m.group("vague"):
            out.append(Shape("at_least", m.start(), m.end(), up_to_now=now))
            continue
        half = "half" in m.group("dur").lower()
        days, months = duration_of(m.group("num"), m.group("unit"), half)
        if days or months:
            comparison = comparison_of(m.group("cmp"))
            out.append(Shape(comparison, m.start(), m.end(), duration_days=days, duration_months=months, up_to_now=now))
    for m in TIMES_SINCE.finditer(text, start, end) if "times" in cues else ():
        n = number_value(m.group("num"))
        if n is None or n < 2:
            continue
        shape = Shape("ordinal", m.start(), m.end("num") + 6, ordinal=n)
        tail = TIME_WORDS.match(text, m.start("rest") + len(m.group("rest")) - len(m.group("rest").lstrip()), end)
        if tail is not None:
            shape.end = tail.end()
            shape = _timed(shape, tail, text, end, dates, published)
        if shape:
            out.append(shape)
    return out


def _pair_named_after(text: str, pos: int, end: int, whole_clause: bool = False) -> bool:
    after = PAIR_AFTER.match(text, pos, end)
    if whole_clause and after and not re.match(r"\s*(?:[.;,!?]|$)", text[after.end() : end]):
        return False
    return bool(after and PAIR_WORDS.search(after.group("who")) and not NOT_PEOPLE.search(after.group("who")))


def _first_between_the_pair(text: str, start: int, end: int, m: re.Match) -> bool:
    """ "It was the first meeting between Varen and Tol.": the first ever, said of the contact just
    reported; "the first meeting between them took place in 2019" dates an earlier one instead."""
    before = FIRST_AS_COMPLEMENT.search(text[max(start, m.start() - 30) : m.start()])
    return bool(before) and _pair_named_after(text, m.end(), end, whole_clause=True)


def _longest_about_contacts(m: re.Match) -> bool:
    between = m.group("between")
    if ABOUT_CONTACT.search(between):
        return True
    quiet = m.group("noun").lower() in ("gap", "pause", "silence", "lull", "hiatus", "absence", "break")
    return quiet and not re.match(r"\s*(?:of|in)\s+(?!(?:their|the\s+two|direct|high-level|leader))", between, re.I)


def _about_people(obj: str, verb: str) -> bool:
    """ "have not seen each other since" is about two people; "have not seen such crimes since" is not."""
    if "each other" in verb.lower() or "one another" in verb.lower():
        return True
    if verb.lower() == "seen":  # "not seen you since ...": whom; "the world has not seen for a long time": nobody
        return bool(re.match(r"\s*(?:you|him|her|them|[A-Z]\w+)\s*(?:in\s+person)?\s*$", obj))
    return bool(re.match(r"\s*(?:you|him|her|them|each\s+other|one\s+another|[A-Z]\w+)?\s*(?:in\s+person)?\s*$", obj))
