"""Articles in, proposed items out: store an article and what extraction found in it.

``article_ingest`` is the one way text enters the record (admin paste and upload, the ``ingest``
command, the benchmark). Each article is stored in one transaction: either the article and all its
items are stored, or nothing is. Items are ``proposed`` for an editor to review unless the caller
vouches for the source (``confirm=True``, for official archives).

A contact that another article already reported becomes a second ``ContactSource`` of the same
contact (see ``contact_find_match``), so the White House readout and the Kremlin release of one
call are one contact with two sources.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

from django.db import IntegrityError, transaction
from django.urls import reverse

from tracker.extraction.gazetteer import name_extends, name_is_fuller, name_is_surname_only, name_key
from tracker.models import (
    Article,
    Contact,
    ContactSource,
    Country,
    GapClaim,
    Office,
    Person,
    Precision,
    ReviewStatus,
    Statement,
    Topic,
    text_hash,
)
from tracker.services.gazetteer import batch_cached, gazetteer_person_added
from tracker.services.records import (
    contact_create,
    contact_source_add,
    contacts_set_status,
    gap_claim_create,
    gaps_deferred,
)

# A news article or readout is a few thousand characters; a megabyte of text is a dump or a
# mistake, and extraction time grows with length.
MAX_TEXT_CHARS = 1_000_000

# Relative dates resolve against the publication date; a date ahead of today is a typo or a
# scheduled post, either way wrong to resolve against. One day of slack for time zones.
FUTURE_SLACK = timedelta(days=1)


class IngestError(Exception):
    """The input cannot become an article; the message says why, for the person who supplied it."""


@dataclass
class IngestResult:
    status: str  # "new" | "duplicate" | "failed"
    article: Article | None = None
    reason: str = ""
    source: str = ""
    proposed: Counter = field(default_factory=Counter)  # item kind -> number stored
    merged: int = 0  # contacts that became a further source of a contact already on record
    people_created: int = 0
    notes: list[str] = field(default_factory=list)  # about the input, for the person who supplied it
    warnings: list[str] = field(default_factory=list)  # from extraction, about single items

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.status == "failed":
            return f"{where}failed: {self.reason}"
        if self.status == "duplicate":
            return f"{where}duplicate: {self.reason}"
        items = ", ".join(f"{n} {kind}" for kind, n in sorted(self.proposed.items())) or "no items"
        return f"{where}new article {self.article.pk}: {items}, {self.merged} merged"


# --- Input checks ------------------------------------------------------------------------

_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it his has have are be this said "
    "an which their its not or president minister prime leaders".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def text_looks_english(text: str) -> bool:
    """Whether the text reads as English: enough of its words are the commonest English ones.

    Extraction's patterns are English; on other languages it finds nothing or nonsense. A crude
    test suffices: English prose has ~25% of its words in this list, other languages under 3%.
    """
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < 20:
        return True  # too short to judge; extraction will simply find little
    common = sum(1 for w in words if w in _ENGLISH_WORDS)
    return common / len(words) >= 0.08


def article_text_check(text: str | None, published: date | None, *, today: date | None = None) -> str:
    """The text to store, or ``IngestError`` naming what is wrong with the input."""
    if text is None or not text.strip():
        raise IngestError("the text is empty (nothing but whitespace)")
    if "\x00" in text:
        raise IngestError("the text contains NUL bytes (a binary file, not text)")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"the text is {len(text) / 1_000_000:.1f} million characters, over the limit of "
            f"{MAX_TEXT_CHARS // 1_000_000} million for one article"
        )
    controls = sum(1 for ch in text[:20_000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > 20:
        raise IngestError(f"the text contains {controls} control characters (a binary file, not text)")
    if not text_looks_english(text):
        raise IngestError("the text does not look like English (extraction reads English only)")
    today = today or date.today()
    if published is not None and published > today + FUTURE_SLACK:
        raise IngestError(f"the publication date {published.isoformat()} is in the future")
    return text


# --- Looking things up -------------------------------------------------------------------


def country_find(name: str | None, index: dict[str, Country] | None = None) -> Country | None:
    """The country an extraction names, by name, alias or demonym (case-insensitive)."""
    if not name:
        return None
    index = index if index is not None else country_index()
    return index.get(name.strip().casefold())


def country_index() -> dict[str, Country]:
    """Every way to name a country, folded, to the country (one query, or none inside a
    ``gazetteer_batch``). Names win over aliases and demonyms when two countries share a word."""
    return batch_cached("countries", _country_index)


def _country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    countries = list(Country.objects.all())
    for country in countries:
        for word in [*country.demonym_list, *country.alias_list]:
            index.setdefault(word.casefold(), country)
    for country in countries:
        index[country.name.casefold()] = country
    return index


class _People:
    """Resolves the people an extraction names to ``Person`` rows, creating the new ones.

    One person, one record: a name is matched to a person on record by its folded spelling, its
    words in another order, or a longer or shorter form of it (``Gazetteer.person_named`` and
    ``person_extended``); the form written here becomes an alias. A bare surname that matches no
    one makes no person (the item naming it is skipped with a warning), nor does a run of
    capitalised words that is a title, place or organisation (``person_name_clean``).
    """

    def __init__(self, extraction, article: Article, countries: dict[str, Country]):
        from tracker.services.gazetteer import gazetteer_current

        self.article = article
        self.countries = countries
        self.gazetteer = gazetteer_current()[0]
        self.by_key: dict[str, Person] = {}
        self.by_name: dict[str, Person | None] = {}
        self.created = 0
        self.warnings: list[str] = []
        self.mentions = {m.name.casefold(): m for m in extraction.people}
        keys = {m.key for m in extraction.people if m.key}
        for item in [*extraction.contacts, *extraction.gap_claims]:
            keys.update(k for k in item.participant_keys if k)
        keys.update(s.speaker_key for s in extraction.statements if s.speaker_key)
        # Keys are what ``gazetteer_from_db`` put in ``KnownPerson.key``: the person's slug.
        for person in Person.objects.filter(slug__in=keys):
            self.by_key[person.slug] = person
        for mention in extraction.people:
            person = self.by_key.get(mention.key or "")
            if person is not None:
                self._learn(person, mention)

    def resolve(self, name: str | None, key: str | None) -> Person | None:
        if key and key in self.by_key:
            return self.by_key[key]
        if not name or not name.strip():
            return None
        name = name.strip()
        folded = name.casefold()
        if folded in self.by_name:
            return self.by_name[folded]
        mention = self.mentions.get(folded)
        if mention is not None and mention.key and mention.key in self.by_key:
            return self.by_key[mention.key]
        person = self._find(name, getattr(mention, "country", None))
        if person is None:
            person = self._create_if_a_name(name, mention)
        elif mention is not None:
            self._learn(person, mention, written=name)
        self.by_name[folded] = person
        return person

    def _find(self, name: str, country: str | None) -> Person | None:
        person = Person.objects.filter(name__iexact=name).first()
        if person is not None:
            return person
        known = self.gazetteer.person_named(name) or self.gazetteer.person_extended(name, country)
        return Person.objects.filter(slug=known.key).first() if known is not None else None

    def _create_if_a_name(self, name: str, mention) -> Person | None:
        from tracker.extraction.people import person_name_clean

        cleaned = person_name_clean(name, self.gazetteer)
        if cleaned is None:
            return None  # "the spokesperson", "Oklahoma Farmers Union": not a person
        if name_is_surname_only(cleaned):
            # "Prime Minister Frederiksen of Denmark" names one office holder, so the surname will
            # do until an article gives the full name (``_learn`` then renames the person); a bare
            # "Gallant" could be anyone.
            office = (getattr(mention, "office", None) or "").casefold()
            if office not in REGNAL_TITLES and not (office and getattr(mention, "country", None)):
                self.warnings.append(f"{cleaned!r}: a surname alone, without office and country; no person made")
                return None
        elif mention is None and not looks_like_full_name(cleaned):
            return None
        return self._create(cleaned, mention)

    def _learn(self, person: Person, mention, written: str | None = None) -> None:
        """What this article adds about a person on record: the country, when the record lacks it,
        and another form of the name ("Kishida Fumio"), as an alias."""
        changed = []
        country = country_find(getattr(mention, "country", None), self.countries)
        if person.country_id is None and country is not None:
            person.country = country
            changed.append("country")
        variant = getattr(mention, "variant", None) or written
        if variant and (
            name_is_fuller(variant, person.name)
            or (
                person.notes.startswith(CREATED_NOTE)
                and name_extends(name_key(person.name).split(), name_key(variant).split())
            )
        ):
            # Known by surname or a shorter form so far ("Frederiksen", "Abdel Fattah"); this article
            # gives the full name. Names an editor entered (fixtures, admin) are kept as they are.
            variant, person.name = person.name, variant
            changed.append("name")
        if variant and name_key(variant) != name_key(person.name):
            if all(name_key(variant) != name_key(a) for a in person.alias_list):
                person.aliases = "\n".join([*person.alias_list, variant])
                changed.append("aliases")
        if changed:
            person.save(update_fields=changed)
            gazetteer_person_added(person)  # later articles of a batch match the new name too

    def _create(self, name: str, mention) -> Person:
        country = country_find(getattr(mention, "country", None), self.countries)
        person = Person(name=name, country=country)
        office_title = getattr(mention, "office", None)
        if office_title and country is not None and self.article.published:
            # The article tells us the office was held on its date, not when it began.
            person.notes = (
                f"{CREATED_NOTE} article {self.article.pk}; the start of the office "
                f"{office_title} of {country} is that article's date, not the real start."
            )
        else:
            person.notes = f"{CREATED_NOTE} article {self.article.pk}."
        person.save()
        if office_title and country is not None and self.article.published:
            Office.objects.create(
                person=person,
                title=office_title,
                country=country,
                start=self.article.published,
                is_head=office_title.casefold() in HEAD_TITLES,
            )
        self.created += 1
        gazetteer_person_added(person)
        return person


def looks_like_full_name(name: str) -> bool:
    """Two or more capitalised words: a name worth a new ``Person`` without the extractor's say-so."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.lower() not in {"de", "van", "von", "bin", "al"})


