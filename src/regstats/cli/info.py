"""Reading the store: list, show, status — for people (tables) and scripts (text, CSV, JSON)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from regstats.cli.app import app
from regstats.cli.output import FORMAT_HELP, _emit, console, errors
from regstats.errors import RegstatsError
from regstats.geography import REGIONS
from regstats.store import data_dir


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
