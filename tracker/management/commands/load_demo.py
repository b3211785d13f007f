"""Set up the demo: reference data, the founding article, a demo editor, and derived gaps.

Safe to run again: fixtures use natural keys or fixed keys, so a second run updates in place.
"""

import os

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.upkeep import gaps_deferred, gaps_recompute_all

# Order matters: countries before the offices that name them, people before the article's contacts.
REFERENCE_FIXTURES = ["countries", "organisations", "leaders", "topics", "founding_article"]
# Contacts derived from the White House readouts (facts and addresses, not their text): see
# the readout_facts_fixture command. Left out where the readouts themselves are ingested.
READOUT_FACTS = "readout_facts"


class Command(BaseCommand):
    help = "Load the demo data and create the demo editor account (for a local demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-editor", action="store_true", help="Do not create the demo editor account.")
        parser.add_argument(
            "--no-readout-facts",
            action="store_true",
            help="Load only the reference data and the founding article, not the contacts derived from readouts.",
        )

    def handle(self, *args, no_editor=False, no_readout_facts=False, **options):
        fixtures = REFERENCE_FIXTURES if no_readout_facts else [*REFERENCE_FIXTURES, READOUT_FACTS]
        # Loading fires the gap-keeping signals contact by contact; defer them and rebuild once.
        with transaction.atomic(), gaps_deferred() as touched:
            for name in fixtures:
                call_command("loaddata", name, verbosity=0)
            touched.clear()
            pairs = gaps_recompute_all()
        planner_statistics_refresh()
        self.stdout.write(f"Loaded {', '.join(fixtures)}; gaps recomputed for {pairs} pair(s).")
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
