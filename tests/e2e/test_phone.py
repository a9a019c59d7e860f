"""The dashboard on a phone (390 × 844): the first chart in the first screen, nothing scrolling
sideways, the controls behind a "Filter" button, the county list searchable, and axe clean."""

from __future__ import annotations

import json

import pytest

from regstats.views.pages import PAGES
from tests.e2e.conftest import serious_violations
from tests.e2e.test_dashboard import open_page

HEIGHT = 844


@pytest.mark.parametrize("path", [p.path for p in PAGES])
def test_nothing_scrolls_sideways_and_the_first_chart_is_in_the_first_screen(phone_page, server, path):
    page = open_page(phone_page, server, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = page.locator("main .story" if path == "/" else "main .js-plotly-plot").first  # Översikt: the story
    if first.count():
        assert first.bounding_box()["y"] < HEIGHT * 0.7  # most of the chart is on the first screen
    assert page.errors == []


def test_the_controls_open_behind_the_filter_button_and_the_county_list_searches(phone_page, server):
    page = open_page(phone_page, server, "/lediga-jobb")
    button = page.get_by_role("button", name="Filter")
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator("#controls").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("#controls").is_visible()
    page.locator("#wrap-county summary").click()
    page.get_by_label("Sök län").fill("norrb")
    visible = page.locator("#ctl-county label:visible").all_inner_texts()
    assert visible == ["Norrbottens län"]
    page.get_by_label("Sök län").fill("vas")  # without the ring: Västerbotten, Västernorrland, …
    assert len(page.locator("#ctl-county label:visible").all_inner_texts()) == 4
    page.get_by_label("Sök län").fill("")
    page.get_by_role("radio", name="Norrbottens län", exact=True).check()
    page.wait_for_url("**/lediga-jobb?lan=25")
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "/lediga-jobb", "/kommuner"])
def test_axe_on_a_phone(phone_page, server, path):
    page = open_page(phone_page, server, path)
    page.get_by_role("button", name="Filter").click()
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
