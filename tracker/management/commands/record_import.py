"""Restore a backup into an empty, migrated database: ``manage.py record_import FILE``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.backup import RestoreRefused, record_import
from tracker.services.upkeep import changes_summary


class Command(BaseCommand):
    help = "Load a record_export FILE into an empty database, then recompute gaps, tallies and verdicts."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            loaded, changes = record_import(Path(file))
        except RestoreRefused as refused:
            raise CommandError(str(refused)) from refused
        planner_statistics_refresh()
        self.stdout.write(f"Restored {loaded} rows from {file}.")
        if any(changes.values()):
            self.stdout.write(
                f"The backup's derived data was out of date; rows recomputed: {changes_summary(changes)}."
            )
        else:
            self.stdout.write("Derived data checked: as the backup had it.")
