"""Delete pending uploads older than SEM_FILING_PENDING_MAX_AGE (also run hourly by beat)."""

from django.core.management.base import BaseCommand

from submissions.uploads import purge_pending, stale_pending


class Command(BaseCommand):
    help = "Delete files kept across a failed form validation once their tokens have expired."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is stale; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            stale = stale_pending()
            self.stdout.write(f"{len(stale)} stale pending upload(s): {stale}")
            return
        self.stdout.write(f"{purge_pending()} stale pending upload(s) deleted.")