CREATED_NOTE = "Created by extraction from"

# Popes and monarchs go by one name ("Pope Francis", "King Charles"): that word is their full name.
REGNAL_TITLES = frozenset({"pope", "king", "queen", "emperor", "empress", "sultan", "emir", "amir", "grand duke"})

HEAD_TITLES = frozenset(
    t.casefold()
    for t in ["President", "Prime Minister", "Chancellor", "King", "Queen", "Emir", "Crown Prince", "Premier"]
)


# --- Merging contacts reported by several sources ---------------------------------------

# How far a date may be from the true one, by precision: a "week" date is within that week, a
# "month" date within that month.
_PRECISION_SLACK = {
    Precision.DAY: 0,
    Precision.WEEK: 6,
    Precision.MONTH: 30,
    Precision.APPROXIMATE: 30,
}

# The White House and the Kremlin date one call by their own clocks: a late-evening call in
# Moscow is the afternoon in Washington, an early-morning call in Washington is the previous
# day in Beijing or Canberra. When two day-precise dates come from different publishers, one
# day apart is still the same contact. Within one publisher dates must agree exactly, so two
# calls on consecutive days reported by the same side stay two contacts.
CROSS_SIDE_SLACK_DAYS = 1

_REMOTE_WORDS = re.compile(
    r"\b(video\s*-?\s*conference|videoconference|video\s+link|video\s+call|by\s+video|virtual(?:ly)?|"
    r"tele(?:phone|conference)|phone\s+call|by\s+phone|over\s+the\s+phone|spoke\s+by\s+phone)\b",
    re.IGNORECASE,
)


