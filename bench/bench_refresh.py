"""Refresh benchmark against the fake publishers with realistic latency (50–100 ms a request).

Measures: a full refresh (every series), a second refresh when nothing changed (freshness
probes only), and — as the named alternative — fetching the same SCB tables with the same
selections using pxwebpy (PyPI), compared with regstats' SCB-only refresh in the same run.

    pip install -e ".[bench]" && python bench/bench_refresh.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from regstats.fakes import FakePublishers
from regstats.geography import COUNTIES_AND_RIKET
from regstats.pipeline.refresh import refresh

LATENCY = (0.05, 0.10)


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def requests_since(fake: FakePublishers, mark: int, publisher: str | None = None) -> int:
    return sum(1 for p, *_ in fake.requests[mark:] if publisher in (None, p))


def pxwebpy_same_scb_tables(base: str, fake: FakePublishers) -> int:
    """The selections regstats sends, written out by hand for pxwebpy."""
    from pxweb import PxApi

    api = PxApi(base, language="sv", disable_cache=True, max_workers=1)
    regions = list(COUNTIES_AND_RIKET)
    queries = {
        "TAB638": [
            {"Region": regions, "ContentsCode": ["BE0101N1"], "Tid": ["*"]},
            {"Region": regions, "Kon": ["1", "2"], "ContentsCode": ["BE0101N1"], "Tid": ["*"]},
        ],
        "TAB5557": [{"Region": regions, "Kon": ["1+2", "1", "2"], "ContentsCode": ["*"], "Tid": ["*"]}],
        "TAB6471": [
            {
                "Region": regions,
                "Alder": ["TotSA"],
                "Kon": ["TotSa", "1", "2"],
                "ContentsCode": ["000007SF"],
                "Tid": ["*"],
            }
        ],
        "TAB5663": [{"Region": regions, "Kon": ["1+2", "1", "2"], "ContentsCode": ["*"], "Tid": ["*"]}],
        "TAB9901": [
            {"Region": regions, "Kon": ["1+2", "1", "2"], "ContentsCode": ["AKU0001", "AKU0002"], "Tid": ["*"]}
        ],
    }
    rows = 0
    for table_id, selections in queries.items():
        for value_codes in selections:
            rows += len(api.get_table_data(table_id, value_codes=value_codes))
    return rows


def main() -> None:
    with FakePublishers(latency=LATENCY) as fake:
        os.environ.update(fake.env())
        root = Path(tempfile.mkdtemp(prefix="regstats-bench-"))
        mark = len(fake.requests)
        full, full_s = timed(lambda: refresh(root=root))
        full_requests = requests_since(fake, mark)
        assert full.exit_code == 0, [r.reason for r in full.results if not r.ok]

        mark = len(fake.requests)
        again, again_s = timed(lambda: refresh(root=root))
        again_requests = requests_since(fake, mark)
        assert all(r.outcome == "unchanged" for r in again.results)

        time.sleep(10)  # let the publishers' rate-limit windows empty between contenders
        mark = len(fake.requests)
        scb_root = Path(tempfile.mkdtemp(prefix="regstats-bench-scb-"))
        scb, scb_s = timed(lambda: refresh(publishers=["scb"], root=scb_root))
        scb_requests = requests_since(fake, mark, "scb")
        scb_rows = sum(r.rows for r in scb.results)

        time.sleep(10)
        mark = len(fake.requests)
        px_rows, px_s = timed(lambda: pxwebpy_same_scb_tables(fake.urls()["scb"], fake))
        px_requests = requests_since(fake, mark, "scb")

    print(
        f"Fake publishers, latency {LATENCY[0] * 1000:.0f}–{LATENCY[1] * 1000:.0f} ms per request, rate limits enforced"
    )
    print(f"{'scenario':<46}{'wall s':>8}{'requests':>10}{'rows':>9}")
    print(
        f"{'regstats: full refresh, all 5 series':<46}{full_s:>8.2f}{full_requests:>10}"
        f"{sum(r.rows for r in full.results):>9}"
    )
    print(f"{'regstats: second refresh, nothing new':<46}{again_s:>8.2f}{again_requests:>10}{0:>9}")
    print(f"{'regstats: SCB series only (3 series, 5 tables)':<46}{scb_s:>8.2f}{scb_requests:>10}{scb_rows:>9}")
    print(f"{'pxwebpy: the same SCB tables and selections':<46}{px_s:>8.2f}{px_requests:>10}{px_rows:>9}")
    print(f"pxwebpy / regstats wall time (SCB): {px_s / scb_s:.2f}; requests: {px_requests} vs {scb_requests}")


if __name__ == "__main__":
    main()
