"""Speakers named as the other one's counterpart: '"…," Lind's counterpart said', 'said his Norvanian
counterpart', "Lind's Norvanian counterpart said:". The speaker is the other participant of the
document's contacts with the one whose counterpart they are, when the text leaves only one.
"""

from __future__ import annotations

import re

from .context import Article
from .people import Entity
from .speakers import ADVERBS, SPEECH_VERB_ANY_CASE, VERB_BEFORE

# "his counterpart", "Lind's Norvanian counterpart": whose, and the speaker's country's adjective.
COUNTERPART = re.compile(
    r"(?:\b(?P<pronoun>[Hh]is|[Hh]er)|(?P<possessive>['’]s?))\s+(?:(?P<adj>[A-Z][\w-]*)\s+)?counterpart\b"
)
SAID_AFTER = re.compile(rf"\s*,?\s*{ADVERBS}{SPEECH_VERB_ANY_CASE}\b", re.I)
# "…," said his counterpart.' ends the clause there.
CLAUSE_END = re.compile(r"\s*(?:[,.;:]|$)")


def counterpart_events(article: Article, contacts, genders: dict[int, str]) -> list[tuple[int, Entity]]:
    """(position, speaker) for each counterpart that the text reports speaking and that resolves to one person.

    ``contacts`` are the document's found contacts (their ``entities``); ``genders`` what the text
    says of each person's gender (speakers.genders), read for "his"/"her" with no adjective.
    """
    text = article.text
    if "counterpart" not in text or not contacts:
        return []
    out = []
    for m in COUNTERPART.finditer(text):
        if article.in_quote(m.start()):
            continue
        said = SAID_AFTER.match(text, m.end()) or (
            VERB_BEFORE.search(text, max(0, m.start() - 25), m.start()) and CLAUSE_END.match(text, m.end())
        )
        if not said:
            continue
        speaker = _counterpart(article, m, contacts, genders)
        if speaker is not None:
            out.append((m.start(), speaker))
    return out


def _counterpart(article: Article, m: re.Match, contacts, genders: dict[int, str]) -> Entity | None:
    country = None
    if m.group("adj"):
        gz = article.gazetteer
        country = gz and (gz.country_of_demonym(m.group("adj")) or gz.country_named(m.group("adj")))
        if not country:
            return None  # "his Foreign Ministry counterpart": not a country's adjective
    groups = [c.entities for c in contacts if len(c.entities) >= 2]
    if m.group("possessive"):
        owner = next(
            (x.entity for x in article.mentions_in(max(0, m.start() - 80), m.start()) if x.end == m.start()), None
        )
        owners = [owner] if owner is not None else []
    else:
        gender = "m" if m.group("pronoun").lower() == "his" else "f"
        owners = list({e.ident: e for g in groups for e in g}.values())
        if country is None:
            # With no country to tell them apart, "his" is the one man the text leaves ("her", woman).
            owners = [e for e in owners if genders.get(e.ident, gender) == gender]
            if len(owners) != 1:
                return None
    others = {
        e.ident: e
        for owner in owners
        for g in groups
        if any(x.ident == owner.ident for x in g)
        for e in g
        if e.ident != owner.ident
        and (country is None or article.country_of(e) == country)
        and (country is None or article.country_of(owner) != country)
    }
    return next(iter(others.values())) if len(others) == 1 else None
