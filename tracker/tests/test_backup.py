"""Backup and restore: ``record_export`` then ``record_import`` into a new database gives back
every row of every table of the record, users and the editors' group included; the migrations
run back to zero and forward again keep the editors' group and its members.

Each test runs ``manage.py`` in processes of its own against databases of its own, on SQLite and
(when the suite runs on it) on PostgreSQL.
"""

from __future__ import annotations

import pytest

from tracker.tests.databases import Database, manage, record_tables, run_all, vendor_or_skip
from tracker.tests.ingest_world import world_articles, world_fixture

pytestmark = pytest.mark.slow

# A user in the editors' group, and an admin change history entry that names them.
EDITOR = """
from django.contrib.admin.models import LogEntry, CHANGE
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from tracker.models import Person
user = User.objects.create_user("nadia", password="not-a-real-one", is_staff=True)
user.groups.add(Group.objects.get(name="editors"))
person = Person.objects.get(name="Aldo Varen")
LogEntry.objects.create(user=user, content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk),
                        object_repr=str(person), action_flag=CHANGE, change_message="Renamed nothing")
"""
MEMBERS = """SELECT g.name, u.username, (SELECT count(*) FROM auth_group_permissions gp WHERE gp.group_id = g.id)
             FROM auth_group g JOIN auth_user_groups ug ON ug.group_id = g.id JOIN auth_user u ON u.id = ug.user_id"""
AUTH = ["auth_user", "django_admin_log"]


@pytest.fixture(params=["sqlite", "postgresql"])
def vendor(request):
    return vendor_or_skip(request.param)


@pytest.fixture
def databases(vendor, tmp_path):
    made: list[Database] = []

    def fresh(name: str) -> Database:
        made.append(Database(vendor, f"backup_{name}", tmp_path).create())
        run_all([manage(made[-1], "migrate", "-v0")])
        return made[-1]

    yield fresh
    for db in made:
        db.drop()


def test_a_backup_restored_into_a_new_database_gives_back_every_row(databases, tmp_path):
    source = databases("source")
    run_all([manage(source, "loaddata", str(world_fixture(tmp_path / "world.json")), "-v0")])
    run_all([manage(source, "ingest", "--confirm", str(world_articles(tmp_path / "articles")[0].parent), "-v0")])
    run_all([manage(source, "shell", "-c", EDITOR)])
    backup = tmp_path / "record.json"
    run_all([manage(source, "record_export", str(backup))])

    restored = databases("restored")
    out = run_all([manage(restored, "record_import", str(backup))])[0]
    assert "Derived data checked: as the backup had it." in out, out

    for table in [*record_tables(), *AUTH]:
        assert restored.table_rows(table) == source.table_rows(table), table
    assert source.table_rows("tracker_gap") and source.table_rows("tracker_gapclaim")
    assert restored.query(MEMBERS) == source.query(MEMBERS) != []
    # And the restored database backs up to the same file.
    again = tmp_path / "again.json"
    run_all([manage(restored, "record_export", str(again))])
    assert again.read_text() == backup.read_text()


def test_a_restore_into_a_database_that_holds_a_record_is_refused(databases, tmp_path):
    db = databases("full")
    run_all([manage(db, "loaddata", str(world_fixture(tmp_path / "world.json")), "-v0")])
    backup = tmp_path / "record.json"
    run_all([manage(db, "record_export", str(backup))])
    refused = manage(db, "record_import", str(backup))
    _, err = refused.communicate(timeout=300)
    assert refused.returncode != 0 and "already holds a record" in err


def test_migrating_to_zero_and_back_keeps_the_editors_group_and_its_members(databases):
    db = databases("migrations")
    run_all([manage(db, "shell", "-c", EDITOR.split("person =")[0])])
    before = db.query(MEMBERS)
    assert [row[:2] for row in before] == [("editors", "nadia")]
    run_all([manage(db, "migrate", "tracker", "zero", "-v0")])
    run_all([manage(db, "migrate", "-v0")])
    assert db.query(MEMBERS) == before
