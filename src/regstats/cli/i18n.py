"""click's own texts (usage, help, usage errors) in Swedish.

click marks them for gettext in its default domain; a Swedish catalog for that domain ships
beside this module. gettext picks the language from the environment, so the command line asks for
Swedish unless the user chose a language for regstats (REGSTATS_LANGUAGE=en shows click's English).
`python -m regstats.cli.i18n` compiles messages.po into messages.mo (with Babel, a dependency
already) after an edit; tests/test_cli_usage.py checks that the two agree."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
CATALOG = LOCALE_DIR / "sv" / "LC_MESSAGES" / "messages.po"
COMPILED = CATALOG.with_suffix(".mo")


def use_swedish() -> None:
    """Point gettext's default domain (the one click uses) at the Swedish catalog."""
    gettext.bindtextdomain(gettext.textdomain(), str(LOCALE_DIR))
    # gettext reads LANGUAGE before LC_ALL/LANG: a cron job's LANG=C would otherwise give English.
    os.environ["LANGUAGE"] = os.environ.get("REGSTATS_LANGUAGE", "sv")


def compile_catalog() -> bytes:
    """messages.po as the bytes of messages.mo."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as source:
        catalog = read_po(source, locale="sv")
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


if __name__ == "__main__":
    COMPILED.write_bytes(compile_catalog())
    print(f"Skrev {COMPILED}")
