from django.core.management.base import BaseCommand

from workflow.registry import export_registry


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
        self.stdout.write(export_registry(restricted=options["include_restricted"]), ending="")
