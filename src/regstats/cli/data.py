"""The analyst's data commands: refresh, import, check, rebuild, record, doctor, build-sample."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from regstats.cli.app import app
from regstats.cli.output import OUTCOME_STYLE, OUTCOME_SV, _periods_text, console, errors, plain
from regstats.store import live_dir


class _RichProgress:
    """The pipeline's progress hooks (pipeline.refresh.Progress) on a Rich progress bar."""

    def __init__(self, progress) -> None:
        self.progress = progress
        self.task = None

    def start(self, series_ids: list[str]) -> None:
        self.task = self.progress.add_task("Hämtar", total=len(series_ids))

    def series_done(self, result) -> None:
        self.progress.update(self.task, advance=1, description=f"{result.series_id}: {OUTCOME_SV[result.outcome]}")


@app.command()
def refresh(
    series: Annotated[list[str] | None, typer.Option("--series", "-s", help="Serie-id (kan upprepas).")] = None,
    publisher: Annotated[list[str] | None, typer.Option("--publisher", "-p", help="scb, ki eller tva.")] = None,
    force: Annotated[bool, typer.Option(help="Hämta även tabeller som inte har uppdaterats.")] = False,
    accept_change: Annotated[
        list[str] | None,
        typer.Option(
            "--accept-change", help="Godta en ändrad enhet, etikett eller massrevision i serien (seriebrott)."
        ),
    ] = None,
) -> None:
    """Hämta det som är nytt, validera och spara. Exit 1 om någon serie misslyckades."""
    from regstats.pipeline import refresh as pipeline

    root = live_dir()  # never the bundled sample
    # Imported here: rich.progress is a fifth of the CLI's start, and only a refresh shows a bar.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as progress:
        report = pipeline.refresh(
            series, publisher, root=root, force=force, progress=_RichProgress(progress), accept=accept_change or ()
        )
    table = Table(title=f"Refresh av {root}", show_lines=False)
    for column in ["Serie", "Resultat", "Nya perioder", "Reviderade värden", "Senaste period", "Anrop"]:
        table.add_column(column)
    for r in report.results:
        table.add_row(
            r.series_id,
            f"[{OUTCOME_STYLE[r.outcome]}]{OUTCOME_SV[r.outcome]}[/]",
            _periods_text(r.new_periods),
            str(r.revised),
            r.latest_period or "–",
            str(r.requests),
        )
    for line in report.repairs:
        console.print(plain(f"lagret: {line}", "yellow"), soft_wrap=True)
    for line in report.problems:
        console.print(plain(f"lagret: {line}", "red"), soft_wrap=True)
    console.print(table)
    for r in report.results:
        if r.reason:
            style = "red" if not r.ok else "yellow"
            console.print(plain(f"{r.series_id}: {r.reason}", style), soft_wrap=True)
        for warning in r.warnings:
            console.print(plain(f"{r.series_id}: varning: {warning}", "yellow"), soft_wrap=True)
    seconds = (report.finished - report.started).total_seconds()
    failed = sum(r.outcome == "failed" for r in report.results)
    skipped = sum(r.outcome == "skipped" for r in report.results)
    summary = (
        f"{len(report.results)} serier, {failed} misslyckade, {skipped} överhoppade, "
        f"{report.requests} anrop, {seconds:.1f} s"
    )
    console.print(summary)
    raise typer.Exit(report.exit_code)


@app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="En eller flera nedladdade filer.")],
    series: Annotated[
        str | None, typer.Option("--series", "-s", help="Serie-id, om filen inte säger det själv.")
    ] = None,
    partial: Annotated[
        bool, typer.Option(help="Importera även en fil som inte täcker alla län eller mätningar.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Visa vad som skulle ändras; spara inget.")] = False,
) -> None:
    """Importera filer som hämtats för hand (FK-export, AF-xlsx, json-stat2, PxWeb-csv, Kolada).

    En import ändrar bara det filen själv täcker och behåller resten av serien."""
    from regstats.pipeline.importer import import_files

    if series is not None:
        from regstats.catalog import get_series

        get_series(series)
    results = import_files(files, series, live_dir(), partial=partial, dry_run=dry_run)
    names = plain(", ".join(f.name for f in files))
    for r in results:
        if r.replaced_sample:
            how = "ersatte exempeldata: serien innehåller nu bara riktiga data"
        else:
            how = "uppdaterade den lagrade serien" if r.merged else "ny serie i lagret"
        verb = "skulle importeras" if not r.written else "importerade"
        line = Text(f"{r.series_id}: {r.rows} rader {verb} från ")
        line.append(names)
        line.append(f" ({how}); nya perioder {_periods_text(r.new_periods)}, reviderade värden {r.revised}")
        if r.gaps:
            line.append(f"; filen täcker inte: {'; '.join(r.gaps)}")
        console.print(line)
    if dry_run:
        console.print("Inget sparades (--dry-run).")


