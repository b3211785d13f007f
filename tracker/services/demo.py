"""The demo record, built from the fixtures through the same matching ingest uses.

Fixture rows are added only when they are missing: a row already in the database (same key or
natural key) is never written again, so an editor's corrections survive a second run. A
contact is matched to the record with ``contact_find_match`` before it is added: the founding
article's two calls become further sources of the readout contacts of the same calls, as they
would had an editor pasted the article, instead of duplicates. ``demo_record_reset`` is the
explicit way to start again from scratch.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.db import connection, transaction

from tracker.models import (
    Article,
    Contact,
    ContactDayCount,
    ContactSource,
    Country,
    FacetCount,
    FacetMonthCount,
    Gap,
    GapClaim,
    Office,
    PairContactCount,
    PairFacetCount,
    PairFacetMonthCount,
    PairGapCount,
    PairMonthCount,
    Person,
    PersonMonthCount,
    PersonPairCount,
    Statement,
    Topic,
)
from tracker.services.contacts import article_side, contact_find_match, contact_source_add
from tracker.services.person_articles import articles_deferred


@dataclass
class DemoLoad:
    """What one run added: rows by model, and contacts that became a further source of one on record."""

    added: Counter = field(default_factory=Counter)
    merged: int = 0
    kept: int = 0  # fixture rows already in the database, left as they are


def fixture_path(name: str) -> Path:
    return Path(settings.BASE_DIR) / "fixtures" / f"{name}.json"


def demo_fixture_load(name: str, load: DemoLoad | None = None) -> DemoLoad:
    """Add the rows of fixture ``name`` that the database lacks; contacts through matching.

    Rows are saved raw (no signals): the caller recomputes gaps and tallies once at the end.
    They keep the fixture's ids, so the id sequences are moved past them afterwards.
    """
    load = load if load is not None else DemoLoad()
    text = fixture_path(name).read_text(encoding="utf-8")
    # Read lazily, row by row, so a row's natural keys find the rows saved before it.
    objects = serializers.deserialize("json", text)
    # Each contact's sources, read ahead: the article a contact comes from decides its matching.
    sources = [
        ContactSource(pk=row["pk"], **{_field_name(k): v for k, v in row["fields"].items()})
        for row in json.loads(text)
        if row["model"] == "tracker.contactsource"
    ]
    contact_for: dict[int, int] = {}  # fixture contact pk -> the contact on record
    models: set = set()
    with transaction.atomic():
        for obj in objects:
            models.add(type(obj.object))
            if isinstance(obj.object, ContactSource):
                source = obj.object
                _source_add(contact_for.get(source.contact_id, source.contact_id), source, load)
                continue
            if isinstance(obj.object, Contact):
                own = [s for s in sources if s.contact_id == obj.object.pk]
                contact_for[obj.object.pk] = _contact_load(obj, own, load)
                continue
            if isinstance(obj.object, Statement) and obj.object.contact_id is not None:
                obj.object.contact_id = contact_for.get(obj.object.contact_id, obj.object.contact_id)
            _insert_missing(obj, load)
        _sequences_reset(models)
    return load


def _sequences_reset(models: set) -> None:
    """Move each model's id sequence past the highest id on record, as ``loaddata`` does.

    A row saved with an explicit id does not advance PostgreSQL's sequence, so without this the
    next article, office or contact anyone stores is handed an id the demo already holds
    (SQLite takes the highest id + 1, and needs nothing)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), sorted(models, key=lambda m: m._meta.label)):
            cursor.execute(sql)


def _insert_missing(obj: DeserializedObject, load: DemoLoad) -> bool:
    instance = obj.object
    model = type(instance)
    if instance.pk is not None and model._default_manager.filter(pk=instance.pk).exists():
        load.kept += 1
        return False
    obj.save()
    load.added[model._meta.model_name] += 1
    return True


def _field_name(key: str) -> str:
    return f"{key}_id" if key in ("contact", "article") else key


def _source_add(contact_id: int, source: ContactSource, load: DemoLoad) -> None:
    """A fixture source as a source of the contact on record, unless its article is one already."""
    if ContactSource.objects.filter(contact_id=contact_id, article_id=source.article_id).exists():
        return
    contact_source_add(
        contact=Contact.objects.get(pk=contact_id),
        article=source.article,
        start=source.start,
        end=source.end,
        evidence=source.evidence,
        reported_kind=source.reported_kind,
    )
    load.added["contactsource"] += 1


def _contact_load(obj: DeserializedObject, own: list[ContactSource], load: DemoLoad) -> int:
    """The pk of the contact on record for fixture contact ``obj``: itself when already loaded,
    else the contact its report matches (which gains the fixture's topics and, when it has none,
    its summary), else ``obj`` newly added."""
    contact: Contact = obj.object
    if Contact.objects.filter(pk=contact.pk).exists():
        load.kept += 1
        return contact.pk
    articles = Article.objects.filter(pk__in=[s.article_id for s in own])
    side = next((article_side(a.publisher, a.url) for a in articles), "")
    for source in own:
        # This article's report of the contact is on record already (the contact may since have
        # been edited so that it no longer matches): nothing to add.
        reported = ContactSource.objects.filter(article_id=source.article_id, start=source.start, end=source.end)
        if (contact_id := reported.values_list("contact_id", flat=True).first()) is not None:
            load.kept += 1
            return contact_id
    match = contact_find_match(
        kind=contact.kind,
        day=contact.date,
        precision=contact.date_precision,
        participant_ids=set(obj.m2m_data.get("participants", [])),
        planned=contact.planned,
        side=side,
        article=articles.first(),
    )
    if match is None:
        obj.save()
        load.added["contact"] += 1
        return contact.pk
    match.topics.add(*obj.m2m_data.get("topics", []))
    if not match.summary and contact.summary:
        Contact.objects.filter(pk=match.pk).update(summary=contact.summary)
    load.merged += 1
    return match.pk


# Children before parents, so nothing protected blocks a delete.
_DEMO_MODELS = [
    GapClaim,
    Gap,
    PairGapCount,
    ContactDayCount,
    PairContactCount,
    PairMonthCount,
    PersonMonthCount,
    PersonPairCount,
    FacetMonthCount,
    FacetCount,
    PairFacetMonthCount,
    PairFacetCount,
    Statement,
    ContactSource,
    Contact,
    Article,
    Office,
    Person,
    Topic,
    Country,
]


@transaction.atomic
def demo_record_reset() -> int:
    """Delete the whole record (not the user accounts); returns the number of rows deleted."""
    deleted = 0
    with articles_deferred():  # each report deleted marks its article: count them once, at the end
        for model in _DEMO_MODELS:
            deleted += model.objects.all().delete()[0]
    return deleted
