"""Send every pending notice that is due, in this process (no Celery needed)."""

from django.core.management.base import BaseCommand

from notices import reminders, sending


class Command(BaseCommand):
    help = "Send the pending notices of the outbox (and, with --sweep, write today's reminders)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="First write today's reminders and staff digest (sent once per day).",
        )

    def handle(self, *args, sweep=False, **options):
        if sweep:
            counts = reminders.sweep()
            self.stdout.write(
                f"reminders: {counts['reminders']}, digest: {counts['digest']}, "
                f"notices written: {counts['notices']}"
            )
        counts = sending.send_pending()
        self.stdout.write(
            f"sent: {counts['sent']}, deferred: {counts['deferred']}, skipped: {counts['skipped']}"
        )
