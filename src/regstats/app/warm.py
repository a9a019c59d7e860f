"""Warm the dashboard before it serves: compress the static files once and render every page's
default view for every county (and its first paint), so the first visitors and every county change of a meeting are
answered from memory. Run in gunicorn's master before the workers fork (gunicorn.conf.py), so
the workers share the result; `REGSTATS_WARM` = all (default), pages (each page for Jämtland
only) or none."""

from __future__ import annotations

import logging
import os
import re
import time

from dash import Dash

from regstats.app.firstpaint import first_paint
from regstats.app.router import render_page
from regstats.geography import COUNTIES
from regstats.views.pages import PAGES
from regstats.views.state import ViewState, to_search

log = logging.getLogger(__name__)
SCRIPT = re.compile(r'(?:src|href)="(/[^"]+\.js[^"]*)"')


def warm(app: Dash, scope: str | None = None) -> dict[str, float]:
    scope = scope or os.environ.get("REGSTATS_WARM", "all")
    timings: dict[str, float] = {}
    if scope == "none":
        return timings
    start = time.perf_counter()
    client = app.server.test_client()
    for path in ("/", "/arbetsloshet"):
        page = client.get(path).get_data(as_text=True)
        for url in dict.fromkeys(SCRIPT.findall(page)):
            for encoding in ("br", "gzip"):
                client.get(url, headers={"Accept-Encoding": encoding})
    timings["static files"] = time.perf_counter() - start
    start = time.perf_counter()
    counties = list(COUNTIES) if scope == "all" else [ViewState().county]
    for county in counties:
        for page in PAGES:
            try:
                render_page(page.path, ViewState(county=county))
                # The first paint of the same view: its SVG charts are what a phone sees first.
                first_paint(page.path, to_search(ViewState(county=county)).lstrip("?"))
            except Exception:  # a page that fails here fails for its visitor too, with its own message;
                # warming must never keep the server from starting
                log.exception("Kunde inte förbereda %s för län %s", page.path, county)
    timings["pages"] = time.perf_counter() - start
    log.info("Förberett: %s", ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    return timings
