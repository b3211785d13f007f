"""Earlier contacts of the main contact's two people that a sentence looks back on, named by neither.

"following up on their talks in Lorvik on 6 April", "during his visit to Estralia on 6 December",
"when they last met in Port Estra", "the two last spoke in June", "the Norvanian-Estralian talks held
at the highest level on 12 April". The participants are those of the
contact the text reported last; the date is the one the words give, to its precision, or none.
"""

from __future__ import annotations

import re
from datetime import timedelta

from .contact_nouns import noun_kind
from .context import Article, Sentence
from .participants import FoundContact, group_backwards
from .text import words_any_case
from .vocabulary import MONTH_NAMES

_MONTH = "|".join(MONTH_NAMES)
# A date or month the words give: "on 6 April", "on April 6, 2023", "in June", "in June 2023".
_WHEN = (
    rf"(?P<when>(?:on|in)\s+(?:(?:\d{{1,2}}\s+)?(?:{_MONTH})(?:\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})(?:,?\s+\d{{4}})?))"
)
_PLACE = r"(?:in\s+(?:[A-Z][\w'’-]*\s+){1,3})"
# "their talks in Lorvik on 6 April", "their meeting in June": their contact, then where and when.
# ("their last call" and "their 6 April talks" are the contact nouns' own.)
THEIR_CONTACT = re.compile(
    rf"\b[Tt]heir\s+(?!(?:last|previous|most|prior|earlier|next|upcoming|future|planned)\b)(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>(?:(?:tele)?phone\s+)?(?:talks|meeting|conversation|call|videoconference|summit))\s+{_PLACE}?{_WHEN}"
)
# "during his visit to Estralia on 6 December": one of the two went to the other's country.
VISIT_TO = re.compile(
    rf"\b(?:[Hh]is|[Hh]er)\s+(?:(?:official|state|working|first|recent)\s+){{0,2}}visit\s+to\s+"
    rf"(?P<place>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})\s+{_WHEN}"
)
# "a visit by the President of Estralia to Norvania in December 2023": the visitor named, then where.
VISIT_BY = re.compile(
    rf"\b(?:[Tt]he|[Aa]|[Hh]is|[Hh]er)\s+(?:(?:official|state|working|recent)\s+){{0,2}}visit\s+(?:by|of)\s+"
    rf"(?P<visitor>[^.;,]{{3,80}}?)\s+to\s+(?P<place>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})\s+{_WHEN}"
)
# "the Norvanian-Estralian talks held at the highest level on 12 April": the two countries' adjectives.
ADJECTIVES_CONTACT = re.compile(
    rf"\b[Tt]he\s+(?P<adjectives>[A-Z][\w]*-[A-Z][\w]*)\s+(?:(?:top-level|high-level|summit|bilateral)\s+)?"
    rf"(?P<noun>talks|meeting|summit|negotiations|consultations|(?:tele)?phone\s+(?:conversation|call))"
    rf"\s+(?:(?:held|that\s+took\s+place)\s+(?:at\s+the\s+highest\s+level\s+|{_PLACE})?)?{_WHEN}"
)
# "spoke with X on Monday, after talks in Lorvik on 3 April": an earlier contact of no named
# participants that the sentence's own contact follows (read only where that contact is reported).
AFTER_CONTACT = re.compile(
    # The opening words read from their first letter (text.words_any_case): a "\b" first was tried everywhere.
    rf"{words_any_case(['after', 'following'])}\s+(?:(?:the|their|a|an)\s+)?(?:(?:earlier|previous|first)\s+)?"
    rf"(?P<noun>talks|meeting|summit|(?:(?:tele)?phone\s+)?(?:call|conversation)|videoconference)\s+{_PLACE}?{_WHEN}"
    r"(?!\s+(?:with|between|of|by|among)\b)"
)
HEAD_OFFICE = re.compile(r"(?:the\s+)?(?:President|Prime\s+Minister|Chancellor|King|Queen|Emir|Premier)\b")
# "when they last met in Port Estra", "the two leaders last spoke in June", "the leaders last spoke
# in March" (a readout's word for its two), "they first met in 2019"
# (a year alone: FORMAT.md dates to the day or the month, so that contact is stored undated).
LAST_MET = re.compile(
    r"\b(?:[Tt]hey|[Tt]he\s+two(?:\s+(?:leaders|presidents|men|women|heads\s+of\s+state))?"
    r"|[Tt]he\s+(?:leaders|presidents|prime\s+ministers))\s+(?:had\s+)?"
    rf"(?:last|first)\s+(?P<verb>met|spoke|talked)\b"
    rf"(?:\s+(?:in\s+person\s+)?{_PLACE}?(?:{_WHEN}|in\s+(?P<year>\d{{4}})\b(?!\s*[-–]\d)))?"
)
YEAR = re.compile(r"\d{4}")
# Words before that make it a wish or a plan, not a contact that took place.
NOT_HELD = re.compile(r"\b(?:will|would|plan\w*|hope\w*|expect\w*|agreed|next|upcoming)\b[^.;]{0,30}$", re.I)


