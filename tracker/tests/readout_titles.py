"""What a White House readout's title says it reports: the oracle for recall over ../shared/readouts.

"Readout of President Biden's Call with Prime Minister Ishiba of Japan" gives the kind class (call or
meeting), the two sides (the President or Vice President, and one named head of state or government).
Titles about several counterparts, domestic meetings, the National Security Advisor, or people
without a leader's title give a reason instead. Used by ``benchmarks/readouts_recall.py`` and the
shared ingestion test; never by the extractor, which reads the text.
"""

from __future__ import annotations

import re
import unicodedata

SUBJECT = (
    r"(?P<who>President\s+(?:Joseph\s+R\.\s+Biden,?\s+Jr\.?|Joseph\s+R\.\s+Biden|Joe\s+Biden|Biden"
    r"|Donald\s+J\.\s+Trump|Trump)|Vice\s+President\s+(?:Kamala\s+)?Harris|the\s+Vice\s+President)"
)
TITLE = re.compile(
    rf"^Readout\s+of\s+{SUBJECT}(?:['’]s?)?\.?\s+"
    r"(?P<kind>(?:Phone\s+|Telephone\s+|Video\s+|Secure\s+Video\s+|Virtual\s+|Bilateral\s+)?"
    r"(?:Call|Meeting|Pull[\s-]Aside))\s+with\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
LEADER_WORD = (
    r"(?:President|Prime\s+Minister|Chancellor|King|Queen|Amir|Emir|Crown\s+Prince|Taoiseach|Sultan|Sheikh"
    r"|His\s+Majesty|Her\s+Majesty|His\s+Highness|His\s+Holiness|Pope|Premier|Grand\s+Duke|Chief\s+Adviser"
    r"|Secretary[\s-]General|General\s+Secretary|Acting\s+President)"
)
# "[Republic of Korea] President [of Finland] Sauli Niinistö", "Crown Prince and Prime Minister X".
LEADER_TITLE = re.compile(
    rf"^(?:[A-Z][\w.'’-]*\s+(?:of\s+)?){{0,3}}?{LEADER_WORD}(?:\s+and\s+{LEADER_WORD})?(?:\s+{LEADER_WORD})?\s+"
    rf"(?:of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)+?(?=[A-Z]))?(?P<name>(?:[a-z]{1, 3}-)?[A-Z].*)$"
)
# "Leo Varadkar, the Taoiseach of Ireland"
NAME_THEN_TITLE = re.compile(rf"^(?P<name>[A-Z][^,]+),\s+the\s+{LEADER_WORD}\b")
HONORIFIC = {
    "sheikh",
    "sheikha",
    "king",
    "queen",
    "his",
    "her",
    "majesty",
    "highness",
    "holiness",
    "pope",
    "bin",
    "bint",
}
HONORIFIC |= {"al", "el", "de", "da", "von", "der", "van", "sir", "dr", "mr", "mrs", "ms", "jr", "sr", "ii", "iii"}
HONORIFIC |= {"prince", "crown", "sultan", "emir", "amir", "the", "of", "and"}
MULTI = re.compile(r"\band\b|\bLeaders\b|\bleaders\b|,\s*(?!Jr)|&", re.I)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def name_words(name: str) -> set[str]:
    words = re.findall(r"[\w'-]+", fold(name))
    return {w for w in words if len(w) > 1 and w not in HONORIFIC}


def same_person(oracle: set[str], found: set[str]) -> bool:
    """A shared name word; transliterations may differ by a final letter ("Zelenskyy", "Zelensky"), and
    hyphens by source ("Abdel-Fattah El Sisi", "Abdel Fattah El-Sisi")."""
    found = found | {p for w in found for p in w.split("-") if len(p) > 2}
    return any(
        a == b or (min(len(a), len(b)) >= 6 and (a.startswith(b) or b.startswith(a))) for a in oracle for b in found
    )


def expected_from_title(title: str):
    """(kind class, subject surname, counterpart name) or a reason the title is not scored."""
    title = " ".join(title.replace("\xa0", " ").split())
    m = TITLE.match(title)
    if not m:
        return None, "not a President/VP call or meeting"
    rest = re.sub(r"\s+(?:on|at|in|to|ahead|during|about|regarding)\s+.*$", "", m["rest"]).strip()
    named_first = NAME_THEN_TITLE.match(rest)
    if named_first:
        name = named_first["name"]
    else:
        if re.match(r"^(?:Former|Presumptive|Opposition)\b|-[Ee]lect\b|-Designate\b", rest):
            return None, "counterpart is not a named leader"
        leader = LEADER_TITLE.match(rest)
        if not leader:
            return None, "several counterparts" if MULTI.search(rest) else "counterpart is not a named leader"
        if MULTI.search(leader["name"]):
            return None, "several counterparts"
        name = re.sub(r"\s+of\s+(?:the\s+)?[A-Z][\w\s'’.-]*$", "", leader["name"]).strip()
    who = m["who"].lower()
    subject = "Harris" if "vice" in who else ("Trump" if "trump" in who else "Biden")
    kind = "call" if re.search(r"call|video|virtual", m["kind"], re.I) else "meeting"
    return (kind, subject, name), None
