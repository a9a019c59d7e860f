"""The server draws first: a page's first answer carries the whole view as HTML — header, the
controls as the app will show them, and every chart as server-drawn SVG (figures.svgchart) with
its notes — readable before any script has run and on a phone waiting for 600 kB of Dash and
plotly.js. When the app has drawn the same view, assets/00-first-paint.js swaps it in and drops
this copy; with scripts off, this copy is the page, and its links are plain links.

The HTML is the live components written out (app.markup), so first paint and app cannot differ
in what they say; it is cached per view and data version like the rendered page itself."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from dash import Dash, html
from flask import Response, request

from regstats.app import data
from regstats.app.markup import to_html
from regstats.app.router import _control_values, render_page
from regstats.app.shell import _nav, shell
from regstats.figures.svgchart import responsive_svg
from regstats.views.pages import BY_PATH, CHARTS
from regstats.views.state import parse, to_search

PAINTING = "painting"  # the body's class while the first paint is shown (assets/style.css)
PREFIX = "fp-"  # before the first paint's ids: the app's own copy of the page will have the same ones


def first_paint(path: str, search: str) -> str:
    """The view's page as HTML, for a path the app has; '' for any other (the app's own pages
    such as /presentera, unknown paths)."""
    if path not in BY_PATH:
        return ""
    state = parse(search)
    return _painted(path, to_search(replace(state, problems=())), data.stamp(), state.problems)


@lru_cache(maxsize=128)
def _painted(path: str, search: str, stamp: tuple, problems: tuple[str, ...]) -> str:
    from regstats.app.ids import CONTROL_IDS
    from regstats.app.layout import _sample_banner, control_summaries, wrapper_classes

    state = replace(parse(search), problems=problems)
    body, _ = render_page(path, state)
    classes = wrapper_classes(path)
    summaries = control_summaries(state)
    values = dict(zip(CONTROL_IDS, _control_values(state), strict=True))
    filled = {
        "main": body,
        "nav": _nav(path, to_search(replace(state, problems=()))),
        "sample-banner": _sample_banner(),
        "problems": [html.P(p) for p in problems] or None,
        **summaries,
    }

    def swap(component):
        ident = getattr(component, "id", None)
        if isinstance(ident, dict) and ident.get("type") == "graph":
            title = CHARTS[ident["chart"]].title
            return responsive_svg(component.figure, label=f"Diagram: {title}")
        if not isinstance(ident, str) or (ident not in filled and ident not in classes):
            return None
        copy = _copy(component)
        if ident in filled:
            copy.children = filled[ident]
        if ident in classes:
            copy.className = classes[ident]
        return copy

    html_text = to_html(shell(), href=lambda link: link, replace=swap, values=values, prefix=PREFIX)
    return f'<div id="first-paint">{html_text}</div>'


def _copy(component):
    kind = type(component)
    props = {k: getattr(component, k) for k in component._prop_names if getattr(component, k, None) is not None}
    return kind(**props)


START = "/_regstats/start.js"  # starts Dash's renderer once the deferred scripts have run


def install(app: Dash) -> None:
    """Put the first paint in every page's first answer, before the app's own root, and defer
    the app's scripts: a browser that has them at once would run ~600 kB of script before it
    painted anything; deferred, they run after the page is parsed, in the same order, and the
    renderer (inline in Dash, so it would run first) starts from a file after them."""
    index = app.interpolate_index

    @app.server.route(START)
    def start_renderer() -> Response:
        answer = Response("var renderer = new DashRenderer();\n", mimetype="application/javascript")
        answer.cache_control.max_age = 86_400
        return answer

    def interpolate_index(**parts: str) -> str:
        parts["scripts"] = parts["scripts"].replace("<script src=", "<script defer src=")
        # Dash checks that its index has a script with id="_dash-renderer": this one, from a file.
        parts["renderer"] = f'<script id="_dash-renderer" defer src="{START}"></script>'
        painted = first_paint(request.path, request.query_string.decode("utf-8", "replace"))
        if painted:
            parts["app_entry"] = painted + parts["app_entry"]
        page = index(**parts)
        return page.replace("<body>", f'<body class="{PAINTING}">', 1) if painted else page

    app.interpolate_index = interpolate_index
