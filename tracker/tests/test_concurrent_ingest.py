"""Eight ingesters at once end with the record one ingester makes: the same rows in every table
(articles, contacts, sources, people, offices, statements, gaps, tallies, claims and verdicts),
on SQLite and, when the suite runs on it, on PostgreSQL.

Each run is real ``manage.py ingest --confirm`` processes against a database of its own: a copy
of one migrated and loaded with a fictional world (``ingest_world``), or with the demo's
reference data for thirty real readouts read from ../shared (marked ``shared``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tracker.tests.databases import Database, manage, record_tables, run_all, vendor_or_skip
from tracker.tests.ingest_world import world_articles, world_fixture

PROCESSES = 8
READOUTS = 30

pytestmark = pytest.mark.slow


# What the record holds, read without ids (which depend on who inserted first).
CONTENT = {
    "people": "SELECT name FROM tracker_person",
    "gaps": 'SELECT start, "end", days, is_record FROM tracker_gap',
    "verdicts": "SELECT ends, verdict FROM tracker_gapclaim",
}
CONTACTS = """SELECT c.id, c.date, c.kind, c.status, (SELECT count(*) FROM tracker_contactsource s
              WHERE s.contact_id = c.id) FROM tracker_contact c"""
PARTICIPANTS = """SELECT cp.contact_id, p.name FROM tracker_contact_participants cp
                  JOIN tracker_person p ON p.id = cp.person_id"""


def record_of(db: Database) -> dict:
    counts = {table: int(db.query(f'SELECT count(*) FROM "{table}"')[0][0]) for table in record_tables()}
    names: dict[str, list[str]] = {}
    for contact_id, name in db.query(PARTICIPANTS):
        names.setdefault(contact_id, []).append(name)
    contacts = sorted((*row[1:], *sorted(names[row[0]])) for row in db.query(CONTACTS))
    return {
        "counts": counts,
        "contacts": contacts,
        **{name: sorted(db.query(sql)) for name, sql in CONTENT.items()},
    }


def world_of(vendor: str, folder: Path, setup: list[list[str]]):
    """A migrated database set up by the ``setup`` commands, and a factory of fresh copies of it."""
    template = Database(vendor, "ingest_template", folder).create()
    for command in [["migrate", "-v0"], *setup]:
        run_all([manage(template, *command)])
    made: list[Database] = [template]

    def fresh(name: str) -> Database:
        made.append(Database(vendor, f"ingest_{name}", folder).create(template))
        return made[-1]

    return fresh, made


@pytest.fixture(params=["sqlite", "postgresql"])
def vendor(request):
    return vendor_or_skip(request.param)


@pytest.fixture
def fictional_world(vendor, tmp_path):
    """The fictional world's database and the folder of its articles."""
    files = world_articles(tmp_path / "articles")
    fresh, made = world_of(vendor, tmp_path, [["loaddata", str(world_fixture(tmp_path / "world.json")), "-v0"]])
    yield fresh, files, made[0]
    for db in reversed(made):
        db.drop()


@pytest.fixture
def readouts_world(vendor, tmp_path):
    """The demo's reference data (no readout facts) and a folder of the first real readouts."""
    found = sorted(f for f in (settings.SHARED_DATA_DIR / "readouts").rglob("*.md") if f.name != "README.md")
    if len(found) < READOUTS:
        pytest.skip("needs the readouts in ../shared")
    folder = tmp_path / "articles"
    folder.mkdir()
    # Numbered: two months' folders may hold readouts of the same name.
    files = [Path(shutil.copy(f, folder / f"{n:03d}-{f.name}")) for n, f in enumerate(found[:READOUTS])]
    fresh, made = world_of(vendor, tmp_path, [["load_demo", "--no-readout-facts", "--no-editor"]])
    yield fresh, files, made[0]
    for db in reversed(made):
        db.drop()


def ingesters_make_one_record(fresh, files: list[Path], template: Database, *, split: bool = True) -> dict:
    """One ingester, then eight over the same folder, then (``split``) eight sharing its files: the
    record of the first, after checking the others made the same one."""
    folder = str(files[0].parent)
    one = fresh("one")
    run_all([manage(one, "ingest", "--confirm", folder, "-v0")])
    expected = record_of(one)
    before = record_of(template)["counts"]["tracker_article"]  # the demo's founding article
    assert expected["counts"]["tracker_article"] == before + len(files)

    many = fresh("eight")
    outputs = run_all([manage(many, "ingest", "--confirm", folder, "-v0") for _ in range(PROCESSES)])
    assert record_of(many) == expected
    new = sum(int(out.split("Articles: ")[1].split(" new")[0]) for out in outputs)
    assert new == len(files)  # each article stored by exactly one of them
    # Nothing to repair afterwards: every derived row is what a recomputation makes.
    repair = run_all([manage(many, "record_repair")])[0]
    assert "Nothing to repair." in repair, repair

    if not split:
        return expected
    split = fresh("split")
    shares = [[str(f) for f in files[i::PROCESSES]] for i in range(PROCESSES)]
    run_all([manage(split, "ingest", "--confirm", *share, "-v0") for share in shares])
    assert record_of(split) == expected
    return expected


def test_eight_ingesters_over_one_folder_make_the_record_one_ingester_makes(fictional_world):
    expected = ingesters_make_one_record(*fictional_world)
    assert expected["counts"]["tracker_gap"] > 0 and expected["counts"]["tracker_gapclaim"] > 0
    # The new head of government met first by surname is one person, under the full name.
    assert ("Dana Holm",) in expected["people"] and ("Holm",) not in expected["people"]


@pytest.mark.shared
def test_eight_ingesters_over_real_readouts_make_the_record_one_ingester_makes(readouts_world):
    # Not split: eight processes sharing the files store them in another order than one process,
    # and on real readouts what extraction makes of a name depends on the order names are met in
    # (a person met first by a partial name), which no lock can change.
    expected = ingesters_make_one_record(*readouts_world, split=False)
    assert expected["counts"]["tracker_contact"] > 0
