"""The Dash app: the shell (shell.py), one callback that renders a page from the URL and keeps the
controls in it, the downloads and the tables behind charts (callbacks.py), and the server's
hardening: security headers, bounded bodies, malformed callback requests refused."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import DependencyException
from flask import request

from regstats.app import answers, bundles, data, firstpaint, health, present, views
from regstats.app.ids import CONTROL_IDS, WRAPPERS
from regstats.app.router import _control_values, render_page, state_from_controls
from regstats.app.shell import INDEX_HTML, SAMPLE_MORE, SAMPLE_PART_MORE, SAMPLE_PART_TEXT, SAMPLE_TEXT, _nav, shell
from regstats.catalog import load_catalog
from regstats.classifications import SNI_SECTIONS
from regstats.county_groups import area_name
from regstats.geography import REGIONS
from regstats.views import exports
from regstats.views.compare import MEASURES, MUNICIPAL_MEASURES
from regstats.views.content import download_about, table_frame
from regstats.views.pages import BY_PATH, CHARTS, PAGE_OF_CHART
from regstats.views.select import select
from regstats.views.state import TRANSFORM_PARAMS, ViewState, parse, to_search


def build_app() -> Dash:
    assets = str(resources.files("regstats.app").joinpath("assets"))
    app = Dash(
        __name__,
        compress=True,  # callback answers; static files are compressed once by bundles.py
        title="regstats",
        assets_folder=assets,
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,
    )
    bundles.use_plotly_bundle(app, lambda path: bool(BY_PATH.get(path) and BY_PATH[path].charts))
    bundles.register(app.server)
    app.index_string = INDEX_HTML
    firstpaint.install(app)
    app.layout = shell()
    load_catalog()  # fail at start-up, not on the first request, if the catalog is broken

    # One callback owns the URL and the controls: Dash forbids a cycle between two callbacks
    # (controls → URL → controls), but allows it inside one.
    @app.callback(
        Output("url", "search"),
        Output("main", "children"),
        Output("nav", "children"),
        Output("sample-banner", "children"),
        Output("problems", "children"),
        Output("page-title", "data"),
        Output("sum-county", "children"),
        Output("sum-compare", "children"),
        Output("sum-chosen", "children"),
        Output("sum-industry", "children"),
        *[Output(i, "value") for i in CONTROL_IDS],
        *[Output(w, "className") for ws in WRAPPERS.values() for w in ws],
        Input("url", "pathname"),
        Input("url", "search"),
        *[Input(i, "value") for i in CONTROL_IDS],
    )
    def update(pathname, search, *controls_now):
        from_controls = ctx.triggered_id in CONTROL_IDS
        state = (
            replace(state_from_controls(list(controls_now)), map=parse(search).map) if from_controls else parse(search)
        )
        new_search = to_search(state) if from_controls else no_update
        if from_controls and new_search == (search or ""):
            new_search = no_update
        path = pathname if pathname in BY_PATH else pathname or "/"
        body, title = render_page(path, state)
        values = _control_values(state)
        synced = [
            no_update if from_controls or new == old else new for new, old in zip(values, controls_now, strict=True)
        ]
        classes = list(wrapper_classes(path).values())
        banner = _sample_banner()
        problems = [html.P(p) for p in state.problems] or None
        nav = _nav(path, to_search(replace(state, problems=())))
        summaries = tuple(control_summaries(state).values())
        return new_search, body, nav, banner, problems, f"{title} – regstats", *summaries, *synced, *classes

    @app.callback(
        Output("download", "data"),
        Input({"type": "dl", "chart": ALL, "what": ALL}, "n_clicks"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def download(clicks, search):
        trigger = ctx.triggered_id
        if not trigger or not any(clicks):
            return no_update
        chart = CHARTS[trigger["chart"]]
        series = load_catalog()[chart.series]
        stored = data.load(chart.series)
        if stored is None:
            return no_update
        state = parse(search)
        link = PAGE_OF_CHART[chart.id] + to_search(replace(state, problems=()))
        if trigger["what"].startswith("rows"):
            population = data.load("population")
            selection = select(chart, series, stored.frame, state, population.frame if population else None)
            frame = table_frame(selection, series)
            about = download_about(chart, series, selection, stored, link)
            # Named like the image downloads (02-downloads.js): chart, county, the view's URL word, sex.
            view = next((word for word, t in TRANSFORM_PARAMS.items() if t == state.transform), "standard")
            name = f"{chart.id}-lan-{state.county}-{view}" + (f"-{state.sex}" if state.sex != "T" else "")
        else:
            units = {m.id: m.unit for m in series.measures}  # each measure's own unit, in every row
            frame = stored.frame.drop(columns=["vintage"]).assign(
                period=stored.frame["period"].dt.strftime("%Y-%m-%d"),
                unit=stored.frame["measure"].map(units).fillna(series.unit),
            )
            about = download_about(chart, series, None, stored, link, whole=True)
            name = f"{series.id}-hela-serien"
        if stored.is_sample:
            name += "-EXEMPELDATA"
        if trigger["what"].endswith("csv"):
            return dcc.send_bytes(exports.to_csv(frame, about), f"{name}.csv")
        return dcc.send_bytes(exports.to_xlsx(frame, about=about), f"{name}.xlsx")

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("map-measure", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def choose_map(key, search):
        state = parse(search)
        # The radio fires when a page with a map is drawn; the default measure stays out of the URL.
        if key == state.map or (state.map is None and key in DEFAULT_MAP_KEYS):
            return no_update
        return to_search(replace(state, map=key, problems=()))

    @app.callback(
        Output({"type": "behind", "chart": MATCH}, "children"),
        Input({"type": "behind-open", "chart": MATCH}, "n_clicks"),
        State({"type": "behind-open", "chart": MATCH}, "id"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def table_behind(clicks, trigger, search):
        if clicks != 1:  # built on the first opening; the disclosure keeps it after that
            return no_update
        return views.table_behind(CHARTS[trigger["chart"]], parse(search))

    app.clientside_callback(
        ClientsideFunction("regstats", "downloadImage"),
        Output({"type": "img-done", "chart": MATCH, "fmt": MATCH}, "data"),
        Input({"type": "img", "chart": MATCH, "fmt": MATCH}, "n_clicks"),
        State({"type": "img", "chart": MATCH, "fmt": MATCH}, "id"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(title) { if (title) { document.title = title; } return title; }",
        Output("page-title", "modified_timestamp"),
        Input("page-title", "data"),
    )
    present.register(app.server)
    health.register(app.server)
    answers.register(app.server)
    # Dash's callback bodies are a few kB: a larger body is refused (413) before it is read.
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    _refuse_malformed_callbacks(app)
    _secure(app)
    return app


def wrapper_classes(path: str) -> dict[str, str]:
    """Each control's wrapper: wide or not, and hidden on a page the control does not apply to."""
    shown = BY_PATH[path].controls if path in BY_PATH else frozenset()
    return {
        w: ("control wide" if w in {"wrap-county", "wrap-compare", "wrap-chosen", "wrap-industry"} else "control")
        + ("" if group in shown else " hidden")
        for group, ws in WRAPPERS.items()
        for w in ws
    }


