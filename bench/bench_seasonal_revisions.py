"""How much does a seasonally adjusted end-point move as months arrive? X-13ARIMA-SEATS against
robust STL (the fallback), in the same run, on the store's monthly series.

Vintages are replayed by cutting the newest stored version at each month: the adjusted value of
month t is computed with data through t (the end-point a meeting would have shown), then with
data through t+1, t+3 and t+6. This measures the revisions the method makes as months arrive;
publishers' own revisions of raw values are not in it (the bundled sample holds two versions of
each series, too few to replay). Prints the mean absolute
revision, in the series' unit and relative to the level, and the time per decomposition.

    python bench/bench_seasonal_revisions.py [DATA_DIR] [--counties 23,00,01] [--ends 12]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from regstats.analysis import seasonal
from regstats.store.reading import reading_store

SERIES = [("unemployment_close", "share"), ("vacancies_new", "new_vacancies"), ("unemployment_af", "share")]
AFTER = (1, 3, 6)


def _line(frame: pd.DataFrame, measure: str, region: str) -> pd.Series:
    chosen = (frame["measure"] == measure) & (frame["region_code"] == region)
    rows = frame[chosen & (frame["sex"] == "T") & (frame["breakdown"] == "")]
    return rows.set_index("period")["value"].sort_index()


def _revisions(values: pd.Series, engine: str, ends: int) -> tuple[dict[int, list[float]], list[float]]:
    """End-point revisions after 1/3/6 months for the last `ends` cut-off months."""
    revised: dict[int, list[float]] = {k: [] for k in AFTER}
    seconds: list[float] = []
    cache: dict[int, pd.Series] = {}

    def adjusted_through(n: int) -> pd.Series:
        if n not in cache:
            start = time.perf_counter()
            cache[n] = seasonal.decompose(values.iloc[:n], engine=engine).adjusted
            seconds.append(time.perf_counter() - start)
        return cache[n]

    last = len(values)
    for n in range(last - max(AFTER) - ends, last - max(AFTER)):
        if n < seasonal.MIN_MONTHS:
            continue
        first = adjusted_through(n).iloc[-1]
        month = values.index[n - 1]
        for k in AFTER:
            later = adjusted_through(n + k)[month]
            revised[k].append(abs(later - first) / abs(values.iloc[n - 1]) * 100)
    return revised, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(Path(__file__).resolve().parents[1] / "data"))
    parser.add_argument("--counties", default="23,00,01,25")
    parser.add_argument("--ends", type=int, default=12)
    args = parser.parse_args()
    store = reading_store(Path(args.data))
    regions = args.counties.split(",")
    print(f"Slutpunktsrevisioner, säsongrensat värde, medel av |revision| i % av nivån ({args.data})")
    print(f"{'serie':<22}{'metod':<18}" + "".join(f"{f'efter {k} mån':>14}" for k in AFTER) + f"{'ms/körning':>12}")
    for series_id, measure in SERIES:
        frame = store.read(series_id).frame
        for engine, name in [("x13", seasonal.X13), ("stl", seasonal.STL_NAME)]:
            seasonal._cached.cache_clear()  # time each method from cold
            totals: dict[int, list[float]] = {k: [] for k in AFTER}
            seconds: list[float] = []
            for region in regions:
                revised, spent = _revisions(_line(frame, measure, region), engine, args.ends)
                for k in AFTER:
                    totals[k] += revised[k]
                seconds += spent
            means = "".join(f"{np.mean(totals[k]):>13.2f}%".replace(".", ",") for k in AFTER)
            print(f"{series_id:<22}{name:<18}{means}{1000 * np.median(seconds):>12.0f}")


if __name__ == "__main__":
    main()
