from django.core.management.base import BaseCommand

from tracker.synthetic import synthetic_generate


class Command(BaseCommand):
    help = (
        "Fill the database with a plainly fictional record (invented leaders of invented countries) "
        "at realistic shape, for benchmarks and demos. Best run on an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--leaders", type=int, default=300)
        parser.add_argument("--contacts", type=int, default=100_000)
        parser.add_argument("--statements", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, leaders, contacts, statements, seed, verbosity, **options):
        progress = (lambda message: self.stderr.write(message)) if verbosity > 1 else None
        made = synthetic_generate(
            leaders=leaders, contacts=contacts, statements=statements, seed=seed, progress=progress
        )
        self.stdout.write(", ".join(f"{n} {what}" for what, n in made.items()))
