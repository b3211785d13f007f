"""Set up the demo: reference data, the readout facts, the founding article, a demo editor, and
derived gaps.

Safe to run again: only missing rows are added (``tracker.services.demo``), so an editor's
corrections stay; ``--reset`` deletes the record first and rebuilds it from the fixtures.
"""

import os

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.demo import DemoLoad, demo_fixture_load, demo_record_reset
from tracker.services.upkeep import gaps_deferred, gaps_recompute_all

# Order matters: countries before the offices that name them, people before the contacts, and
# the readout contacts before the founding article whose two calls are further sources of them.
REFERENCE_FIXTURES = ["countries", "organisations", "leaders", "topics"]
# Contacts derived from the White House readouts (facts and addresses, not their text): see
# the readout_facts_fixture command. Left out where the readouts themselves are ingested.
READOUT_FACTS = "readout_facts"
FOUNDING_ARTICLE = "founding_article"


class Command(BaseCommand):
    help = "Load the demo data and create the demo editor account (for a local demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-editor", action="store_true", help="Do not create the demo editor account.")
        parser.add_argument(
            "--no-readout-facts",
            action="store_true",
            help="Load only the reference data and the founding article, not the contacts derived from readouts.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the whole record (people, articles, contacts, everything but user accounts) "
            "and rebuild it from the fixtures. Without it, rows already there are left as they are.",
        )

    def handle(self, *args, no_editor=False, no_readout_facts=False, reset=False, **options):
        fixtures = [*REFERENCE_FIXTURES, *([] if no_readout_facts else [READOUT_FACTS]), FOUNDING_ARTICLE]
        load = DemoLoad()
        # Rows are saved raw (no gap-keeping signals); everything derived is rebuilt once at the end.
        with transaction.atomic(), gaps_deferred() as touched:
            if reset:
                self.stdout.write(f"Reset: {demo_record_reset()} row(s) deleted.")
            for name in fixtures:
                demo_fixture_load(name, load)
            touched.clear()
            pairs = gaps_recompute_all()
        planner_statistics_refresh()
        added = ", ".join(f"{n} {model}" for model, n in sorted(load.added.items())) or "nothing"
        self.stdout.write(
            f"Loaded {', '.join(fixtures)}: added {added}; {load.merged} contact(s) merged into one on record "
            f"as a further source; {load.kept} row(s) already there left as they were; "
            f"gaps recomputed for {pairs} pair(s)."
        )
        if not no_editor:
            self.create_demo_editor()

    def create_demo_editor(self):
        username = os.environ.get("DEMO_EDITOR", "editor")
        password = os.environ.get("DEMO_PASSWORD", "editor-demo")
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name="editors"))
            self.stdout.write(f"Demo editor created: log in at /admin/ as {username!r} with password {password!r}.")
        else:
            self.stdout.write(f"Demo editor {username!r} already exists (password unchanged).")
