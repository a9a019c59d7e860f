"""The Parquet store: one file per series, earlier vintages kept, a manifest, a lock.

Where it lives (paths) is cheap to import; the Parquet side (pandas, pyarrow) loads on first use,
so `regstats status` and `--help` start quickly."""

from __future__ import annotations

from typing import Any

from regstats.store.paths import data_dir, live_dir, sample_dir

__all__ = ["SeriesStore", "StoredSeries", "data_dir", "live_dir", "sample_dir"]


def __getattr__(name: str) -> Any:
    if name in {"SeriesStore", "StoredSeries"}:
        from regstats.store import series_store

        return getattr(series_store, name)
    raise AttributeError(f"module 'regstats.store' has no attribute {name!r}")
