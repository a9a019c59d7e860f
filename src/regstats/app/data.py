"""Reading the store for the app: cached per file version so callbacks stay cheap."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from regstats.store import SeriesStore, StoredSeries, data_dir
from regstats.store.manifest import load_manifest


@lru_cache(maxsize=64)
def _read(root: str, series_id: str, mtime: float) -> StoredSeries:
    return SeriesStore(Path(root)).read(series_id)


def load(series_id: str) -> StoredSeries | None:
    store = SeriesStore(data_dir())
    path = store.path(series_id)
    if not path.exists():
        return None
    return _read(str(store.root), series_id, path.stat().st_mtime)


def manifest_entry(series_id: str) -> dict:
    return load_manifest(data_dir())["series"].get(series_id, {})


def any_sample() -> bool:
    return any(entry.get("sample") for entry in load_manifest(data_dir())["series"].values())
