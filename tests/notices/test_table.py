from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from tests.parties import SLUG

# The README prints the default profile's table (the US–Peru TPA's articles and its 60 days
# after exceptional circumstances); another profile's table is the same but for these words.
AS_IN_THE_README = {
    "us-peru-tpa": {},
    "usmca-cec": {
        "Article 24.27(2)": "Article 18.8.2",
        "Article 24.27(3)": "Article 18.8.4",
        "Article 24.28": "Article 18.9.1",
        "(90 days)": "(60 days)",
        # Walk 24: under the two-thirds rule each member's instruction is a vote.
        "(Council member's vote for a factual record)": (
            "(Council instruction to prepare a factual record)"
        ),
        "(Council member's vote to publish the factual record)": (
            "(Council instruction to publish the factual record)"
        ),
    },
    "cafta-dr": {
        "Article 17.7.2": "Article 18.8.2",
        "Article 17.7.4": "Article 18.8.4",
        "Article 17.8.1": "Article 18.9.1",
    },
}[SLUG]


def test_the_readme_shows_the_current_notices_table(capsys):
    call_command("notices_table")
    out = capsys.readouterr().out
    assert "| `filed` (Submission filed) | any | Submitters |" in out
    for words, readme_words in AS_IN_THE_README.items():
        assert words in out
        out = out.replace(words, readme_words)
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert out in readme
