"""What the dashboard sends a browser: plotly.js' basic bundle instead of the full one, only where
charts are drawn, compressed once with brotli, and cached for as long as its URL names it."""

from __future__ import annotations

import gzip
import json
import re
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


def test_assets_are_cached_for_a_year_and_gzip_and_identity_still_work(client):
    page = client.get("/").get_data(as_text=True)
    asset = next(url for url in re.findall(r'src="(/assets/[^"]+)"', page) if "?m=" in url)
    answer = client.get(asset, headers={"Accept-Encoding": "gzip"})
    assert "max-age=31536000" in answer.headers["Cache-Control"]  # its URL changes when it does
    assert answer.headers["Content-Encoding"] == "gzip"
    plain = client.get(asset, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and gzip.decompress(answer.data) == plain.data


def _page_request(app, path: str, search: str = "") -> str:
    """The body Chromium sends when a page is opened: the main callback's inputs."""
    key = next(k for k in app.callback_map if "main.children" in k)
    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]} for part in key.strip(".").split("...")
    ]
    values = {"url.pathname": path, "url.search": search}
    inputs = [
        {**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in app.callback_map[key]["inputs"]
    ]
    body = {"output": key, "outputs": outputs, "inputs": inputs, "changedPropIds": ["url.pathname"], "state": []}
    return json.dumps(body)


def test_a_view_asked_again_is_answered_the_same_until_the_data_changes(tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns("raw", "vintages"))
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(root))
    app = build_app()
    client = app.server.test_client()
    body = _page_request(app, "/om-data")
    first = client.post("/_dash-update-component", data=body, content_type="application/json")
    again = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert first.status_code == again.status_code == 200 and again.data == first.data
    assert "Exempeldata" in first.get_data(as_text=True)
    # A refresh or an import rewrites the manifest: the next answer is rendered from the new data.
    manifest = json.loads((root / "manifest.json").read_text("utf-8"))
    for entry in manifest["series"].values():
        entry["sample"] = False
    (root / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    changed = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert changed.status_code == 200 and changed.data != first.data


def test_made_up_fingerprints_cost_no_compression_and_no_disk(client, tmp_path, monkeypatch):
    """Dash serves a component suite under any fingerprint: twenty made-up ones find the one
    compressed copy of the file (on disk once), instead of a brotli-11 run and a file each."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    page = client.get("/arbetsloshet").get_data(as_text=True)
    suite = next(u for u in re.findall(r'src="(/_dash-component-suites/[^"]+\.js)"', page) if re.search(r"m\d+", u))
    calls = []
    real = bundles.brotli.compress
    monkeypatch.setattr(bundles.brotli, "compress", lambda data, **kw: calls.append(1) or real(data, **kw))
    first = client.get(suite, headers={"Accept-Encoding": "br"})
    bodies = {first.data}
    for n in range(20):
        made_up = re.sub(r"m\d+", f"m{1000 + n}", suite, count=1)
        answer = client.get(made_up, headers={"Accept-Encoding": "br"})
        assert answer.status_code == 200
        bodies.add(answer.data)
    assert len(bodies) == 1 and len(calls) <= 1
    assert len(list((tmp_path / "cache").rglob("*.br"))) <= 1
