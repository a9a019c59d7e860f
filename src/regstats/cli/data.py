"""The analyst's data commands: refresh, import, check, rebuild, record, doctor, build-sample."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.text import Text

from regstats.cli.app import app
from regstats.cli.output import (
    FORMAT_HELP,
    FORMATS,
    OUTCOME_STYLE,
    OUTCOME_SV,
    _emit,
    console,
    errors,
    failed_series_line,
    periods_text,
    plain,
)
from regstats.cli.params import publisher_option, series_option
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
@series_option
@publisher_option
@click.option("--force", is_flag=True, help="Hämta även tabeller som inte har uppdaterats.")
@click.option(
    "--accept-change",
    multiple=True,
    metavar="SERIE",
    help="Godta en ändrad enhet, etikett eller massrevision i serien (seriebrott); kan upprepas.",
)
@click.option(
    "--replay",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="MAPP",
    help="Svara från en inspelning (regstats record MAPP) i stället för publicerarna, utan nät.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help=FORMAT_HELP)
def refresh(series, publisher, force, accept_change, replay, fmt) -> None:
    """Hämta det som är nytt, validera och spara. Exit 1 om någon serie misslyckades."""
    from regstats.pipeline import refresh as pipeline

    root = live_dir()  # never the bundled sample
    transport = _replay_transport(replay) if replay else None
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
            list(series) or None,
            list(publisher) or None,
            root=root,
            force=force,
            progress=_RichProgress(progress),
            accept=accept_change,
            transport=transport,
            archive=transport is None,  # a recording is kept where it is
        )
    # json and csv on stdout are data for a program: every sentence around them goes to stderr.
    notes = errors if fmt in {"json", "csv"} else console
    for line in report.repairs:
        notes.print(plain(f"lagret: {line}", "yellow"), soft_wrap=True)
    for line in report.problems:
        notes.print(plain(f"lagret: {line}", "red"), soft_wrap=True)
    _print_results(f"Refresh av {root}", report, fmt)
    for r in report.results:
        if r.reason:
            style = "red" if not r.ok else "yellow"
            notes.print(plain(f"{r.series_id}: {r.reason}", style), soft_wrap=True)
        for warning in r.warnings:
            notes.print(plain(f"{r.series_id}: varning: {warning}", "yellow"), soft_wrap=True)
        for notice in r.notices:
            notes.print(plain(f"{r.series_id}: {notice}"), soft_wrap=True)
    seconds = (report.finished - report.started).total_seconds()
    failed = sum(r.outcome == "failed" for r in report.results)
    skipped = sum(r.outcome == "skipped" for r in report.results)
    summary = (
        f"{len(report.results)} serier, {failed} misslyckade, {skipped} överhoppade, "
        f"{report.requests} anrop, {seconds:.1f} s"
    )
    notes.print(summary)
    if line := failed_series_line(report.results):
        errors.print(plain(line, "red"), soft_wrap=True)
    for miss in (transport.misses if transport else [])[:5]:
        errors.print(plain(f"inspelningen saknar svar på {miss}", "red"), soft_wrap=True)
    raise SystemExit(report.exit_code)


def _replay_transport(folder: Path):
    from regstats.errors import NotFoundError
    from regstats.sources.replay import ReplayTransport, bundled

    if not (folder / "index.json").is_file():
        raise NotFoundError(
            f"{folder} är ingen inspelning (index.json saknas)", hint="spela in med regstats record MAPP"
        )
    return ReplayTransport(bundled(folder))


def _print_results(title: str, report, fmt: str | None) -> None:
    """The per-series outcome as a table in a terminal and whole rows in a log (cron, systemd)."""
    from regstats.catalog import load_catalog

    catalog = load_catalog()
    rows, styles = [], {}
    for i, r in enumerate(report.results):
        frequency = catalog[r.series_id].frequency if r.series_id in catalog else "monthly"
        rows.append(
            [
                r.series_id,
                OUTCOME_SV[r.outcome],
                periods_text(r.new_periods, frequency),
                r.revised,
                r.latest_period or "–",
                r.requests,
            ]
        )
        styles[i] = [None, OUTCOME_STYLE[r.outcome]]
    columns = ["Serie", "Resultat", "Nya perioder", "Reviderade värden", "Senaste period", "Anrop"]
    _emit(title, columns, rows, fmt, styles)


@app.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FIL...")
@click.option("--series", "-s", metavar="SERIE", help="Serie-id, om filen inte säger det själv.")
@click.option("--partial", is_flag=True, help="Importera även en fil som inte täcker alla län eller mätningar.")
@click.option("--dry-run", is_flag=True, help="Visa vad som skulle ändras; spara inget.")
def import_command(files: tuple[Path, ...], series: str | None, partial: bool, dry_run: bool) -> None:
    """Importera filer som hämtats för hand (FK-export, AF-xlsx, json-stat2, PxWeb-csv, Kolada).

    En import ändrar bara det filen själv täcker och behåller resten av serien."""
    from regstats.catalog import get_series
    from regstats.pipeline.importer import import_files

    if series is not None:
        get_series(series)
    results = import_files(list(files), series, live_dir(), partial=partial, dry_run=dry_run)
    names = plain(", ".join(f.name for f in files))
    for r in results:
        if r.replaced_sample:
            how = "ersatte exempeldata: serien innehåller nu bara riktiga data"
        else:
            how = "uppdaterade den lagrade serien" if r.merged else "ny serie i lagret"
        verb = "skulle importeras" if not r.written else "importerade"
        line = Text(f"{r.series_id}: {r.rows} rader {verb} från ")
        line.append(names)
        new = periods_text(r.new_periods, get_series(r.series_id).frequency)
        line.append(f" ({how}); nya perioder {new}, reviderade värden {r.revised}")
        if r.gaps:
            line.append(f"; filen täcker inte: {'; '.join(r.gaps)}")
        console.print(line)
    if dry_run:
        console.print("Inget sparades (--dry-run).")


@app.command()
@series_option
@publisher_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), help=FORMAT_HELP)
def doctor(series, publisher, fmt) -> None:
    """Gör en refresh utan data: samma kontroller av varje series kontrakt mot publiceraren och lagret,
    utan att ladda ned data (Arbetsförmedlingens filer laddas ned men deras poster läses inte).
    Exit 1 om en refresh skulle vägra något."""
    from regstats.pipeline.doctor import VERDICT_SV, diagnose

    style = {"ok": "green", "changed": "red", "gone": "red", "unreachable": "yellow"}
    results = diagnose(list(series) or None, list(publisher) or None, root=live_dir())
    rows = [[d.series_id, VERDICT_SV[d.verdict], d.detail, d.checked] for d in results]
    styles = {i: [None, style[d.verdict]] for i, d in enumerate(results)}
    _emit("Publicerarnas kontrakt", ["Serie", "Resultat", "Vad", "Kontrollerat"], rows, fmt, styles)
    raise SystemExit(0 if all(d.verdict == "ok" for d in results) else 1)


@app.command()
@click.argument("series_id", metavar="SERIE")
@click.option("--accept-change", is_flag=True, help="Godta en ändrad betydelse som seriebrott.")
def rebuild(series_id: str, accept_change: bool) -> None:
    """Härled en serie på nytt ur dess arkiverade svar, utan nät (t.ex. efter en rättad tolkning)."""
    from regstats.pipeline.rebuild import rebuild as rebuild_series

    report, misses = rebuild_series(series_id, live_dir(), (series_id,) if accept_change else ())
    for r in report.results:
        console.print(plain(f"{r.series_id}: {OUTCOME_SV[r.outcome]}" + (f" — {r.reason}" if r.reason else "")))
        for warning in r.warnings:
            console.print(plain(f"{r.series_id}: varning: {warning}", "yellow"))
    for miss in misses[:5]:
        console.print(plain(f"arkivet saknar svar på {miss}", "red"))
    raise SystemExit(report.exit_code)


@app.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), metavar="MAPP")
@series_option
@publisher_option
def record(directory: Path, series, publisher) -> None:
    """Kör en refresh och spara varje anrop och svar i MAPP som fixturer som kan spelas upp utan nät."""
    from regstats.pipeline.record import record as record_refresh

    report = record_refresh(directory, list(series) or None, list(publisher) or None)
    count = len(json.loads((directory / "index.json").read_text("utf-8"))["responses"])
    _print_results(f"Inspelning i {directory}", report, None)
    console.print(plain(f"{count} svar inspelade i {directory} ({len(report.results)} serier)"))
    for r in report.results:
        if r.reason:
            console.print(plain(f"{r.series_id}: {r.reason}", "red" if not r.ok else "yellow"), soft_wrap=True)
    if line := failed_series_line(report.results):
        errors.print(plain(line, "red"), soft_wrap=True)
    raise SystemExit(report.exit_code)


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
    raise SystemExit(0 if report.ok else 1)


@app.command("build-sample", hidden=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("data"), metavar="MAPP")
def build_sample_command(out: Path) -> None:
    """Bygg exempellagret genom att köra den riktiga refreshen mot de fejkade publicerarna."""
    from regstats.sample import build_sample

    report = build_sample(out)
    console.print(f"Exempeldata i {out}: {len(report.results)} serier, {report.requests} anrop")
    raise SystemExit(report.exit_code)
