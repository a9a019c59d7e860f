"""The manifest: per series, what the last refresh did and what is stored (JSON, atomic)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, TypeAdapter

from regstats.errors import StoreError
from regstats.store.atomic import write_text_atomically

_lock = threading.Lock()  # publishers refresh in parallel threads


class _Entry(BaseModel):
    """One series' entry, as every reader uses it: a manifest of another shape is treated as
    broken (and rebuilt from the series' files by `regstats check`), never read half-way."""

    model_config = ConfigDict(extra="allow")
    checksum: str | None = None
    last_attempt: str | None = None
    last_error: str | None = None
    last_status: Literal["ok", "failed", "skipped"] | None = None
    last_success: str | None = None
    latest_period: str | None = None
    next_expected_release: str | None = None
    rows: StrictInt | None = None
    sample: StrictBool | None = None
    sources: dict[str, Any] | None = None
    vintage: str | None = None
    imported_from: str | None = None


_ENTRIES = TypeAdapter(dict[str, _Entry])


def timestamp() -> str:
    """When a manifest field was set: UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def manifest_path(root: Path) -> Path:
    return root / "manifest.json"


def load_manifest(root: Path) -> dict[str, Any]:
    path = manifest_path(root)
    if not path.exists():
        return {"series": {}}
    try:
        manifest = json.loads(path.read_text("utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("series"), dict):
            raise ValueError("no 'series'")
        _ENTRIES.validate_python(manifest["series"])
    except (ValueError, UnicodeDecodeError):  # pydantic's ValidationError is a ValueError
        raise StoreError(
            f"{path} är trasig och går inte att läsa",
            hint="kör `regstats check`: den återskapar manifestet ur seriernas egna filer",
        ) from None
    return manifest


def update_entry(root: Path, series_id: str, **fields: Any) -> dict[str, Any]:
    """Merge fields into one series' entry. Called only by the refresh holding the lock."""
    with _lock:
        manifest = load_manifest(root)
        entry = manifest["series"].setdefault(series_id, {})
        entry.update(fields)
        text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True)
        write_text_atomically(manifest_path(root), text)
    return entry