def recalled_contacts(article: Article, sent: Sentence, found: list[FoundContact]) -> list[FoundContact]:
    """The earlier contacts of the pair of the last contact found that ``sent`` recalls in these shapes."""
    main = next((c for c in reversed(found) if not c.recalled), None)
    if main is None or len(main.entities) != 2:
        return []
    text = article.text
    low = article.lower(sent.start, sent.end)
    pair = main.entities
    out = []
    shapes = (
        (THEIR_CONTACT, ("their ",)),
        (VISIT_TO, ("visit to ",)),
        (VISIT_BY, ("visit ",)),
        (LAST_MET, (" last ", " first ")),
        (ADJECTIVES_CONTACT, ("-",)),
        (AFTER_CONTACT, ("after ", "following ")),
    )
    for pattern, needs in shapes:
        if not any(w in low for w in needs):
            continue  # a substring test is far cheaper than the pattern
        if pattern is AFTER_CONTACT and main.sentence is not sent:
            continue  # whose talks they were is said only by the contact this sentence reports
        for m in pattern.finditer(text, sent.start, sent.end):
            if article.in_quote(m.start()) or NOT_HELD.search(text, max(sent.start, m.start() - 40), m.start()):
                continue
            if pattern in (VISIT_TO, VISIT_BY) and not _visits_the_other(article, pair, m.group("place")):
                continue  # "his visit to Ostmark": whom he met there is not said
            if pattern is VISIT_BY and not _names_the_visitor(article, pair, m, m.group("place")):
                continue  # "the visit of his adviser to Estralia": not one of the two
            if pattern is ADJECTIVES_CONTACT and not _adjectives_of_the_pair(article, pair, m.group("adjectives")):
                continue  # "the Ostmark-Wendish talks": another pair of countries
            when, precision = None, "day"
            if pattern is LAST_MET and m.group("year") and article.published:
                if int(m.group("year")) > article.published.year:
                    continue  # not an earlier contact
            if m.group("when"):
                hits = article.dates_in(m.start("when"), m.end("when"))
                if not hits:
                    continue
                when, precision = hits[0].date, hits[0].precision
                if article.published and when > article.published and not YEAR.search(m.group("when")):
                    when = _year_before(when)  # "their talks on 6 April" looked back on in March: last April
                if article.published and when >= article.published:
                    continue  # not an earlier contact
                if pattern is AFTER_CONTACT and main.date is not None and when >= main.date:
                    continue  # what came after it is the contact reported
                if not all(_in_office(e, when, precision) for e in pair):
                    continue  # "his visit to Austria in 2020": a predecessor received him
            if pattern in (VISIT_TO, VISIT_BY):
                kind = "visit"
            elif pattern is LAST_MET:
                kind = "meeting" if m.group("verb") == "met" else "phone_call"
            else:
                kind = noun_kind(m.group("noun"), "")
            whose = _pair_just_before(article, sent, m.start()) if pattern is THEIR_CONTACT else None
            contact = FoundContact(list(whose or pair), kind, when, precision, False, sent.start, sent.end, sent)
            contact.recalled = True
            contact.kind_span = (m.start(), m.end())
            out.append(contact)
    return out


def _pair_just_before(article: Article, sent: Sentence, at: int):
    """ "between A and B during their first summit": the two people "their" follows, if it follows two."""
    named = [x for x in article.mentions_in(sent.start, at) if not article.in_quote(x.start)]
    group = group_backwards(article.text, named)
    people = list({x.entity.ident: x.entity for x in group}.values())
    if len(people) != 2 or not re.fullmatch(r"[\s,]*(?:[a-z]+\s+){0,3}", article.text[group[-1].end : at]):
        return None
    return people


def _visits_the_other(article: Article, pair, place: str) -> bool:
    """Whether ``place`` is the country of exactly one of the two: the other one visited them."""
    country = article.gazetteer.country_named(place) if article.gazetteer is not None else None
    return country is not None and sum(article.country_of(e) == country for e in pair) == 1


def _adjectives_of_the_pair(article: Article, pair, adjectives: str) -> bool:
    """Whether the two adjectives ("Norvanian-Estralian") name the countries of the two, one each."""
    gz = article.gazetteer
    if gz is None:
        return False
    named = {gz.country_of_demonym(a) or gz.country_named(a) for a in adjectives.split("-")}
    return None not in named and len(named) == 2 and named == {article.country_of(e) for e in pair}


def _names_the_visitor(article: Article, pair, m: re.Match, place: str) -> bool:
    """Whether the visitor's words name the one of the two who is not of ``place``: by name, or by an
    office of their country ("the President of Estralia" resolved to them)."""
    country = article.gazetteer.country_named(place) if article.gazetteer is not None else None
    visitor = [e for e in pair if article.country_of(e) != country]
    if len(visitor) != 1:
        return False
    named = {x.entity.ident for x in article.mentions_in(m.start("visitor"), m.end("visitor"))}
    if named:
        return visitor[0].ident in named
    # No one named: "the President of Estralia", the head of the visitor's country.
    office = HEAD_OFFICE.match(m.group("visitor"))
    countries = article.countries_named(m.start("visitor"), m.end("visitor"))
    return office is not None and visitor[0].country is not None and countries == {visitor[0].country}


def _in_office(e, when, precision: str) -> bool:
    """Whether a known person held one of their known offices then (any day of the month for a
    month); True when nothing is known of their offices."""
    offices = e.known.offices if e.known is not None else ()
    if not offices:
        return True
    days = [when] if precision == "day" else [when, when + timedelta(days=27)]
    return any(o.held_on(d) for o in offices for d in days)


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
