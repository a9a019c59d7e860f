"""Transformations on constructed series, with the units a reader must see."""

import pandas as pd
import pytest

from regstats.analysis.transform import apply, index_to, moving_average, per_10000, year_on_year


def series(values, start="2024-01-01", region="23", measure="m"):
    periods = pd.date_range(start, periods=len(values), freq="MS")
    return pd.DataFrame(
        {
            "series_id": "s",
            "region_code": region,
            "period": periods,
            "sex": "T",
            "breakdown": "",
            "measure": measure,
            "value": [float(v) for v in values],
            "status": "",
        }
    )


def test_change_of_a_rate_is_in_procentenheter_and_of_a_count_in_percent():
    rates = series([4.0] * 12 + [5.0] * 12)
    result = year_on_year(rates, "procent")
    assert result.unit == "procentenheter"
    assert result.frame["value"].tolist() == [1.0] * 12
    counts = series([200] * 12 + [250] * 12)
    result = year_on_year(counts, "antal")
    assert result.unit == "%" and result.frame["value"].tolist() == pytest.approx([25.0] * 12)


def test_index_is_100_at_the_chosen_period():
    result = index_to(series([50, 55, 60]), pd.Timestamp("2024-02-01"))
    assert result.frame["value"].tolist() == pytest.approx([50 / 55 * 100, 100.0, 60 / 55 * 100])
    assert result.unit == "index, feb 2024 = 100"


def test_twelve_month_average_needs_twelve_months():
    result = moving_average(series(range(1, 14)), "antal", "monthly")
    assert result.frame["value"].tolist() == [6.5, 7.5]


def test_per_ten_thousand_uses_the_month_end_population_and_falls_back_to_year_end():
    counts = series([13, 26], start="2024-12-01")
    population = pd.concat(
        [
            series([130_000], start="2024-01-01", measure="year_end"),
            series([130_000], start="2025-01-01", measure="month_end"),
        ]
    )
    result = per_10000(counts, population)
    assert result.unit == "per 10 000 invånare"
    assert result.frame["value"].tolist() == pytest.approx([1.0, 2.0])


def test_per_ten_thousand_is_not_offered_for_rates():
    rates = series([4.0, 5.0])
    assert apply(rates, "per10k", "procent", "monthly", population=series([1])).frame.equals(rates)
