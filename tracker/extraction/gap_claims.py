"""Claims an article makes about a gap between contacts ("their first call in more than a month",
"the longest gap in calls since the October 7 attacks", "our 12th meeting", "last met in Lisbon").

The shapes of language are in ``claim_shapes``; here each one found is tied to the two people it is
about and to the contact that ends the gap. "Their", "our", "we" and "the two" mean the leaders of
the article's main contact (its first reported one); a sentence naming two people means them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .claim_durations import since_contact_shapes
from .claim_shapes import CONTACT_NOUN, Shape, kind_class_of_noun, shapes_in
from .claim_terms import Anchor
from .contacts import FoundContact
from .context import Article, Sentence, distinct
from .people import Entity
from .spans import longest_without_overlaps
from .speakers import VERB_AFTER

# Words by which a sentence refers to the pair of its article's main contact.
THE_PAIR = re.compile(
    r"\b(?:we|our|us|they|their|them|the\s+two|both|each\s+other|one\s+another|you\s+and\s+I|I|my|his|her"
    r"|the\s+(?:two\s+)?(?:leaders|presidents|prime\s+ministers|heads\s+of\s+state|sides|men|women|pair))\b",
    re.I,
)
# "the first time in a month" restates "their first interaction in more than a month": one claim.
DURATION_COMPARISONS = {"more_than", "at_least", "exactly", "less_than"}
REFERS_BACK = re.compile(
    rf"(?:it|this|that|(?:the|their|our|today['’]s|[A-Z]\w+day['’]s)\s+(?:[\w-]+\s+){{0,2}}?{CONTACT_NOUN})\s+"
    r"(?:was|is|marked|marks|became|becomes|will\s+be|has\s+been|ended|ends|broke|breaks|came|comes|followed|follows)\b",
    re.I,
)
# People other than the leaders, in the plural, who "had their" first meeting: theirs, not the leaders'.
OTHERS_AS_SUBJECT = re.compile(
    r"\b(?:ministers|ministries|delegations|officials|advisers|advisors|experts|deputies|parliamentarians|sherpas"
    r"|envoys|diplomats|negotiators|commissions|governments)\b[^,.;:]{0,60}?\b(?:had|held|have|has|hold)\s+their\b",
    re.I,
)
BEFORE_DATE = re.compile(r"\bbefore\s+$", re.I)
# An anchor that is a person's taking office: "since taking office", "since Tol took office", "since
# her inauguration". It dates from the text ("took office in May") or the gazetteer's offices.
TOOK_OFFICE = re.compile(
    r"(?:\b(?:taking|took|assuming|assumed|entering|entered)\s+(?:office|power|the\s+presidency)"
    r"|\b(?:his|her|their|my|our)\s+(?:inauguration|swearing-in)|^as\s+(?:(?:the|its|his|her|their)\s+)?(?:new\s+)?"
    r"(?:president|prime\s+minister|chancellor|premier|head\s+of\s+(?:state|government)|leader))\b",
    re.I,
)
OFFICE_TAKEN_ON = re.compile(
    r"\b(?:took|assumed|taking|entered)\s+office\s+(?:(?:on|in)\s+)?$|\b(?:inaugurated|sworn\s+in)\s+(?:(?:on|in)\s+)?$",
    re.I,
)


@dataclass
class FoundClaim:
    entities: list[Entity]
    ends: date
    starts: date | None
    comparison: str
    duration_days: int | None
    duration_months: int | None
    anchor: date | None
    start: int
    end: int
    ordinal: int | None = None
    anchor_text: str | None = None
    anchor_precision: str | None = None
    contact_noun: str | None = None
    contact_kind: str | None = None  # the kind class counted (tracker.rules REMOTE/IN_PERSON), None for any
    last_when: str | None = None


AFTER_WORD = re.compile(r"\bafter\b", re.I)
# What someone said or told the press: no contact, whatever it came after.
SAYING = re.compile(r"\b(?:said|says|told|tells|spoke\s+to\s+(?:the\s+)?(?:press|media|reporters|journalists))\b")


def find_gap_claims(article: Article, contacts: list[FoundContact]) -> list[FoundClaim]:
    text = article.text
    out: list[FoundClaim] = []
    held = [c for c in contacts if not c.planned and len(c.entities) >= 2]
    for sent in article.sentences:
        dates = article.dates.within(sent.start, sent.end)
        shapes = shapes_in(text, sent.start, sent.end, dates, article.published)
        shapes = longest_without_overlaps(
            shapes + since_contact_shapes(text, sent.start, sent.end, article.lower(sent.start, sent.end))
        )
        for shape in shapes:
            claim = _claim(article, sent, shape, held)
            if claim:
                out.append(claim)
    return _deduplicated(out)


def _main_contact(held: list[FoundContact]) -> FoundContact | None:
    """The article's main contact: the first one reported with a date (its headline or lead)."""
    return next((c for c in held if c.date is not None), held[0] if held else None)


