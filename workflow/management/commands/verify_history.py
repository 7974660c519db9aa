import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workflow import checks, statements


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
        parser.add_argument(
            "--seals",
            action="store_true",
            help="Also check that every row of the row history matches its seal (as the nightly "
            "check does; it nearly doubles the time).",
        )
        parser.add_argument(
            "--against",
            metavar="STATEMENT",
            help="A published statement of chain heads (JSON file): check its signature and "
            "that no event it covers was rewritten since.",
        )
        parser.add_argument(
            "--public-key",
            help="The hex Ed25519 public key to check the statement with (default: this "
            "installation's).",
        )

    def handle(self, *args, **options):
        began = time.perf_counter()
        problems = 0
        if options["against"]:
            try:
                document = json.loads(Path(options["against"]).read_text(encoding="utf-8"))
                statement = statements.check_signature(document, options["public_key"])
            except (OSError, ValueError) as error:
                raise CommandError(f"{options['against']}: {error}") from error
            found = statements.contradictions(statement)
            for problem in found:
                self.stderr.write(f"CONTRADICTS {problem}")
            self.stdout.write(
                f"statement of {statement['date']}: {len(statement['heads'])} case(s), "
                f"{len(found)} contradicted"
            )
            problems += len(found)
        else:
            # The last statement stored here: a case it lists that is gone (the check below
            # names, case by case, a history cut short or rewritten since it; walk 84).
            try:
                statement = statements.stored()
            except ValueError as error:
                self.stderr.write(f"CONTRADICTS the statement stored here: {error}")
                problems += 1
                statement = None
            for problem in statements.missing_cases(statement) if statement else ():
                self.stderr.write(f"CONTRADICTS {problem}")
                problems += 1
        # Kept, as the nightly check is: the workspace warns of what it found.
        check = checks.record(check_files=not options["skip_files"], seals=options["seals"])
        checked, broken = check.checked, len(check.broken)
        for case in check.broken:
            problems += len(case["problems"])
            for problem in case["problems"]:
                self.stderr.write(f"BROKEN {case['reference']}: {problem}")
        seconds = time.perf_counter() - began
        self.stdout.write(f"{checked} case(s) checked, {broken} broken ({seconds:.1f} s)")
        if problems:
            raise CommandError(f"{broken} broken case(s), {problems} problem(s)")
