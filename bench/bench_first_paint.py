"""Issue 24's first-paint targets: how soon each page's charts can be read, on "Fast 3G" and
unthrottled, beside a static page drawing the same figures with the full plotly.js (the named
alternative, the way `fig.write_html` pages do), in the same run.

The server is the production recipe (`gunicorn -c gunicorn.conf.py`) on the bundled sample;
the browser is Debian's headless Chromium with a cold cache per page, throttled through the
DevTools protocol (1,6 Mbit/s down, 750 kbit/s up, 150 ms latency). For regstats, "charts
visible" is the first paint's server-drawn SVG of every chart (or the app's plotly charts, if
they came first); "app" is when the interactive page has taken over. "received" counts the bytes
that had arrived when the charts became visible.

    python bench/bench_first_paint.py [--pages /,/arbetsloshet] [--runs 1]
"""

from __future__ import annotations

import argparse
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import CHROMIUM, free_port, start
from dashboard_pages import LAUNCH, _page_figures, _static_page

FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
UNTHROTTLED = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
TARGETS = {"fast3g_s": 1.5, "ratio": 0.3, "kb": 150}


def _visible(charts: int) -> str:
    if not charts:
        return "document.querySelector('main h1') !== null"
    painted = f"document.querySelectorAll('#first-paint svg.chart-svg.wide').length >= {charts}"
    drawn = f"document.querySelectorAll('main .js-plotly-plot .main-svg').length >= {charts}"
    return f"({painted}) || ({drawn})"


def _open(browser, url: str, condition: str, network: dict, until_app: bool) -> tuple[float, float, float]:
    """Seconds until `condition`, kB received by then, and seconds until the app took over."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", network)
    start_time = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(condition, timeout=120_000, polling=20)
    visible = time.perf_counter() - start_time
    # A page busy running scripts answers a poll late; the browser's own clock says when it painted.
    # The first paint's charts arrive in the same answer as the page, so they are on screen at
    # its first contentful paint; bytes on the wire (headers and compressed bodies) are those
    # that had fully arrived by then (Resource Timing).
    painted, received = page.evaluate(
        """() => { const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const first = document.getElementById('first-paint') !== null || !!window.__painted;
        const at = (fcp && first) ? fcp.startTime : performance.now();
        const bytes = performance.getEntries().filter(e => e.transferSize !== undefined && e.responseEnd <= at)
          .reduce((sum, e) => sum + e.transferSize, 0);
        return [first && fcp ? fcp.startTime / 1000 : null, bytes / 1000]; }"""
    )
    visible = painted if painted is not None else visible
    app = float("nan")
    if until_app:
        page.wait_for_function("!document.getElementById('first-paint')", timeout=120_000, polling=50)
        app = time.perf_counter() - start_time
    context.close()
    return visible, received, app


def main() -> None:
    from playwright.sync_api import sync_playwright

    from regstats.views.pages import PAGES

    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", default=",".join(p.path for p in PAGES if p.charts or p.path == "/"))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    chosen = [p for p in PAGES if p.path in args.pages.split(",")]
    port = free_port()
    server = start(["-c", "gunicorn.conf.py"], port)
    base = f"http://127.0.0.1:{port}"
    plotly_js = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"
    rows = []
    try:
        with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
            handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=folder, **k)  # noqa: E731
            http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
            static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=static.serve_forever, daemon=True).start()
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
            for page_def in chosen:
                charts = len(page_def.charts)
                figures = _page_figures(page_def.path)
                static_file = _static_page(figures, plotly_js, Path(folder))
                static_url = f"http://127.0.0.1:{static.server_port}/{static_file.name}"
                static_drawn = f"document.querySelectorAll('.main-svg').length >= {len(figures)}"
                row = {"path": page_def.path}
                for name, network in [("fast3g", FAST_3G), ("fast", UNTHROTTLED)]:
                    url = base + page_def.path
                    ours = [_open(browser, url, _visible(charts), network, True) for _ in range(args.runs)]
                    theirs = [_open(browser, static_url, static_drawn, network, False) for _ in range(args.runs)]
                    row[f"{name}_s"] = statistics.median(o[0] for o in ours)
                    row[f"{name}_kb"] = statistics.median(o[1] for o in ours)
                    row[f"{name}_app_s"] = statistics.median(o[2] for o in ours)
                    row[f"{name}_static_s"] = statistics.median(t[0] for t in theirs)
                rows.append(row)
            browser.close()
            static.shutdown()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print("Första målningen: diagrammen läsbara (s), mot en statisk sida med hela plotly.js i samma körning")
    print(
        f"{'sida':<18}{'Fast 3G':>9}{'statisk':>9}{'mottaget':>10}{'appen':>8}"
        f"{'obromsat':>10}{'statisk':>9}{'kvot':>7}{'appen':>8}"
    )
    for r in rows:
        ratio = r["fast_s"] / r["fast_static_s"]
        print(
            f"{r['path']:<18}{r['fast3g_s']:>8.2f}s{r['fast3g_static_s']:>8.2f}s{r['fast3g_kb']:>8.0f}kB"
            f"{r['fast3g_app_s']:>7.1f}s{r['fast_s']:>9.2f}s{r['fast_static_s']:>8.2f}s{ratio:>6.2f}×"
            f"{r['fast_app_s']:>7.1f}s".replace(".", ",")
        )
    worst = max(rows, key=lambda r: r["fast3g_s"])
    ratio = max(r["fast_s"] / r["fast_static_s"] for r in rows)
    print(
        f"Mål: Fast 3G ≤ {TARGETS['fast3g_s']} s (sämst {worst['fast3g_s']:.2f} s, {worst['path']}), "
        f"≤ {TARGETS['ratio']}× den statiska sidan obromsat (sämst {ratio:.2f}×), "
        f"≤ {TARGETS['kb']} kB före diagrammen (mest {max(r['fast3g_kb'] for r in rows):.0f} kB)".replace(".", ",")
    )


if __name__ == "__main__":
    main()