@app.command()
def doctor(
    series: Annotated[list[str] | None, typer.Option("--series", "-s", help="Serie-id (kan upprepas).")] = None,
    publisher: Annotated[list[str] | None, typer.Option("--publisher", "-p", help="Publicerare.")] = None,
) -> None:
    """Kontrollera varje series kontrakt mot publiceraren utan att ladda ned data. Exit 1 vid ändring."""
    from regstats.pipeline.doctor import VERDICT_SV, diagnose

    table = Table(title="Publicerarnas kontrakt")
    for column in ["Serie", "Resultat", "Vad"]:
        table.add_column(column)
    style = {"ok": "green", "changed": "red", "gone": "red", "unreachable": "yellow"}
    results = diagnose(series, publisher)
    for d in results:
        table.add_row(d.series_id, Text(VERDICT_SV[d.verdict], style=style[d.verdict]), plain(d.detail))
    console.print(table)
    raise typer.Exit(0 if all(d.verdict == "ok" for d in results) else 1)


@app.command()
def rebuild(
    series_id: Annotated[str, typer.Argument(help="Serie-id.")],
    accept_change: Annotated[
        bool, typer.Option("--accept-change", help="Godta en ändrad betydelse som seriebrott.")
    ] = False,
) -> None:
    """Härled en serie på nytt ur dess arkiverade svar, utan nät (t.ex. efter en rättad tolkning)."""
    from regstats.pipeline.rebuild import rebuild as rebuild_series

    report, misses = rebuild_series(series_id, live_dir(), (series_id,) if accept_change else ())
    for r in report.results:
        console.print(plain(f"{r.series_id}: {OUTCOME_SV[r.outcome]}" + (f" — {r.reason}" if r.reason else "")))
        for warning in r.warnings:
            console.print(plain(f"{r.series_id}: varning: {warning}", "yellow"))
    for miss in misses[:5]:
        console.print(plain(f"arkivet saknar svar på {miss}", "red"))
    raise typer.Exit(report.exit_code)


@app.command()
def record(
    directory: Annotated[Path, typer.Argument(help="Mapp för de inspelade svaren.")],
    series: Annotated[list[str] | None, typer.Option("--series", "-s", help="Serie-id (kan upprepas).")] = None,
    publisher: Annotated[list[str] | None, typer.Option("--publisher", "-p", help="Publicerare.")] = None,
) -> None:
    """Kör en refresh och spara varje anrop och svar i DIR som fixturer som kan spelas upp utan nät."""
    from regstats.pipeline.record import record as record_refresh

    report = record_refresh(directory, series, publisher)
    count = len(json.loads((directory / "index.json").read_text("utf-8"))["responses"])
    console.print(Text(f"{count} svar inspelade i {directory} ({len(report.results)} serier)"))
    raise typer.Exit(report.exit_code)


@app.command()
def check() -> None:
    """Kontrollera lagret (manifest mot filer och kontrollsummor, halvskrivna filer, trasiga filer)
    och laga det som går att laga ur det lagret har. Exit 1 om något inte gick att laga."""
    from regstats.store.check import check_store
    from regstats.store.lock import refresh_lock

    root = live_dir()
    with refresh_lock(root):
        report = check_store(root)
    for line in report.repairs:
        console.print(plain(f"lagat: {line}", "yellow"), soft_wrap=True)
    for line in report.problems:
        console.print(plain(f"problem: {line}", "red"), soft_wrap=True)
    if not report.repairs and not report.problems:
        console.print(plain(f"Lagret i {root} är helt."))
    raise typer.Exit(0 if report.ok else 1)


@app.command("build-sample", hidden=True)
def build_sample_command(
    out: Annotated[Path, typer.Option(help="Mapp för exempellagret.")] = Path("data"),
) -> None:
    """Bygg exempellagret genom att köra den riktiga refreshen mot de fejkade publicerarna."""
    from regstats.sample import build_sample

    report = build_sample(out)
    console.print(f"Exempeldata i {out}: {len(report.results)} serier, {report.requests} anrop")
    raise typer.Exit(report.exit_code)
