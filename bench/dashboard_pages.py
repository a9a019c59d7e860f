"""The page half of the dashboard benchmark: each page opened in a cold headless Chromium until
every chart is drawn, beside a static page drawing the same figures with the full plotly.js (the
named alternative), and moves between pages and the county-change callback as Chromium sends them."""

from __future__ import annotations

import http.server
import json
import tempfile
import threading
import time
from pathlib import Path

from bench_load import CHROMIUM

LAUNCH = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


def _drawn_condition(path: str, charts: int) -> str:
    """Drawn: every plotly chart's SVG, Översikt's sparklines and a page's map image loaded."""
    parts = ["document.querySelector('main h1') !== null"]
    if charts:
        parts.append(f"document.querySelectorAll('main .js-plotly-plot .main-svg').length >= {charts}")
    if path == "/":
        parts.append("Array.from(document.querySelectorAll('main .spark-img')).filter(i => i.complete).length >= 7")
    if path in {"/", "/kommuner"}:
        parts.append("(document.querySelector('main img.area-map') || {}).complete === true")
    if path in {"/nytt", "/om-data"}:
        parts.append("document.querySelector('main > :nth-child(3)') !== null")
    return " && ".join(parts)


def _measure(page, url: str, condition: str) -> tuple[float, int, list[str], dict]:
    """Seconds from navigation until drawn, compressed bytes received, URLs, and headers by URL."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    headers: dict[str, dict] = {}

    def answered(event):
        urls[event["requestId"]] = event["response"]["url"]
        headers[event["response"]["url"]] = {k.lower(): v for k, v in event["response"]["headers"].items()}

    cdp.on("Network.responseReceived", answered)
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    start_time = time.perf_counter()
    page.goto(url)
    page.wait_for_function(condition, timeout=60_000)
    elapsed = time.perf_counter() - start_time
    page.wait_for_timeout(300)  # let late responses finish counting
    return elapsed, sum(sizes.values()), [urls.get(k, "") for k in sizes], headers


def _static_page(figures: list[dict], plotly_js: Path, folder: Path) -> Path:
    """The lower bound: the same figures on a plain HTML page with the full plotly.min.js."""
    (folder / "plotly.min.js").write_bytes(plotly_js.read_bytes())
    divs = "".join(f'<div id="g{i}"></div>' for i in range(len(figures)))
    calls = "".join(
        f"Plotly.newPlot('g{i}', {json.dumps(f['data'])}, {json.dumps(f['layout'])});" for i, f in enumerate(figures)
    )
    page = folder / f"static-{len(list(folder.glob('static-*')))}.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script></head>'
        f"<body>{divs}<script>{calls}</script></body></html>",
        "utf-8",
    )
    return page


def _overview_equivalent() -> list[dict]:
    """Översikt's eight graphics as plotly figures (how it drew them before issue 14): seven
    36-month sparklines and the county map as 21 filled outlines."""
    from regstats.geo import county_outlines

    spark = {"data": [{"type": "scatter", "mode": "lines", "y": list(range(36))}], "layout": {"height": 60}}
    traces = []
    for outline in county_outlines():
        xs = [x for ring in outline.rings for x in [*[p[0] for p in ring], None]]
        ys = [y for ring in outline.rings for y in [*[p[1] for p in ring], None]]
        traces.append({"type": "scatter", "x": xs, "y": ys, "fill": "toself", "mode": "lines"})
    return [spark] * 7 + [{"data": traces, "layout": {"height": 560}}]


def _page_figures(path: str) -> list[dict]:
    """The figures a page draws, as JSON, from the app's own render (sample store)."""
    if path == "/":
        return _overview_equivalent()
    import plotly.io as pio

    from regstats.app.router import render_page
    from regstats.views.state import parse

    body, _ = render_page(path, parse(""))
    found: list[dict] = []

    def walk(node):
        if hasattr(node, "figure") and getattr(node, "figure", None) is not None:
            found.append(json.loads(pio.to_json(node.figure)))
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            walk(child)

    for node in body:
        walk(node)
    return found


def pages(base: str) -> tuple[list[dict], dict]:
    from playwright.sync_api import sync_playwright

    from regstats.views.pages import PAGES

    plotly_js = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"
    rows, extra = [], {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        static_root = Path(folder)
        handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=folder, **k)  # noqa: E731
        http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
        static_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=static_server.serve_forever, daemon=True).start()
        static_base = f"http://127.0.0.1:{static_server.server_port}"
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
        for page_def in PAGES:
            context = browser.new_context()  # a cold browser cache for every page
            page = context.new_page()
            condition = _drawn_condition(page_def.path, len(page_def.charts))
            seconds, size, _, headers = _measure(page, base + page_def.path, condition)
            context.close()
            figures = _page_figures(page_def.path)
            static_seconds = None
            if figures:
                static = _static_page(figures, plotly_js, static_root)
                context = browser.new_context()
                page = context.new_page()
                wanted = len(figures)
                static_seconds, _, _, _ = _measure(
                    page,
                    f"{static_base}/{static.name}",
                    f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {wanted}",
                )
                context.close()
            rows.append(
                {
                    "path": page_def.path,
                    "s": seconds,
                    "kb": size / 1000,
                    "static_s": static_seconds,
                    "figs": len(figures),
                }
            )
            if page_def.path == "/":
                extra["headers"] = headers
        # Moving between pages in the app: no new JavaScript, only the callback's answer.
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/")
        page.wait_for_function(_drawn_condition("/", 0), timeout=60_000)
        scripts: list[str] = []
        page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
        moves = []
        for page_def in PAGES[1:]:
            start_time = time.perf_counter()
            page.locator("#nav a", has_text=page_def.title).first.click()
            page.wait_for_function(
                f"document.querySelector('main h1') && document.querySelector('main h1').textContent === "
                f"{json.dumps(page_def.title)} && ({_drawn_condition(page_def.path, len(page_def.charts))})",
                timeout=60_000,
            )
            moves.append(time.perf_counter() - start_time)
        extra["moves"] = moves
        extra["scripts_on_moves"] = list(scripts)  # a copy: the full load below must not count
        # The county-change callback, as Chromium sends it.
        page.goto(base + "/arbetsloshet")
        page.wait_for_function(_drawn_condition("/arbetsloshet", 4), timeout=60_000)
        with page.expect_request(lambda r: "_dash-update-component" in r.url) as info:
            page.locator("#wrap-county summary").click()
            page.get_by_role("radio", name="Västerbottens län", exact=True).check()
        extra["callback"] = {"url": info.value.url, "body": info.value.post_data}
        context.close()
        browser.close()
        static_server.shutdown()
    return rows, extra