def contact_kind_normalise(kind: str, evidence: str) -> str:
    """The kind to record: an in-person kind whose own evidence says it was held by video or
    phone is remote (the Kremlin's "meeting, held via videoconference" is a video call)."""
    if kind in Contact.IN_PERSON and _REMOTE_WORDS.search(evidence or ""):
        return Contact.Kind.VIDEO_CALL if re.search(r"video|virtual", evidence, re.I) else Contact.Kind.PHONE_CALL
    return kind


def _date_window(day: date, precision: str) -> tuple[date, date]:
    if precision == Precision.MONTH:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    slack = timedelta(days=_PRECISION_SLACK.get(precision, 30))
    return day - slack, day + slack


def contact_dates_agree(a: date, a_precision: str, b: date, b_precision: str, *, cross_side: bool = False) -> bool:
    """Whether two reported dates can be the same day, given how precisely each is known."""
    a_low, a_high = _date_window(a, a_precision)
    b_low, b_high = _date_window(b, b_precision)
    if cross_side and a_precision == Precision.DAY and b_precision == Precision.DAY:
        slack = timedelta(days=CROSS_SIDE_SLACK_DAYS)
        a_low, a_high = a_low - slack, a_high + slack
    return a_low <= b_high and b_low <= a_high


def article_side(publisher: str, url: str | None) -> str:
    """Who speaks in an article: its publisher, else the host of its URL, else unknown ("")."""
    if publisher:
        return publisher.strip().casefold()
    return (urlparse(url).hostname or "").removeprefix("www.") if url else ""


