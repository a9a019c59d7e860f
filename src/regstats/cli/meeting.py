"""The meeting commands: freeze a meeting, list and read its slides, edit a sentence, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from regstats.store import data_dir, live_dir

meeting_app = typer.Typer(
    help="Möten: frys data för ett möte, läs och redigera bildernas meningar.", no_args_is_help=True
)
console = Console()


@meeting_app.command("create")
def create(
    day: Annotated[str, typer.Argument(help="Mötesdatum, ÅÅÅÅ-MM-DD.")],
    deck: Annotated[
        Path | None, typer.Option("--deck", help="Eget bildspel (YAML); annars standardbildspelet.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Frys om ett befintligt möte till senaste data; redigeringar behålls.")
    ] = False,
) -> None:
    """Frys den dataversion bildspelet använder, så mötets bilder kan byggas om identiskt senare."""
    from regstats.meeting.snapshot import create_meeting, meeting_path, parse_day
    from regstats.store.lock import refresh_lock

    with refresh_lock(live_dir()):  # never freeze a store a refresh is halfway through
        meeting = create_meeting(live_dir(), parse_day(day), deck, replace)
    sample = " (EXEMPELDATA)" if meeting.sample else ""
    console.print(
        f"Mötet {meeting.date} är fryst{sample}: {len(meeting.vintages)} serier, "
        f"{len(meeting.edits)} bilder med redigeringar. Fil: {meeting_path(live_dir(), meeting.date)}",
        highlight=False,
    )


@meeting_app.command("deck")
def print_deck() -> None:
    """Skriv ut standardbildspelet (YAML), att spara och redigera: regstats meeting deck > mitt.yaml"""
    from regstats.meeting.deck import default_deck_text

    typer.echo(default_deck_text(), nl=False)


@meeting_app.command("list")
def list_meetings_command() -> None:
    """Visa alla frysta möten."""
    from regstats.meeting.snapshot import list_meetings, load_meeting

    days = list_meetings(data_dir())
    if not days:
        console.print("Inga möten ännu. Skapa ett med `regstats meeting create ÅÅÅÅ-MM-DD`.")
    for day in days:
        meeting = load_meeting(data_dir(), day)
        edits = sum(len(v) for v in meeting.edits.values())
        console.print(f"{day}  fryst {meeting.created[:16]}  {edits} redigerade meningar", highlight=False)


@meeting_app.command("show")
def show(
    day: Annotated[str | None, typer.Argument(help="Mötesdatum; utelämnat visas utkastet på aktuella data.")] = None,
) -> None:
    """Skriv ut bildernas rubriker och meningar, med nyckeln som används för att redigera dem."""
    from regstats.meeting.build import deck_for
    from regstats.meeting.snapshot import parse_day

    built = deck_for(data_dir(), parse_day(day) if day else None)
    if built.sample:
        console.print("[bold]EXEMPELDATA – inte officiell statistik[/]")
    for slide in built.slides:
        console.print(f"\n[bold]{slide.number}. {slide.title}[/] ({slide.id})", highlight=False)
        for sentence in slide.sentences:
            mark = " [redigerad]" if sentence.edited else ""
            console.print(f"  [{sentence.key}]{mark} {sentence.text}", highlight=False, markup=False)
        if slide.source:
            console.print(f"  {slide.source}", style="dim", highlight=False, markup=False)


@meeting_app.command("edit")
def edit(
    day: Annotated[str, typer.Argument(help="Mötesdatum, ÅÅÅÅ-MM-DD.")],
    slide: Annotated[str, typer.Argument(help="Bildens id (se `regstats meeting show`).")],
    key: Annotated[str, typer.Argument(help="Meningens nyckel, t.ex. level eller direction.")],
    text: Annotated[str | None, typer.Option("--text", help="Den nya meningen; tom text döljer meningen.")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Återställ meningen som regeln skriver den.")] = False,
) -> None:
    """Ersätt en genererad mening med egen text; sparas med mötet och överlever en datauppdatering."""
    from regstats.errors import InputError
    from regstats.meeting.snapshot import edit_sentence, parse_day

    if (text is None) == (not reset):
        raise InputError("Ange antingen --text eller --reset")
    edit_sentence(live_dir(), parse_day(day), slide, key, None if reset else text)
    console.print(f"Mötet {day}, bild {slide}, mening {key}: {'återställd' if reset else 'sparad'}.", highlight=False)


def export(
    meeting: Annotated[
        str | None, typer.Option("--meeting", help="Mötesdatum; utelämnat: utkast på aktuella data.")
    ] = None,
    formats: Annotated[str, typer.Option("--format", help="Kommaseparerat: pdf,pptx,png,html.")] = "pdf,pptx",
    out: Annotated[Path, typer.Option("--out", help="Mapp för filerna.")] = Path("export"),
) -> None:
    """Exportera bildspelet som PDF, PPTX, PNG och en fristående HTML-fil."""
    from regstats.meeting.build import deck_for
    from regstats.meeting.export import export_deck, parse_formats
    from regstats.meeting.snapshot import parse_day

    chosen = parse_formats(formats)
    built = deck_for(data_dir(), parse_day(meeting) if meeting else None)
    for path in export_deck(built, chosen, out):
        console.print(f"Skrev {path}", highlight=False, markup=False)
    if built.sample:
        console.print("Obs: bildspelet bygger på EXEMPELDATA och är märkt så på varje bild.")
