"""Reading the store for the app: cached per file version so callbacks stay cheap."""

from __future__ import annotations

import logging
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
    try:
        return load_manifest(data_dir())["series"]
    except StoreError:
        log.warning("manifest.json i %s går inte att läsa", data_dir())
        return {}


def manifest_entry(series_id: str) -> dict:
    return _manifest().get(series_id, {})


def any_sample() -> bool:
    return any(entry.get("sample") for entry in _manifest().values())