def contact_find_match(
    *,
    kind: str,
    day: date,
    precision: str,
    participant_ids: set[int],
    planned: bool = False,
    side: str = "",
    article: Article | None = None,
) -> Contact | None:
    """The contact already on record that this report describes, or None.

    Same contact = the same set of participants (a bilateral call never matches a summit with
    the same two people in it), the same ``planned`` flag, dates that agree within their
    precision (plus a day across sides, see ``CROSS_SIDE_SLACK_DAYS``), and the same kind class:
    phone and video calls are one class, meetings and visits another; letters and messages only
    match their own kind.

    Across sides a call and a meeting on the very same day also match: the Kremlin titles its
    release on the 2021-12-07 Biden–Putin video call "Meeting with US President Joseph Biden"
    and never says "video". Within one side kinds must agree.

    Rejected contacts are not matched, except one this article already reports (so re-running
    extraction keeps an editor's rejection). Closest date wins. Two queries.
    """
    widest = timedelta(days=max(_PRECISION_SLACK.values()) + 31 + CROSS_SIDE_SLACK_DAYS)
    qs = Contact.objects.filter(kind__in=_kinds_that_may_match(kind), planned=planned)
    qs = qs.filter(date__range=(day - widest, day + widest))
    for person_id in participant_ids:
        qs = qs.filter(participants=person_id)
    candidates = list(qs.prefetch_related("participants", "sources__article").distinct())
    best: tuple[int, int, Contact] | None = None
    for contact in candidates:
        if {p.pk for p in contact.participants.all()} != participant_ids:
            continue
        sources = list(contact.sources.all())
        if contact.status == ReviewStatus.REJECTED and not (
            article is not None and any(s.article_id == article.pk for s in sources)
        ):
            continue
        sides = {article_side(s.article.publisher, s.article.url) for s in sources}
        cross_side = bool(sources) and side not in sides
        if Contact.kind_class(contact.kind) != Contact.kind_class(kind):
            exact_same_day = precision == contact.date_precision == Precision.DAY and contact.date == day
            if not (cross_side and exact_same_day):
                continue
        if not contact_dates_agree(day, precision, contact.date, contact.date_precision, cross_side=cross_side):
            continue
        rank = (abs((contact.date - day).days), contact.pk)
        if best is None or rank < best[:2]:
            best = (*rank, contact)
    return best[2] if best else None


def _kinds_that_may_match(kind: str) -> list[str]:
    if kind in Contact.REMOTE or kind in Contact.IN_PERSON:
        return [*Contact.REMOTE, *Contact.IN_PERSON]
    return [kind]


# --- Ingesting ---------------------------------------------------------------------------


