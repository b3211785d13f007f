"""A plainly fictional record at realistic shape, for benchmarks and for trying the pages.

Every country, leader, quote and article here is invented ("President Aldo Varen of
Norvania"); countries are states with no ISO code, so they can never be mistaken for real ones
nor collide with the real fixtures. The shape follows the real record: heads of government
succeed each other, a few country pairs account for most contacts (a Zipf-like law), calls
outnumber visits, a few contacts are multilateral, statements cluster around contacts.

Rows are written with ``bulk_create`` in batches (no signals), then the gaps are computed once
with ``gaps_recompute_all``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from itertools import accumulate, islice

from django.db import connection, transaction

from tracker.extraction.gazetteer import name_key
from tracker.models import (
    Article,
    Contact,
    ContactSource,
    Country,
    Office,
    Person,
    Precision,
    ReviewStatus,
    Statement,
    Topic,
    text_hash,
)
from tracker.planner_statistics import planner_statistics_refresh
from tracker.rules import office_held_on
from tracker.services.upkeep import gaps_recompute_all

BATCH = 5000
FIRST_DAY = date(2005, 1, 1)
LEADERS_PER_COUNTRY = 3

SYLLABLES = [
    "var", "nor", "tel", "mir", "ost", "cal", "dru", "bel", "san", "ker", "lon", "vel", "qua", "zen", "tor",
    "mal", "ris", "dov", "pel", "gar", "hal", "iso", "jun", "lat", "mon", "nev", "orl", "pra", "sul", "tam",
]  # fmt: skip
COUNTRY_ENDINGS = ["ania", "ovia", "elia", "istan", "mark", "land", "ora", "esia"]
FIRST_NAMES = [
    "Aldo", "Mira", "Ivo", "Tamsin", "Oren", "Lisel", "Cato", "Brenna", "Dario", "Elsin", "Fenna", "Gideon",
    "Halla", "Ilmar", "Jorun", "Kesta", "Loric", "Maren", "Nils", "Odile", "Pavo", "Quilla", "Rurik", "Sabeth",
]  # fmt: skip
TITLES = ["President", "Prime Minister", "Chancellor"]
TOPICS = ["Trade", "Energy", "Security", "Climate", "Migration", "Health", "Fisheries", "Border", "Grain", "Debt"]
KINDS = [
    (Contact.Kind.PHONE_CALL, 55),
    (Contact.Kind.MEETING, 20),
    (Contact.Kind.VIDEO_CALL, 10),
    (Contact.Kind.VISIT, 8),
    (Contact.Kind.LETTER, 4),
    (Contact.Kind.MESSAGE, 3),
]
QUOTES = [
    "We discussed {topic} at length and agreed to keep talking",
    "Our partnership with {country} on {topic} has never been stronger",
    "There were frank differences on {topic}",
    "I told my counterpart that {topic} cannot wait",
    "The people of {country} expect results on {topic}",
    "We will not accept any delay on {topic}",
]


def synthetic_generate(
    *,
    leaders: int = 300,
    contacts: int = 100_000,
    statements: int = 200_000,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
    until: date | None = None,
) -> dict[str, int]:
    """Write a fictional record and return how many rows of each kind were made.

    ``until`` (default today) is the last possible contact date. Deterministic for a seed and
    ``until``. Runs in one transaction; about 20 s for the default sizes on SQLite.
    """
    rng = random.Random(seed)
    until = until or date.today()
    say = progress or (lambda message: None)
    with transaction.atomic():
        countries = _countries(rng, max(2, -(-leaders // LEADERS_PER_COUNTRY)))
        say(f"{len(countries)} countries")
        heads = _leaders(rng, countries, leaders, until)
        say(f"{leaders} leaders with their offices")
        topics = [Topic.objects.get_or_create(name=name)[0] for name in TOPICS]
        contact_rows = _contacts(rng, countries, heads, topics, contacts, until, say)
        statement_count = _statements(rng, contact_rows, heads, countries, topics, statements, until, say)
        article_count = _articles(rng, contact_rows, say)
    # Outside the loading transaction: gaps_recompute_all opens its own.
    pairs = gaps_recompute_all()
    say(f"gaps of {pairs} pairs")
    planner_statistics_refresh()
    return {
        "countries": len(countries),
        "leaders": leaders,
        "contacts": len(contact_rows),
        "statements": statement_count,
        "articles": article_count,
        "pairs": pairs,
    }


def _batched(iterable, size=BATCH):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _bulk(model, objs) -> list:
    """bulk_create in batches, returning the saved objects with their primary keys."""
    saved = []
    for batch in _batched(objs):
        saved.extend(model.objects.bulk_create(batch))
    if saved and saved[0].pk is None:  # databases that cannot return ids from bulk inserts
        raise RuntimeError(f"{connection.vendor} did not return ids from bulk_create")
    return saved


def _countries(rng: random.Random, count: int) -> list[Country]:
    taken = set(Country.objects.values_list("name", flat=True))
    names: list[str] = []
    while len(names) < count:
        stem = "".join(rng.sample(SYLLABLES, rng.choice([1, 2]))).capitalize()
        name = stem + rng.choice(COUNTRY_ENDINGS)
        if name not in taken:
            taken.add(name)
            names.append(name)
    return _bulk(
        Country,
        (
            Country(name=name, official_name=f"Fictional Republic of {name}", kind=Country.Kind.STATE, iso_alpha2=None)
            for name in names
        ),
    )


def _leaders(
    rng: random.Random, countries: list[Country], count: int, until: date
) -> dict[int, list[tuple[date, date | None, Person]]]:
    """People and their offices: each country's heads succeed each other from FIRST_DAY on.

    Returns, per country id, its heads as (start, end or None, person) in order of office.
    """
    taken = set(Person.objects.values_list("slug", flat=True))
    names_taken = set(Person.objects.values_list("name_key", flat=True))
    people: list[Person] = []
    for n in range(count):
        drawn = f"{rng.choice(FIRST_NAMES)} {''.join(rng.sample(SYLLABLES, 2)).capitalize()}"
        name, k = drawn, 2
        while name_key(name) in names_taken:  # one person per name: the second is "… 2"
            name, k = f"{drawn} {k}", k + 1
        names_taken.add(name_key(name))
        slug, k = _slug(name), 2
        while slug in taken:
            slug, k = f"{_slug(name)}-{k}", k + 1
        taken.add(slug)
        people.append(
            Person(
                name=name, slug=slug, name_key=name_key(name), country=countries[n % len(countries)], notes="Synthetic."
            )
        )
    people = _bulk(Person, people)

    span = (until - FIRST_DAY).days
    heads: dict[int, list[tuple[date, date | None, Person]]] = {}
    offices = []
    for country in countries:
        own = [p for p in people if p.country_id == country.pk]
        if not own:
            continue
        cuts = sorted(rng.sample(range(200, span - 200), len(own) - 1)) if len(own) > 1 else []
        starts = [FIRST_DAY] + [FIRST_DAY + timedelta(days=c) for c in cuts]
        ends = starts[1:] + [None]
        title = rng.choice(TITLES)
        heads[country.pk] = list(zip(starts, ends, own, strict=True))
        offices.extend(
            Office(person=p, title=title, country=country, start=s, end=e, is_head=True)
            for s, e, p in heads[country.pk]
        )
    _bulk(Office, offices)
    return heads


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _head_on(heads: list[tuple[date, date | None, Person]], day: date) -> Person:
    for start, end, person in heads:
        if office_held_on(start, end, day):
            return person
    return heads[0][2]


def _contacts(rng, countries, heads, topics, count, until, say) -> list[Contact]:
    """Contacts between the heads in office on the day; a few country pairs get most of them."""
    country_ids = [c.pk for c in countries if c.pk in heads]
    pairs = [(a, b) for i, a in enumerate(country_ids) for b in country_ids[i + 1 :]]
    rng.shuffle(pairs)
    pairs = pairs[:2000]
    cum_weights = list(accumulate(1 / (rank + 1) ** 1.3 for rank in range(len(pairs))))
    names = {c.pk: c.name for c in countries}
    kinds, kind_weights = zip(*KINDS, strict=True)
    span = (until - FIRST_DAY).days
    Through = Contact.participants.through
    TopicThrough = Contact.topics.through

    saved: list[Contact] = []
    for batch_start in range(0, count, BATCH):
        size = min(BATCH, count - batch_start)
        rows, people_of, topics_of = [], [], []
        for _ in range(size):
            a, b = rng.choices(pairs, cum_weights=cum_weights)[0]
            day = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
            people = [_head_on(heads[a], day), _head_on(heads[b], day)]
            if rng.random() < 0.03:  # a summit: a third head joins
                third = _head_on(heads[rng.choice(country_ids)], day)
                if third not in people:
                    people.append(third)
            kind = rng.choices(kinds, kind_weights)[0]
            chosen = rng.sample(topics, rng.choice([1, 1, 2]))
            rows.append(
                Contact(
                    kind=kind,
                    date=day,
                    date_precision=Precision.DAY if rng.random() < 0.97 else Precision.MONTH,
                    status=ReviewStatus.CONFIRMED,
                    summary=f"{Contact.Kind(kind).label} between the leaders of {names[a]} and {names[b]} "
                    f"on {' and '.join(t.name.lower() for t in chosen)}.",
                    host=people[0] if kind == Contact.Kind.VISIT else None,
                    participant_count=len(people),  # the rows are bulk-inserted below, without signals
                )
            )
            people_of.append(people)
            topics_of.append(chosen)
        batch = Contact.objects.bulk_create(rows)
        Through.objects.bulk_create(
            Through(contact_id=c.pk, person_id=p.pk) for c, people in zip(batch, people_of, strict=True) for p in people
        )
        TopicThrough.objects.bulk_create(
            TopicThrough(contact_id=c.pk, topic_id=t.pk)
            for c, chosen in zip(batch, topics_of, strict=True)
            for t in chosen
        )
        for contact, people in zip(batch, people_of, strict=True):
            contact._people = people
        saved.extend(batch)
        say(f"{len(saved)} contacts")
    return saved


def _statements(rng, contact_rows, heads, countries, topics, count, until, say) -> int:
    """Two in three statements are about a contact (said that day by one of its participants)."""
    names = {c.pk: c.name for c in countries}
    country_ids = list(heads)
    span = (until - FIRST_DAY).days
    channels = [c for c, _ in Statement.Channel.choices]
    TopicThrough = Statement.topics.through
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        rows, topics_of = [], []
        for _ in range(size):
            topic = rng.choice(topics)
            if contact_rows and rng.random() < 0.67:
                contact = rng.choice(contact_rows)
                speaker, other = rng.sample(contact._people[:2], 2)
                day, tied = contact.date, contact
                country = names[other.country_id]
            else:
                day = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
                speaker, tied = _head_on(heads[rng.choice(country_ids)], day), None
                country = names[rng.choice(country_ids)]
            rows.append(
                Statement(
                    speaker=speaker,
                    quote=rng.choice(QUOTES).format(topic=topic.name.lower(), country=country),
                    date=day,
                    channel=rng.choice(channels),
                    contact=tied,
                    status=ReviewStatus.CONFIRMED,
                )
            )
            topics_of.append(topic)
        batch = Statement.objects.bulk_create(rows)
        TopicThrough.objects.bulk_create(
            TopicThrough(statement_id=s.pk, topic_id=t.pk) for s, t in zip(batch, topics_of, strict=True)
        )
        made += len(batch)
        say(f"{made} statements")
    return made


def _articles(rng, contact_rows, say) -> int:
    """One fictional wire story per 50 contacts, reporting five of them, with evidence spans."""
    reported = rng.sample(contact_rows, min(len(contact_rows), len(contact_rows) // 10))
    stories = [reported[i : i + 5] for i in range(0, len(reported), 5)]
    articles, sources_of = [], []
    first = Article.objects.count() + 1  # numbering that stays unique when run twice
    for n, story in enumerate(stories, start=first):
        text, spans = f"SYNTHETIC WIRE, story {n}. This text is invented for testing.\n\n", []
        for contact in story:
            sentence = (
                f"{' and '.join(p.name for p in contact._people)} held a "
                f"{contact.get_kind_display().lower()} on {contact.date:%d %B %Y}. "
            )
            spans.append((contact, len(text), len(text) + len(sentence) - 1))
            text += sentence + "Officials gave no further details.\n\n"
        latest = max(c.date for c in story)
        articles.append(
            Article(
                title=f"Synthetic wire story {n}",
                publisher="Synthetic Wire",
                published=latest + timedelta(days=1),
                text=text,
                content_hash=text_hash(text),
                url=f"https://synthetic.invalid/story/{n}",
            )
        )
        sources_of.append(spans)
    articles = _bulk(Article, articles)
    _bulk(
        ContactSource,
        (
            ContactSource(contact=c, article=a, start=s, end=e, evidence=a.text[s:e])
            for a, spans in zip(articles, sources_of, strict=True)
            for c, s, e in spans
        ),
    )
    say(f"{len(articles)} articles")
    return len(articles)
