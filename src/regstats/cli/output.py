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


def _periods_text(periods: list[str]) -> str:
    if not periods:
        return "–"
    if len(periods) == 1:
        return periods[0][:7]
    return f"{len(periods)} st ({periods[0][:7]} … {periods[-1][:7]})"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str, style: str = "") -> Text:
    """Publisher text and file names as plain text: never read as Rich markup, and terminal
    control characters (ANSI escapes) shown as visible escapes instead of reaching the terminal."""
    return Text(_CONTROL.sub(lambda m: repr(m.group())[1:-1], text), style=style)


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
