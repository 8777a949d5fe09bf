"""Extract every _()/N_()/ngettext() string into i18n/paemployer.pot and merge it into each language's .po.

Run after changing user-facing text:  python i18n/update_catalogues.py
Translators then fill in i18n/<lang>/LC_MESSAGES/paemployer.po; untranslated entries fall back to English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POT = HERE / "paemployer.pot"
LANGUAGES = ("cy",)


def main() -> int:
    cli = CommandLineInterface()
    cli.run([
        "pybabel", "-q", "extract", "-F", str(HERE / "babel.cfg"), "-k", "_", "-k", "N_", "-k", "ngettext:1,2",
        "--no-location", "--sort-output", "--project", "PA Employer", "--copyright-holder", "PA Employer contributors",
        "-o", str(POT), str(ROOT),
    ])
    for language in LANGUAGES:
        po = HERE / language / "LC_MESSAGES" / "paemployer.po"
        if po.exists():
            cli.run(["pybabel", "-q", "update", "-i", str(POT), "-o", str(po), "-l", language, "--no-fuzzy-matching",
                     "--ignore-obsolete", "--width", "100"])
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            cli.run(["pybabel", "-q", "init", "-i", str(POT), "-o", str(po), "-l", language])
    return 0


if __name__ == "__main__":
    sys.exit(main())
