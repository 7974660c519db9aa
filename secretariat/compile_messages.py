"""Compile locale/*/LC_MESSAGES/django.po (and each profile's own wording,
locale/profiles/<profile>/<lang>/LC_MESSAGES/django.po) to .mo: GNU msgfmt when installed, else
Babel.

`make messages` runs this so that set-up works on a machine without gettext.
"""

import shutil
import subprocess
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main() -> int:
    # The shared catalogues and each profile's own wording (locale/profiles/<profile>/<lang>/).
    catalogues = sorted(
        [*LOCALE.glob("*/LC_MESSAGES/*.po"), *LOCALE.glob("profiles/*/*/LC_MESSAGES/*.po")]
    )
    msgfmt = shutil.which("msgfmt")
    for po in catalogues:
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
    print(f"compiled {len(catalogues)} catalogue(s) with {'msgfmt' if msgfmt else 'Babel'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
