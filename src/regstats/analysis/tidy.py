"""Picking from the tidy rows every series is stored in: one line of values, and totals by
industry over twelve months (one definition for the varsel chart, the industry the dashboard
picks by default and the highlight sentence, so all three name the same industry)."""

from __future__ import annotations

import pandas as pd


def line(frame: pd.DataFrame, measure: str, region: str, sex: str = "T", breakdown: str = "") -> pd.Series:
    """One measure for one region, sex and breakdown, as values indexed by period."""
    rows = frame[
        (frame["measure"] == measure)
        & (frame["region_code"] == region)
        & (frame["sex"] == sex)
        & (frame["breakdown"] == breakdown)
    ]
    return rows.set_index("period")["value"].sort_index()


def twelve_month_totals(rows: pd.DataFrame, *, months_before_latest: int = 0) -> pd.Series:
    """Sum of `value` per `breakdown` over the twelve months ending `months_before_latest`
    months before the latest period in `rows`."""
    end = rows["period"].max() - pd.DateOffset(months=months_before_latest)
    window = rows[(rows["period"] <= end) & (rows["period"] > end - pd.DateOffset(months=12))]
    return window.groupby("breakdown")["value"].sum()