def extraction_run(text: str, *, published, title, url, publisher):
    """Run the extraction core against the record's people, countries and topics."""
    from tracker.extraction import extract
    from tracker.services.gazetteer import gazetteer_current

    gazetteer, topics = gazetteer_current()
    return extract(
        text,
        published=published,
        gazetteer=gazetteer,
        topics=topics or None,
        title=title,
        url=url,
        publisher=publisher,
    )


def article_ingest(
    *,
    document: Any = None,
    text: str | None = None,
    published: date | None = None,
    title: str = "",
    url: str | None = None,
    publisher: str = "",
    authors: list[str] | tuple[str, ...] = (),
    source_file: str = "",
    confirm: bool = False,
    extraction: Any = None,
    today: date | None = None,
) -> IngestResult:
    """Store one article and what extraction finds in it; never raises on bad input.

    Pass either an ``Document`` from ``tracker.extraction.documents_from_file`` or the text and
    its metadata. ``extraction`` skips running the extractor (for callers that already ran it).
    The same text (by ``content_hash``) or the same URL is a duplicate and adds nothing.
    """
    if document is not None:
        text = document.text
        published = document.published
        title = document.title or title
        url = document.url or url
        publisher = document.publisher or publisher or ""
        source_file = source_file or document.source or ""
        authors = authors or getattr(document, "authors", None) or ()
        if document.errors:
            return IngestResult("failed", reason="; ".join(document.errors), source=source_file)
    result = IngestResult("new", source=source_file)
    try:
        text = article_text_check(text, published, today=today)
    except IngestError as error:
        result.status, result.reason = "failed", str(error)
        return result
    if published is None:
        result.notes.append("no publication date: relative dates ('today', 'on Monday') are left unresolved")
    url = url or None
    duplicate = article_find_duplicate(text, url)
    if duplicate is not None:
        return IngestResult("duplicate", article=duplicate, reason=_duplicate_reason(duplicate), source=source_file)
    if extraction is None:
        try:
            extraction = extraction_run(text, published=published, title=title or None, url=url, publisher=publisher)
        except Exception as error:  # noqa: BLE001 - one bad article must not stop a batch
            result.status, result.reason = "failed", f"extraction failed: {type(error).__name__}: {error}"
            return result
    meta = extraction.meta
    try:
        with gaps_deferred(), transaction.atomic():
            article = Article.objects.create(
                title=(title or meta.title or "")[:500],
                publisher=(publisher or meta.publisher or "")[:200],
                authors="\n".join(authors or meta.authors or []),
                url=url or meta.url or None,
                published=published or meta.published,
                dateline=(meta.dateline or "")[:200],
                text=text,
                source_file=source_file[:1000],
            )
            result.article = article
            extraction_store(extraction, article, confirm=confirm, result=result)
    except IntegrityError:
        # Another process stored the same text or URL between our check and our insert.
        duplicate = article_find_duplicate(text, url)
        if duplicate is None:
            raise
        return IngestResult("duplicate", article=duplicate, reason=_duplicate_reason(duplicate), source=source_file)
    result.warnings.extend(extraction.warnings)
    return result


def article_find_duplicate(text: str, url: str | None) -> Article | None:
    by_text = Article.objects.filter(content_hash=text_hash(text)).first()
    if by_text is not None:
        return by_text
    return Article.objects.filter(url=url).first() if url else None


def _duplicate_reason(article: Article) -> str:
    return f"already stored as article {article.pk} ({article})"


