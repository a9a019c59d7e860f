"""Reading the store: list, show, status — for people (tables) and scripts (text, CSV, JSON)."""

from __future__ import annotations

from datetime import date, datetime

import click

from regstats.cli.app import app
from regstats.cli.output import FORMAT_HELP, FORMATS, _emit, console, errors
from regstats.cli.params import Count, Day
from regstats.errors import InputError
from regstats.store import data_dir

FREQUENCY_SV = {"monthly": "månad", "quarterly": "kvartal", "annual": "år"}
GEOGRAPHY_SV = {"riket": "riket", "county": "län", "municipality": "kommuner"}
SEX_SV = {"T": "totalt", "K": "kvinnor", "M": "män"}
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), help=FORMAT_HELP)


@app.command("list")
@format_option
def list_series(fmt: str | None) -> None:
    """Visa alla serier i katalogen."""
    from regstats.catalog import load_catalog

    rows = [
        [
            s.id,
            s.title_sv,
            s.publisher,
            FREQUENCY_SV[s.frequency],
            ", ".join(dict.fromkeys(m.unit for m in s.measures)),
            ", ".join(GEOGRAPHY_SV[g] for g in s.geography),
        ]
        for s in load_catalog().values()
    ]
    _emit("Katalogen", ["id", "titel", "publicerare", "frekvens", "enheter", "geografi"], rows, fmt)


def _check_region(series, region: str) -> None:
    from regstats.geography import AREAS

    if region not in AREAS:
        raise InputError(
            f"Okänd regionkod {region!r}",
            hint="använd 00 för riket, en länskod som 23 eller en kommunkod som 2380",
        )
    level = "riket" if region == "00" else "county" if len(region) == 2 else "municipality"
    if level not in series.geography:
        where = ", ".join(GEOGRAPHY_SV[g] for g in series.geography)
        raise InputError(
            f"Serien {series.id!r} finns inte för {AREAS[region]} ({region}): den publiceras för {where}",
            hint="välj en region på den nivån" + (", t.ex. --region 00" if "riket" in series.geography else ""),
        )


@app.command()
@click.argument("series_id", metavar="SERIE")
@click.option("--region", metavar="KOD", help="Regionkod: 00 (riket), ett län som 23 eller en kommun som 2380.")
@click.option("--measure", metavar="MÄTNING", help="Mätning inom serien.")
@click.option("--sex", type=click.Choice(["T", "K", "M"]), help="T (totalt), K (kvinnor) eller M (män).")
@click.option("--last", type=Count(), metavar="N", help="Endast de senaste N perioderna.")
@click.option("--as-of", type=Day(), metavar="ÅÅÅÅ-MM-DD", help="Versionen som gällde ett datum.")
@format_option
def show(series_id, region, measure, sex, last, as_of, fmt) -> None:
    """Visa en lagrad serie."""
    from regstats.catalog import get_series
    from regstats.formatting import number_sv
    from regstats.geography import AREAS
    from regstats.periods import period_code
    from regstats.store.reading import reading_store

    meta = get_series(series_id)
    if region is not None:
        _check_region(meta, region)
    if measure is not None and measure not in meta.measure_ids:
        raise InputError(
            f"Serien {series_id!r} har ingen mätning {measure!r}", hint=f"välj {', '.join(meta.measure_ids)}"
        )
    when = datetime(as_of.year, as_of.month, as_of.day, 23, 59, 59) if as_of else None
    stored = reading_store(data_dir()).read(series_id, as_of=when)
    frame = stored.frame
    for column, wanted in [("region_code", region), ("measure", measure), ("sex", sex)]:
        if wanted is not None:
            frame = frame[frame[column] == wanted]
    if frame.empty:
        chosen = ", ".join(f"{k} {v}" for k, v in [("region", region), ("mätning", measure), ("kön", sex)] if v)
        sexes = ", ".join(sorted(stored.frame["sex"].unique()))
        raise InputError(
            f"Serien {series_id!r} har inga rader för {chosen}",
            hint=f"serien har kön {sexes}; utelämna ett val för att se vad som finns",
        )
    if last:
        keep = sorted(frame["period"].unique())[-last:]
        frame = frame[frame["period"].isin(keep)]
    frequencies = {m.id: m.frequency or meta.frequency for m in meta.measures}  # 31 December is annual
    periods = [
        period_code(p.date(), frequencies.get(m, meta.frequency))
        for p, m in zip(frame["period"], frame["measure"], strict=True)
    ]
    values = [None if v != v else float(v) for v in frame["value"]]  # NaN → null / empty
    units = {m.id: m.unit for m in meta.measures}
    rows = [
        [r, p, s_, b, m, units.get(m, meta.unit), v, st]
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
    columns = ["region_code", "period_code", "sex", "breakdown", "measure", "unit", "value", "status"]
    if (fmt or ("table" if console.is_terminal else "text")) != "table":
        if stored.is_sample:  # beside, not inside, what a script reads
            errors.print("Obs: EXEMPELDATA – inte officiell statistik", highlight=False)
        _emit("", columns, rows, fmt)
        return
    sample = " — EXEMPELDATA, inte officiell statistik" if stored.is_sample else ""
    shown = [
        [
            f"{r[0]} {AREAS.get(r[0], '')}",
            r[1],
            SEX_SV.get(r[2], r[2]),
            r[3],
            r[4],
            r[5],
            number_sv(r[6], 1, r[7]),
            r[7],
        ]
        for r in rows
    ]
    title = f"{meta.title_sv}, version {stored.vintage}{sample}"
    headers = ["Region", "Period", "Kön", "Uppdelning", "Mätning", "Enhet", "Värde", "Status"]
    _emit(title, headers, shown, "table")


@app.command()
@format_option
def status(fmt: str | None) -> None:
    """Per serie: ok, inaktuell, misslyckad (med orsak), överhoppad eller exempeldata, och senaste lyckade refresh."""
    from regstats.catalog import load_catalog
    from regstats.store.check import damaged_meetings, damaged_series
    from regstats.store.reading import reading_manifest
    from regstats.store.status import series_state

    root = data_dir()
    manifest = reading_manifest(root)
    damaged = damaged_series(root)  # what `regstats check` would find, so "ok" is never said of a damaged file
    colour = {"ok": "green", "stale": "yellow", "failed": "red", "skipped": "yellow", "missing": "red"}
    rows, styles = [], {}
    for i, s in enumerate(load_catalog().values()):
        entry = manifest.get(s.id) or {}
        state = series_state(s, entry, date.today())
        label = state.text
        if s.id in damaged:
            label, reason, colour_of = "skadad", damaged[s.id], "red"
        else:
            reason, colour_of = state.reason, colour[state.state]
        if entry.get("sample") and s.id not in damaged:  # the bundled sample is shown for this series
            label = "exempeldata" if state.state in {"ok", "stale"} else f"{state.text}; exempeldata visas"
        rows.append(
            [
                s.id,
                label,
                entry.get("latest_period"),
                state.last_success or None,
                entry.get("next_expected_release"),
                entry.get("rows"),
                reason,
            ]
        )
        styles[i] = [None, colour_of]
    columns = ["serie", "status", "senaste period", "senast lyckad", "nästa väntade", "rader", "orsak"]
    _emit(f"Lagret i {root}", columns, rows, fmt, styles)
    for day in damaged_meetings(root):
        errors.print(f"Mötet {day} är skadat (kontrollsumman stämmer inte); kör regstats check", highlight=False)
