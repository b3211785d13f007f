"""Back up the record to one JSON file: ``manage.py record_export FILE`` (restore with record_import)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from tracker.services.backup import record_export


class Command(BaseCommand):
    help = "Write the whole record (people, articles, contacts, derived data, users and groups) to FILE."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        written = record_export(Path(file))
        self.stdout.write(f"Wrote {sum(written.values())} rows of {len(written)} tables to {file}.")
