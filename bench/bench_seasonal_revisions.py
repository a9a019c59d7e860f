"""How much does a seasonally adjusted end-point move as months arrive? X-13ARIMA-SEATS against
robust STL (the fallback), in the same run, on the store's monthly series.

Two replays, side by side:

- **stored vintages** (`--vintages`): every version of the series the store kept, oldest first
  (regstats keeps each refresh's version). The end-point a meeting showed with the version whose
  newest month is t, against the same month's adjusted value in the versions ending at t+1, t+3 and
  t+6: the method's revisions *and* the publisher's revisions of raw values, as they happened.
  `--build-vintages N` first writes such a store: N monthly releases from the fake publishers into
  a temporary directory (the bundled sample keeps two versions, too few to replay);
- **cut-offs**: the newest version cut at each month (data through t, then t+1, t+3, t+6): the
  method's revisions alone.

Prints the mean absolute revision relative to the level, and the time per decomposition.

    python bench/bench_seasonal_revisions.py [DATA_DIR] [--counties 23,00,01] [--ends 12]
    python bench/bench_seasonal_revisions.py --build-vintages 18 --vintages
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
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


def build_vintages(root: Path, releases: int, last: date, series_ids: list[str]) -> None:
    """`releases` monthly refreshes from the fake publishers, each stored as a version."""
    from regstats.fakes.server import FakePublishers
    from regstats.pipeline.refresh import refresh
    from regstats.sources.publishers import pointed_at

    for back in range(releases - 1, -1, -1):
        today = (pd.Timestamp(last) - pd.DateOffset(months=back)).date()
        with FakePublishers(today=today) as fake, pointed_at(fake.env()):
            report = refresh(series_ids, root=root, force=True, today=today, archive=False)
        if report.exit_code:
            raise SystemExit(f"the fake release of {today} failed")
        time.sleep(1)  # versions are named to the second


def stored_lines(store, series_id: str, measure: str, region: str) -> list[pd.Series]:
    """The line in every stored version, one per newest month (the last version of each month)."""
    by_end: dict[pd.Timestamp, pd.Series] = {}
    for vintage in store.vintages(series_id):
        line = _line(store.read_vintage(series_id, vintage).frame, measure, region).dropna()
        if not line.empty:
            by_end[line.index[-1]] = line
    return [by_end[end] for end in sorted(by_end)]


def _vintage_revisions(lines: list[pd.Series], engine: str) -> tuple[dict[int, list[float]], list[float]]:
    revised: dict[int, list[float]] = {k: [] for k in AFTER}
    seconds: list[float] = []
    adjusted: dict[pd.Timestamp, pd.Series] = {}
    level: dict[pd.Timestamp, float] = {}  # the raw end-point as first published
    for line in lines:
        if len(line) >= seasonal.MIN_MONTHS:
            start = time.perf_counter()
            adjusted[line.index[-1]] = seasonal.decompose(line, engine=engine).adjusted
            seconds.append(time.perf_counter() - start)
            level[line.index[-1]] = float(line.iloc[-1])
    for end, first in adjusted.items():
        for k in AFTER:
            later = adjusted.get(end + pd.DateOffset(months=k))
            if later is not None and end in later.index:
                revised[k].append(abs(later[end] - first.iloc[-1]) / abs(level[end]) * 100)
    return revised, seconds


def _row(series_id: str, name: str, totals: dict[int, list[float]], seconds: list[float]) -> str:
    means = "".join(
        f"{np.mean(totals[k]):>9.2f}% ({len(totals[k]):>3})".replace(".", ",") if totals[k] else f"{'–':>16}"
        for k in AFTER
    )
    return f"{series_id:<22}{name:<18}{means}{1000 * np.median(seconds):>12.0f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(Path(__file__).resolve().parents[1] / "data"))
    parser.add_argument("--counties", default="23,00,01,25")
    parser.add_argument("--ends", type=int, default=12)
    parser.add_argument("--vintages", action="store_true", help="replay the stored versions too")
    parser.add_argument("--build-vintages", type=int, default=0, metavar="N", help="first store N fake releases")
    args = parser.parse_args()
    data = Path(args.data)
    if args.build_vintages:
        data = Path(tempfile.mkdtemp(prefix="regstats-vintages-"))
        print(f"Bygger {args.build_vintages} månatliga versioner från de falska publicisterna i {data} …")
        build_vintages(data, args.build_vintages, date(2026, 11, 30), [s for s, _ in SERIES])
    store = reading_store(data)
    regions = args.counties.split(",")
    heading = f"{'serie':<22}{'metod':<18}" + "".join(f"{f'efter {k} mån (n)':>16}" for k in AFTER)
    print(f"Slutpunktsrevisioner, säsongrensat värde, medel av |revision| i % av nivån ({data})")
    replays = [("kapade versioner (metodens egna revisioner)", False)]
    if args.vintages:
        replays.insert(0, ("sparade versioner (metod + publicistens revisioner)", True))
    for title, from_vintages in replays:
        print(f"\n{title}\n{heading}{'ms/körning':>12}")
        for series_id, measure in SERIES:
            frame = store.read(series_id).frame
            for engine, name in [("x13", seasonal.X13), ("stl", seasonal.STL_NAME)]:
                seasonal._cached.cache_clear()  # time each method from cold
                totals: dict[int, list[float]] = {k: [] for k in AFTER}
                seconds: list[float] = []
                for region in regions:
                    if from_vintages:
                        revised, spent = _vintage_revisions(stored_lines(store, series_id, measure, region), engine)
                    else:
                        revised, spent = _revisions(_line(frame, measure, region), engine, args.ends)
                    for k in AFTER:
                        totals[k] += revised[k]
                    seconds += spent
                print(_row(series_id, name, totals, seconds))


if __name__ == "__main__":
    main()
