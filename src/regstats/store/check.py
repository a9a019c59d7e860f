"""`regstats check`: the store checks itself and repairs what it can from what it holds.

- Temporary files left by an interrupted write are removed (they are never valid).
- A manifest that cannot be read is set aside and rebuilt from the series files' own metadata.
- A current series file that cannot be read is set aside (store/corrupt/) and restored from
  its newest readable vintage; with none, the series is marked failed, not shown as ok.
- A broken vintage is set aside, so `--as-of` and meetings name it instead of crashing.
- Every series file and vintage has its SHA-256 beside it (`x.parquet.sha256`, written with the
  file). A file whose bytes no longer match (bit rot: Parquet may still read, with other numbers)
  is set aside and the current file restored from its newest intact vintage. A checksum is never
  rewritten to match a file regstats cannot vouch for: only a checksum of *another* vintage (a
  crash between the file's rename and its checksum's) is replaced, and a store from before
  checksums gets them once, from files that read whole and agree with the manifest.
- A current file that is missing while its vintages are there is restored from the newest.
- A manifest entry that disagrees with its file (a crash between the file's rename and the
  manifest update: another vintage) is rewritten from the file; the same vintage with another
  checksum is damage, never "updated".
Every repair is said; what could not be repaired is said as a problem.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from regstats.catalog import load_catalog
from regstats.errors import StoreError
from regstats.periods import expected_release, period_code
from regstats.store.atomic import (
    checksum_path,
    recorded_checksum,
    replace_atomically,
    sha256_file,
    write_checksum,
    write_text_atomically,
)
from regstats.store.manifest import load_manifest, manifest_path
from regstats.store.paths import modified_ns
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
    with_vintages = {d.name for d in (store.store_dir / "vintages").glob("*") if d.is_dir()}
    for series_id in sorted(set(store.series_ids()) | with_vintages):
        _check_vintages(store, series_id, report)
        current = store.path(series_id)
        if not current.exists():
            if not any(store.vintage_dir(series_id).glob("*.parquet")):
                continue
            _restore(store, series_id, entries, report, why="saknades")
        try:
            facts = entry_from_file(series_id, current)  # reads the whole file: the current one is checked fully
            damaged = _damaged(current, facts, entries.get(series_id, {}))
        except Exception:  # pyarrow raises several types for a truncated or garbled file
            damaged = "var trasig"
        if damaged:
            _restore(store, series_id, entries, report, why=damaged)
            try:
                facts = entry_from_file(series_id, current)
            except Exception:  # no vintage left to restore from, or that one is broken too
                if current.exists():
                    _set_aside(current, root)
                    report.problems.append(f"{series_id}: även den återställda versionen var trasig; kör refresh")
                continue
        if recorded_checksum(current) != (facts["checksum"], facts["vintage"]):
            write_checksum(current, facts["vintage"], facts["checksum"])
        entry = entries.setdefault(series_id, {})
        differs = [k for k in ("vintage", "checksum", "rows", "sample") if entry.get(k) != facts[k]]
        if differs:
            entry.update(facts)
            report.repairs.append(f"{series_id}: manifestet stämde inte med filen ({', '.join(differs)}); uppdaterat")
    _check_meetings(root, report)
    if report.repairs:
        text = json.dumps({"series": entries}, indent=2, ensure_ascii=False, sort_keys=True)
        write_text_atomically(manifest_path(root), text)
    return report


def _damaged(path: Path, facts: dict, entry: dict) -> str | None:
    """Why a readable current file is not what was written, or None. Its own checksum decides;
    a file from before checksums is judged by the manifest: the same vintage with other bytes."""
    recorded = recorded_checksum(path)
    if recorded is not None:
        digest, vintage = recorded
        return (
            "var skadad (kontrollsumman stämde inte)"
            if vintage == facts["vintage"] and digest != facts["checksum"]
            else None
        )
    if entry.get("vintage") == facts["vintage"] and entry.get("checksum") not in (None, facts["checksum"]):
        return "var skadad (kontrollsumman i manifestet stämde inte)"
    return None


def _vintage_intact(path: Path) -> bool:
    """The footer reads, and the bytes match the checksum written with the copy (when there is one)."""
    if not _intact(path):
        return False
    recorded = recorded_checksum(path)
    return recorded is None or recorded[0] == sha256_file(path)


def _check_vintages(store: SeriesStore, series_id: str, report: CheckReport) -> None:
    adopted = 0
    for path in sorted(store.vintage_dir(series_id).glob("*.parquet")):
        if not _vintage_intact(path):
            aside = _set_aside(path, store.root)
            checksum_path(path).unlink(missing_ok=True)
            report.problems.append(
                f"{series_id}: version {path.stem} var trasig eller skadad och är flyttad till "
                f"{aside.relative_to(store.root)}"
            )
        elif recorded_checksum(path) is None:  # a store from before checksums: they start here
            write_checksum(path, path.stem)
            adopted += 1
    if adopted:
        report.repairs.append(f"{series_id}: {adopted} äldre versioner fick kontrollsummor (de hade inga)")


def _restore(store: SeriesStore, series_id: str, entries: dict, report: CheckReport, why: str = "var trasig") -> None:
    current = store.path(series_id)
    moved = ""
    if current.exists():
        aside = _set_aside(current, store.root)
        checksum_path(current).unlink(missing_ok=True)
        moved = f" (flyttad till {aside.relative_to(store.root)})"
    vintages = sorted(store.vintage_dir(series_id).glob("*.parquet"), reverse=True)
    for vintage in vintages:
        if not _vintage_intact(vintage):
            continue
        replace_atomically(current, lambda tmp, source=vintage: shutil.copyfile(source, tmp))
        write_checksum(current, vintage.stem)
        report.repairs.append(
            f"{series_id}: filen {why}{moved}; återställd från version {vintage.stem}; "
            "kör refresh för att hämta det senaste"
        )
        return
    aside_name = moved or ""
    entries[series_id] = {
        **entries.get(series_id, {}),
        "last_status": "failed",
        "last_error": f"filen {why} och det finns ingen hel version av den{aside_name}",
    }
    report.problems.append(f"{series_id}: filen {why} och det finns ingen hel version; kör refresh")


def damaged_series(root: Path) -> dict[str, str]:
    """What `check` would find wrong with the current files and their vintages, cheaply, for
    `status` and `/health`: series id → what is wrong (a file that does not read, or bytes that no
    longer match their checksum). Each file is hashed once per version (size and modification time)."""
    found = {}
    store = SeriesStore(root)
    for series_id in store.series_ids():
        path = store.path(series_id)
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        if problem := _file_problem(str(path), stat.st_mtime_ns, stat.st_size, modified_ns(checksum_path(path))):
            found[series_id] = problem
            continue
        for kept in sorted(store.vintage_dir(series_id).glob("*.parquet")):  # what meetings and --as-of read
            seen = kept.stat()
            if _file_problem(str(kept), seen.st_mtime_ns, seen.st_size, modified_ns(checksum_path(kept))):
                found[series_id] = f"version {kept.stem} är trasig eller skadad; kör regstats check"
                break
    return found


@lru_cache(maxsize=256)
def _file_problem(name: str, mtime: int, size: int, checksum_stamp: int | None) -> str | None:
    path = Path(name)
    try:
        vintage = decode_metadata(pq.read_schema(path).metadata).get("vintage", "")
    except Exception:  # pyarrow raises several types for a truncated or garbled file
        return "filen går inte att läsa; kör regstats check"
    recorded = recorded_checksum(path)
    if recorded is not None and recorded[1] == vintage and recorded[0] != sha256_file(path):
        return "filen är skadad (kontrollsumman stämmer inte); kör regstats check"
    return None


def meeting_version(path: Path) -> str:
    """The `saved` stamp a meeting file carries (written with its checksum), or ''."""
    try:
        document = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return ""
    return str(document.get("saved") or "") if isinstance(document, dict) else ""


def meeting_damaged(path: Path) -> bool:
    """A meeting file whose bytes are not those written with its checksum (same `saved` stamp)."""
    recorded = recorded_checksum(path)
    if recorded is None or recorded[0] == sha256_file(path):
        return False
    return recorded[1] == meeting_version(path)


def damaged_meetings(root: Path) -> list[str]:
    return [path.stem for path in sorted((root / "meetings").glob("*.yaml")) if meeting_damaged(path)]


def _check_meetings(root: Path, report: CheckReport) -> None:
    """A damaged meeting cannot be restored (it is the analyst's own record): said, never rewritten.
    A checksum left behind by a crash (another `saved` stamp) is renewed; older files get one."""
    for path in sorted((root / "meetings").glob("*.yaml")):
        recorded = recorded_checksum(path)
        if recorded is None:
            write_checksum(path, meeting_version(path))
        elif meeting_damaged(path):
            report.problems.append(
                f"mötet {path.stem} är skadat (kontrollsumman stämmer inte); återställ filen från en "
                f"säkerhetskopia eller frys om mötet: regstats meeting create {path.stem} --replace"
            )
        elif recorded[0] != sha256_file(path):
            write_checksum(path, meeting_version(path))
            report.repairs.append(f"mötet {path.stem}: kontrollsumman förnyad efter ett avbrutet skrivande")
