"""What the product reads: the analyst's store, and the bundled sample for every series the
store lacks. A new analyst's store fills series by series (a first `import`, a refresh that
fetched only some publishers); until a series is there, its sample is shown, marked as sample,
so no page goes empty and nothing pretends to be official."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regstats.store.manifest import load_manifest
from regstats.store.paths import sample_dir
from regstats.store.series_store import SeriesStore


def _fallback_root(root: Path) -> Path | None:
    sample = sample_dir()
    return None if root.resolve() == sample else sample


def reading_store(root: Path) -> SeriesStore:
    fallback = _fallback_root(root)
    return SeriesStore(root, fallback=SeriesStore(fallback) if fallback else None)


def reading_manifest(root: Path) -> dict[str, Any]:
    """The manifest's series entries as the product shows them: the store's own for the series it
    holds, the sample's (marked sample) for the rest. A series the store tried but never stored
    keeps its own last attempt (failed, with its reason) beside the sample it falls back to."""
    own = load_manifest(root)["series"]
    fallback = _fallback_root(root)
    if fallback is None:
        return own
    store = SeriesStore(root)
    try:
        sample = load_manifest(fallback)["series"]
    except Exception:  # a broken sample manifest must not hide the analyst's own series
        sample = {}
    merged = dict(own)
    for series_id, entry in sample.items():
        if store.path(series_id).exists():
            continue
        attempt = own.get(series_id) or {}
        merged[series_id] = {
            **entry,
            "sample": True,
            **{k: attempt[k] for k in ("last_attempt", "last_status", "last_error") if k in attempt},
        }
    return merged

