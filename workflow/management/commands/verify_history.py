import time

from django.core.management.base import BaseCommand, CommandError

from workflow.chain import verify_all


class Command(BaseCommand):
    help = (
        "Check every case: its event chain (keyed hashes), its stored files against their "
        "SHA-256, and its stage, documents' visibility and withheld submitters against what its "
        "events say. Names each case and what is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-files",
            action="store_true",
            help="Do not re-read the stored files (the chain and the state are still checked).",
        )

    def handle(self, *args, **options):
        began = time.perf_counter()
        broken = checked = problems = 0
        for _submission, found in verify_all(check_files=not options["skip_files"]):
            checked += 1
            if found:
                broken += 1
                problems += len(found)
                for problem in found:
                    self.stderr.write(f"BROKEN {problem}")
        seconds = time.perf_counter() - began
        self.stdout.write(f"{checked} case(s) checked, {broken} broken ({seconds:.1f} s)")
        if broken:
            raise CommandError(f"{broken} broken case(s), {problems} problem(s)")
