"""Re-ingest the watched folders (``INGEST_FOLDERS``): ``python manage.py ingest_folders [--schedule]``.

Queues one ingest job per new or changed file (``tracker.services.ingest_jobs.folders_reingest``).
``--schedule`` instead makes sure the periodic run is waiting in the workers' queue, every
``INGEST_EVERY_MINUTES``; it is idempotent, and ``scripts/serve.sh`` runs it at each start.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracker.services.ingest_jobs import folders_reingest, folders_reingest_schedule


class Command(BaseCommand):
    help = "Queue ingest jobs for the new and changed files of INGEST_FOLDERS (or --schedule the periodic run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Make sure a periodic run waits in the workers' queue (every INGEST_EVERY_MINUTES).",
        )

    def handle(self, *args, schedule=False, **options):
        if not settings.INGEST_FOLDERS:
            if schedule:
                self.stdout.write("INGEST_FOLDERS is not set: nothing to schedule.\n")
                return
            raise CommandError("INGEST_FOLDERS is not set: no folder to re-ingest")
        if schedule:
            if folders_reingest_schedule():
                self.stdout.write(
                    f"Re-ingesting {len(settings.INGEST_FOLDERS)} folder(s) every "
                    f"{settings.INGEST_EVERY_MINUTES} minutes through the workers.\n"
                )
            else:
                self.stdout.write("The tasks run at once here (no worker): run `ingest_folders` from cron instead.\n")
            return
        jobs, failures = folders_reingest()
        self.stdout.write(f"Queued {len(jobs)} ingest job(s) for new or changed files.\n")
        for failure in failures:
            self.stdout.write(f"  FAILED {failure.source}: {failure.reason}\n")
