from django.core.management.base import BaseCommand, CommandError

from submissions.models import Submission
from workflow.chain import verify_submission


class Command(BaseCommand):
    help = "Check every case's event chain and name the first broken link of each."

    def handle(self, *args, **options):
        broken = 0
        checked = 0
        for submission in Submission.objects.order_by("pk").iterator():
            checked += 1
            problem = verify_submission(submission)
            if problem:
                broken += 1
                self.stderr.write(f"BROKEN {problem}")
        self.stdout.write(f"{checked} case(s) checked, {broken} broken")
        if broken:
            raise CommandError(f"{broken} broken chain(s)")
