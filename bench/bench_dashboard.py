"""Dashboard benchmark on the bundled sample: issue 14's targets, each printed with the figure
measured in this run, the lower bound measured in the same run, and the previous figure.

The server is the production recipe (`gunicorn -c gunicorn.conf.py`: 2 threaded workers) with an
empty render cache; the browser is Debian's headless Chromium with a cold cache per page; server,
browser and load generator share the machine's cores.

    pip install -e ".[test]" && python bench/bench_dashboard.py [--quick]

`--quick` skips the 60-second 50-client run.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import REPO, free_port, start
from dashboard_pages import pages

# bench/README.md, 2026-11-30, before issue 14 (gunicorn -w 2, full plotly.js, no render cache).
PREVIOUS = {
    "drawn": {
        "/": 3.84,
        "/arbetsloshet": 3.64,
        "/lediga-jobb": 3.71,
        "/varsel": 3.75,
        "/sjukskrivningar": 3.79,
        "/konkurser": 4.02,
        "/stamningslage": 4.23,
        "/befolkning": 3.95,
        "/nytt": 2.48,
        "/om-data": 1.38,
    },
    "kb": 1761,
    "change_1": (272, 318),
    "change_20": (2470, 2858),
    "load_50_p99": 3951,
    "cli": {"--help": 1.5, "list": 1.3, "status": 1.5, "import typer, rich": 0.12},
}
COUNTIES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19",
            "20", "21", "22", "23", "24", "25"]  # fmt: skip


def _views(body: str, transforms: list[str]) -> list[str]:
    """The captured county change, for every county in each of `transforms` ("" = the default)."""
    out = []
    for transform in transforms:
        for county in COUNTIES:
            data = json.loads(body)
            for item in data["inputs"]:
                if item.get("id") == "ctl-county":
                    item["value"] = county
                if item.get("id") == "ctl-transform":
                    item["value"] = transform
            out.append(json.dumps(data))
    return out


def latency(url: str, bodies: list[str], clients: int, calls_each: int) -> list[float]:
    def one_client(index: int) -> list[float]:
        session, out = requests.Session(), []
        for call in range(calls_each):
            body = bodies[(index * calls_each + call) % len(bodies)]
            start_time = time.perf_counter()
            answer = session.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60)
            answer.raise_for_status()
            out.append(time.perf_counter() - start_time)
        return out

    with ThreadPoolExecutor(clients) as pool:
        return [t for times in pool.map(one_client, range(clients)) for t in times]


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else values[0] * 1000


def server_time_against_serialising() -> tuple[float, float]:
    """In this process: a county change's render (uncached) against serialising its answer."""
    from dash._utils import to_json

    from regstats.app.layout import build_app
    from regstats.app.router import _render
    from regstats.views.state import parse

    build_app()
    _render("/arbetsloshet", parse("?lan=22"))
    renders, serials = [], []
    for county in ["24", "25", "21", "20", "19"]:
        start_time = time.perf_counter()
        body, _ = _render("/arbetsloshet", parse(f"?lan={county}"))
        renders.append(time.perf_counter() - start_time)
        start_time = time.perf_counter()
        to_json(body)
        serials.append(time.perf_counter() - start_time)
    render, serial = statistics.median(renders), statistics.median(serials)
    return (render + serial) * 1000, serial * 1000


def cli_starts() -> dict[str, float]:
    def best(args: list[str]) -> float:
        times = []
        for _ in range(5):
            start_time = time.perf_counter()
            subprocess.run(args, capture_output=True, env={**os.environ, "REGSTATS_DATA_DIR": str(REPO / "data")})
            times.append(time.perf_counter() - start_time)
        return statistics.median(times)

    python = sys.executable
    minimal = Path(tempfile.mkdtemp()) / "minimal_typer_app.py"
    minimal.write_text(
        "import typer\napp = typer.Typer()\n@app.command()\ndef a(x: int = 1):\n    'A.'\n"
        "@app.command()\ndef b():\n    'B.'\napp()\n",
        "utf-8",
    )
    return {
        "a two-command typer app --help": best([python, str(minimal), "--help"]),
        "--help": best([python, "-m", "regstats.cli", "--help"]),
        "list": best([python, "-m", "regstats.cli", "list"]),
        "status": best([python, "-m", "regstats.cli", "status"]),
        "import typer, rich": best([python, "-c", "import typer, rich"]),
    }


