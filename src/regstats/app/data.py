"""Reading the store for the app: cached per file version so callbacks stay cheap."""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from pathlib import Path

from regstats.errors import StoreError
from regstats.store import SeriesStore, StoredSeries, data_dir
from regstats.store.manifest import load_manifest

log = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _read(root: str, series_id: str, mtime: float) -> StoredSeries:
    return SeriesStore(Path(root)).read(series_id)


def load(series_id: str) -> StoredSeries | None:
    """None when the series is missing or its file cannot be read: its chart then says that data
    is unavailable, and the rest of the page works (`regstats check` restores the file)."""
    store = SeriesStore(data_dir())
    path = store.path(series_id)
    try:
        return _read(str(store.root), series_id, path.stat().st_mtime)
    except FileNotFoundError:
        return None
    except Exception:  # a broken file: pyarrow raises several types
        log.warning("Serien %s gick inte att läsa ur %s", series_id, path, exc_info=True)
        return None


def _manifest() -> dict:
    root = data_dir()
    try:
        changed = (root / "manifest.json").stat().st_mtime_ns
    except FileNotFoundError:
        changed = None
    return _read_manifest(str(root), changed)


@lru_cache(maxsize=8)
def _read_manifest(root: str, changed: int | None) -> dict:
    """Parsed once per version of the file (every callback asks whether the data is sample)."""
    try:
        return load_manifest(Path(root))["series"]
    except StoreError:
        log.warning("manifest.json i %s går inte att läsa", root)
        return {}


def manifest_entry(series_id: str) -> dict:
    return _manifest().get(series_id, {})


def any_sample() -> bool:
    return any(entry.get("sample") for entry in _manifest().values())


def stamp() -> tuple:
    """What a rendered page depends on besides its view: the store (its manifest is rewritten by
    every refresh, import and check), the meetings, and the day (staleness is judged by date).
    A page rendered under the same stamp and view is the same page."""
    root = data_dir()
    parts: list = [str(root), date.today().isoformat()]
    for path in (root / "manifest.json", root / "meetings"):
        try:
            parts.append(path.stat().st_mtime_ns)
        except FileNotFoundError:
            parts.append(None)
    return tuple(parts)
