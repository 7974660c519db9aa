import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workflow.registry import import_registry


class Command(BaseCommand):
    help = "Import case histories in the sem-registry/1 format, replaying every event."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a sem-registry/1 JSON file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace cases whose identifier already exists (logged)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        report = import_registry(payload, replace=options["replace"], base_dir=path.parent)
        for reference in report.imported:
            self.stdout.write(f"imported {reference}")
        for reference in report.replaced:
            self.stdout.write(f"replaced {reference}")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for refusal in report.refused:
            self.stderr.write(f"refused {refusal}")
        self.stdout.write(
            f"{len(report.imported) + len(report.replaced)} imported, {len(report.refused)} refused"
        )
        if not report.ok:
            raise CommandError(f"{len(report.refused)} case(s) refused")