def main() -> None:
    quick = "--quick" in sys.argv
    port = free_port()
    server = start(["-c", "gunicorn.conf.py"], port)
    base = f"http://127.0.0.1:{port}"
    try:
        rows, extra = pages(base)
        print("Pages (cold browser cache, empty render cache; lower bound = the same figures on a static")
        print("page with the full plotly.min.js, same run):")
        print(f"{'page':<17}{'drawn s':>8}{'static s':>9}{'ratio':>7}{'kB sent':>9}{'before s':>9}")
        for row in rows:
            static = f"{row['static_s']:.2f}" if row["static_s"] else "–"
            ratio = f"{row['s'] / row['static_s']:.2f}" if row["static_s"] else "–"
            before = PREVIOUS["drawn"].get(row["path"])
            print(
                f"{row['path']:<17}{row['s']:>8.2f}{static:>9}{ratio:>7}{row['kb']:>9.0f}"
                f"{(f'{before:.2f}' if before else '–'):>9}"
            )
        overview = rows[0]
        print(
            f"TARGET Översikt drawn ≤ 0,5 × static page: {overview['s']:.2f} s vs {overview['static_s']:.2f} s "
            f"= {overview['s'] / overview['static_s']:.2f}× (before: 3,2 s vs 2,8 s = 1,16×)"
        )
        slowest = max(rows, key=lambda r: r["s"])
        print(f"TARGET every page ≤ 1,0 s: slowest {slowest['path']} {slowest['s']:.2f} s")
        largest = max(rows, key=lambda r: r["kb"])
        print(f"TARGET first page ≤ 600 kB: largest {largest['path']} {largest['kb']:.0f} kB (before 1 761 kB)")
        moves = extra["moves"]
        loaded = [url.split("?")[0].rsplit("/", 1)[-1] for url in extra["scripts_on_moves"]]
        print(
            f"TARGET moving between pages without reloading JavaScript: median {statistics.median(moves):.2f} s, "
            f"slowest {max(moves):.2f} s over {len(moves)} moves; scripts fetched while moving, each once and "
            f"none again: {len(loaded)} ({len(set(loaded))} distinct: {', '.join(sorted(set(loaded)))})"
        )
        cached = {
            url.split("?")[0].rsplit("/", 1)[-1]: headers.get("cache-control", "")
            for url, headers in extra["headers"].items()
            if re.search(r"\.js(\?|$)", url)
        }
        long_lived = [name for name, value in cached.items() if "max-age=31536000" in value]
        print(f"TARGET long-lived cache on versioned assets: {len(long_lived)} of {len(cached)} scripts")
        for name, value in sorted(cached.items()):
            print(f"    {name[:60]:<60} {value}")

        callback = extra["callback"]
        defaults = _views(callback["body"], [""])  # what a meeting does: county after county
        unseen = _views(callback["body"], ["level", "yoy", "ma", "index"])  # views nobody asked for yet
        for clients, calls, target in [(1, 42, 100), (20, 10, 250)]:
            counties = latency(callback["url"], defaults, clients, calls)
            before = PREVIOUS["change_1" if clients == 1 else "change_20"]
            print(
                f"TARGET county change p95 ≤ {target} ms, {clients:>2} client(s), default view: p50 "
                f"{pct(counties, 50):.0f} / p95 {pct(counties, 95):.0f} ms ({len(counties)} calls; before "
                f"{before[0]} / {before[1]} ms)"
            )
            fresh = latency(callback["url"], unseen[clients * 11 :] + unseen[: clients * 11], clients, calls)
            print(
                f"       the same in views not rendered before (Nivå, förändring, glidande, index): p50 "
                f"{pct(fresh, 50):.0f} / p95 {pct(fresh, 95):.0f} ms"
            )
            unseen = unseen[calls * clients :] + unseen[: calls * clients]  # the next round asks others
        server_ms, serial_ms = server_time_against_serialising()
        print(
            f"TARGET callback server time ≤ 3 × serialising its output: {server_ms:.0f} ms vs {serial_ms:.0f} ms "
            f"= {server_ms / serial_ms:.1f}× (uncached render; a cached one is the serialising alone)"
        )
        if not quick:
            from bench_load import load

            result = load(base, callback, 50, 60.0, defaults + unseen)
            changes = result["changes"]
            print(
                f"TARGET 50 clients for 60 s, 0 errors: {result['errors']} errors, {len(changes)} county changes "
                f"over {len(defaults + unseen)} views, "
                f"p50 {pct(changes, 50):.0f} / p95 {pct(changes, 95):.0f} / p99 {pct(changes, 99):.0f} ms "
                f"(before p99 {PREVIOUS['load_50_p99']} ms)"
            )
    finally:
        server.terminate()
        server.wait()
    cli = cli_starts()
    framework, minimal = cli["import typer, rich"], cli["a two-command typer app --help"]
    for name in ["--help", "list", "status"]:
        print(
            f"TARGET regstats {name} ≤ 2 × importing the CLI framework: {cli[name]:.2f} s vs {framework:.2f} s "
            f"= {cli[name] / framework:.1f}× (before {PREVIOUS['cli'][name]} s); against a two-command typer "
            f"app's --help ({minimal:.2f} s): {cli[name] / minimal:.1f}×"
        )


if __name__ == "__main__":
    main()