def _claim(article: Article, sent: Sentence, shape: Shape, held: list[FoundContact]) -> FoundClaim | None:
    text = article.text
    anchor_date = shape.anchor.date if shape.anchor else None
    here = [c for c in held if c.sentence is sent and c.date is not None and c.date != anchor_date]
    if shape.elided and not here:
        return None  # "his visits to E and W, the first by a Norvanian leader in decades": no contact here
    after = shape.noun == "after" and AFTER_WORD.search(text, shape.start, shape.end)
    if after and not here and SAYING.search(text, sent.start, shape.start):
        return None  # "told reporters a day after his call with X": what came after is no contact
    main = _main_contact(held)
    named = distinct([m.entity for m in article.mentions_in(sent.start, sent.end)])
    entities: list[Entity] | None = None
    recalled: list[FoundContact] = []
    if main is not None and (here or len(named) > 2) and _recalls_before(text, sent, shape, here, main, named):
        # "This is their fifth meeting, and builds on their meetings in Manila, ...", "We have not met
        # for a long time: we met in June": the gap ends at the main contact; the ones listed are before
        recalled, here = here, []
        entities = main.entities
    elif here and shape.comparison != "last_contact":
        entities = max(here, key=lambda c: c.date).entities
    elif len(named) >= 2:
        entities = _not_the_source(article, sent, shape, named)
    elif len(named) == 1 and (theirs := _latest_with(held, named[0], sent)) is not None:
        entities = theirs.entities  # "the second visit of the Prime Minister to our capital": her contact
    elif len(named) == 1 and main is not None and not _one_of(named, main):
        return None  # about someone in no contact found: the pair is unknown, not the main contact's
    elif OTHERS_AS_SUBJECT.search(text, sent.start, shape.end) and not named:
        return None  # "the foreign ministers of the two countries had their first meeting": not the leaders'
    elif main is not None and (
        THE_PAIR.search(text, sent.start, sent.end) or _one_of(named, main) or (not named and _refers_back(text, sent))
    ):
        entities = main.entities
    if not entities or len(entities) < 2:
        return None
    key = {e.ident for e in entities}
    pair = [c for c in held if {e.ident for e in c.entities} == key and c.date is not None]
    ends = _ends(article, sent, shape, here, pair, main)
    if ends is None:
        return None
    starts = None
    if shape.comparison == "last_contact":
        starts = anchor_date
    else:
        earlier = [c.date for c in here if c.date < ends]
        starts = earlier[0] if earlier else None
        if shape.up_to_now and recalled:
            starts = max(c.date for c in recalled)
    if shape.comparison == "exactly" and shape.noun == "after" and shape.duration_days and starts is None:
        starts = ends - timedelta(days=shape.duration_days)
    anchor = shape.anchor
    if anchor is not None and anchor.date is None and TOOK_OFFICE.search(anchor.text):
        anchor = _office_taken(article, sent, shape, anchor, entities, ends)
        anchor_date = anchor.date
    return FoundClaim(
        entities=list(entities),
        ends=ends,
        starts=starts,
        comparison=shape.comparison,
        duration_days=shape.duration_days,
        duration_months=shape.duration_months,
        anchor=anchor_date if shape.comparison != "last_contact" else None,
        start=shape.start,
        end=shape.end,
        ordinal=shape.ordinal,
        anchor_text=anchor.text if anchor and shape.comparison != "last_contact" else None,
        # for "last contact" the precision of ``starts``, the date it names
        anchor_precision=(anchor.precision or None) if anchor else None,
        contact_noun=shape.noun if shape.noun != "after" else None,
        contact_kind=kind_class_of_noun(shape.noun if shape.noun != "after" else None),
        last_when=shape.last_when,
    )