def control_summaries(state: ViewState) -> dict[str, str]:
    """What the folded lists of choices say they hold."""
    return {
        "sum-county": REGIONS[state.county],
        "sum-compare": ", ".join(area_name(c) for c in state.regions()[1:]) or "ingen",
        "sum-chosen": ", ".join(REGIONS[c] for c in state.chosen if "valda" in state.compare) or "ingen",
        "sum-industry": f"{state.industry} {SNI_SECTIONS[state.industry]}" if state.industry else "störst senaste året",
    }


def _sample_banner() -> html.P | None:
    """The whole sample, or the sample standing in for the series the analyst's store lacks."""
    if data.all_sample():
        return html.P([SAMPLE_TEXT, html.Span(SAMPLE_MORE, className="sample-more")], className="sample-banner")
    if shown := data.sample_series():
        catalog = load_catalog()
        titles = ", ".join(catalog[sid].title_sv for sid in shown if sid in catalog)
        return html.P(
            [SAMPLE_PART_TEXT, titles, ".", html.Span(SAMPLE_PART_MORE, className="sample-more")],
            className="sample-banner",
        )
    return None


def _refuse_malformed_callbacks(app: Dash) -> None:
    """A callback request that is not JSON, or names an output no callback has, is the client's
    mistake: answered 400, not Dash's 500 (which would look like a broken server in the logs)."""

    @app.server.before_request
    def check():
        if request.path != "/_dash-update-component" or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("output"), str):
            return {"fel": "ogiltig förfrågan"}, 400
        if body["output"] not in app.callback_map:
            return {"fel": "okänd komponent"}, 400
        if not isinstance(body.get("inputs", []), list):
            return {"fel": "ogiltig förfrågan"}, 400
        return None

    @app.server.errorhandler(DependencyException)
    def unknown_suite(_error):
        # A component-suite path Dash has not registered (a guess, a traversal attempt): the
        # client's mistake, a 404 and one log line, not a 500 with a traceback.
        return "Hittades inte", 404


MAX_BODY_BYTES = 1_000_000
DEFAULT_MAP_KEYS = {MEASURES[0].key, MUNICIPAL_MEASURES[0].key}


def clicked_area(click: dict | None, order: list[str]) -> str | None:
    """The area a map click names: its point's customdata, or the trace (areas come first, in
    `order`) when the browser reports a click on a fill without a point."""
    points = (click or {}).get("points") or [{}]
    point = points[0] if isinstance(points[0], dict) else {}
    code = point.get("customdata")
    if isinstance(code, str):
        return code
    curve = point.get("curveNumber")
    return order[curve] if isinstance(curve, int) and 0 <= curve < len(order) else None


def _secure(app: Dash) -> None:
    """Security headers on every answer. Dash's own inline script is allowed by its hash only."""
    hashes = " ".join(app.csp_hashes())
    policy = (
        "default-src 'self'; "
        # No 'unsafe-eval': neither Dash nor plotly.js' basic bundle evaluates strings
        # (tests/e2e/test_csp.py renders every page under this policy).
        f"script-src 'self' {hashes}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    @app.server.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        return response
