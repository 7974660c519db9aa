"""List the default profile's sentences a profile does not word yet (secretariat.prose)."""

from django.core.management.base import BaseCommand, CommandError

from secretariat import prose
from submissions import profiles


class Command(BaseCommand):
    help = (
        "List the sentences of the shared catalogues that name the US-Peru TPA's articles, "
        "Parties or treaty and that a profile's own catalogues (locale/profiles/<profile>/) "
        "do not word yet; exits 1 while any is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("profile", help="a profile's name, e.g. usmca-cec")
        parser.add_argument("languages", nargs="+", help="its working languages, e.g. en fr es")

    def handle(self, *args, profile, languages, **options):
        if profile == profiles.DEFAULT:
            self.stdout.write(f"{profile} is the default: the shared catalogues are its own.")
            return
        gaps = prose.missing(profile, languages)
        for language, keys in gaps.items():
            for context, msgid in keys:
                where = f" [{context}]" if context else ""
                self.stdout.write(f"{language}: {msgid}{where}")
        total = sum(len(keys) for keys in gaps.values())
        self.stdout.write(f"{total} sentence(s) to word for {profile}.")
        if total:
            raise CommandError(f"{profile} does not word every sentence of the TPA yet.")
