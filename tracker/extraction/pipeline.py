"""``extract``: one article's text in, proposed people, contacts, statements, claims and topics out."""

from __future__ import annotations

import bisect
import functools
import re
from datetime import date

from tracker.rules import published_in_future, text_looks_english

from .contacts import find_contacts
from .context import Article, Sentence
from .dates import DateIndex
from .gap_claims import find_gap_claims
from .gazetteer import Gazetteer, country_of_url
from .items import (
    ArticleMeta,
    ContactItem,
    Document,
    Extraction,
    GapClaimItem,
    PersonMention,
    Span,
    StatementItem,
)
from .narrator import Narrators, narrator_by_office, narrator_from_title
from .people import PeopleFinder
from .people_titles import people_complete_from_title
from .quoted_contacts import quoted_contacts
from .same_contact import contacts_merged
from .statements import find_quotes, find_statements
from .text import (
    Block,
    boilerplate_ranges,
    is_word_char,
    links_blanked,
    lowered_same_offsets,
    masthead,
    paragraphs,
    sentences,
    word_runs,
)
from .title_contacts import title_contact
from .transcript_contacts import captions_complete_from_title, transcript_meeting

# Longer texts are searched only this far: beyond it a document is not an article.
MAX_CHARS = 1_000_000

# Whose "the president" a publisher means when the text does not say.
PUBLISHER_COUNTRIES = [
    (
        re.compile(
            r"white\s*house|\bCNN\b|\bAP\b|associated press|washington|new york times|\bNBC\b|\bCBS\b|\bABC\b"
            r"|\bNPR\b|politico",
            re.I,
        ),
        "United States",
    ),
    (re.compile(r"kremlin|russia", re.I), "Russia"),
    (re.compile(r"president\.gov\.ua|ukrain", re.I), "Ukraine"),
    (re.compile(r"elysee|élysée", re.I), "France"),
    (re.compile(r"downing|gov\.uk|\bBBC\b", re.I), "United Kingdom"),
]
RELEASE = re.compile(
    r"white\s*house|kremlin|president\.gov\.ua|office\s+of\s+the\s+president|ministry|government|\.gov\b|\bgovt?\.[a-z]{2}\b"
    r"|readout",
    re.I,
)
# A publisher that is a head of state or government's office: "Prime Minister of Norvania", "Presidency".
GOVERNMENT_PUBLISHER = re.compile(
    r"\b(?:prime\s+minister|premier|president|presidency|chancellery|cabinet\s+office)\b", re.I
)
BYLINE_SENTENCE = re.compile(r"By\s+[^\n]{2,150}")
SPACES = "\u00a0\u2007\u2009\u202f\u205f\u3000"


