from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def test_the_readme_shows_the_current_notices_table(capsys):
    call_command("notices_table")
    out = capsys.readouterr().out
    assert "| `filed` (Submission filed) | any | Submitters |" in out
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert out in readme
