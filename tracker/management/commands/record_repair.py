"""Recompute every derived table and gap-claim verdict from the record: ``manage.py record_repair``.

Gaps, the charts' tallies and the verdicts are derived from contacts and claims; this rewrites
them all (only the rows that differ) and says how many rows of each table it changed, so a run
on a sound record reports nothing to repair. Safe while ingesters and the site run: it holds the
ingest lock and the derived data's locks while it works.
"""

from django.core.management.base import BaseCommand

from tracker.planner_statistics import planner_statistics_refresh
from tracker.services.upkeep import VERDICTS, derived_recompute_all

TABLES = ["Gap", "PairContactCount", "PairMonthCount", "ContactDayCount", VERDICTS]


class Command(BaseCommand):
    help = "Recompute gaps, tallies and gap-claim verdicts from the record and report the rows changed per table."

    def handle(self, *args, **options):
        pairs, changes = derived_recompute_all()
        planner_statistics_refresh()
        fixed = ", ".join(f"{table} {changes[table]}" for table in TABLES)
        self.stdout.write(f"Recomputed the derived data of {pairs} pair(s). Rows changed: {fixed}.")
        if not any(changes.values()):
            self.stdout.write("Nothing to repair.")
