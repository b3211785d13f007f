"""Gap claims that give the time since an earlier contact: "less than a month since my first
official visit", "two weeks after their last call", "more than a year after the summit in Lisbon".

The duration is the gap the claim is about: between the contact the noun names and the one the
sentence reports. No "first" or "last" need be said, so these are searched apart from the cued
shapes of ``claim_shapes``.
"""

from __future__ import annotations

import re

from .claim_shapes import CONTACT_NOUN, Shape
from .claim_terms import DURATION, comparison_of, count_unsaid, duration_of

# Searched from each "since"/"after" (a pattern that opens with a duration would be tried at every word).
KEYWORD = re.compile(r"(?<![\w-])(?:[Ss]ince|[Aa]fter)\s+")
DURATION_BEFORE = re.compile(rf"\b{DURATION}\s+(?:since|after)\s+$", re.I)
CONTACT_AFTER = re.compile(
    rf"(?:(?:their|the|a|an|his|her|our|my|its)\s+)?(?:[\w-]+\s+){{0,3}}?(?P<noun>{CONTACT_NOUN})\b", re.I
)
UNIT_BEFORE = re.compile(r"(?:days?|weeks?|months?|years?|decades?|century|centuries|half)\s+$", re.I)
# "two years since the war began": the noun must be a contact; "a year since his visit to the front" is one.
CHEAP = ("since", "after")


def since_contact_shapes(text: str, start: int, end: int, low: str) -> list[Shape]:
    """Each "<duration> since/after <their ...> <contact noun>" in ``text[start:end]`` (``low``, lower-cased)."""
    if not any(w in low for w in CHEAP):
        return []
    out = []
    for k in KEYWORD.finditer(text, start, end):
        if not UNIT_BEFORE.search(text, max(start, k.start() - 12), k.start()):
            continue  # no "days", "months", "year" right before: most "since"s and "after"s
        m = DURATION_BEFORE.search(text, max(start, k.start() - 60), k.end())
        noun = CONTACT_AFTER.match(text, k.end(), end) if m else None
        if noun is None or noun.group("noun")[0].isupper():
            continue  # "a year after the Lisbon Summit" names an event
        days, months = duration_of(m.group("num"), m.group("unit"), "half" in m.group(0).lower())
        if not (days or months):
            if count_unsaid(m.group("num"), m.group("unit")):
                # "weeks after their last call": a gap of some weeks, its length not said
                out.append(Shape("at_least", m.start(), noun.end(), noun="after"))
            continue
        # "two weeks after their last call": that long; "less than a month since": a bound.
        comparison = comparison_of(m.group("cmp")) if m.group("cmp") else "exactly"
        out.append(Shape(comparison, m.start(), noun.end(), duration_days=days, duration_months=months, noun="after"))
    return out
