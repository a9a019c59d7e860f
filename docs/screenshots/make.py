"""Take the README's screenshots from the bundled sample, in headless Chromium.

    python docs/screenshots/make.py            # serves the sample itself on a free port

Needs `pip install -e ".[test]"` (Playwright) and Debian's chromium. The pictures show sample data
and say so (the banner and the EXEMPELDATA mark are in every one)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = os.environ.get("REGSTATS_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

# (file, path, options, what to wait for, full page)
SHOTS = [
    ("oversikt.png", "/", DESKTOP, "main .story", True),
    ("lediga-jobb.png", "/lediga-jobb", DESKTOP, "main .js-plotly-plot .main-svg", False),
    ("varsel.png", "/varsel", DESKTOP, "main .js-plotly-plot .main-svg", False),
    ("karta.png", "/?karta=konkurser", DESKTOP, "main img.area-map", False),
    ("kommuner.png", "/kommuner", DESKTOP, "main img.area-map", False),
    ("telefon.png", "/arbetsloshet", PHONE, "main .js-plotly-plot .main-svg", False),
    ("bild-arbetsloshet.png", "/presentera/2026-10-30#bild-2", DESKTOP, "section.slide.current .main-svg", False),
    ("bild-sjukskrivningar.png", "/presentera/2026-10-30#bild-6", DESKTOP, "section.slide.current .main-svg", False),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    port = free_port()
    env = {**os.environ, "REGSTATS_DATA_DIR": str(ROOT / "data")}
    server = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--port", str(port)], env=env, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
            )
            for name, path, options, ready, full in SHOTS:
                context = browser.new_context(locale="sv-SE", **options)
                page = context.new_page()
                for _ in range(50):  # the server takes a moment to start
                    try:
                        page.goto(base + path)
                        break
                    except Exception:
                        time.sleep(0.3)
                page.wait_for_selector(ready, timeout=30_000)
                if "karta" in path:
                    page.evaluate("document.getElementById('map-heading').scrollIntoView()")
                if name == "varsel.png":  # the industries, whose labels once ran into each other
                    page.wait_for_function("document.querySelectorAll('main .js-plotly-plot .main-svg').length >= 3")
                    graph = '{"chart":"varsel-bransch","type":"graph"}'
                    page.evaluate(f"document.getElementById('{graph}').closest('section').scrollIntoView()")
                page.wait_for_timeout(800)
                page.screenshot(path=str(HERE / name), full_page=full)
                print(name)
                context.close()
            export_png(browser, base)
            browser.close()
    finally:
        server.terminate()


def export_png(browser, base: str) -> None:
    """The PNG a stakeholder downloads from a chart, as downloaded."""
    context = browser.new_context(locale="sv-SE", accept_downloads=True, **DESKTOP)
    page = context.new_page()
    page.goto(base + "/lediga-jobb")
    page.wait_for_selector("main .js-plotly-plot .main-svg", timeout=30_000)
    with page.expect_download() as info:
        page.get_by_role("button", name="Diagram, PNG").first.click()
    info.value.save_as(HERE / "export-lediga-jobb.png")
    print("export-lediga-jobb.png")
    context.close()


if __name__ == "__main__":
    main()
