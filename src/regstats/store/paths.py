"""Where the store lives.

- The analyst's live store: `REGSTATS_DATA_DIR`, else the user data directory (platformdirs:
  `~/.local/share/regstats` on Linux). `refresh`, `import` and meetings write only there.
- The bundled sample: `data/` in the repository (or `REGSTATS_SAMPLE_DIR`). It is read-only for
  every command but `build-sample`, so the repository's tracked files never change.
- What is read (app, `show`, `status`, exports): the live store when it holds data, else the
  sample, and the app says which.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_REPOSITORY = Path(__file__).resolve().parents[3]


def live_dir() -> Path:
    explicit = os.environ.get("REGSTATS_DATA_DIR")
    return Path(explicit).resolve() if explicit else platformdirs.user_data_path("regstats")


def sample_dir() -> Path:
    return Path(os.environ.get("REGSTATS_SAMPLE_DIR") or _REPOSITORY / "data").resolve()


def data_dir() -> Path:
    """The store to read: an explicit REGSTATS_DATA_DIR, the live store if it holds data, or the sample."""
    live = live_dir()
    if os.environ.get("REGSTATS_DATA_DIR") or (live / "manifest.json").exists():
        return live
    return sample_dir()


def modified_ns(path: Path) -> int | None:
    """A file's modification time in nanoseconds, None when it does not exist: what a cache keyed on
    a file's version compares."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
