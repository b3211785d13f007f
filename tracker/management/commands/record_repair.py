"""Recompute every derived table and gap-claim verdict from the record: ``manage.py record_repair``.

Gaps, the charts' tallies and the verdicts are derived from contacts and claims; this rewrites
them all (only the rows that differ) and says how many rows of each table it changed, so a run
on a sound record reports nothing to repair. Safe while ingesters and the site run: it holds the
ingest lock and the derived data's locks while it works.
"""

from django.core.management.base import BaseCommand

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.upkeep import changes_summary, derived_recompute_all


class Command(BaseCommand):
    help = "Recompute gaps, tallies and gap-claim verdicts from the record and report the rows changed per table."

    def handle(self, *args, **options):
        pairs, changes = derived_recompute_all()
        planner_statistics_refresh()
        self.stdout.write(f"Recomputed the derived data of {pairs} pair(s). Rows changed: {changes_summary(changes)}.")
        if not any(changes.values()):
            self.stdout.write("Nothing to repair.")
