"""The transforms' stated invariants over generated series of every frequency (Hypothesis):
each checked against a plain recomputation from the stored values, never against itself."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from regstats.analysis.transform import index_to, moving_average, per_10000, year_on_year, year_to_date

STEP = {"monthly": 1, "quarterly": 3, "annual": 12}
values = st.floats(min_value=0.5, max_value=5_000, allow_nan=False, allow_infinity=False)


@st.composite
def series(draw, frequency: str | None = None, min_size: int = 2, max_size: int = 60):
    frequency = frequency or draw(st.sampled_from(sorted(STEP)))
    size = draw(st.integers(min_size, max_size))
    year = draw(st.integers(1995, 2024))
    month = 1 if frequency == "annual" else draw(st.sampled_from(range(1, 13, STEP[frequency])))
    start = pd.Timestamp(year=year, month=month, day=1)
    periods = [start + pd.DateOffset(months=STEP[frequency] * i) for i in range(size)]
    regions = draw(st.lists(st.sampled_from(["00", "09", "23"]), min_size=1, max_size=3, unique=True))
    rows = [
        {
            "series_id": "s",
            "region_code": r,
            "period": p,
            "sex": "T",
            "breakdown": "",
            "measure": "m",
            "value": draw(values),
            "status": "",
            "vintage": "v",
        }
        for r in regions
        for p in periods
    ]
    return frequency, pd.DataFrame(rows)


def _by_key(frame: pd.DataFrame) -> dict:
    return {(r, p): v for r, p, v in zip(frame["region_code"], frame["period"], frame["value"], strict=True)}


@settings(max_examples=60, deadline=None)
@given(series(frequency="monthly", min_size=1, max_size=48))
def test_year_to_date_is_the_sum_of_the_same_months_of_each_complete_year(generated):
    _, frame = generated
    totals, through = year_to_date(frame)
    assert through == frame["period"].max()
    for (region, period), total in _by_key(totals).items():
        months = frame[(frame["region_code"] == region) & (frame["period"].dt.year == period.year)]
        months = months[months["period"].dt.month <= through.month]
        assert len(months) == through.month  # a year is compared only on all the same months
        assert math.isclose(total, months["value"].sum(), rel_tol=1e-12)
    last = frame[(frame["period"].dt.year == through.year) & (frame["region_code"] == frame["region_code"].iloc[0])]
    if through.month == 12 and len(last) == 12:  # a whole year through December: the year's own sum
        last = frame[frame["period"].dt.year == through.year]
        assert math.isclose(totals[totals["period"].dt.year == through.year]["value"].sum(), last["value"].sum())


@settings(max_examples=60, deadline=None)
@given(series(frequency="monthly", min_size=13, max_size=48))
def test_a_change_of_year_to_date_is_the_change_of_the_sums(generated):
    """Never a sum of monthly changes (the +298 % that once stood for +21,5 %)."""
    _, frame = generated
    totals, through = year_to_date(frame)
    changed = year_on_year(totals, "antal")
    assert changed.unit == "%"
    for (region, period), change in _by_key(changed.frame).items():
        months = frame[(frame["region_code"] == region) & (frame["period"].dt.month <= through.month)]
        now = months[months["period"].dt.year == period.year]["value"].sum()
        before = months[months["period"].dt.year == period.year - 1]["value"].sum()
        assert math.isclose(change, 100 * (now / before - 1), rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=60, deadline=None)
@given(series(), st.sampled_from(["procent", "antal"]))
def test_year_on_year_compares_the_same_period_a_year_earlier_in_every_frequency(generated, unit):
    _, frame = generated
    changed = year_on_year(frame, unit)
    assert changed.unit == ("procentenheter" if unit == "procent" else "%")
    values_by_key = _by_key(frame)
    for (region, period), change in _by_key(changed.frame).items():
        now, before = values_by_key[(region, period)], values_by_key[(region, period - pd.DateOffset(years=1))]
        expected = now - before if unit == "procent" else 100 * (now / before - 1)
        assert math.isclose(change, expected, rel_tol=1e-9, abs_tol=1e-9)
    earliest = frame["period"].min() + pd.DateOffset(years=1)
    assert (changed.frame["period"] >= earliest).all()  # nothing without a year before it


@settings(max_examples=60, deadline=None)
@given(series(), st.data())
def test_an_index_is_100_at_its_base_and_keeps_every_ratio(generated, data):
    _, frame = generated
    base = data.draw(st.sampled_from(sorted(frame["period"].unique())))
    indexed = index_to(frame, pd.Timestamp(base))
    assert indexed.unit.endswith("= 100")
    values_by_key = _by_key(frame)
    for (region, period), value in _by_key(indexed.frame).items():
        assert math.isclose(value, 100 * values_by_key[(region, period)] / values_by_key[(region, base)], rel_tol=1e-9)
    at_base = indexed.frame[indexed.frame["period"] == base]["value"]
    assert all(math.isclose(v, 100.0) for v in at_base)


@settings(max_examples=60, deadline=None)
@given(series())
def test_a_moving_average_spans_a_year_of_periods(generated):
    frequency, frame = generated
    window = {"monthly": 12, "quarterly": 4, "annual": 1}[frequency]
    averaged = moving_average(frame, "antal", frequency)
    for region, rows in frame.groupby("region_code"):
        ordered = rows.sort_values("period")["value"].to_numpy()
        got = averaged.frame[averaged.frame["region_code"] == region].sort_values("period")["value"].to_numpy()
        assert len(got) == max(0, len(ordered) - window + 1)
        for i, value in enumerate(got):
            assert math.isclose(value, ordered[i : i + window].mean(), rel_tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(series(frequency="monthly", max_size=30), st.floats(min_value=1_000, max_value=3e6))
def test_per_10000_inhabitants_divides_by_the_population_at_or_before_the_month(generated, people):
    _, frame = generated
    first = frame["period"].min()
    population = pd.DataFrame(
        {
            "region_code": r,
            "period": first - pd.DateOffset(months=1),
            "sex": "T",
            "breakdown": "",
            "measure": "month_end",
            "value": people,
        }
        for r in frame["region_code"].unique()
    )
    rated = per_10000(frame, population)
    values_by_key = _by_key(frame)
    for key, value in _by_key(rated.frame).items():
        assert math.isclose(value, 10_000 * values_by_key[key] / people, rel_tol=1e-9)
    assert len(rated.frame) == len(frame)
