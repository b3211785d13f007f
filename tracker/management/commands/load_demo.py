"""Set up the demo: reference data, the founding article, a demo editor, and derived gaps.

Safe to run again: fixtures use natural keys or fixed keys, so a second run updates in place.
"""

import os

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.records import gaps_recompute_all

# Order matters: countries before the offices that name them, people before the article's contacts.
DEMO_FIXTURES = ["countries", "organisations", "leaders", "topics", "founding_article"]


class Command(BaseCommand):
    help = "Load the demo data and create the demo editor account (for a local demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-editor", action="store_true", help="Do not create the demo editor account.")

    def handle(self, *args, no_editor=False, **options):
        with transaction.atomic():
            for name in DEMO_FIXTURES:
                call_command("loaddata", name, verbosity=0)
            pairs = gaps_recompute_all()
        planner_statistics_refresh()
        self.stdout.write(f"Loaded {', '.join(DEMO_FIXTURES)}; gaps recomputed for {pairs} pair(s).")
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
