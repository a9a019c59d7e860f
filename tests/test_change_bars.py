"""Översikt's bars of every county's change on a year: for every measure and every county, each
county and Riket drawn once, largest rise first, the chosen county (only it) in its colour, every
printed value the change the map's table says."""

from __future__ import annotations

import base64
import re

import pytest

from regstats.app.overview import change_section, comparison
from regstats.figures.changebars import CHOSEN
from regstats.geography import COUNTIES, REGIONS, RIKET
from regstats.views.compare import MEASURES


def _svg(section) -> str:
    source = section[1].children[0].src
    return base64.b64decode(source.split(",", 1)[1]).decode()


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.key)
def test_every_county_is_drawn_once_in_order_with_the_chosen_one_marked(measure):
    found = comparison(measure)
    changes = found.changes if found.change_unit else found.values
    expected = changes.reindex([*COUNTIES, RIKET]).dropna().sort_values(ascending=False)
    for county in COUNTIES:
        svg = _svg(change_section(found, county, measure.title))
        labels = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', svg)
        assert labels == [REGIONS[c] if c != RIKET else "Riket" for c in expected.index]
        colours = re.findall(r'fill="(#[0-9A-F]+)"/>', svg)
        assert colours.count(CHOSEN) == 1 and colours[list(expected.index).index(county)] == CHOSEN
        printed = re.findall(r'<text x="\d+" y="[\d.]+"(?: font-weight="bold")?>([^<]+)</text>', svg)
        numbers = [float(p.split(" ")[0].replace("\u00a0", "").replace("−", "-").replace(",", ".")) for p in printed]
        assert numbers == [round(v, 1) + 0.0 for v in expected.to_numpy()]
