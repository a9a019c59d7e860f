"""regstats: Swedish regional labour-market statistics, refreshed, validated and presentable.

The public API (see regstats.api) is importable from here: `import regstats as rs; rs.load(...)`.
It is loaded on first use (module `__getattr__`), so `import regstats.cli` or the refresh
pipeline does not pay for plotly, the dashboard and the meeting."""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["catalog", "deck", "deck_numbers", "line_chart", "load", "rows", "transform"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("regstats.api"), name)
    if name == "__version__":  # importlib.metadata costs ~20 ms at every start of the CLI
        return import_module("regstats.version").VERSION
    raise AttributeError(f"module 'regstats' has no attribute {name!r}")
