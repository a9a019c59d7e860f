"""Every page drawn under the app's own Content-Security-Policy, which allows no 'unsafe-eval':
charts appear and the browser reports no violation."""

from __future__ import annotations

import pytest

from regstats.views.pages import PAGES
from tests.e2e.conftest import REPO  # noqa: F401 - the e2e package's setup


@pytest.mark.parametrize("path", [p.path for p in PAGES] + ["/presentera#bild-2"])
def test_every_page_works_under_the_policy_without_unsafe_eval(browser, server, sample_store, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")  # the real policy
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    try:
        response = page.goto(server + path)
        assert "unsafe-eval" not in response.headers["content-security-policy"]
        page.wait_for_selector("main h1, section.slide", state="attached")
        if any(p.charts for p in PAGES if p.path == path) or path.startswith("/presentera"):
            page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
        assert violations == []
    finally:
        context.close()
