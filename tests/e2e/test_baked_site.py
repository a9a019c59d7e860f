"""The baked site in a real browser: served by `python -m http.server`, its pages pass axe like
the app's, read on a phone, and show their charts with no script at all."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from regstats.store import sample_dir
from tests.e2e.conftest import AXE, PHONE, serious_violations

BAKED = ["lan/23/index.html", "lan/23/arbetsloshet.html", "lan/23/konkurser.html", "lan/23/kommuner.html"]


@pytest.fixture(scope="module")
def baked(tmp_path_factory):
    from regstats.site.bake import bake

    out = tmp_path_factory.mktemp("baked")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
        bake(out, regions=["23"], live_url="http://app.invalid")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    for _ in range(50):
        try:
            urllib.request.urlopen(base, timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=5)


@pytest.mark.parametrize("path", BAKED)
def test_a_baked_page_passes_axe_with_scripts_off(browser, baked, path):
    assert AXE.exists(), "axe-core saknas: kör `npm install` (görs av .ci/run)"
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.goto(baked + path)
    assert page.evaluate("document.scripts.length") == 0  # the page itself runs nothing
    serious = serious_violations(page)
    context.close()
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


def test_a_baked_page_reads_on_a_phone_without_javascript(browser, baked):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(baked + "lan/23/lediga-jobb.html")
    chart = page.locator("main svg[role=img]").first
    box = chart.bounding_box()
    assert box["width"] <= 390 and box["y"] < 844 * 2  # scaled to the screen, near the top
    assert "Nyanmälda lediga platser" in page.locator("main h2").first.inner_text()
    page.get_by_text("Visa diagrammets värden som tabell").first.click()
    assert page.locator("main table.data").first.is_visible()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll <= 400  # no sideways scrolling
