from django.core.management.base import BaseCommand

from workflow.registry import iter_registry


class Command(BaseCommand):
    help = (
        "Write the registry in the sem-registry/1 format to standard output: by default "
        "exactly what the public docket shows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="everything, with recorded_at, recorded_by and hash per event",
        )

    def handle(self, *args, **options):
        # Written case by case as the cases are read, in chunks: memory stays the same
        # whatever the size of the registry.
        for piece in iter_registry(restricted=options["include_restricted"]):
            self.stdout.write(piece, ending="")
        self.stdout.flush()
