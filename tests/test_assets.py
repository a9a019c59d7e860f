"""What the dashboard sends a browser: plotly.js' basic bundle instead of the full one, only where
charts are drawn, compressed once with brotli, and cached for as long as its URL names it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import brotli
import pytest
from plotly.offline import get_plotlyjs_version

from regstats.app import bundles
from regstats.app.layout import build_app

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "src" / "regstats" / "app" / "static" / bundles.PLOTLY_BUNDLE


@pytest.fixture(scope="module")
def client():
    return build_app().server.test_client()


def test_the_served_bundle_is_the_npm_package_of_plotly_pys_own_plotly_js_version():
    package = REPO / "node_modules" / "plotly.js-basic-dist-min"
    assert package.exists(), "node_modules saknas: kör `npm ci` (görs av .ci/run)"
    assert BUNDLE.read_bytes() == (package / "plotly-basic.min.js").read_bytes()
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    assert version == get_plotlyjs_version() and version in bundles.PLOTLY_BUNDLE


def test_plotly_is_preloaded_on_chart_pages_only_and_never_in_full(client):
    chart_page = client.get("/arbetsloshet").get_data(as_text=True)
    assert f'<link rel="preload" href="{bundles.DCC_PLOTLY_URL}" as="script">' in chart_page
    overview = client.get("/").get_data(as_text=True)
    assert "preload" not in overview and "plotly.min.js" not in overview  # Översikt's map is SVG
    assert "package_data/plotly.min.js" not in chart_page.split("<link rel=")[0]  # no eager script


def test_the_bundle_is_sent_with_brotli_and_cached_with_an_etag(client):
    answer = client.get(bundles.DCC_PLOTLY_URL, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "br"
    assert brotli.decompress(answer.data) == BUNDLE.read_bytes()
    assert len(answer.data) < 0.3 * BUNDLE.stat().st_size  # 1,2 MB → about 330 kB
    assert "max-age=86400" in answer.headers["Cache-Control"]
    again = client.get(bundles.DCC_PLOTLY_URL, headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304


def test_versioned_files_are_cached_for_a_year_and_gzip_still_works(client):
    answer = client.get(f"{bundles.PREFIX}{bundles.PLOTLY_BUNDLE}", headers={"Accept-Encoding": "gzip"})
    assert answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.data) == BUNDLE.read_bytes()
    assert "max-age=31536000" in answer.headers["Cache-Control"] and "immutable" in answer.headers["Cache-Control"]
    plain = client.get(f"{bundles.PREFIX}{bundles.PLOTLY_BUNDLE}", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.data == BUNDLE.read_bytes()
