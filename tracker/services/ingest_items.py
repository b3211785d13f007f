"""The items an extraction found in an article, stored against it: the people it names matched
to the record (or created), its contacts (a new contact, or a further source of one on record),
statements, gap claims, and the names it could not place. For ``tracker.services.ingest`` (a new
article) and ``tracker.services.review`` (extraction run again on a stored one).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.models import (
    AnchorPrecision,
    Article,
    Contact,
    Person,
    Precision,
    ReviewStatus,
    Statement,
    Topic,
    UnplacedName,
    links_insert,
)
from tracker.rules import IN_PERSON, REMOTE, contact_after_its_report, kind_class, pair_key
from tracker.services.claims import gap_claim_create
from tracker.services.confirming import people_confirm, people_confirm_named_by
from tracker.services.contacts import (
    article_side,
    contact_create,
    contact_find_match,
    contact_source_add,
    contacts_set_status,
)
from tracker.services.gazetteer import batch_cached, gazetteer_batch_settle
from tracker.services.people import ArticlePeople, country_index
from tracker.services.person_articles import articles_mark_dirty

if TYPE_CHECKING:
    from tracker.services.ingest import IngestResult


def extraction_store(
    extraction, article: Article, *, confirm: bool, result: IngestResult, gazetteer=None, fresh: bool = False
) -> None:
    """Store an extraction's items against ``article``; the caller holds the transaction (and
    passes the ``gazetteer`` it has just checked is current, if it has).

    Items equal to ones this article already has (kept through a re-run) are not stored twice;
    ``fresh``: the article was created in this transaction, so it has none (nothing to read).
    """
    status = ReviewStatus.CONFIRMED if confirm else ReviewStatus.PROPOSED
    countries = country_index()
    people = ArticlePeople(extraction, article, countries, gazetteer=gazetteer)
    topics = topics_named(extraction.topics)

    for mention in extraction.people:
        if mention.is_new and not mention.key:
            people.resolve(mention.name, None)

    # Each contact stored here with the ids of its participants (exactly the people resolved for
    # it: a contact on record matches only with the same ones), for the statements to read.
    contacts: list[tuple[Contact, set[int]]] = []
    named: dict[int, Person] = {}  # who the contacts and statements stored here name
    for item in extraction.contacts:
        stored = _contact_store(item, article, people, status=status, topics=topics, result=result)
        if stored is not None:
            contacts.append((stored[0], {p.pk for p in stored[1]}))
            named.update((p.pk, p) for p in stored[1])

    kept_statements = set() if fresh else set(article.statements.values_list("speaker_id", "start", "end"))
    statements: list[Statement] = []
    for item in extraction.statements:
        speaker = people.resolve(item.speaker, item.speaker_key)
        if speaker is None:
            result.warnings.append(f"statement without a speaker skipped: {item.quote[:60]!r}")
            continue
        if not (item.quote or "").strip():
            continue
        if (speaker.pk, item.quote_span.start, item.quote_span.end) in kept_statements:
            continue
        statement = Statement(
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
        statements.append(statement)
        named[speaker.pk] = speaker
    statements_store(statements, topics)
    if statements:
        result.proposed["statement"] += len(statements)

    claim_fields = ("person_a", "person_b", "ends", "comparison", "ordinal", "anchor", "anchor_text")
    kept_claims = set() if fresh else set(article.gap_claims.values_list(*claim_fields))
    for item in extraction.gap_claims:
        pair = [people.resolve(n, k) for n, k in zip(item.participants, item.participant_keys, strict=False)]
        pair = list({p.pk: p for p in pair if p is not None}.values())
        if len(pair) != 2:
            result.warnings.append(f"gap claim without two known people skipped: {item.text[:60]!r}")
            continue
        low, high = pair_key(pair[0].pk, pair[1].pk)
        anchor_text = (item.anchor_text or "")[:200]
        # "a few weeks ago" dates roughly: no day, week, month or year a verdict could hold, so the
        # claim keeps its words (last_when, anchor_text) and no date
        rough = item.anchor_precision not in (None, *AnchorPrecision.values)
        starts = None if rough and item.comparison == "last_contact" else item.starts
        anchor = None if rough else item.anchor
        if (low, high, item.ends, item.comparison, item.ordinal, anchor, anchor_text) in kept_claims:
            continue
        gap_claim_create(
            person_a=pair[0],
            person_b=pair[1],
            ends=item.ends,
            starts=starts,
            comparison=item.comparison,
            duration_days=item.duration_days,
            duration_months=item.duration_months,
            anchor=anchor,
            anchor_precision="day" if rough else item.anchor_precision or "day",
            anchor_text=anchor_text,
            ordinal=item.ordinal,
            contact_kind=item.contact_kind or "",
            last_when=(item.last_when or "")[:200],
            text=item.text,
            article=article,
            start_offset=item.span.start,
            end_offset=item.span.end,
            status=status,
        )
        result.proposed["gap_claim"] += 1
    # A trusted archive vouches for the people its items name, new ones included. A new article's
    # items are the ones above: their people as read or created here (no query to find them).
    if confirm and fresh:
        if unconfirmed := [p for p in named.values() if p.status != ReviewStatus.CONFIRMED]:
            people_confirm([p.pk for p in unconfirmed])
    elif confirm:
        stored = list(article.statements.values_list("pk", flat=True))
        people_confirm_named_by(contact_ids=[c.pk for c, _ in contacts], statement_ids=stored)
    result.warnings.extend(people.warnings)
    unplaced_names_store(article, people.unplaced, fresh=fresh)
    result.people_created += people.created
    if people.created:
        result.proposed["person"] += people.created
    gazetteer_batch_settle()  # inside the transaction that added them


def topics_named(names) -> list[Topic]:
    """The topics of these names, by name: every topic read once per ``gazetteer_batch`` (as their
    keywords are), else one query."""
    if not names:
        return []
    by_name = batch_cached("topic_rows", lambda: {t.name: t for t in Topic.objects.all()})
    return [by_name[name] for name in sorted(set(names)) if name in by_name]


def statements_store(statements: list[Statement], topics: list[Topic]) -> None:
    """Insert the statements (one query, ids set) and their topics (one more)."""
    if statements:
        Statement.objects.bulk_create(statements)
        links_insert(Statement.topics, [(s.pk, t.pk) for s in statements for t in topics])
        articles_mark_dirty({s.article_id for s in statements})  # bulk_create sends no signal


def unplaced_names_store(article: Article, names: dict[str, str], *, fresh: bool = False) -> None:
    """Keep the names extraction could not place, for the editor (one a name per article: a name
    an editor already dealt with is not proposed again; ``fresh``: the article has none yet)."""
    if not names:
        return
    known = set() if fresh else set(UnplacedName.objects.filter(article=article).values_list("text", flat=True))
    rows = []
    for name, reason in names.items():
        if name[:200] in known:
            continue
        start = article.text.find(name)
        span = (start, start + len(name)) if start >= 0 else (None, None)
        rows.append(UnplacedName(article=article, text=name[:200], start=span[0], end=span[1], reason=reason[:300]))
    UnplacedName.objects.bulk_create(rows)


def _contact_store(
    item, article: Article, people: ArticlePeople, *, status, topics, result
) -> tuple[Contact, list[Person]] | None:
    """The contact stored (new, or the one on record it is a further source of) and its participants."""
    resolved = [people.resolve(n, k) for n, k in zip(item.participants, item.participant_keys, strict=False)]
    participants = list({p.pk: p for p in resolved if p is not None}.values())
    if len(participants) < 2:
        result.warnings.append(f"contact with fewer than two known people skipped: {item.evidence[:60]!r}")
        return None
    if item.date is None:
        result.warnings.append(f"contact without a date skipped: {item.evidence[:60]!r}")
        return None
    if contact_after_its_report(item.date, reported := article.published or date.today(), planned=item.planned):
        result.warnings.append(
            f"contact dated {item.date}, after its report of {reported}, skipped: {item.evidence[:60]!r}"
        )
        return None
    kind = item.kind  # extraction decided it (tracker.rules.kind_from_evidence); stored as is
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
    report = {
        "article": article,
        "start": item.span.start,
        "end": item.span.end,
        "evidence": item.evidence,
        "reported_kind": item.reported_kind or item.kind,
        "status": status,
    }
    if existing is not None:
        reported_by_this = existing.sources.filter(article=article).exists()
        contact_source_add(contact=existing, **report)
        if not reported_by_this:
            result.merged += 1
        if kind_class(kind) == REMOTE and kind_class(existing.kind) == IN_PERSON:
            # "Meeting" is the broader word (the Kremlin uses it for calls); nobody calls an
            # in-person meeting a call, so the side that says "call" is the more exact one.
            existing.kind = kind
            existing.save(update_fields=["kind", "updated"])
        if status == ReviewStatus.CONFIRMED and existing.status == ReviewStatus.PROPOSED:
            contacts_set_status([existing], ReviewStatus.CONFIRMED)
        if topics:
            existing.topics.add(*topics)
        return existing, participants
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
    contact_source_add(contact=contact, first=True, **report)
    result.proposed["contact"] += 1
    return contact, participants


def _statement_contact(item, speaker: Person, contacts: list[tuple[Contact, set[int]]]) -> Contact | None:
    """The contact of this article a statement is about: the one its speaker took part in on the
    day it was said; with one contact in a readout, that one. None when it is ambiguous."""
    unique = list({c.pk: (c, people) for c, people in contacts}.values())
    if not unique:
        return None
    if item.channel == Statement.Channel.READOUT and len(unique) == 1:
        return unique[0][0]
    same_day = [c for c, people in unique if speaker.pk in people and (item.date is None or item.date == c.date)]
    return same_day[0] if len(same_day) == 1 else None
