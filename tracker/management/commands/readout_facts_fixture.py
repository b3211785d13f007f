"""Print a fixture of contact facts taken from ingested official readouts, for the demo.

The White House readouts in ../shared/readouts are public domain but are reference data: their
text stays out of the repository. What goes into the fixture are facts derived from them (who
spoke with whom, when, how, and the readout's address), each recorded as a short source note
written here, so a user's machine gets a real record to browse without the archive.

Run it on a database where the readouts were ingested and reviewed, e.g.:

    DATABASE_URL=sqlite:////tmp/facts.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/facts.sqlite3 python manage.py load_demo --no-editor --no-readout-facts
    DATABASE_URL=sqlite:////tmp/facts.sqlite3 python manage.py ingest --confirm ../shared/readouts
    DATABASE_URL=sqlite:////tmp/facts.sqlite3 python manage.py readout_facts_fixture > fixtures/readout_facts.json
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tracker.models import ContactSource, ReviewStatus, text_hash

FIRST_ARTICLE_PK = 1000  # clear of the hand-entered demo articles


def names_joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fact_note(contacts: list[tuple[str, list[str], object]], url: str) -> tuple[str, list[str]]:
    """A note in our own words listing the contacts a readout reports, and the part of it that
    states each contact (its evidence)."""
    evidence = [f"{kind.lower()} between {names_joined(names)} on {day:%-d %B %Y}" for kind, names, day in contacts]
    lines = [f"The White House published a readout of a {e}." for e in evidence]
    text = "\n\n".join([*lines, f"This note records the facts only; the readout is at {url}"])
    return text, evidence


class Command(BaseCommand):
    help = "Print a fixture of confirmed contacts derived from ingested White House readouts."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="whitehouse", help="Part of the source URL's host that marks a readout.")

    def handle(self, *args, host: str, **options):
        known = {r["fields"]["slug"] for r in self.fixture("leaders.json") if r["model"] == "tracker.person"}
        sources = (
            ContactSource.objects.filter(
                article__url__icontains=host,
                contact__status=ReviewStatus.CONFIRMED,
                contact__planned=False,
            )
            .select_related("article", "contact")
            .prefetch_related("contact__participants__country")
            .order_by("contact__date", "contact_id", "article_id")
        )
        by_article: dict[int, list] = {}
        for source in sources:
            by_article.setdefault(source.article_id, []).append(source)
        records, people, seen, seen_sources = [], {}, set(), []
        for pk, (_, article_sources) in enumerate(sorted(by_article.items()), FIRST_ARTICLE_PK):
            article = article_sources[0].article
            reported = []
            for source in article_sources:
                participants = sorted(source.contact.participants.all(), key=lambda p: p.name)
                for person in participants:
                    people.setdefault(person.slug, person)
                reported.append((source.contact, participants))
            text, evidence = fact_note(
                [(c.get_kind_display(), [p.name for p in ps], c.date) for c, ps in reported], article.url
            )
            records.append(
                {
                    "model": "tracker.article",
                    "pk": pk,
                    "fields": {
                        "title": f"White House readout: {evidence[0]}" + (" and more" if len(evidence) > 1 else ""),
                        "publisher": "The White House",
                        "authors": "",
                        "url": article.url,
                        "published": article.published.isoformat() if article.published else None,
                        "dateline": "",
                        "text": text,
                        "content_hash": text_hash(text),
                        "source_file": "",
                        "created": "2026-01-01T00:00:00Z",
                    },
                }
            )
            position = 0
            for (contact, participants), words in zip(reported, evidence, strict=True):
                start = text.index(words, position)
                position = start + len(words)
                if contact.pk not in seen:
                    seen.add(contact.pk)
                    records.append(
                        {
                            "model": "tracker.contact",
                            "pk": FIRST_ARTICLE_PK + contact.pk,
                            "fields": {
                                "kind": contact.kind,
                                "date": contact.date.isoformat(),
                                "date_precision": contact.date_precision,
                                "participants": [[p.slug] for p in participants],
                                "host": None,
                                "initiator": None,
                                "topics": [[t.slug] for t in contact.topics.all()],
                                "summary": "",
                                "status": ReviewStatus.CONFIRMED,
                                "planned": False,
                                "created": "2026-01-01T00:00:00Z",
                                "updated": "2026-01-01T00:00:00Z",
                            },
                        }
                    )
                seen_sources.append(contact.pk)
                records.append(
                    {
                        "model": "tracker.contactsource",
                        "pk": FIRST_ARTICLE_PK + len(seen_sources),
                        "fields": {
                            "contact": FIRST_ARTICLE_PK + contact.pk,
                            "article": pk,
                            "start": start,
                            "end": position,
                            "evidence": words,
                            "reported_kind": "",
                        },
                    }
                )
        new_people = [
            {
                "model": "tracker.person",
                "fields": {
                    "name": p.name,
                    "slug": slug,
                    "aliases": p.aliases,
                    "country": [p.country.name] if p.country else None,
                    "notes": "Named in White House readouts; offices not recorded yet.",
                },
            }
            for slug, p in sorted(people.items())
            if slug not in known
        ]
        self.stdout.write(json.dumps(new_people + records, ensure_ascii=False, indent=1))
        self.stderr.write(f"{len(seen)} contacts, {len(records) - len(seen)} records, {len(new_people)} new people.")

    @staticmethod
    def fixture(name: str) -> list[dict]:
        return json.loads((Path(settings.FIXTURE_DIRS[0]) / name).read_text(encoding="utf-8"))
