from django.core.management.base import BaseCommand

from workflow.graph import mermaid


class Command(BaseCommand):
    help = "Print the transition table as a Mermaid state diagram."

    def handle(self, *args, **options):
        self.stdout.write(mermaid())