def extract(
    text: str,
    *,
    published: date | None,
    gazetteer: Gazetteer,
    topics: dict[str, list[str]] | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> Extraction:
    """Propose what ``text`` reports. Never raises: problems are listed in ``Extraction.warnings``.

    Costs: linear regular-expression passes over the text; no network, no database.
    """
    text = text if isinstance(text, str) else ""
    meta = ArticleMeta(title, [], None, published if isinstance(published, date) else None, url, publisher)
    result = Extraction(text, meta, [], [], [], [], [], [])
    try:
        _extract_into(result, gazetteer, topics or {})
    except Exception as exc:  # the contract is "never a traceback"; the warning names what went wrong
        result.people, result.contacts, result.statements, result.gap_claims = [], [], [], []
        result.warnings.append(f"extraction failed on this text ({type(exc).__name__}: {exc}); nothing was proposed")
    return result


def extract_document(doc: Document, *, gazetteer: Gazetteer, topics: dict[str, list[str]] | None = None) -> Extraction:
    """``extract`` over a document read from a file or a JSONL line (its text, date, title, URL and
    publisher)."""
    return extract(
        doc.text,
        published=doc.published,
        gazetteer=gazetteer,
        topics=topics,
        title=doc.title,
        url=doc.url,
        publisher=doc.publisher,
    )


def _extract_into(result: Extraction, gazetteer: Gazetteer, topics: dict[str, list[str]]) -> None:
    text, meta = result.text, result.meta
    warnings = result.warnings
    published = meta.published
    if not text.strip():
        warnings.append("the text is empty")
        return
    if "\x00" in text:
        warnings.append("the text contains NUL characters; they were ignored")
    if published is None:
        warnings.append("no publication date: relative dates (Monday, yesterday, October 7) are not resolved")
    elif published_in_future(published, date.today()):
        warnings.append(f"the publication date {published.isoformat()} is in the future")
    limit = len(text)
    if limit > MAX_CHARS:
        limit = MAX_CHARS
        warnings.append(f"the text has {len(text):,} characters; only the first {MAX_CHARS:,} were searched")
    if not text_looks_english(text):
        warnings.append("the text does not look like English; little or nothing may be found")

    original = text[:limit]
    # Patterns read spaces as [ \t]; no-break and thin spaces (common in official releases) become
    # plain spaces in a same-length copy, as do a markdown link's brackets and address, so every
    # offset found in it is an offset in the original.
    searched = links_blanked(original)
    for space in SPACES:
        if space in searched:
            searched = searched.replace(space, " ")
    lowered = lowered_same_offsets(searched)
    furniture = _merged(boilerplate_ranges(searched, lowered))
    head = masthead(searched, furniture)
    meta.title = meta.title or head.title
    meta.authors = head.authors
    meta.dateline = head.dateline
    paras = [p for p in paragraphs(searched) if not _covered(p, furniture)]
    sents: list[Sentence] = []
    for i, para in enumerate(paras):
        for s in sentences(searched, para):
            if not _covered(s, furniture) and not _is_byline(searched, s):
                sents.append(Sentence(s.start, s.end, i))
    regions = [(s.start, s.end) for s in sents]
    home = _home_country(meta.publisher, meta.url, gazetteer)
    finder = PeopleFinder(searched, gazetteer, published, home)
    # Paragraphs rather than sentences: the same text, a tenth of the regex calls.
    people = finder.find([(p.start, p.end) for p in paras])
    title_text = meta.title or ""
    for space in SPACES:
        title_text = title_text.replace(space, " ")
    people_complete_from_title(people, title_text, finder)
    narrator = narrator_from_title(title_text, finder) or narrator_by_office(finder)
    article = Article(
        text=searched,
        published=published,
        sentences=sents,
        people=people,
        dates=DateIndex(searched, published),
        quotes=find_quotes(searched, paras),
        is_release=bool(
            RELEASE.search(" ".join(filter(None, [meta.publisher, meta.url, meta.title])))
            or GOVERNMENT_PUBLISHER.search(meta.publisher or "")
        ),
        narrators=Narrators(
            searched,
            people.mentions,
            narrator,
            resolve=lambda name, office: finder.entity_for(name, office, None, allow_new=False),
        ),
        home=home,
        gazetteer=gazetteer,
        lowered=lowered,
    )
    result.people = [
        PersonMention(
            m.entity.name,
            m.entity.key,
            m.entity.country,
            m.entity.office,
            Span(m.start, m.end),
            m.entity.key is None,
            m.entity.variant,
        )
        for m in people.mentions
    ]
    captions_complete_from_title(article, title_text, finder)
    contacts = find_contacts(article, tuple(transcript_meeting(article, title_text)))
    contacts += title_contact(article, title_text, finder, contacts)  # "Telephone conversation with X"
    statements = find_statements(article, paras, contacts)
    # '"I spoke with X this morning," Tol said': read once the quotation's speaker is known.
    contacts = contacts_merged(contacts + quoted_contacts(article, statements, contacts))
    for c in contacts:
        result.contacts.append(
            ContactItem(
                participants=[e.name for e in c.entities],
                participant_keys=[e.key for e in c.entities],
                kind=c.kind,
                date=c.date,
                precision=c.precision,
                planned=c.planned,
                span=Span(c.start, c.end),
                evidence=original[c.start : c.end],
                host=c.host.name if c.host else None,
                initiator=c.initiator.name if c.initiator else None,
                reported_kind=c.reported_kind,
            )
        )
    for s in statements:
        result.statements.append(
            StatementItem(
                speaker=s.speaker.name,
                speaker_key=s.speaker.key,
                quote=original[s.quote.start : s.quote.end],
                quote_span=Span(s.quote.start, s.quote.end),
                span=Span(s.start, s.end),
                date=s.date,
                precision=s.precision,
                channel=s.channel,
                is_fragment=s.is_fragment,
            )
        )
    for g in find_gap_claims(article, contacts):
        result.gap_claims.append(
            GapClaimItem(
                participants=[e.name for e in g.entities],
                participant_keys=[e.key for e in g.entities],
                ends=g.ends,
                starts=g.starts,
                comparison=g.comparison,
                duration_days=g.duration_days,
                duration_months=g.duration_months,
                anchor=g.anchor,
                text=original[g.start : g.end],
                span=Span(g.start, g.end),
                ordinal=g.ordinal,
                anchor_text=g.anchor_text,
                anchor_precision=g.anchor_precision,
                contact_noun=g.contact_noun,
                contact_kind=g.contact_kind,
                last_when=g.last_when,
            )
        )
    result.topics = topics_in(searched, topics, regions, lowered)


def topics_in(
    text: str,
    topics: dict[str, list[str]],
    regions: list[tuple[int, int]] | None = None,
    lowered: str | None = None,
) -> list[str]:
    """Topic names whose keywords occur as whole words (case-insensitive) in the story's sentences.

    Each keyword's first word is found in the lower-cased body with ``str.find`` (C speed), and the
    keywords starting with it are compared where it stands as a whole word (a case-insensitive
    pattern per topic cost more than the rest of extraction with the demo's twenty topics; a list
    of every word of the body, to intersect with the first words, cost more than the finds).
    """
    by_first = _keywords_by_first_word(tuple((n, tuple(k or [n])) for n, k in topics.items()))
    if not by_first:
        return []
    # ``lowered`` (text.lowered_same_offsets) is cut where it is; else the body is lower-cased whole.
    source = lowered if lowered is not None else text
    body = "\n".join(source[a:b] for a, b in regions) if regions is not None else source
    if lowered is None:
        body = body.lower()
    found: set[str] = set()
    for first in by_first:
        for pos in word_runs(body, first, 0, len(body), is_word_char):
            for keyword, names in by_first[first]:
                if body.startswith(keyword, pos) and not _WORD_CHAR.match(body, pos + len(keyword)):
                    found.update(names)
    return [name for name in topics if name in found]


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


@functools.lru_cache(maxsize=8)
def _keywords_by_first_word(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list]:
    """Each lower-cased keyword with its topics, under the keyword's first word."""
    topics_of: dict[str, set[str]] = {}
    for name, keywords in topics:
        for k in keywords:
            if k and k.strip():
                topics_of.setdefault(k.strip().lower(), set()).add(name)
    by_first: dict[str, list] = {}
    for keyword, names in topics_of.items():
        first = _WORD.match(keyword)
        if first:
            by_first.setdefault(first.group(), []).append((keyword, names))
    return by_first


def _covered(block: Block, furniture: list[Block]) -> bool:
    """Whether ``block`` lies inside page furniture; ``furniture`` sorted and merged (``_merged``)."""
    i = bisect.bisect_right(furniture, block.start, key=lambda f: f.start) - 1
    return i >= 0 and block.end <= furniture[i].end


def _merged(blocks: list[Block]) -> list[Block]:
    """The same ranges, sorted, with touching and overlapping ones joined."""
    out: list[Block] = []
    for b in sorted(blocks, key=lambda b: b.start):
        if out and b.start <= out[-1].end:
            out[-1] = Block(out[-1].start, max(out[-1].end, b.end))
        else:
            out.append(b)
    return out


def _is_byline(text: str, s: Block) -> bool:
    line = text[s.start : s.end].strip()
    return line.startswith("By") and BYLINE_SENTENCE.fullmatch(line) is not None


def _home_country(publisher: str | None, url: str | None, gazetteer: Gazetteer) -> str | None:
    """Whose "the president" the publisher means: a publisher the list knows, else the country a
    publisher's name names ("Prime Minister of Norvania", "Norvanian Government"), else the one
    whose country-code domain the address is in."""
    source = " ".join(filter(None, [publisher, url]))
    for pattern, country in PUBLISHER_COUNTRIES:
        if pattern.search(source):
            return country
    words = re.findall(r"[A-Z][\w'’.-]*", publisher or "")
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            country = gazetteer.country_named(phrase) or gazetteer.country_of_demonym(phrase)
            if country:
                return country
    # "Office of the Prime Minister" at an address in New Zealand's domain: New Zealand's.
    country = country_of_url(url)
    return (gazetteer.country_named(country) or country) if country else None
