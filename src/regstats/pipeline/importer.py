"""`regstats import`: files downloaded by hand become a new, validated revision of a series."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from regstats.catalog import Series, get_series
from regstats.errors import ContractError, InputError, NotFoundError, RegstatsError
from regstats.geography import COUNTIES_AND_RIKET
from regstats.imports import af_files, fk_export, kolada_file, tables
from regstats.periods import expected_release, period_code
from regstats.pipeline.diff import compare
from regstats.pipeline.validate import validate
from regstats.sources.af.pivot import open_workbook
from regstats.sources.jsonstat import parse_jsonstat2
from regstats.store import SeriesStore
from regstats.store.lock import refresh_lock
from regstats.store.manifest import timestamp, update_entry
from regstats.store.series_store import new_vintage
from regstats.tidy import KEY

MAX_FILE_BYTES = 500_000_000  # far above any real export; refused before it is opened
# A JSON document is parsed whole; 64 MB of json-stat2 (≈ 4 million cells) parses within ~1 GB.
MAX_JSON_BYTES = 64_000_000
# Worksheet cells of any workbook, counted before openpyxl opens it (which alone takes seconds per
# hundred MB of sheet): far above every FK and AF file; the FK reader has its own, tighter cap.
MAX_WORKBOOK_CELLS = 20_000_000
EXPECTED = (
    "väntade en export från Försäkringskassans statistikdatabas (xlsx med År, Månad, Län, Kön), "
    "en xlsx-fil från Arbetsförmedlingen, json-stat2 från SCB/KI/Tillväxtanalys eller en PxWeb-csv"
)


@dataclass
class ImportResult:
    series_id: str
    rows: int
    new_periods: list[str] = field(default_factory=list)
    revised: int = 0
    merged: bool = False
    replaced_sample: bool = False
    gaps: list[str] = field(default_factory=list)  # what the file does not cover (with --partial)
    written: bool = True  # False for --dry-run


def identify(paths: list[Path], series_id: str | None) -> dict[str, pd.DataFrame]:
    """Recognise each file by its content and turn it into tidy rows per series."""
    found: dict[str, list[pd.DataFrame]] = {}
    af: dict[str, Path] = {}
    for path in paths:
        named = f"{path.name}" + (f" ({series_id})" if series_id else "")
        try:
            if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
                raise InputError(
                    f"filen är {path.stat().st_size / 1e6:.0f} MB, över gränsen {MAX_FILE_BYTES // 10**6} MB"
                )
            _identify_one(path, series_id, found, af)
        except RegstatsError as exc:
            if exc.message.startswith(path.name):
                raise
            raise type(exc)(f"{named}: {exc.message}", hint=exc.hint or EXPECTED) from None
        except (RecursionError, MemoryError) as exc:
            what = type(exc).__name__
            raise InputError(f"{named}: filen är för djupt nästlad eller för stor för att läsas ({what})") from None
        except Exception as exc:  # a hostile or broken file: its parser may raise anything
            detail = str(exc).splitlines()[0][:160] if str(exc) else ""
            raise InputError(
                f"{named}: filen gick inte att läsa ({type(exc).__name__}{': ' + detail if detail else ''})",
                hint=EXPECTED,
            ) from None
    for sid, frame in af_files.read_af_files(af).items():
        found.setdefault(sid, []).append(frame)
    if series_id and set(found) - {series_id}:
        raise ContractError(f"Filerna innehåller {', '.join(sorted(found))}, inte bara {series_id}")
    return {sid: pd.concat(frames, ignore_index=True) for sid, frames in found.items()}


def _identify_one(path: Path, series_id: str | None, found: dict[str, list[pd.DataFrame]], af: dict[str, Path]) -> None:
    """Recognise one file by its content; AF files are read together later (they need each other)."""
    if not path.is_file():
        raise NotFoundError(f"Filen {path} finns inte")
    head = path.read_bytes()[:512]
    if head.startswith(b"PK"):
        open_workbook(path).close()  # a broken or non-workbook zip stops here, readably
        if fk_export.worksheet_cells_over(path, MAX_WORKBOOK_CELLS):  # before openpyxl opens a huge sheet
            raise ContractError(
                f"{path.name} har över {MAX_WORKBOOK_CELLS:,} celler i sina blad".replace(",", " "),
                hint="ingen export som regstats läser är i närheten av det; kontrollera filen",
            )
        if fk_export.header_of(path):
            for sid, frame in fk_export.read_fk_export(path).items():
                found.setdefault(sid, []).append(frame)
        elif kind := af_files.kind_of(path):
            af[kind] = path
        else:
            raise ContractError(f"Känner inte igen xlsx-filen {path.name}", hint=EXPECTED)
    elif head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
        if path.stat().st_size > MAX_JSON_BYTES:  # json.loads holds several times the file in memory
            raise ContractError(
                f"{path.name} är {path.stat().st_size / 1e6:.0f} MB JSON, över gränsen {MAX_JSON_BYTES // 10**6} MB",
                hint="en json-stat2- eller Kolada-fil för en serie är några MB; kontrollera filen",
            )
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
        if kolada_file.is_kolada_json(doc):
            found.setdefault("kolada", []).append(kolada_file.from_json(doc))
            return
        _refuse_other_json(path, doc)
        dataset = parse_jsonstat2(doc, source=str(path))
        table_id = ((doc.get("extension") or {}).get("px") or {}).get("tableid")
        sid, frame = tables.jsonstat_to_series(dataset, table_id, series_id)
        found.setdefault(sid, []).append(frame)
    elif b"," in head or b";" in head or b"\t" in head:
        if kolada_file.is_kolada_csv(path):
            found.setdefault("kolada", []).append(kolada_file.from_csv(path))
            return
        sid, frame = tables.csv_to_series(path, series_id)
        found.setdefault(sid, []).append(frame)
    else:
        raise ContractError(f"Känner inte igen filen {path.name}", hint=EXPECTED)


def _refuse_other_json(path: Path, doc: object) -> None:
    """JSON that is not a json-stat2 dataset with values, named for what it is."""
    if isinstance(doc, dict) and {"columns", "data"} <= set(doc):
        raise ContractError(
            f"{path.name} är PxWeb v1:s format 'json', som inte säger vad koderna betyder",
            hint="ladda ned tabellen som json-stat2 (eller csv) och importera den filen",
        )
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise ContractError(f"{path.name} är JSON men inte json-stat2", hint=EXPECTED)
    if not any(v is not None for v in (doc.get("value") or [])):
        raise ContractError(
            f"{path.name} är en metadatafil: den beskriver tabellen men har inga värden",
            hint="ladda ned data (json-stat2) från tabellen, inte dess metadata",
        )


def coverage_gaps(series: Series, frame: pd.DataFrame) -> list[str]:
    """What a series needs that the imported rows do not cover: regions and measures."""
    gaps = []
    if series.regional and (missing := [r for r in COUNTIES_AND_RIKET if r not in set(frame["region_code"])]):
        gaps.append(f"{len(missing)} av {len(COUNTIES_AND_RIKET)} regioner saknas ({', '.join(missing[:6])}…)")
    if missing := [m for m in series.measure_ids if m not in set(frame["measure"])]:
        gaps.append(f"mätningarna {', '.join(missing)} saknas")
    return gaps


def import_files(
    paths: list[Path],
    series_id: str | None,
    root: Path,
    today: date | None = None,
    *,
    partial: bool = False,
    dry_run: bool = False,
) -> list[ImportResult]:
    """Every series the files hold, or none: all are checked before anything is written."""
    identified = identify(paths, series_id)
    if not identified:
        raise ContractError("Filerna gav inga värden att importera", hint=EXPECTED)
    names = ", ".join(p.name for p in paths)
    with refresh_lock(root):
        store = SeriesStore(root)
        planned = [
            _plan(store, sid, imported, names, today or date.today(), partial) for sid, imported in identified.items()
        ]
        if not dry_run:
            for plan in planned:
                _write(store, plan, names)
    for plan in planned:
        plan.result.written = not dry_run
    return [plan.result for plan in planned]


@dataclass
class _Plan:
    series: Series
    frame: pd.DataFrame
    result: ImportResult


def _plan(store: SeriesStore, series_id: str, imported: pd.DataFrame, names: str, today: date, partial: bool) -> _Plan:
    """The new version of one series: imported rows over the stored ones inside the file's own
    coverage, everything else kept. A file that covers less than the series needs is refused
    unless `partial`; real rows never mix with sample rows."""
    series = get_series(series_id)
    imported = imported.assign(series_id=series_id)
    validate(imported, series, today, partial=True)
    gaps = coverage_gaps(series, imported)
    if gaps and not partial:
        raise ContractError(
            f"{names} täcker inte hela {series_id}: " + "; ".join(gaps),
            hint="ange --partial för att ändå importera det filen har (resten av serien behålls); "
            "--dry-run visar vad som skulle ändras",
        )
    stored = store.read(series_id) if store.exists(series_id) else None
    base = stored.frame if stored is not None and not stored.is_sample else None
    if base is not None:
        keep = base.merge(imported[KEY], on=KEY, how="left", indicator=True)["_merge"].eq("left_only").to_numpy()
        frame = pd.concat([base[keep].drop(columns="vintage"), imported], ignore_index=True)
    else:
        frame = imported
    validate(frame, series, today, partial=partial)
    changes = compare(base, frame)
    result = ImportResult(
        series_id,
        len(imported),
        changes.new_periods,
        changes.revised,
        merged=base is not None,
        replaced_sample=stored is not None and stored.is_sample,
        gaps=gaps,
    )
    return _Plan(series, frame, result)


def _write(store: SeriesStore, plan: _Plan, names: str) -> None:
    series, series_id, frame = plan.series, plan.result.series_id, plan.frame
    vintage = new_vintage()
    frame = frame.assign(vintage=vintage)
    metadata = {
        **series.metadata(),
        "sample": "false",
        "vintage": vintage,
        "imported_from": names,
        "sources": json.dumps({"import": names}, ensure_ascii=False),
    }
    checksum = store.write(series_id, frame, metadata)
    latest = frame["period"].max().date()
    update_entry(
        store.root,
        series_id,
        last_attempt=timestamp(),
        last_success=timestamp(),
        last_status="ok",
        last_error=None,
        latest_period=period_code(latest, series.frequency),
        sources={"import": names},
        rows=len(frame),
        next_expected_release=expected_release(latest, series.frequency, series.release_lag_days).isoformat(),
        checksum=checksum,
        vintage=vintage,
        sample=False,
        imported_from=names,
    )
