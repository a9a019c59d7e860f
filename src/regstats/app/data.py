"""Reading the store for the app: cached per file version so callbacks stay cheap."""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from pathlib import Path

from regstats.errors import StoreError
from regstats.store import SeriesStore, StoredSeries, data_dir
from regstats.store.manifest import manifest_path
from regstats.store.paths import modified_ns, sample_dir
from regstats.store.reading import reading_manifest, reading_store

log = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _read(root: str, series_id: str, mtime: float) -> StoredSeries:
    return SeriesStore(Path(root)).read(series_id)  # `root` is the store holding the series


def load(series_id: str) -> StoredSeries | None:
    """None when the series is missing or its file cannot be read: its chart then says that data
    is unavailable, and the rest of the page works (`regstats check` restores the file)."""
    store = reading_store(data_dir()).holder(series_id)  # the sample for a series the store lacks
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
    return _read_manifest(str(root), modified_ns(manifest_path(root)), modified_ns(manifest_path(sample_dir())))


@lru_cache(maxsize=8)
def _read_manifest(root: str, changed: int | None, sample_changed: int | None) -> dict:
    """Parsed once per version of the files (every callback asks whether the data is sample);
    the sample's entries stand in for the series the store lacks (store.reading)."""
    try:
        return reading_manifest(Path(root))
    except StoreError:
        log.warning("manifest.json i %s går inte att läsa", root)
        return {}


def manifest_entry(series_id: str) -> dict:
    return _manifest().get(series_id, {})


def sample_series() -> list[str]:
    """The series shown from the bundled sample (all of them on a new install)."""
    return sorted(sid for sid, entry in _manifest().items() if entry.get("sample"))


def all_sample() -> bool:
    """Nothing but the bundled sample is shown: the banner then says how to fetch real data."""
    entries = _manifest()
    return bool(entries) and all(entry.get("sample") for entry in entries.values())


def stamp() -> tuple:
    """What a rendered page depends on besides its view: the store (its manifest is rewritten by
    every refresh, import and check), the meetings, and the day (staleness is judged by date).
    A page rendered under the same stamp and view is the same page."""
    root = data_dir()
    watched = (manifest_path(root), root / "meetings", manifest_path(sample_dir()))
    return (str(root), date.today().isoformat(), *(modified_ns(path) for path in watched))