def extraction_store(extraction, article: Article, *, confirm: bool, result: IngestResult) -> None:
    """Store an extraction's items against ``article``; the caller holds the transaction.

    Items equal to ones this article already has (kept through a re-run) are not stored twice.
    """
    status = ReviewStatus.CONFIRMED if confirm else ReviewStatus.PROPOSED
    countries = country_index()
    people = _People(extraction, article, countries)
    topics = list(Topic.objects.filter(name__in=extraction.topics)) if extraction.topics else []

    for mention in extraction.people:
        if mention.is_new and not mention.key:
            people.resolve(mention.name, None)

    contacts: list[tuple[Contact, Any]] = []
    for item in extraction.contacts:
        contact = _contact_store(item, article, people, status=status, topics=topics, result=result)
        if contact is not None:
            contacts.append((contact, item))

    kept_statements = set(Statement.objects.filter(article=article).values_list("speaker_id", "start", "end"))
    for item in extraction.statements:
        speaker = people.resolve(item.speaker, item.speaker_key)
        if speaker is None:
            result.warnings.append(f"statement without a speaker skipped: {item.quote[:60]!r}")
            continue
        if not (item.quote or "").strip():
            continue
        if (speaker.pk, item.quote_span.start, item.quote_span.end) in kept_statements:
            continue
        statement = Statement.objects.create(
            speaker=speaker,
            quote=item.quote,
            date=item.date,
            date_precision=item.precision or Precision.DAY,
            channel=item.channel if item.channel in Statement.Channel.values else Statement.Channel.OTHER,
            article=article,
            start=item.quote_span.start,
            end=item.quote_span.end,
            contact=_statement_contact(item, speaker, contacts),
            is_fragment=item.is_fragment,
            status=status,
        )
        if topics:
            statement.topics.set(topics)
        result.proposed["statement"] += 1

    kept_claims = set(
        GapClaim.objects.filter(article=article).values_list("person_a", "person_b", "ends", "comparison")
    )
    for item in extraction.gap_claims:
        pair = [people.resolve(n, k) for n, k in zip(item.participants, item.participant_keys, strict=False)]
        pair = list({p.pk: p for p in pair if p is not None}.values())
        if len(pair) != 2:
            result.warnings.append(f"gap claim without two known people skipped: {item.text[:60]!r}")
            continue
        low, high = sorted(p.pk for p in pair)
        if (low, high, item.ends, item.comparison) in kept_claims:
            continue
        gap_claim_create(
            person_a=pair[0],
            person_b=pair[1],
            ends=item.ends,
            starts=item.starts,
            comparison=item.comparison,
            duration_days=item.duration_days,
            duration_months=item.duration_months,
            anchor=item.anchor,
            text=item.text,
            article=article,
            start_offset=item.span.start,
            end_offset=item.span.end,
            status=status,
        )
        result.proposed["gap_claim"] += 1
    result.warnings.extend(people.warnings)
    result.people_created += people.created
    if people.created:
        result.proposed["person"] += people.created


def _contact_store(item, article: Article, people: _People, *, status, topics, result) -> Contact | None:
    resolved = [people.resolve(n, k) for n, k in zip(item.participants, item.participant_keys, strict=False)]
    participants = list({p.pk: p for p in resolved if p is not None}.values())
    if len(participants) < 2:
        result.warnings.append(f"contact with fewer than two known people skipped: {item.evidence[:60]!r}")
        return None
    if item.date is None:
        result.warnings.append(f"contact without a date skipped: {item.evidence[:60]!r}")
        return None
    kind = contact_kind_normalise(item.kind, item.evidence)
    precision = item.precision or Precision.DAY
    existing = contact_find_match(
        kind=kind,
        day=item.date,
        precision=precision,
        participant_ids={p.pk for p in participants},
        planned=item.planned,
        side=article_side(article.publisher, article.url),
        article=article,
    )
    if existing is not None:
        reported_by_this = existing.sources.filter(article=article).exists()
        contact_source_add(
            contact=existing,
            article=article,
            start=item.span.start,
            end=item.span.end,
            evidence=item.evidence,
            reported_kind=item.kind,
        )
        if not reported_by_this:
            result.merged += 1
        if kind in Contact.REMOTE and existing.kind in Contact.IN_PERSON:
            # "Meeting" is the broader word (the Kremlin uses it for calls); nobody calls an
            # in-person meeting a call, so the side that says "call" is the more exact one.
            existing.kind = kind
            existing.save(update_fields=["kind", "updated"])
        if status == ReviewStatus.CONFIRMED and existing.status == ReviewStatus.PROPOSED:
            contacts_set_status([existing], ReviewStatus.CONFIRMED)
        if topics:
            existing.topics.add(*topics)
        return existing
    by_name = {p.name.casefold(): p for p in participants}
    contact = contact_create(
        kind=kind,
        date=item.date,
        date_precision=precision,
        participants=participants,
        status=status,
        planned=item.planned,
        host=by_name.get((item.host or "").casefold()),
        initiator=by_name.get((item.initiator or "").casefold()),
        topics=topics,
    )
    contact_source_add(
        contact=contact,
        article=article,
        start=item.span.start,
        end=item.span.end,
        evidence=item.evidence,
        reported_kind=item.kind,
    )
    result.proposed["contact"] += 1
    return contact


