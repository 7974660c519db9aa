"""Compile locale/*/LC_MESSAGES/django.po (and each profile's own wording,
locale/profiles/<profile>/<lang>/LC_MESSAGES/django.po) to .mo: GNU msgfmt when installed, else
Babel.

`make messages` runs this so that set-up works on a machine without gettext.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from django.core import checks

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogues() -> list[Path]:
    """The shared catalogues and each profile's own wording (locale/profiles/<profile>/<lang>/)."""
    return sorted(
        [*LOCALE.glob("*/LC_MESSAGES/*.po"), *LOCALE.glob("profiles/*/*/LC_MESSAGES/*.po")]
    )


def stale() -> list[Path]:
    """The catalogues never compiled: their pages read English. (Not those older than their
    source: ``makemessages`` rewrites a source it leaves unchanged, as CI's check does.)"""
    return [po for po in catalogues() if not po.with_suffix(".mo").exists()]


def check_compiled(app_configs=None, **kwargs) -> list:
    """A system check (``manage.py check``, ``runserver``): walk 41 started the site from a
    fresh clone without compiling, and the Spanish pages were English, naming another treaty,
    while ``check`` said "no issues"."""
    found = stale()
    if not found:
        return []
    return [
        checks.Warning(
            f"{len(found)} translation catalogue(s) not compiled, e.g. "
            f"{found[0].relative_to(LOCALE.parent)}: pages in other languages read English.",
            hint="Run `make messages` (python -m secretariat.compile_messages).",
            id="secretariat.W001",
        )
    ]


def main() -> int:
    catalogues_found = catalogues()
    msgfmt = shutil.which("msgfmt")
    for po in catalogues_found:
        mo = po.with_suffix(".mo")
        if msgfmt:
            subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)  # noqa: S603
        else:
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            with po.open("rb") as src:
                catalog = read_po(src)
            with mo.open("wb") as dst:
                write_mo(dst, catalog)
    print(f"compiled {len(catalogues_found)} catalogue(s) with {'msgfmt' if msgfmt else 'Babel'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
