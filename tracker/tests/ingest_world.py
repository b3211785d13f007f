"""A fictional world for multi-process ingest tests: a fixture of countries and leaders, and a
folder of readouts about them (calls reported by both sides, new people named first by surname
and office then in full, quotes, gap claims), written to a folder at test time."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("Norvania", "Norvanian"),
    ("Valdoria", "Valdorian"),
    ("Estmark", "Estmarkish"),
    ("Ostrelia", "Ostrelian"),
    ("Karsland", "Karslandic"),
]
# (name, title, country) for the leaders on record before ingest starts
LEADERS = [
    ("Aldo Varen", "President", "Norvania"),
    ("Mira Kost", "Prime Minister", "Valdoria"),
    ("Ilse Brandt", "Chancellor", "Estmark"),
    ("Ivo Pell", "President", "Ostrelia"),
]
SIDES = {
    "Norvania": ("Office of the Norvanian President", "https://president.norvania.example/readouts"),
    "Valdoria": ("Valdorian Government", "https://gov.valdoria.example/news"),
    "Estmark": ("Estmarkish Chancellery", "https://chancellery.estmark.example/press"),
}


TOPICS = [
    "the river treaty and grain exports",
    "security on their shared border",
    "the fishing quota in the northern sea",
    "rail links between their capitals",
    "the harvest and food prices",
    "energy supplies for the winter",
    "a joint space programme",
    "student exchanges and visas",
    "the customs union",
    "flood defences along the delta",
    "the mountain pass tunnel",
    "shared weather stations",
    "the lighthouse on the border islands",
    "a new ferry service",
    "the census of the northern valleys",
    "the museum loans of old maps",
]


def world_fixture(path: Path) -> Path:
    rows = []
    for pk, (name, demonym) in enumerate(COUNTRIES, start=9001):
        rows.append({"model": "tracker.country", "pk": pk, "fields": {"name": name, "demonyms": demonym}})
    country_pk = {name: pk for pk, (name, _) in enumerate(COUNTRIES, start=9001)}
    for pk, (name, title, country) in enumerate(LEADERS, start=9001):
        slug = name.lower().replace(" ", "-")
        rows.append(
            {
                "model": "tracker.person",
                "pk": pk,
                "fields": {"name": name, "slug": slug, "country": country_pk[country]},
            }
        )
        rows.append(
            {
                "model": "tracker.office",
                "pk": pk,
                "fields": {
                    "person": pk,
                    "title": title,
                    "country": country_pk[country],
                    "start": "2020-01-01",
                    "is_head": True,
                },
            }
        )
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def _who(name: str) -> str:
    for leader, title, country in LEADERS:
        if leader == name:
            return f"{title} {leader} of {country}"
    return name


def _readout(side: str, host: str, other: str, day: date, n: int, extra: str = "") -> tuple[str, str]:
    publisher, base = SIDES[side]
    surname = host.split()[-1]
    topics = TOPICS[n % len(TOPICS)]
    text = (
        f"{_who(host)} spoke by phone today with {_who(other)}. "
        f"The two leaders discussed {topics}. "
        f"{extra}"
        f'{surname} said the conversation had been "frank, useful and respectful of both our peoples." '
        f"They agreed to remain in close contact in the weeks ahead."
    )
    front = (
        f"---\ntitle: Readout of a call with {other} ({n})\ndate: {day.isoformat()}\n"
        f"publisher: {publisher}\nsource_url: {base}/{day.isoformat()}-{n}\n---\n"
    )
    return front + text + "\n", f"{day.isoformat()}-{side.lower()}-{n:02d}.md"


def world_articles(folder: Path) -> list[Path]:
    """About thirty readouts: calls of three pairs through 2024 and 2025, most reported by both sides."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[tuple[str, str]] = []
    day = date(2024, 1, 8)
    pairs = [("Aldo Varen", "Mira Kost"), ("Ilse Brandt", "Aldo Varen"), ("Mira Kost", "Ilse Brandt")]
    sides = {"Aldo Varen": "Norvania", "Mira Kost": "Valdoria", "Ilse Brandt": "Estmark"}
    for n in range(16):
        a, b = pairs[n % 3]
        extra = ""
        if n in (6, 9):
            extra = "It was their first call in more than a month. "
        if n == 4:
            extra = "Foreign Minister Tomas Reyl of Estmark joined the call. "
        files.append(_readout(sides[a], a, b, day, n, extra))
        if n % 4 != 3:  # most calls: the other side's readout too
            files.append(_readout(sides[b], b, a, day, n, extra))
        day += timedelta(days=9 + 5 * (n % 4))
    # A new head of government, named first by office and surname, then in full.
    files.append(
        _readout(
            "Norvania",
            "Aldo Varen",
            "Prime Minister Holm of Karsland",
            date(2024, 8, 2),
            20,
            "Varen congratulated Prime Minister Holm of Karsland on taking office. ",
        )
    )
    files.append(
        _readout(
            "Norvania",
            "Aldo Varen",
            "Prime Minister Dana Holm of Karsland",
            date(2024, 9, 12),
            21,
            "Prime Minister Dana Holm of Karsland invited Varen to visit. ",
        )
    )
    files.append(
        _readout(
            "Valdoria",
            "Mira Kost",
            "Prime Minister Dana Holm of Karsland",
            date(2024, 9, 20),
            22,
        )
    )
    paths = []
    for text, name in files:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
