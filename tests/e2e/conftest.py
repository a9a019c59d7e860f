"""Real headless Chromium (Debian's) driven by Playwright against the app on loopback."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("REGSTATS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def server():
    import logging

    from regstats.app.layout import build_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = build_app()
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium saknas på {CHROMIUM}: .ci/run installerar Debians chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def sample_store(monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(SAMPLE))
    return SAMPLE


def _page(browser, **options):
    # The test harness evaluates its own expressions in the page (wait_for_function), which the
    # app's policy (no 'unsafe-eval') forbids: tests bypass it, and test_csp.py renders every
    # page under the real policy.
    options = {"viewport": {"width": 1280, "height": 900}, "bypass_csp": True, **options}
    context = browser.new_context(accept_downloads=True, locale="sv-SE", **options)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return context, page


@pytest.fixture
def page(browser, sample_store):
    context, page = _page(browser)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, sample_store):
    """The app's CSP rightly blocks injected scripts; the audit tool is let in for this page only."""
    context, page = _page(browser, bypass_csp=True)
    yield page
    context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone_page(browser, sample_store):
    """A 390 × 844 phone (the size of a common iPhone), touch and mobile layout, CSP bypassed for axe."""
    context, page = _page(browser, bypass_csp=True, **PHONE)
    yield page
    context.close()


@pytest.fixture
def broken_store(tmp_path, monkeypatch):
    """A store where one series is missing and another failed its last refresh."""
    import json

    root = tmp_path / "data"
    shutil.copytree(SAMPLE / "store", root / "store")
    (root / "store" / "vacancies_new.parquet").unlink()
    manifest = json.loads((SAMPLE / "manifest.json").read_text("utf-8"))
    del manifest["series"]["vacancies_new"]
    manifest["series"]["redundancies"].update(last_status="failed", last_error="Arbetsförmedlingen svarade inte")
    (root / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(root))
    # No sample to stand in for the missing series (store.reading): its charts must say so.
    monkeypatch.setenv("REGSTATS_SAMPLE_DIR", str(tmp_path / "inget-exempel"))
    return root


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now (axe injected here)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]

