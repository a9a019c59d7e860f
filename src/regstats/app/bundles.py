"""The dashboard's JavaScript, light and cached: plotly.js' basic bundle instead of the full one,
long-lived cache headers on fingerprinted files, and brotli at its highest level for static files.

Dash loads plotly.py's full plotly.min.js (4,6 MB) on every page; the dashboard draws only
scatter and bar traces, which the basic bundle (1,2 MB) has, and only on its chart pages
(Översikt's and Kommuner's maps are SVG). So Dash's eager registration of the full bundle is
removed, and the URL from which dcc.Graph loads plotly.js when it first needs it serves the basic
bundle instead; a chart page's HTML asks the browser to preload it, so it arrives while the app
starts rather than after its first answer.

Flask-Compress compresses every response at one level. A static bundle is worth compressing once
at brotli's slowest, smallest setting (the 1,2 MB bundle: gzip 395 kB, brotli 11 329 kB, ~2 s of
CPU), a callback answer at the fastest; no library does "per kind of response", so the static
half is this small hook, run before Flask-Compress (which leaves encoded responses alone)."""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import brotli
import platformdirs
from dash import Dash, dcc
from flask import Flask, Response, request, send_from_directory

log = logging.getLogger(__name__)
STATIC = resources.files("regstats.app").joinpath("static")
PLOTLY_BUNDLE = "plotly-basic-4.1.1.min.js"
YEAR = 31_536_000
# Static files: Dash fingerprints its component suites (…v3_4_0m1796…js) and names assets with
# ?m=<mtime>; the plotly bundle is served under dcc's own URL among the component suites.
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")

MAX_ENTRIES = 64  # the app has about twenty static files, in two encodings
_compressed: dict[tuple[str, str, str], bytes] = {}
_by_content: dict[tuple[str, str], bytes] = {}  # (sha256 of the file, encoding) → compressed
_lock = threading.Lock()


# Where dcc.Graph loads plotly.js from when `window.Plotly` is not defined (dash-renderer sets
# window._dashPlotlyJSURL to this when assets are served locally).
DCC_PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"


def use_plotly_bundle(app: Dash, has_charts: Callable[[str], bool]) -> None:
    """Drop Dash's eager full plotly.min.js; serve the basic bundle where dcc.Graph looks for it,
    and preload it on the pages that draw charts (`has_charts(path)`)."""
    # Dash appends its plotly.js entry to dcc's module-level list each time an app is built.
    dcc._js_dist[:] = [entry for entry in dcc._js_dist if entry.get("namespace") != "plotly"]

    @app.server.route(DCC_PLOTLY_URL)
    def plotly_bundle() -> Response:
        # No version in this URL (it is dcc's), so a day's cache and an ETag rather than a year's.
        return send_from_directory(str(STATIC), PLOTLY_BUNDLE, max_age=86_400)

    index = app.interpolate_index

    def interpolate_index(**parts: str) -> str:
        page = index(**parts)
        if has_charts(request.path):
            page = page.replace("</head>", f'<link rel="preload" href="{DCC_PLOTLY_URL}" as="script"></head>', 1)
        return page

    app.interpolate_index = interpolate_index


def register(server: Flask) -> None:
    @server.after_request
    def precompress(response: Response) -> Response:
        # Dash names its assets with their modification time (?m=…): such a URL never changes
        # content, so it may be cached as long as the fingerprinted component suites are.
        if request.path.startswith("/assets/") and "m" in request.args and response.status_code == 200:
            response.cache_control.max_age = YEAR
            response.cache_control.public = True
            response.cache_control.no_cache = None
        return _precompressed(response)


def _disk_path(digest: str, encoding: str) -> Path:
    """A file per (content, encoding), not per URL: Dash serves a component suite under any
    fingerprint, so a made-up fingerprint must find the same file rather than cost another
    brotli-11 run and another file on disk. Shared by the workers and kept across restarts."""
    return Path(platformdirs.user_cache_dir("regstats")) / "compressed" / f"{digest}.{encoding}"


def _from_disk(digest: str, encoding: str) -> bytes | None:
    try:
        return _disk_path(digest, encoding).read_bytes()
    except OSError:
        return None


def _compress(digest: str, data: bytes, encoding: str) -> bytes:
    body = brotli.compress(data, quality=11) if encoding == "br" else gzip.compress(data, 9)
    path = _disk_path(digest, encoding)
    try:  # a cache: when it cannot be written, the next worker compresses again
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(body)
        partial.replace(path)
    except OSError:
        log.info("Kunde inte spara komprimerad fil i %s", path.parent)
    return body


def _precompressed(response: Response) -> Response:
    if (
        request.method != "GET"
        or response.status_code != 200
        or not request.path.startswith(STATIC_PREFIXES)
        or "Content-Encoding" in response.headers
        or not (response.mimetype or "").startswith(("text/", "application/javascript", "application/json"))
    ):
        return response
    encoding = request.accept_encodings.best_match(("br", "gzip"))  # q-values honoured (br;q=0)
    if encoding is None:
        return response
    # The path (not the query: ?m=… does not change the bytes) and the file's ETag where it has one;
    # bounded, so made-up URLs cannot grow it.
    key = (request.path, encoding, response.headers.get("ETag", ""))
    body = _compressed.get(key)
    if body is None:
        response.direct_passthrough = False
        data = response.get_data()
        digest = hashlib.sha256(data).hexdigest()  # a new fingerprint of a known file costs a hash, no more
        body = _by_content.get((digest, encoding)) or _from_disk(digest, encoding) or _compress(digest, data, encoding)
        with _lock:
            if len(_compressed) < MAX_ENTRIES:
                _compressed[key] = body
            if len(_by_content) < MAX_ENTRIES:
                _by_content[(digest, encoding)] = body
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    response.headers["Content-Length"] = str(len(body))
    response.vary.add("Accept-Encoding")
    return response