def _statement_contact(item, speaker: Person, contacts: list[tuple[Contact, Any]]) -> Contact | None:
    """The contact of this article a statement is about: the one its speaker took part in on the
    day it was said; with one contact in a readout, that one. None when it is ambiguous."""
    unique = list({c.pk: c for c, _ in contacts}.values())
    if not unique:
        return None
    if item.channel == Statement.Channel.READOUT and len(unique) == 1:
        return unique[0]
    same_day = [
        c
        for c in unique
        if speaker.pk in {p.pk for p in c.participants.all()} and (item.date is None or item.date == c.date)
    ]
    return same_day[0] if len(same_day) == 1 else None


# --- Review ------------------------------------------------------------------------------


def article_items_set_status(article: Article, status: str, *, only_from: str = ReviewStatus.PROPOSED) -> int:
    """Confirm (or reject) every item of an article still in ``only_from``; returns how many."""
    with gaps_deferred(), transaction.atomic():
        contacts = Contact.objects.filter(sources__article=article, status=only_from).distinct()
        changed = contacts_set_status(list(contacts), status)
        changed += Statement.objects.filter(article=article, status=only_from).update(status=status)
        claims = list(GapClaim.objects.filter(article=article, status=only_from))
        GapClaim.objects.filter(pk__in=[c.pk for c in claims]).update(status=status)
        changed += len(claims)
    return changed


def article_reextract(article: Article, *, extraction: Any = None) -> IngestResult:
    """Run extraction on a stored article again: its still-proposed items are replaced, the ones
    an editor confirmed or rejected stay (and are not proposed a second time).

    A proposed contact that other articles also report loses only this article's source.
    """
    result = IngestResult("new", article=article, source=article.source_file)
    if extraction is None:
        try:
            extraction = extraction_run(
                article.text,
                published=article.published,
                title=article.title or None,
                url=article.url,
                publisher=article.publisher,
            )
        except Exception as error:  # noqa: BLE001 - the article stays as it was
            result.status, result.reason = "failed", f"extraction failed: {type(error).__name__}: {error}"
            return result
    with gaps_deferred(), transaction.atomic():
        proposed_sources = ContactSource.objects.filter(article=article, contact__status=ReviewStatus.PROPOSED)
        contact_ids = list(proposed_sources.values_list("contact_id", flat=True))
        proposed_sources.delete()
        Contact.objects.filter(pk__in=contact_ids, sources__isnull=True).delete()
        Statement.objects.filter(article=article, status=ReviewStatus.PROPOSED).delete()
        GapClaim.objects.filter(article=article, status=ReviewStatus.PROPOSED).delete()
        extraction_store(extraction, article, confirm=False, result=result)
    result.warnings.extend(extraction.warnings)
    return result


def article_item_links(article: Article) -> list[tuple[int, int, str, str, str]]:
    """Every extracted span of an article as (start, end, kind, status, admin URL); three queries."""
    spans = []
    for s in ContactSource.objects.filter(article=article, start__isnull=False).select_related("contact"):
        url = reverse("admin:tracker_contact_change", args=[s.contact_id])
        spans.append((s.start, s.end, "contact", s.contact.status, url))
    for s in Statement.objects.filter(article=article, start__isnull=False):
        spans.append((s.start, s.end, "statement", s.status, reverse("admin:tracker_statement_change", args=[s.pk])))
    for c in GapClaim.objects.filter(article=article, start_offset__isnull=False):
        url = reverse("admin:tracker_gapclaim_change", args=[c.pk])
        spans.append((c.start_offset, c.end_offset, "gap claim", c.status, url))
    return spans
