"""regstats: Swedish regional labour-market statistics, refreshed, validated and presentable."""

__version__ = "0.1.0"
