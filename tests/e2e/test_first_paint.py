"""The server draws first, in a real browser: without scripts the first answer is a whole,
readable page (charts as SVG, the right one for the screen, plain links that work); with
scripts the app takes the page over once it has drawn the same view, leaving one copy."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import PHONE, _page, serious_violations


def test_without_scripts_the_first_answer_is_the_page_and_its_links_work(browser, sample_store, server):
    context, page = _page(browser, java_script_enabled=False)
    page.goto(server + "/arbetsloshet?lan=25")
    assert page.locator("main h1").inner_text() == "Arbetslöshet"
    wide = page.locator("main svg.chart-svg.wide")
    assert wide.count() >= 4 and wide.first.is_visible() and not page.locator("main svg.narrow").first.is_visible()
    assert wide.first.get_attribute("aria-label").startswith("Diagram: ")
    assert page.get_by_label("Norrbottens län", exact=True).first.is_checked()  # the controls say the view
    page.locator("nav a", has_text="Konkurser").first.click()
    page.wait_for_url("**/konkurser?lan=25")
    assert page.locator("main h1").inner_text() == "Konkurser"
    context.close()


def test_a_phone_without_scripts_gets_the_chart_drawn_for_a_phone(browser, sample_store, server):
    context, page = _page(browser, java_script_enabled=False, **PHONE)
    page.goto(server + "/lediga-jobb")
    narrow = page.locator("main svg.chart-svg.narrow").first
    assert narrow.is_visible() and not page.locator("main svg.chart-svg.wide").first.is_visible()
    assert narrow.bounding_box()["width"] <= 390
    context.close()


def test_with_scripts_the_app_takes_over_once_it_has_drawn(browser, sample_store, server):
    context, page = _page(browser)
    page.goto(server + "/lediga-jobb", wait_until="commit")
    page.wait_for_selector("#first-paint svg.chart-svg", state="attached")
    page.wait_for_function("!document.getElementById('first-paint')")
    assert page.locator("main .js-plotly-plot .main-svg").count() >= 3  # the app's own charts, drawn
    assert page.evaluate("document.body.className") == "" and page.locator("main").count() == 1
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("path", ["/", "/arbetsloshet?lan=25&jmf=00,norrland", "/kommuner", "/konkurser?vy=tabell"])
def test_the_first_paint_passes_axe_while_the_app_has_not_arrived(browser, sample_store, server, path):
    """The app's scripts held back (a slow network that has not delivered them yet): what the
    reader has is the first paint, and it must be as accessible as the app."""
    context, page = _page(browser)
    page.route("**/*.js*", lambda route: route.abort())
    page.goto(server + path)
    assert page.locator("#first-paint main h1").is_visible()
    serious = serious_violations(page)
    context.close()
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
