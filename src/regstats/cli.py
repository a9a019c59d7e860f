"""The analyst's commands: refresh, import, list, show, status, meeting, export (and build-sample
for maintainers)."""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from regstats.cli_meeting import export as export_meeting
from regstats.cli_meeting import meeting_app
from regstats.errors import RegstatsError
from regstats.geography import REGIONS
from regstats.store import data_dir, live_dir

# Each command imports what it needs (pandas, the pipeline, the catalog's pydantic models) when
# it runs: `regstats --help` and `regstats list` start without them.

app = typer.Typer(
    help="regstats: regional arbetsmarknadsstatistik – hämta, lagra, visa och presentera.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)
app.add_typer(meeting_app, name="meeting")
app.command("export")(export_meeting)

OUTCOME_SV = {
    "new": "nya data",
    "revised": "reviderad",
    "unchanged": "oförändrad",
    "failed": "misslyckades",
    "skipped": "hoppades över",
}
OUTCOME_STYLE = {"new": "green", "revised": "yellow", "unchanged": "dim", "failed": "bold red", "skipped": "red"}


class _RichProgress:
    """The pipeline's progress hooks (pipeline.refresh.Progress) on a Rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = None

    def start(self, series_ids: list[str]) -> None:
        self.task = self.progress.add_task("Hämtar", total=len(series_ids))

    def series_done(self, result) -> None:
        self.progress.update(self.task, advance=1, description=f"{result.series_id}: {OUTCOME_SV[result.outcome]}")


def _periods_text(periods: list[str]) -> str:
    if not periods:
        return "–"
    if len(periods) == 1:
        return periods[0][:7]
    return f"{len(periods)} st ({periods[0][:7]} … {periods[-1][:7]})"


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


@app.command("list")
def list_series(fmt: Annotated[str | None, typer.Option("--format", help=FORMAT_HELP)] = None) -> None:
    """Visa alla serier i katalogen."""
    from regstats.catalog import load_catalog

    rows = [
        [s.id, s.title_sv, s.publisher, s.frequency, s.unit, ", ".join(s.geography)] for s in load_catalog().values()
    ]
    _emit("Katalogen", ["id", "titel", "publicerare", "frekvens", "enhet", "geografi"], rows, fmt)


@app.command()
def show(
    series_id: Annotated[str, typer.Argument(help="Serie-id, se `regstats list`.")],
    region: Annotated[str | None, typer.Option(help="Regionkod, t.ex. 23 eller 00.")] = None,
    measure: Annotated[str | None, typer.Option(help="Mätning inom serien.")] = None,
    sex: Annotated[str | None, typer.Option(help="T, K eller M.")] = None,
    last: Annotated[int | None, typer.Option(help="Endast de senaste N perioderna.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Versionen som gällde ett datum (ÅÅÅÅ-MM-DD).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help=FORMAT_HELP)] = None,
) -> None:
    """Visa en lagrad serie."""
    from regstats.catalog import get_series
    from regstats.formatting import number_sv
    from regstats.periods import period_code
    from regstats.store import SeriesStore

    meta = get_series(series_id)
    if region is not None and region not in REGIONS:
        raise RegstatsError(f"Okänd regionkod {region!r}", hint="använd 00 för riket eller en länskod som 23")
    if fmt not in {None, "table", "text", "csv", "json"}:
        raise RegstatsError(f"Okänt format {fmt!r}", hint="använd table, text, csv eller json")
    when = datetime.fromisoformat(as_of) if as_of else None
    stored = SeriesStore(data_dir()).read(series_id, as_of=when)
    frame = stored.frame
    for column, wanted in [("region_code", region), ("measure", measure), ("sex", sex)]:
        if wanted is not None:
            frame = frame[frame[column] == wanted]
    if last:
        keep = sorted(frame["period"].unique())[-last:]
        frame = frame[frame["period"].isin(keep)]
    columns = ["region_code", "period_code", "sex", "breakdown", "measure", "value", "status"]
    periods = [period_code(p.date(), meta.frequency) for p in frame["period"]]
    values = [None if v != v else float(v) for v in frame["value"]]  # NaN → null / empty
    rows = [
        [r, p, s_, b, m, v, st]
        for r, p, s_, b, m, v, st in zip(
            frame["region_code"],
            periods,
            frame["sex"],
            frame["breakdown"],
            frame["measure"],
            values,
            frame["status"],
            strict=True,
        )
    ]
    if (fmt or ("table" if console.is_terminal else "text")) != "table":
        if stored.is_sample:  # beside, not inside, what a script reads
            errors.print("Obs: EXEMPELDATA – inte officiell statistik", highlight=False)
        _emit("", columns, rows, fmt)
        return
    sample = " — EXEMPELDATA, inte officiell statistik" if stored.is_sample else ""
    shown = [[f"{r[0]} {REGIONS.get(r[0], '')}", r[1], r[2], r[4], number_sv(r[5], 1, r[6]), r[6]] for r in rows]
    title = f"{meta.title_sv} ({meta.unit}), version {stored.vintage}{sample}"
    _emit(title, ["Region", "Period", "Kön", "Mätning", "Värde", "Status"], shown, "table")


@app.command()
def status(fmt: Annotated[str | None, typer.Option("--format", help=FORMAT_HELP)] = None) -> None:
    """Per serie: ok, inaktuell, misslyckad (med orsak) eller överhoppad, och senaste lyckade refresh."""
    from regstats.catalog import load_catalog
    from regstats.store.manifest import load_manifest
    from regstats.store.status import series_state

    root = data_dir()
    manifest = load_manifest(root)["series"]
    colour = {"ok": "green", "stale": "yellow", "failed": "red", "skipped": "yellow", "missing": "red"}
    rows, styles = [], {}
    for i, s in enumerate(load_catalog().values()):
        entry = manifest.get(s.id) or {}
        state = series_state(s, entry, date.today())
        label = state.text + (" (exempeldata)" if entry.get("sample") else "")
        rows.append(
            [
                s.id,
                label,
                entry.get("latest_period"),
                state.last_success or None,
                entry.get("next_expected_release"),
                entry.get("rows"),
                state.reason,
            ]
        )
        styles[i] = [None, colour[state.state]]
    columns = ["serie", "status", "senaste period", "senast lyckad", "nästa väntade", "rader", "orsak"]
    _emit(f"Lagret i {root}", columns, rows, fmt, styles)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str, style: str = "") -> Text:
    """Publisher text and file names as plain text: never read as Rich markup, and terminal
    control characters (ANSI escapes) shown as visible escapes instead of reaching the terminal."""
    return Text(_CONTROL.sub(lambda m: repr(m.group())[1:-1], text), style=style)


def main() -> None:
    try:
        code = app(standalone_mode=False)  # click returns the exit code instead of exiting
    except RegstatsError as exc:
        errors.print(Text("Fel: ", style="bold red") + plain(str(exc)), soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:  # a full disk, a read-only folder: said, not a traceback
        errors.print(Text("Fel: ", style="bold red") + plain(f"{exc.filename or ''} {exc.strerror or exc}".strip()))
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        errors.print("Avbrutet.")
        sys.exit(130)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        from click import ClickException

        if isinstance(exc, ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
