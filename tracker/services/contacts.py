"""Contacts and the articles that report them: creating, validating, adding sources, reviewing,
and finding the contact on record that a new report describes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from tracker import rules
from tracker.models import Article, Contact, ContactSource, Person, Precision, ReviewStatus, Topic, links_insert
from tracker.services.confirming import contact_sources_confirm, people_confirm_named_by
from tracker.services.facet_counts import facet_months_mark_dirty
from tracker.services.person_articles import contact_articles_mark_dirty
from tracker.services.upkeep import contact_days_mark_dirty, gaps_mark_dirty, pairs_among, pairs_of_contacts


def contact_validate_participants(participants: Iterable[Person]) -> list[Person]:
    people = list({p.pk: p for p in participants}.values())
    if len(people) < 2:
        raise ValidationError("A contact needs at least two different participants.")
    return people


def contact_create(
    *,
    kind: str,
    date: date,
    participants: Iterable[Person],
    date_precision: str = Precision.DAY,
    status: str = ReviewStatus.PROPOSED,
    planned: bool = False,
    summary: str = "",
    host: Person | None = None,
    initiator: Person | None = None,
    topics: Iterable[Topic] = (),
) -> Contact:
    """A new contact with its participants and topics. Validated before anything is written; then
    three inserts (the contact, its participants rows, its topics rows) in the caller's transaction
    or one of its own: no savepoint, as the caller's one for its whole item undoes them all."""
    people = contact_validate_participants(participants)
    contact = Contact(
        kind=kind,
        date=date,
        date_precision=date_precision,
        status=status,
        planned=planned,
        summary=summary,
        host=host,
        initiator=initiator,
        participant_count=len(people),  # its participants rows are written below, without the signals
    )
    contact.full_clean()
    with transaction.atomic(savepoint=False):
        contact.save()
        # A new contact has no participants or topics yet: their rows in one insert each, not
        # ``participants.add`` (which reads the rows first, and whose signals count them again).
        # In the order ``add`` writes them (a set of ids), which a restore's ``set`` repeats: a
        # backup restored gives back the same rows with the same ids.
        links_insert(Contact.participants, [(contact.pk, pk) for pk in {p.pk for p in people}])
        gaps_mark_dirty(pairs_among(p.pk for p in people))
        links_insert(Contact.topics, [(contact.pk, pk) for pk in {t.pk for t in topics}])
        facet_months_mark_dirty([contact.date])  # its save counted it before these rows
    return contact


def contact_source_add(
    *,
    contact: Contact,
    article: Article,
    start: int | None = None,
    end: int | None = None,
    evidence: str = "",
    reported_kind: str = "",
    status: str = ReviewStatus.CONFIRMED,
    first: bool = False,
) -> ContactSource:
    """Link an article to a contact it reports; a second link from the same article is the same
    source. ``status``: a report from an article not yet reviewed is proposed. ``first``: the
    contact was created in this transaction, so it has no source to look for. One statement (an
    insert, or ``get_or_create``'s read and insert, which keeps itself atomic): no savepoint."""
    fields = {"start": start, "end": end, "evidence": evidence, "reported_kind": reported_kind, "status": status}
    if first:
        return ContactSource.objects.create(contact=contact, article=article, **fields)
    source, _ = ContactSource.objects.get_or_create(contact=contact, article=article, defaults=fields)
    return source


@transaction.atomic
def contacts_set_status(contacts: Iterable[Contact], status: str) -> int:
    """Confirm or reject contacts in bulk; each touched pair's gaps are recomputed once."""
    ids = [c.pk for c in contacts]
    if status == ReviewStatus.CONFIRMED:  # what a confirmed contact names is confirmed with it
        people_confirm_named_by(contact_ids=ids)
        contact_sources_confirm(ids)
    changed = Contact.objects.filter(pk__in=ids).exclude(status=status).update(status=status, updated=timezone.now())
    gaps_mark_dirty(pairs_of_contacts(ids))
    contact_days_mark_dirty(Contact.objects.filter(pk__in=ids).values_list("date", flat=True).distinct())
    contact_articles_mark_dirty(ids)
    return changed


# --- Matching a report to a contact on record (several sources, one contact) ------------

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


