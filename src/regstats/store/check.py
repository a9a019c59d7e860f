"""`regstats check`: the store checks itself and repairs what it can from what it holds.

- Temporary files left by an interrupted write are removed (they are never valid).
- A manifest that cannot be read is set aside and rebuilt from the series files' own metadata.
- A current series file that cannot be read is set aside (store/corrupt/) and restored from
  its newest readable vintage; with none, the series is marked failed, not shown as ok.
- A broken vintage is set aside, so `--as-of` and meetings name it instead of crashing.
- A manifest entry that disagrees with its file (a crash between the file's rename and the
  manifest update) is rewritten from the file: vintage, checksum, rows, latest period, sample.
Every repair is said; what could not be repaired is said as a problem.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from regstats.catalog import load_catalog
from regstats.errors import StoreError
from regstats.periods import expected_release, period_code
from regstats.store.atomic import replace_atomically, sha256_file, write_text_atomically
from regstats.store.manifest import load_manifest, manifest_path
from regstats.store.schema import decode_metadata, from_arrow
from regstats.store.series_store import SeriesStore


@dataclass
class CheckReport:
    repairs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _intact(path: Path) -> bool:
    """A vintage's footer reads: what a crash or a full disk breaks (a short or empty file) shows
    there, and every refresh checks every vintage without reading their data."""
    try:
        pq.read_metadata(path)
        return True
    except Exception:  # pyarrow raises several types for a truncated or garbled file
        return False


def _set_aside(path: Path, root: Path) -> Path:
    folder = root / "store" / "corrupt"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{path.name}"
    shutil.move(str(path), target)
    return target


def entry_from_file(series_id: str, path: Path) -> dict:
    """The manifest facts a series file states about itself."""
    table = pq.read_table(path)
    metadata = decode_metadata(table.schema.metadata)
    frame = from_arrow(table)
    series = load_catalog().get(series_id)
    latest = frame["period"].max().date()
    entry = {
        "vintage": metadata.get("vintage", ""),
        "checksum": sha256_file(path),
        "rows": len(frame),
        "sample": metadata.get("sample") == "true",
        "sources": json.loads(metadata.get("sources") or "{}"),
    }
    if series is not None:
        entry["latest_period"] = period_code(latest, series.frequency)
        entry["next_expected_release"] = expected_release(latest, series.frequency, series.release_lag_days).isoformat()
    return entry


def check_store(root: Path) -> CheckReport:
    report = CheckReport()
    store = SeriesStore(root)
    if not root.exists():
        return report
    for tmp in sorted(root.rglob(".*.tmp")):
        tmp.unlink(missing_ok=True)
        report.repairs.append(f"tog bort en halvskriven fil från ett avbrutet skrivande: {tmp.relative_to(root)}")
    try:
        manifest = load_manifest(root)
    except StoreError:
        aside = manifest_path(root).with_name(f"manifest.json.trasig-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        shutil.move(str(manifest_path(root)), aside)
        manifest = {"series": {}}
        report.repairs.append(f"manifest.json gick inte att läsa (sparad som {aside.name}); återskapad ur filerna")
    entries: dict[str, dict] = manifest["series"]
    for series_id in store.series_ids():
        _check_vintages(store, series_id, report)
        current = store.path(series_id)
        try:
            facts = entry_from_file(series_id, current)  # reads the whole file: the current one is checked fully
        except Exception:  # pyarrow raises several types for a truncated or garbled file
            _restore(store, series_id, entries, report)
            try:
                facts = entry_from_file(series_id, current)
            except Exception:  # no vintage left to restore from, or that one is broken too
                if current.exists():
                    _set_aside(current, root)
                    report.problems.append(f"{series_id}: även den återställda versionen var trasig; kör refresh")
                continue
        entry = entries.setdefault(series_id, {})
        differs = [k for k in ("vintage", "checksum", "rows", "sample") if entry.get(k) != facts[k]]
        if differs:
            entry.update(facts)
            report.repairs.append(f"{series_id}: manifestet stämde inte med filen ({', '.join(differs)}); uppdaterat")
    if report.repairs:
        text = json.dumps({"series": entries}, indent=2, ensure_ascii=False, sort_keys=True)
        write_text_atomically(manifest_path(root), text)
    return report


def _check_vintages(store: SeriesStore, series_id: str, report: CheckReport) -> None:
    for path in sorted(store.vintage_dir(series_id).glob("*.parquet")):
        if not _intact(path):
            aside = _set_aside(path, store.root)
            report.problems.append(
                f"{series_id}: version {path.stem} var trasig och är flyttad till {aside.relative_to(store.root)}"
            )


def _restore(store: SeriesStore, series_id: str, entries: dict, report: CheckReport) -> None:
    current = store.path(series_id)
    aside = _set_aside(current, store.root)
    vintages = sorted(store.vintage_dir(series_id).glob("*.parquet"), reverse=True)
    for vintage in vintages:
        replace_atomically(current, lambda tmp, source=vintage: shutil.copyfile(source, tmp))
        report.repairs.append(
            f"{series_id}: filen var trasig (flyttad till {aside.relative_to(store.root)}); "
            f"återställd från version {vintage.stem}; kör refresh för att hämta det senaste"
        )
        return
    entries[series_id] = {
        **entries.get(series_id, {}),
        "last_status": "failed",
        "last_error": f"filen var trasig och finns ingen hel version av (flyttad till {aside.name})",
    }
    report.problems.append(f"{series_id}: filen var trasig och det finns ingen hel version; kör refresh")
