"""Seasonal adjustment and trend: a synthetic series with a known trend and seasonal pattern is
recovered within stated tolerances by X-13ARIMA-SEATS (the bundled Census binary) and by the STL
fallback; the fallback takes over when X-13 cannot run; small counts and short series are refused
with a reason, and the last six adjusted months are marked preliminary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regstats.analysis import seasonal
from regstats.analysis.transform import TWELVE_MONTHS, apply

# Tolerances, in the series' own unit, for a level of about 100 with seasonal swings of ±10 and
# noise of sd 0,5: the estimated trend stays within 1,5 of the true one away from the ends (the
# ends are preliminary by design), and the adjusted series keeps no seasonal pattern larger than 1.
TREND_TOLERANCE = 1.5
RESIDUAL_SEASON = 1.0
PATTERN = np.array([8, 6, 3, 0, -3, -6, -10, -7, -2, 1, 4, 6], dtype=float)


def synthetic(months: int = 96, slope: float = 0.15, pattern=PATTERN, noise: float = 0.5, seed: int = 1):
    index = pd.date_range("2018-01-01", periods=months, freq="MS")
    trend = 100 + slope * np.arange(months) + 3 * np.sin(np.arange(months) / 20)
    season = np.resize(pattern - pattern.mean(), months)
    values = trend + season + np.random.default_rng(seed).normal(0, noise, months)
    return pd.Series(values, index=index), pd.Series(trend, index=index)


def _check_recovers(found: seasonal.Decomposition, trend: pd.Series) -> None:
    inner = slice(12, -12)
    assert np.abs(found.trend - trend).iloc[inner].max() < TREND_TOLERANCE
    leftover = (found.adjusted - trend).groupby(found.adjusted.index.month).mean()
    assert np.abs(leftover).max() < RESIDUAL_SEASON


def test_x13_from_the_wheel_recovers_a_known_trend_and_removes_the_season():
    values, trend = synthetic()
    found = seasonal.decompose(values, engine="x13")
    assert found.method == seasonal.X13
    _check_recovers(found, trend)


@settings(max_examples=25, deadline=None)
@given(
    slope=st.floats(-0.3, 0.3),
    amplitude=st.floats(0.2, 1.5),
    shift=st.integers(0, 11),
    seed=st.integers(0, 10_000),
)
def test_stl_recovers_any_trend_under_any_fixed_seasonal_pattern(slope, amplitude, shift, seed):
    values, trend = synthetic(slope=slope, pattern=np.roll(PATTERN, shift) * amplitude, seed=seed)
    found = seasonal.decompose(values, engine="stl")
    assert found.method == seasonal.STL_NAME
    _check_recovers(found, trend)


def test_stl_takes_over_when_x13_cannot_run(monkeypatch):
    values, trend = synthetic(seed=7)
    monkeypatch.setattr(seasonal, "x13_path", lambda: "/nonexistent/x13as")
    seasonal._cached.cache_clear()
    try:
        found = seasonal.decompose(values)
    finally:
        seasonal._cached.cache_clear()
    assert found.method == seasonal.STL_NAME
    _check_recovers(found, trend)


def _frame(values: pd.Series, region: str = "23") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": region,
            "sex": "T",
            "breakdown": "",
            "measure": "m",
            "period": values.index,
            "value": values.to_numpy(),
            "status": "",
        }
    )


def test_the_last_six_adjusted_months_are_marked_preliminary_and_the_method_named():
    values, _ = synthetic(months=60)
    result = apply(_frame(values), "sa", "procent", "monthly")
    assert result.unit == "procent"
    statuses = result.frame.sort_values("period")["status"].tolist()
    assert statuses[-6:] == ["preliminär"] * 6 and set(statuses[:-6]) == {""}
    assert "Säsongrensad av regstats med" in result.note and "6 senaste" in result.note


def test_a_small_count_is_not_adjusted_but_summed_over_twelve_months_and_the_reason_said():
    rng = np.random.default_rng(3)
    counts = pd.Series(rng.poisson(9, 60).astype(float), index=pd.date_range("2021-01-01", periods=60, freq="MS"))
    result = apply(_frame(counts), "trend", "antal", "monthly")
    assert result.unit == f"antal, {TWELVE_MONTHS}"
    assert "Inte säsongrensad – små tal" in result.note
    newest = result.frame.sort_values("period")["value"].iloc[-1]
    assert newest == counts.iloc[-12:].sum()


def test_a_series_shorter_than_three_years_is_named_not_adjusted():
    values, _ = synthetic(months=30)
    assert "för kort" in (seasonal.why_not(values, "procent") or "")
    result = apply(_frame(values), "sa", "procent", "monthly")
    assert result.applied == "level" and result.frame["value"].tolist() == values.tolist()
    assert "Inte säsongrensad – för kort" in result.note and "Nivån visas" in result.note


def test_a_gap_restarts_the_run_that_is_adjusted():
    values, _ = synthetic(months=80)
    values.iloc[30] = np.nan
    run = seasonal.trailing_run(values)
    assert run.index[0] == values.index[31] and len(run) == 49


def test_quarterly_series_are_not_offered_seasons():
    from regstats.analysis.transform import allowed

    assert "sa" in allowed("procent", "monthly") and "trend" in allowed("antal", "monthly")
    assert not {"sa", "trend"} & set(allowed("antal", "quarterly"))


@pytest.mark.parametrize("transform", ["sa", "trend"])
def test_every_line_of_a_frame_is_adjusted_on_its_own(transform):
    first, _ = synthetic(seed=1)
    second, _ = synthetic(seed=2, slope=-0.1)
    frame = pd.concat([_frame(first, "23"), _frame(second, "00")])
    result = apply(frame, transform, "procent", "monthly")
    for region, values in [("23", first), ("00", second)]:
        alone = seasonal.decompose(values)
        expected = alone.adjusted if transform == "sa" else alone.trend
        got = result.frame[result.frame["region_code"] == region].set_index("period")["value"]
        assert np.allclose(got.to_numpy(), expected.to_numpy())
