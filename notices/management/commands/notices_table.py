from django.core.management.base import BaseCommand

from notices.table import markdown


class Command(BaseCommand):
    help = "Print the 'who is told what' table as Markdown (it is copied into the README)."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
