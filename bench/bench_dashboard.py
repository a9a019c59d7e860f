"""Dashboard benchmark on the bundled sample: real headless Chromium against gunicorn (2 workers).

Prints, per page, the time until every chart is drawn and the bytes sent; the latency (p50/p95)
of the county-change callback at 1 and at 20 concurrent clients; and, as the lower bound, the
time only to serialise the same figures' JSON in this process.

    pip install -e ".[test]" && python bench/bench_dashboard.py
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("REGSTATS_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_timings(base: str) -> tuple[list[tuple[str, float, int, int]], dict]:
    from playwright.sync_api import sync_playwright

    from regstats.views.pages import PAGES

    results, callback = [], {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
        for page_def in PAGES:
            context = browser.new_context()
            page = context.new_page()
            sizes = []
            page.on("requestfinished", lambda r, sizes=sizes: sizes.append(r.sizes()["responseBodySize"]))
            start = time.perf_counter()
            page.goto(base + page_def.path)
            page.wait_for_selector("main h1")
            expected = len(page_def.charts) or (7 if page_def.path == "/" else 0)
            if expected:
                page.wait_for_function(
                    f"document.querySelectorAll('main .js-plotly-plot .main-svg').length >= {expected}"
                )
            elapsed = time.perf_counter() - start
            results.append((page_def.path, elapsed, sum(sizes), expected))
            if page_def.path == "/arbetsloshet":
                with page.expect_request(lambda r: "_dash-update-component" in r.url) as info:
                    page.locator("#wrap-county summary").click()
                    page.get_by_label("Västerbottens län", exact=True).first.check()
                callback = {"url": info.value.url, "body": info.value.post_data}
            context.close()
        browser.close()
    return results, callback


def latency(callback: dict, clients: int, calls_each: int = 10) -> list[float]:
    def one_client(_: int) -> list[float]:
        session, out = requests.Session(), []
        for _ in range(calls_each):
            start = time.perf_counter()
            answer = session.post(
                callback["url"], data=callback["body"], headers={"Content-Type": "application/json"}, timeout=60
            )
            answer.raise_for_status()
            out.append(time.perf_counter() - start)
        return out

    with ThreadPoolExecutor(clients) as pool:
        return [t for times in pool.map(one_client, range(clients)) for t in times]


def serialise_only() -> float:
    """Lower bound: only serialising the Arbetslöshet page's figures to JSON (built beforehand)."""
    import plotly.io as pio

    from regstats.catalog import load_catalog
    from regstats.store import SeriesStore
    from regstats.views.content import figure_for
    from regstats.views.pages import BY_PATH
    from regstats.views.select import select
    from regstats.views.state import parse

    store = SeriesStore(REPO / "data")
    state = parse("?lan=24")
    figures = []
    for chart in BY_PATH["/arbetsloshet"].charts:
        series = load_catalog()[chart.series]
        stored = store.read(chart.series)
        selection = select(chart, series, stored.frame, state, store.read("population").frame)
        figures.append(figure_for(chart, series, selection, state, True))
    start = time.perf_counter()
    for figure in figures:
        pio.to_json(figure)
    return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    port = free_port()
    env = {**os.environ, "REGSTATS_DATA_DIR": str(REPO / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(base, timeout=5)
                break
            except requests.RequestException:  # still booting
                time.sleep(0.2)
        pages, callback = page_timings(base)
        print(f"{'page':<18}{'charts':>7}{'drawn s':>9}{'kB sent':>9}")
        for path, seconds, size, charts in pages:
            print(f"{path:<18}{charts:>7}{seconds:>9.2f}{size / 1024:>9.0f}")
        for clients in (1, 20):
            times = latency(callback, clients)
            p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
            print(
                f"county change, {clients:>2} client(s), gunicorn 2 workers: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
                f"({len(times)} calls)"
            )
        print(f"lower bound, only serialising the same page's figures to JSON: {serialise_only() * 1000:.0f} ms")
        print(json.dumps({"callback_bytes": len(callback.get("body") or "")}))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
