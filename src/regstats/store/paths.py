"""Where the store lives: `REGSTATS_DATA_DIR`, else `./data`.

The repository ships its offline sample store in `./data`."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("REGSTATS_DATA_DIR", "data")).resolve()
