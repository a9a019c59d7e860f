"""regstats: Swedish regional labour-market statistics, refreshed, validated and presentable.

The public API (see regstats.api) is importable from here: `import regstats as rs; rs.load(...)`."""

__version__ = "0.1.0"

from regstats.api import catalog, deck, deck_numbers, line_chart, load, rows, transform

__all__ = ["catalog", "deck", "deck_numbers", "line_chart", "load", "rows", "transform"]
