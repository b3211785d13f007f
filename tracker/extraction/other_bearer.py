"""Whether a known person's surname, where it stands, names someone else who bears it.

"Speaker Tol" and "Speaker of the House Tol" are not Prime Minister Mira Tol (an office of another
kind); "Jon Tol" is not her (another given name), nor is "Tol Brandt" (her surname is his given
name). "Yulia and Dasha Tol" still names the known Yulia Tol.
"""

from __future__ import annotations

import re
from datetime import date

from .gazetteer import Gazetteer
from .names import names_compatible, person_name_clean
from .vocabulary import NOT_NAME, TITLES

# Titles by their folded words, to read the one a run of words ends with.
_TITLE_KEYS = frozenset(" ".join(t.split()).casefold() for t in TITLES)
# Their last words: a run that ends with none of them ends with no title (one set lookup instead
# of five joined phrases per known surname in the text).
_TITLE_LAST_WORDS = frozenset(k.split()[-1] for k in _TITLE_KEYS if k)
NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]+)")
GIVEN_NAME_SHAPE = re.compile(r"[A-Z\u00c0-\u024f][a-z\u00df-\u024f'’-]+")


def names_someone_else(text: str, gz: Gazetteer, published: date | None, start: int, end: int) -> bool:
    """Whether the known surname at [start, end) names another bearer than the one known person."""
    word = text[start:end]
    if " " in word.strip():
        return False
    bearers = gz.people_with_surname(word)
    if len({p.key for p in bearers}) != 1:
        return False
    known = bearers[0]
    after = NEXT_WORD.match(text, end)
    if after and _given_name(after.group(1), gz) and after.group(1) not in known.name:
        return True  # "Tol Brandt": the known Mira Tol's surname is this one's given name
    window = text[max(0, start - 60) : start]
    if not window.endswith((" ", "\t")):
        return False
    words = window.split()[-6:]
    given = words[-1] if words and _given_name(words[-1], gz) else ""
    title = _title_ending(words[:-1] if given else words)
    if title:
        return gz.title_contradicts(known, title, published)
    if not given:
        return False
    if len(words) >= 3 and words[-2] == "and" and names_compatible(known.name, f"{words[-3]} {word}"):
        return False  # "Yulia and Dasha Tol"
    return not names_compatible(known.name, f"{given} {word}")


def _given_name(word: str, gz: Gazetteer) -> bool:
    """Whether ``word`` can be a given name: not an acronym ("PM"), an office, a place or a demonym."""
    return (
        GIVEN_NAME_SHAPE.fullmatch(word) is not None
        and word not in NOT_NAME
        and person_name_clean(f"{word} X", gz) is not None
        and gz.country_named(word) is None
    )


def _title_ending(words: list[str]) -> str | None:
    """The longest title that ``words`` end with ("... the Speaker of the House"), or None."""
    if not words or words[-1].casefold() not in _TITLE_LAST_WORDS:
        return None
    for k in range(min(5, len(words)), 0, -1):
        phrase = " ".join(words[-k:])
        if phrase.casefold() in _TITLE_KEYS:
            return phrase
    return None
