"""Category and tick labels never overlap or get cut: the varsel chart's industries and every
chart's time ticks, measured in Chromium on a desktop and a 390 px phone, and on the slide."""

from __future__ import annotations

import pytest

from regstats.views.pages import PAGES
from tests.e2e.test_dashboard import open_page

OVERLAPS = """
(selector) => {
  const problems = [];
  let measured = 0;
  for (const plot of document.querySelectorAll(selector)) {
    for (const group of [".yaxislayer-above .ytick text", ".xaxislayer-above .xtick text"]) {
      const boxes = [...plot.querySelectorAll(group)].map(t => t.getBoundingClientRect())
        .filter(b => b.width > 0 && b.height > 0);
      measured += boxes.length;
      const vertical = group.startsWith(".y");
      boxes.sort((a, b) => vertical ? a.top - b.top : a.left - b.left);
      for (let i = 1; i < boxes.length; i++) {
        const gap = vertical ? boxes[i].top - boxes[i - 1].bottom : boxes[i].left - boxes[i - 1].right;
        if (gap < -1) problems.push(`${group}: ${gap.toFixed(1)} px`);
      }
      const frame = plot.getBoundingClientRect();
      for (const b of boxes) {
        if (b.left < frame.left - 1 || b.right > frame.right + 1) problems.push(`${group}: cut at the side`);
      }
    }
  }
  return {problems, measured};
}
"""


@pytest.mark.parametrize("path", [p.path for p in PAGES if p.charts])
def test_no_labels_overlap_on_a_desktop(page, server, path):
    open_page(page, server, path)
    found = page.evaluate(OVERLAPS, "main .js-plotly-plot")
    assert found["measured"] >= 4 and found["problems"] == []


@pytest.mark.parametrize("path", ["/varsel", "/arbetsloshet", "/konkurser", "/sjukskrivningar"])
def test_no_labels_overlap_on_a_phone(phone_page, server, path):
    phone_page.goto(server + path)
    phone_page.wait_for_function("document.querySelectorAll('main .js-plotly-plot .main-svg').length >= 2")
    found = phone_page.evaluate(OVERLAPS, "main .js-plotly-plot")
    assert found["measured"] > 10 and found["problems"] == []


@pytest.mark.parametrize("number", range(2, 9))
def test_no_labels_overlap_on_any_chart_slide(page, server, number):
    page.goto(server + f"/presentera#bild-{number}")
    page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].some(p => p.offsetWidth > 0)")
    found = page.evaluate(OVERLAPS, ".js-plotly-plot")
    assert found["measured"] >= 4 and found["problems"] == []
