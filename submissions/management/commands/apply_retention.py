"""Delete identity documents whose retention period has ended (also run daily by beat)."""

from django.core.management.base import BaseCommand

from submissions.retention import apply_retention, identity_documents_due


class Command(BaseCommand):
    help = "Delete submitters' identity documents once their cases have been closed long enough."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            due = list(identity_documents_due().values_list("pk", flat=True))
            self.stdout.write(f"{len(due)} identity document(s) due: submitters {due}")
            return
        count = apply_retention()
        self.stdout.write(f"{count} identity document(s) deleted.")
