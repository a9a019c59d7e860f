"""The Parquet store: one file per series, earlier vintages kept, a manifest, a lock."""

from regstats.store.paths import data_dir, live_dir, sample_dir
from regstats.store.series_store import SeriesStore, StoredSeries

__all__ = ["SeriesStore", "StoredSeries", "data_dir", "live_dir", "sample_dir"]
