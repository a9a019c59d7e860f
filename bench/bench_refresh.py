"""Refresh benchmark against the fake publishers with realistic latency (50–100 ms a request).

Measures: a full refresh (every series), a second refresh when nothing changed (freshness
probes only), and — as the named alternative — fetching the same SCB tables with the same
selections using pxwebpy (PyPI), compared with regstats' SCB-only refresh in the same run.

    pip install -e ".[bench]" && python bench/bench_refresh.py
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from regstats.catalog import load_catalog
from regstats.fakes import FakePublishers
from regstats.geography import COUNTIES_AND_RIKET
from regstats.pipeline.refresh import refresh

LATENCY = (0.05, 0.10)
RUNS = 3


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def requests_since(fake: FakePublishers, mark: int, publisher: str | None = None) -> int:
    return sum(1 for p, *_ in fake.requests[mark:] if publisher in (None, p))


def pxwebpy_same_scb_tables(base: str, fake: FakePublishers) -> int:
    """The selections regstats sends, written out by hand for pxwebpy."""
    from pxweb import PxApi

    api = PxApi(base, language="sv")  # pxwebpy's documented defaults
    regions = list(COUNTIES_AND_RIKET)
    queries = {
        "TAB638": [
            {"Region": regions, "ContentsCode": ["BE0101N1"], "Tid": ["*"]},
            {"Region": regions, "Kon": ["1", "2"], "ContentsCode": ["BE0101N1"], "Tid": ["*"]},
        ],
        "TAB5557": [
            {
                "Region": regions,
                "Civilstand": ["SC"],
                "Alder": ["TotSA"],
                "Kon": ["TotSa", "1", "2"],
                "ContentsCode": ["000007ME"],
                "Tid": ["*"],
            }
        ],
        "TAB6471": [
            {
                "Region": regions,
                "Alder": ["TotSA"],
                "Kon": ["TotSa", "1", "2"],
                "ContentsCode": ["000007SF"],
                "Tid": ["*"],
            }
        ],
        "TAB5663": [
            {"Region": regions, "NyckeltalSCB": ["BAS03", "BAS02"], "ContentsCode": ["000007AN"], "Tid": ["*"]}
        ],
    }
    rows = 0
    for table_id, selections in queries.items():
        for value_codes in selections:
            rows += len(api.get_table_data(table_id, value_codes=value_codes))
    return rows


def median_of(runs: int, action, pause: float):
    """Median wall time of `runs` calls, pausing between them so rate-limit windows empty."""
    times, result = [], None
    for i in range(runs):
        if i:
            time.sleep(pause)
        result, seconds = timed(action)
        times.append(seconds)
    return result, statistics.median(times)


def main() -> None:
    with FakePublishers(latency=LATENCY) as fake:
        os.environ.update(fake.env())
        root = Path(tempfile.mkdtemp(prefix="regstats-bench-"))
        mark = len(fake.requests)
        full, full_s = timed(lambda: refresh(root=root))
        full_requests = requests_since(fake, mark)
        assert full.exit_code == 0, [r.reason for r in full.results if not r.ok]

        mark = len(fake.requests)
        again, again_s = median_of(RUNS, lambda: refresh(root=root), pause=1)
        again_requests = (requests_since(fake, mark)) // RUNS
        assert all(r.outcome == "unchanged" for r in again.results)

        # The PxWebApi 2.0 series (AKU is read from SCB's v1 API, which pxwebpy does not speak),
        # each run into an empty store, against pxwebpy at its documented defaults (its cache on).
        time.sleep(10)  # let the publishers' rate-limit windows empty between contenders
        mark = len(fake.requests)

        def regstats_scb():
            return refresh(["population", "unemployment_bas"], root=Path(tempfile.mkdtemp(prefix="regstats-scb-")))

        scb, scb_s = median_of(RUNS, regstats_scb, pause=10)
        scb_requests = requests_since(fake, mark, "scb") // RUNS
        scb_rows = sum(r.rows for r in scb.results)

        time.sleep(10)
        mark = len(fake.requests)
        px_rows, px_s = median_of(RUNS, lambda: pxwebpy_same_scb_tables(fake.urls()["scb"], fake), pause=10)
        px_requests = requests_since(fake, mark, "scb") // RUNS

    print(
        f"Fake publishers, latency {LATENCY[0] * 1000:.0f}–{LATENCY[1] * 1000:.0f} ms per request, rate limits "
        f"enforced; median of {RUNS} runs except the first full refresh"
    )
    print(f"{'scenario':<46}{'wall s':>8}{'requests':>10}{'rows':>9}")
    print(
        f"{'regstats: full refresh, all 12 series':<46}{full_s:>8.2f}{full_requests:>10}"
        f"{sum(r.rows for r in full.results):>9}"
    )
    print(f"{'regstats: second refresh, nothing new':<46}{again_s:>8.2f}{again_requests:>10}{0:>9}")
    print(f"{'regstats: SCB v2 series (2 series, 4 tables)':<46}{scb_s:>8.2f}{scb_requests:>10}{scb_rows:>9}")
    print(f"{'pxwebpy: the same SCB tables and selections':<46}{px_s:>8.2f}{px_requests:>10}{px_rows:>9}")
    tables = sum(len(s.queries) for s in load_catalog().values())
    print()
    print("targets (issue 9):")
    print(f"  no-change refresh / full refresh: {again_s / full_s:.3f} (target < 0.1)")
    print(f"  no-change requests: {again_requests} for {tables} queries (target: probes only, ≤ 1 per table/file)")
    ratio = scb_s / px_s
    print(f"  regstats SCB / pxwebpy wall time: {ratio:.2f} (target ≤ 0.5); requests {scb_requests} vs {px_requests}")


if __name__ == "__main__":
    main()
