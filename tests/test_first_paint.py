"""The server draws first: a page's first answer holds the whole view — controls as the app will
show them, every chart as SVG — before any script runs, for every page and views of every kind,
with ids that never clash with the app's own copy and nothing from the URL echoed unchecked."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from regstats.store import sample_dir
from regstats.views.pages import BY_PATH, PAGES


@pytest.fixture(scope="module")
def client():
    from regstats.app.layout import build_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
        yield build_app().server.test_client()


def _first_paint(text: str) -> str:
    start = text.index('<div id="first-paint">')
    return text[start : text.index('<div id="react-entry-point"', start)]


VIEWS = ["", "?lan=01", "?lan=25&jmf=00,norrland&visa=index", "?lan=00&kon=K&fran=2024-01", "?vy=ar&lan=09"]


@pytest.mark.parametrize("path", [p.path for p in PAGES])
@pytest.mark.parametrize("search", VIEWS)
def test_every_page_arrives_drawn_with_unique_ids(client, path, search):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGSTATS_DATA_DIR", str(sample_dir()))
        answer = client.get(path + search)
    text = answer.get_data(as_text=True)
    painted = _first_paint(text)
    assert '<body class="painting">' in text and f"<h1>{BY_PATH[path].title}</h1>" in painted
    wide = re.findall(r'aria-label="(Diagram: [^"]+)" class="chart-svg wide"', painted)
    empty = len(re.findall(r'<p class="empty">(?:Inga värden|Data saknas)', painted))
    assert len(wide) + empty == len(BY_PATH[path].charts)  # every chart drawn, or said to be empty
    ids = Counter(re.findall(r' id="([^"]+)"', text))
    assert not [i for i, n in ids.items() if n > 1]  # the first paint and the app never share an id
    assert all(i.startswith("fp-") for i in re.findall(r' id="([^"]+)"', painted) if i != "first-paint")
    assert "<script" not in painted


def test_the_controls_arrive_set_to_the_view(client):
    painted = _first_paint(client.get("/lediga-jobb?lan=25&visa=index&vy=tabell").get_data(as_text=True))
    assert re.search(r'name="fp-ctl-county" value="25" checked', painted)
    assert re.search(r'name="fp-ctl-transform" value="index" checked', painted)
    assert re.search(r'name="fp-ctl-view" value="tabell" checked', painted)
    assert '<table id="fp-table-platser" class="data">' in painted  # the table view, as HTML


def test_a_bad_parameter_is_said_in_the_first_paint_without_echo(client):
    painted = _first_paint(client.get("/konkurser?lan=<script>alert(1)</script>").get_data(as_text=True))
    assert "Okänt värde för län; standardvärdet används." in painted and "alert(1)" not in painted


def test_pages_the_app_draws_alone_have_no_first_paint(client):
    for path in ["/presentera", "/finns-inte"]:
        text = client.get(path).get_data(as_text=True)
        assert 'id="first-paint"' not in text and 'class="painting"' not in text
