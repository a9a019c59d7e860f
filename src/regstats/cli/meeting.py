"""The meeting commands: freeze a meeting, list and read its slides, edit a sentence, export."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from regstats.cli.app import CONTEXT, app
from regstats.cli.output import errors
from regstats.store import data_dir, live_dir

console = Console()


@app.group("meeting", context_settings=CONTEXT, no_args_is_help=True)
def meeting_app() -> None:
    """Möten: frys data för ett möte, läs och redigera bildernas meningar."""


@meeting_app.command("create")
@click.argument("day", metavar="ÅÅÅÅ-MM-DD")
@click.option(
    "--deck",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL",
    help="Eget bildspel (YAML); annars standardbildspelet.",
)
@click.option("--replace", is_flag=True, help="Frys om ett befintligt möte till senaste data; redigeringar behålls.")
def create(day: str, deck: Path | None, replace: bool) -> None:
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
    from regstats.meeting.build import deck_for

    for slide in deck_for(live_dir(), meeting.date).slides:
        if slide.empty:  # said now, not discovered in front of the meeting
            errors.print(f"Varning: bild {slide.number} ({slide.id}) saknar data: {slide.empty}", highlight=False)


@meeting_app.command("deck")
@click.option("--exempel", is_flag=True, help="Exempelbildspelet med rundabordets teman i stället.")
def print_deck(exempel: bool) -> None:
    """Skriv ut standardbildspelet (YAML), att spara och redigera: regstats meeting deck > mitt.yaml"""
    from regstats.meeting.deck import default_deck_text, example_deck_text

    click.echo(example_deck_text() if exempel else default_deck_text(), nl=False)


@meeting_app.command("list")
def list_meetings_command() -> None:
    """Visa alla frysta möten."""
    from regstats.errors import RegstatsError
    from regstats.meeting.snapshot import list_meetings, load_meeting

    days = list_meetings(data_dir())
    if not days:
        console.print("Inga möten ännu. Skapa ett med `regstats meeting create ÅÅÅÅ-MM-DD`.")
    for day in days:
        try:
            meeting = load_meeting(data_dir(), day)
        except RegstatsError as error:  # one broken file does not hide the other meetings
            errors.print(f"{day}  {error}", highlight=False, markup=False)
            continue
        edits = sum(len(v) for v in meeting.edits.values())
        console.print(f"{day}  fryst {meeting.created[:16]}  {edits} redigerade meningar", highlight=False)


@meeting_app.command("show")
@click.argument("day", required=False, metavar="[ÅÅÅÅ-MM-DD]")
def show(day: str | None) -> None:
    """Skriv ut bildernas rubriker och meningar, med nyckeln som används för att redigera dem.

    Utan datum visas utkastet på aktuella data."""
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
@click.argument("day", metavar="ÅÅÅÅ-MM-DD")
@click.argument("slide", metavar="BILD")
@click.argument("key", metavar="NYCKEL")
@click.option("--text", metavar="MENING", help="Den nya meningen; tom text döljer meningen.")
@click.option("--reset", is_flag=True, help="Återställ meningen som regeln skriver den.")
def edit(day: str, slide: str, key: str, text: str | None, reset: bool) -> None:
    """Ersätt en genererad mening med egen text; sparas med mötet och överlever en datauppdatering.

    BILD är bildens id och NYCKEL meningens nyckel, som `regstats meeting show` visar dem."""
    from regstats.errors import InputError
    from regstats.meeting.snapshot import edit_sentence, parse_day

    if (text is None) == (not reset):
        raise InputError("Ange antingen --text eller --reset")
    edit_sentence(live_dir(), parse_day(day), slide, key, None if reset else text)
    console.print(f"Mötet {day}, bild {slide}, mening {key}: {'återställd' if reset else 'sparad'}.", highlight=False)


@app.command("export")
@click.option("--meeting", metavar="ÅÅÅÅ-MM-DD", help="Mötesdatum; utelämnat: utkast på aktuella data.")
@click.option(
    "--format",
    "formats",
    default="pdf,pptx",
    show_default=True,
    metavar="FORMAT",
    help="Kommaseparerat: pdf,pptx,png,html.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("export"),
    show_default=True,
    metavar="MAPP",
    help="Mapp för filerna (relativ eller absolut).",
)
def export(meeting: str | None, formats: str, out: Path) -> None:
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
