"""`regstats note add|list|remove`: the analyst's dated notes, kept in the analyst's store."""

from __future__ import annotations

import click

from regstats.cli.app import app
from regstats.cli.info import format_option
from regstats.cli.output import _emit, console
from regstats.store import live_dir


@app.group()
def note() -> None:
    """Anteckningar (en nedläggning, ett stort varsel, ett beslut) som ritas i diagram och bilder."""


@note.command("add")
@click.argument("start", metavar="ÅÅÅÅ-MM")
@click.argument("text", metavar="ANTECKNING")
@click.option("--till", "end", metavar="ÅÅÅÅ-MM", help="Sista månaden, för en period.")
@click.option("--series", "-s", multiple=True, metavar="SERIE", help="Bara för serien (kan upprepas).")
@click.option("--region", "-r", multiple=True, metavar="KOD", help="Bara för regionen, t.ex. 23 (kan upprepas).")
def add(start: str, text: str, end: str | None, series: tuple[str, ...], region: tuple[str, ...]) -> None:
    """Lägg till en anteckning för en månad (eller en period med --till)."""
    from regstats.store.notes import add_note

    added = add_note(live_dir(), start, text, end=end, series=series, regions=region)
    console.print(f"Anteckning {added.id} sparad: {added.when} {added.text}", soft_wrap=True)


@note.command("list")
@format_option
def list_notes(fmt: str | None) -> None:
    """Visa analytikerns anteckningar."""
    from regstats.store.notes import load_notes

    rows = [
        [str(n.id), n.when, n.text, ", ".join(n.series) or "alla", ", ".join(n.regions) or "alla"]
        for n in load_notes(live_dir())
    ]
    _emit("Anteckningar", ["nr", "månad", "text", "serier", "regioner"], rows, fmt)


@note.command("remove")
@click.argument("note_id", metavar="NR", type=int)
def remove(note_id: int) -> None:
    """Ta bort anteckningen med numret NR (se regstats note list)."""
    from regstats.store.notes import remove_note

    removed = remove_note(live_dir(), note_id)
    console.print(f"Anteckning {removed.id} borttagen: {removed.when} {removed.text}", soft_wrap=True)
