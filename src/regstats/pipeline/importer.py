"""`regstats import`: files downloaded by hand become a new, validated revision of a series."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from regstats.catalog import get_series
from regstats.errors import ContractError, NotFoundError
from regstats.imports import af_files, fk_export, tables
from regstats.periods import expected_release, period_code
from regstats.pipeline.diff import compare
from regstats.pipeline.validate import validate
from regstats.sources.af.pivot import open_workbook
from regstats.sources.jsonstat import parse_jsonstat2
from regstats.store import SeriesStore
from regstats.store.lock import refresh_lock
from regstats.store.manifest import timestamp, update_entry
from regstats.store.schema import KEY
from regstats.store.series_store import new_vintage

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


def identify(paths: list[Path], series_id: str | None) -> dict[str, pd.DataFrame]:
    """Recognise each file by its content and turn it into tidy rows per series."""
    found: dict[str, list[pd.DataFrame]] = {}
    af: dict[str, Path] = {}
    for path in paths:
        if not path.is_file():
            raise NotFoundError(f"Filen {path} finns inte")
        head = path.read_bytes()[:512]
        if head.startswith(b"PK"):
            open_workbook(path).close()  # a broken or non-workbook zip stops here, readably
            if fk_export.header_of(path):
                for sid, frame in fk_export.read_fk_export(path).items():
                    found.setdefault(sid, []).append(frame)
            elif kind := af_files.kind_of(path):
                af[kind] = path
            else:
                raise ContractError(f"Känner inte igen xlsx-filen {path.name}", hint=EXPECTED)
        elif head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
            doc = json.loads(path.read_bytes().decode("utf-8-sig"))
            if not isinstance(doc, dict) or doc.get("class") != "dataset":
                raise ContractError(f"{path.name} är JSON men inte json-stat2", hint=EXPECTED)
            dataset = parse_jsonstat2(doc, source=str(path))
            table_id = ((doc.get("extension") or {}).get("px") or {}).get("tableid")
            sid, frame = tables.jsonstat_to_series(dataset, table_id, series_id)
            found.setdefault(sid, []).append(frame)
        elif b"," in head or b";" in head or b"\t" in head:
            sid, frame = tables.csv_to_series(path, series_id)
            found.setdefault(sid, []).append(frame)
        else:
            raise ContractError(f"Känner inte igen filen {path.name}", hint=EXPECTED)
    for sid, frame in af_files.read_af_files(af).items():
        found.setdefault(sid, []).append(frame)
    if series_id and set(found) - {series_id}:
        raise ContractError(f"Filerna innehåller {', '.join(sorted(found))}, inte bara {series_id}")
    return {sid: pd.concat(frames, ignore_index=True) for sid, frames in found.items()}


def import_files(paths: list[Path], series_id: str | None, root: Path, today: date | None = None) -> list[ImportResult]:
    identified = identify(paths, series_id)
    if not identified:
        raise ContractError("Filerna gav inga värden att importera", hint=EXPECTED)
    names = ", ".join(p.name for p in paths)
    results = []
    with refresh_lock(root):
        store = SeriesStore(root)
        for sid, imported in identified.items():
            results.append(_store(store, sid, imported, names, today or date.today()))
    return results


def _store(store: SeriesStore, series_id: str, imported: pd.DataFrame, names: str, today: date) -> ImportResult:
    series = get_series(series_id)
    imported = imported.assign(series_id=series_id)
    stored = store.read(series_id) if store.exists(series_id) else None
    # Imported values update a stored real series key by key; sample data is never mixed in.
    base = stored.frame if stored is not None and not stored.is_sample else None
    if base is not None:
        keep = base.merge(imported[KEY], on=KEY, how="left", indicator=True)["_merge"].eq("left_only").to_numpy()
        frame = pd.concat([base[keep].drop(columns="vintage"), imported], ignore_index=True)
    else:
        frame = imported
    validate(frame, series, today, partial=base is None)
    changes = compare(base, frame)
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
    return ImportResult(series_id, len(imported), changes.new_periods, changes.revised, merged=base is not None)