def _date_window(day: date, precision: str) -> tuple[date, date]:
    if precision == Precision.MONTH:
        return rules.month_start(day), rules.month_after(day) - timedelta(days=1)
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
    extraction keeps an editor's rejection). Closest date wins. Three queries (one when nothing
    on record can match).
    """
    widest = timedelta(days=max(_PRECISION_SLACK.values()) + 31 + CROSS_SIDE_SLACK_DAYS)
    candidates = _contacts_of_all(
        participant_ids, kinds=_kinds_that_may_match(kind), planned=planned, between=(day - widest, day + widest)
    )
    if not candidates:  # most reports are of a contact not yet on record: no sources to read
        return None
    ids = [c.pk for c in candidates]
    taking_part = _rows(f"SELECT contact_id, person_id FROM {_table(Contact.participants.through)}", "contact_id", ids)
    people: dict[int, set[int]] = {}
    for contact_id, person_id in taking_part:
        people.setdefault(contact_id, set()).add(person_id)
    sources = _source_articles(ids)
    best: tuple[int, int, Contact] | None = None
    for contact in candidates:
        if people.get(contact.pk) != participant_ids:
            continue
        reported = sources.get(contact.pk, [])
        if contact.status == ReviewStatus.REJECTED and not (
            article is not None and any(article_id == article.pk for article_id, _ in reported)
        ):
            continue
        sides = {s for _, s in reported}
        cross_side = bool(reported) and side not in sides
        if rules.kind_class(contact.kind) != rules.kind_class(kind):
            exact_same_day = precision == contact.date_precision == Precision.DAY and contact.date == day
            if not (cross_side and exact_same_day):
                continue
        if not contact_dates_agree(day, precision, contact.date, contact.date_precision, cross_side=cross_side):
            continue
        rank = (abs((contact.date - day).days), contact.pk)
        if best is None or rank < best[:2]:
            best = (*rank, contact)
    return best[2] if best else None


# The reads of ``contact_find_match``, written out: it runs for every contact an article reports,
# and the ORM's compiling of them (a join per participant) cost more than the queries.


def _contacts_of_all(person_ids: set[int], *, kinds: list[str], planned: bool, between: tuple[date, date]):
    """The contacts of these kinds and ``planned`` flag, dated within ``between``, that every one
    of ``person_ids`` took part in (and maybe others). One query."""
    q, ops = connection.ops.quote_name, connection.ops
    through = _table(Contact.participants.through)
    sql = [
        f"SELECT * FROM {_table(Contact)} WHERE {q('kind')} IN ({', '.join(['%s'] * len(kinds))})",
        f"AND {q('planned')} = %s AND {q('date')} BETWEEN %s AND %s",
    ]
    params = [*kinds, planned, *(ops.adapt_datefield_value(d) for d in between)]
    for person_id in sorted(person_ids):
        sql.append(f"AND {q('id')} IN (SELECT contact_id FROM {through} WHERE person_id = %s)")
        params.append(person_id)
    return list(Contact.objects.raw(" ".join(sql), params))


def _source_articles(contact_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Per contact, the (article id, side) of each source: one joined read. Not a prefetch of
    ``sources__article``: Django writes that as a chain of ``id = … OR …``, which SQLite refuses
    past 1,000 terms (a contact reported by 1,000 articles)."""
    found: dict[int, list[tuple[int, str]]] = {}
    article = _table(Article)
    sql = (
        f"SELECT s.contact_id, s.article_id, a.publisher, a.url FROM {_table(ContactSource)} s "
        f"JOIN {article} a ON a.id = s.article_id"
    )
    for contact_id, article_id, publisher, url in _rows(sql, "s.contact_id", contact_ids):
        found.setdefault(contact_id, []).append((article_id, article_side(publisher, url)))
    return found


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rows(select: str, column: str, ids: list[int]) -> list[tuple]:
    """The rows of ``select`` (no WHERE) whose ``column`` is one of ``ids`` (a few)."""
    with connection.cursor() as cursor:
        cursor.execute(f"{select} WHERE {column} IN ({', '.join(['%s'] * len(ids))})", ids)
        return cursor.fetchall()


def _kinds_that_may_match(kind: str) -> list[str]:
    # Calls and meetings both: across sides a call may match a meeting (see ``contact_find_match``).
    return list(rules.KIND_CLASS) if kind in rules.KIND_CLASS else [kind]