def _not_the_source(article: Article, sent: Sentence, shape: Shape, named: list[Entity]) -> list[Entity]:
    """The people a claim is about, without the one who reports it after it ("..., the first meeting
    of the two leaders since 2019, press secretary Karl Moen told reporters"), when two others remain."""
    sources = {
        m.entity.ident
        for m in article.mentions_in(shape.end, sent.end)
        if VERB_AFTER.match(article.text, m.end, m.end + 60) and not article.in_quote(m.start)
    }
    rest = [e for e in named if e.ident not in sources]
    return rest if len(rest) >= 2 else named


def _office_taken(article: Article, sent: Sentence, shape: Shape, anchor: Anchor, entities, ends: date) -> Anchor:
    """``anchor`` ("since taking office") dated by when its person took office: the one it names, else
    the sentence's first named of the claim's people. The text's own date comes first ("Tol, who took
    office in May"), then the gazetteer's office held on ``ends``; undated when neither says."""
    text = article.text
    at = shape.end - len(anchor.text)
    idents = {e.ident for e in entities}
    named = [m.entity for m in article.mentions_in(at, shape.end) if m.entity.ident in idents]
    named = named or [m.entity for m in article.mentions_in(sent.start, sent.end) if m.entity.ident in idents]
    if not named:
        return anchor
    # "as prime minister": the one of them who holds that office
    titled = [e for e in named if e.known and any(o.title.lower() in anchor.text.lower() for o in e.known.offices)]
    person = (titled or named)[0]
    for other in article.sentences:
        if not any(m.entity.ident == person.ident for m in article.mentions_in(other.start, other.end)):
            continue
        for h in article.dates_in(other.start, other.end):
            if h.date <= ends and OFFICE_TAKEN_ON.search(text, max(other.start, h.start - 30), h.start):
                return Anchor(h.date, h.precision, anchor.text)
    held = [o for o in (person.known.offices if person.known else ()) if o.held_on(ends) and o.start]
    if held:
        return Anchor(max(o.start for o in held), "day", anchor.text)
    return anchor


def _refers_back(text: str, sent: Sentence) -> bool:
    """ "It was the second videoconference this year": the sentence's subject is the contact just reported."""
    return bool(REFERS_BACK.match(text, sent.start, sent.end))


def _recalls_before(
    text: str, sent: Sentence, shape: Shape, here: list[FoundContact], main: FoundContact, named
) -> bool:
    """A sentence about the contact just reported ("This is the fifth meeting between ...") or about
    a silence up to now ("we have not met for a long time") that names earlier contacts of the same
    people: the claim ends at the reported one, not the last one named."""
    about_main = len(named) < 2 or {e.ident for e in main.entities} <= {e.ident for e in named}
    return (
        about_main
        and main not in here
        and main.date is not None
        and all(c.date < main.date for c in here)
        and (shape.up_to_now or _refers_back(text, sent))
    )


def _latest_with(held: list[FoundContact], person: Entity, sent: Sentence) -> FoundContact | None:
    """The last contact of ``person`` reported up to ``sent`` (else the first after it)."""
    theirs = [c for c in held if any(e.ident == person.ident for e in c.entities)]
    before = [c for c in theirs if c.sentence.start <= sent.start]
    return before[-1] if before else (theirs[0] if theirs else None)


def _one_of(named: list[Entity], contact: FoundContact) -> bool:
    idents = {e.ident for e in contact.entities}
    return len(named) == 1 and named[0].ident in idents


def _ends(article, sent, shape: Shape, here, pair, main) -> date | None:
    """The day of the contact that ends the gap the claim is about."""
    text = article.text
    for h in article.dates_in(sent.start, sent.end):
        if BEFORE_DATE.search(text[max(sent.start, h.start - 8) : h.start]):
            return h.date  # "their last call before Monday"
    if here and shape.comparison != "last_contact":
        return max(c.date for c in here)
    if main is not None and main in pair:
        return main.date
    if pair:
        return max(c.date for c in pair)
    outside = [
        h.date
        for h in article.dates_in(sent.start, sent.end)
        if not (shape.start <= h.start < shape.end) and h.date <= (article.published or h.date)
    ]
    if outside:
        return outside[0]
    return article.published


def _deduplicated(claims: list[FoundClaim]) -> list[FoundClaim]:
    """The headline and the body often make the same claim; keep one of each."""
    out: list[FoundClaim] = []
    seen = set()
    for c in claims:
        key = (
            frozenset(e.ident for e in c.entities),
            c.ends,
            "duration" if c.comparison in DURATION_COMPARISONS else c.comparison,
            c.ordinal,
            c.duration_days,
            c.duration_months,
            c.anchor,
            (c.anchor_text or "").lower() if c.anchor is None else None,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
