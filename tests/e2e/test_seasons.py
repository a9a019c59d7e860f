"""Säsongrensad, Trend and Ett år per linje as a stakeholder reaches them, in Chromium."""

from __future__ import annotations

from tests.e2e.test_dashboard import open_page


def test_seasonally_adjusted_vacancies_say_who_adjusted_them_and_how(page, server):
    open_page(page, server, "/lediga-jobb?visa=sasongrensad")
    notes = page.locator("main .note").all_inner_texts()
    assert any("Säsongrensad av regstats med X-13ARIMA-SEATS" in n and "preliminära" in n for n in notes)
    assert page.get_by_role("radio", name="Säsongrensad (av regstats)").is_checked()
    assert "säsongrensad av regstats" in page.locator("main figcaption").first.inner_text()
    assert page.errors == []


def test_a_small_count_says_why_it_is_not_adjusted(page, server):
    open_page(page, server, "/konkurser?visa=trend")
    notes = " ".join(page.locator("main .note").all_inner_texts())
    assert "Inte säsongrensad – små tal" in notes and "summan av de senaste 12 månaderna" in notes
    assert page.errors == []


def test_one_line_per_year_from_january_to_december(page, server):
    open_page(page, server, "/lediga-jobb?vy=ar")
    assert page.get_by_role("radio", name="Ett år per linje").is_checked()
    names = page.evaluate("document.querySelector('main .js-plotly-plot').data.map(t => t.name)")
    assert names == sorted(names, reverse=True) and len(names) == 6 and names[0] == "2026"
    months = page.evaluate("document.querySelector('main .js-plotly-plot').data[1].x")
    assert months[0] == "jan" and months[-1] == "dec"  # a whole earlier year
    assert page.errors == []
