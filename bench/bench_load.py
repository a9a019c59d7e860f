"""Load benchmark of the production recipe (gunicorn.conf.py: 2 threaded workers) against the
plain `gunicorn -w 2 app:server` (sync workers), on the bundled sample, in the same run.

N clients for DURATION seconds each loop: a county change on /arbetsloshet (the Dash callback,
captured once from headless Chromium) and, every fifth call, the page itself (`GET /`). Printed:
p50/p95/p99 per request kind, errors, requests per second and the workers' resident memory.

    pip install -e ".[test]" && python bench/bench_load.py [duration_s]
"""

from __future__ import annotations

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
RECIPES = {
    "production (gunicorn.conf.py, gthread 2×8)": ["-c", "gunicorn.conf.py"],
    "plain gunicorn -w 2 (sync)": ["-w", "2"],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], port: int) -> subprocess.Popen:
    env = {**os.environ, "REGSTATS_BIND": f"127.0.0.1:{port}", "REGSTATS_DATA_DIR": str(REPO / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *args, "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/health", timeout=2)
            return server
        except requests.RequestException:  # not listening yet, or warming up (gunicorn.conf.py)
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def capture_callback(base: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_page()
        page.goto(base + "/arbetsloshet")
        page.wait_for_function("document.querySelectorAll('main .js-plotly-plot .main-svg').length >= 4")
        with page.expect_request(lambda r: "_dash-update-component" in r.url) as info:
            page.locator("#wrap-county summary").click()
            page.get_by_label("Västerbottens län", exact=True).first.check()
        callback = {"url": info.value.url, "body": info.value.post_data}
        browser.close()
    return callback


def worker_memory_mb(server: subprocess.Popen) -> float:
    """Resident memory of the gunicorn master's children (the workers), from /proc."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total_kb = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def load(
    base: str, callback: dict, clients: int, duration: float, bodies: list[str] | None = None
) -> dict[str, list[float] | int]:
    """Each client loops county changes (every fifth request `GET /`); `bodies`, when given, are
    the views the changes cycle through (else the captured one, repeated)."""
    deadline = time.monotonic() + duration
    bodies = bodies or [callback["body"]]

    def one_client(index: int) -> tuple[list[float], list[float], int]:
        session, changes, pages, errors, n = requests.Session(), [], [], 0, 0
        while time.monotonic() < deadline:
            n += 1
            start = time.perf_counter()
            try:
                if n % 5 == 0:
                    answer = session.get(base + "/", timeout=60)
                else:
                    body = bodies[(index * 7 + n) % len(bodies)]
                    answer = session.post(
                        callback["url"], data=body, headers={"Content-Type": "application/json"}, timeout=60
                    )
                ok = answer.status_code == 200
            except requests.RequestException:
                ok = False
            (pages if n % 5 == 0 else changes).append(time.perf_counter() - start)
            errors += not ok
        return changes, pages, errors

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one_client, range(clients)))
    return {
        "changes": [t for c, _, _ in results for t in c],
        "pages": [t for _, p, _ in results for t in p],
        "errors": sum(e for _, _, e in results),
    }


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else float("nan")


def main() -> None:
    duration = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    callback_template = None
    print(f"Bundled sample, 2 shared cores for server and load generator, {duration:g} s per run")
    header = f"{'recipe':<44}{'clients':>8}{'req/s':>7}{'errors':>7}"
    print(header + "  county change p50/p95/p99 ms   GET / p95 ms  workers MB")
    for name, args in RECIPES.items():
        port = free_port()
        server = start(args, port)
        base = f"http://127.0.0.1:{port}"
        try:
            if callback_template is None:
                callback_template = capture_callback(base)
            callback = {**callback_template, "url": base + "/" + callback_template["url"].split("/", 3)[3]}
            for clients in (20, 50):
                result = load(base, callback, clients, duration)
                changes, pages = result["changes"], result["pages"]
                rate = (len(changes) + len(pages)) / duration
                print(
                    f"{name:<44}{clients:>8}{rate:>7.1f}{result['errors']:>7}  "
                    f"{pct(changes, 50):>8.0f} {pct(changes, 95):>7.0f} {pct(changes, 99):>7.0f}"
                    f"      {pct(pages, 95):>8.0f}  {worker_memory_mb(server):>9.0f}"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
