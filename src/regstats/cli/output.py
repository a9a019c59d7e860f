"""What every command prints with: the consoles, plain (never markup) text, tables or
text/CSV/JSON for scripts, and the refresh outcomes in Swedish."""

from __future__ import annotations

import json
import re
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from regstats.errors import RegstatsError

console = Console()
errors = Console(stderr=True)

OUTCOME_SV = {
    "new": "nya data",
    "revised": "reviderad",
    "unchanged": "oförändrad",
    "failed": "misslyckades",
    "skipped": "hoppades över",
}
OUTCOME_STYLE = {"new": "green", "revised": "yellow", "unchanged": "dim", "failed": "bold red", "skipped": "red"}


def periods_text(periods: list[str], frequency: str) -> str:
    """New periods (ISO first days) in the publishers' own codes: 2026M07, 2026K3, 2025."""
    from datetime import date

    from regstats.periods import period_code

    if not periods:
        return "–"
    codes = [period_code(date.fromisoformat(p[:10]), frequency) for p in (periods[0], periods[-1])]
    if len(periods) == 1:
        return codes[0]
    return f"{len(periods)} st ({codes[0]} … {codes[1]})"


def failed_series_line(results) -> str | None:
    """Which series failed or were skipped, named, for a log that keeps only the last lines."""
    failed = [r.series_id for r in results if r.outcome == "failed"]
    skipped = [r.series_id for r in results if r.outcome == "skipped"]
    parts = []
    if failed:
        parts.append(f"misslyckades: {', '.join(failed)}")
    if skipped:
        parts.append(f"överhoppade: {', '.join(skipped)}")
    return ("Serier som inte uppdaterades — " + "; ".join(parts)) if parts else None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str, style: str = "") -> Text:
    """Publisher text and file names as plain text: never read as Rich markup, and terminal
    control characters (ANSI escapes) shown as visible escapes instead of reaching the terminal."""
    return Text(_CONTROL.sub(lambda m: repr(m.group())[1:-1], text), style=style)


FORMATS = ["table", "text", "csv", "json"]
FORMAT_HELP = "table (i terminalen), text (tabbseparerad, standard när utdata går vidare), csv eller json."


def _emit(title: str, columns: list[str], rows: list[list], fmt: str | None, styles: dict[int, list] | None = None):
    """People get a table that never cuts a value; scripts get text, CSV or JSON. Piped output
    defaults to text. CSV is regstats' one dialect (views.exports): ';' and decimal comma."""
    fmt = fmt or ("table" if console.is_terminal else "text")
    if fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import pandas as pd

        from regstats.views.exports import csv_text

        sys.stdout.write(csv_text(pd.DataFrame(rows, columns=columns)))
    elif fmt == "text":
        for row in [columns, *rows]:
            sys.stdout.write("\t".join("" if v is None else _CONTROL.sub("?", str(v)) for v in row) + "\n")
    elif fmt == "table":
        table = Table(title=title)
        for column in columns:
            table.add_column(column, overflow="fold")
        for i, row in enumerate(rows):
            cells = [plain("" if v is None else str(v)) for v in row]
            for j, style in enumerate((styles or {}).get(i, [])):
                if style:
                    cells[j].stylize(style)
            table.add_row(*cells)
        console.print(table)
    else:
        raise RegstatsError(f"Okänt format {fmt!r}", hint="använd table, text, csv eller json")
