"""The Dash app: a shell (header, controls, main), one callback that renders a page from the
URL, one that writes the controls back into the URL, and the downloads."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update
from flask import request

from regstats.analysis.transform import TRANSFORMS
from regstats.app import data, health, present, views
from regstats.app.about import about
from regstats.app.meetings import meetings_page
from regstats.app.overview import overview
from regstats.app.views import chart_section
from regstats.catalog import load_catalog
from regstats.classifications import SNI_SECTIONS
from regstats.geography import REGIONS
from regstats.views import exports
from regstats.views.content import table_frame
from regstats.views.pages import BY_PATH, CHARTS, PAGES
from regstats.views.select import select
from regstats.views.state import NORRLAND, SEXES, TRANSFORM_PARAMS, VIEWS, ViewState, parse, to_search

SAMPLE_TEXT = (
    "Exempeldata: det här är påhittade värden för att visa verktyget, inte officiell statistik. "
    "Analytikern hämtar riktiga data med regstats refresh."
)
INDEX_HTML = """<!DOCTYPE html>
<html lang="sv">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body>
</html>"""
CONTROL_IDS = [
    "ctl-county",
    "ctl-compare",
    "ctl-start",
    "ctl-end",
    "ctl-sex",
    "ctl-transform",
    "ctl-base",
    "ctl-view",
    "ctl-industry",
]
WRAPPERS = {
    "region": ["wrap-county", "wrap-compare"],
    "period": ["wrap-start", "wrap-end"],
    "sex": ["wrap-sex"],
    "transform": ["wrap-transform", "wrap-base"],
    "view": ["wrap-view"],
    "industry": ["wrap-industry"],
}


def _text(wrapper: str, label: str, id: str, placeholder: str) -> html.Div:
    """A plain labelled text field: periods are typed as ÅÅÅÅ-MM and checked like any URL value."""
    return html.Div(
        [
            html.Label(label, htmlFor=id),
            dcc.Input(
                id=id,
                type="text",
                placeholder=placeholder,
                debounce=True,
                maxLength=7,
                pattern=r"\d{4}-\d{2}",
                className="month",
                autoComplete="off",
            ),
        ],
        id=wrapper,
        className="control",
    )


def _radio(wrapper: str, label: str, id: str, options: dict[str, str], value: str) -> html.Div:
    return html.Div(
        html.Fieldset(
            [
                html.Legend(label, className="legend"),
                dcc.RadioItems(
                    id=id,
                    options=[{"label": v, "value": k} for k, v in options.items()],
                    value=value,
                    inline=True,
                    className="radio",
                ),
            ]
        ),
        id=wrapper,
        className="control",
    )


def _choices(wrapper: str, label: str, component, summary_id: str) -> html.Div:
    """Long lists (21 counties) stay out of the way in a disclosure; native inputs keep them accessible."""
    return html.Div(
        html.Details(
            [
                html.Summary([html.Span(label, className="legend"), " ", html.Span(id=summary_id, className="choice")]),
                html.Fieldset([html.Legend(label, className="visually-hidden"), component]),
            ]
        ),
        id=wrapper,
        className="control wide",
    )


def controls() -> html.Section:
    regions = [{"label": name, "value": code} for code, name in REGIONS.items()]
    default = ViewState()
    return html.Section(
        [
            _choices(
                "wrap-county",
                "Län",
                dcc.RadioItems(id="ctl-county", options=regions, value=default.county, className="grid"),
                "sum-county",
            ),
            _choices(
                "wrap-compare",
                "Jämför med",
                dcc.Checklist(
                    id="ctl-compare",
                    options=[*regions, {"label": "Norrlandslänen (20–25)", "value": "norrland"}],
                    value=list(default.compare),
                    className="grid",
                ),
                "sum-compare",
            ),
            _text("wrap-start", "Från (ÅÅÅÅ-MM)", "ctl-start", "början"),
            _text("wrap-end", "Till (ÅÅÅÅ-MM)", "ctl-end", "senaste"),
            _radio("wrap-sex", "Kön", "ctl-sex", SEXES, default.sex),
            _radio("wrap-transform", "Visa som", "ctl-transform", TRANSFORMS, default.transform),
            _text("wrap-base", "Basperiod för index (ÅÅÅÅ-MM)", "ctl-base", "första perioden"),
            _radio("wrap-view", "Vy", "ctl-view", VIEWS, default.view),
            _choices(
                "wrap-industry",
                "Näringsgren",
                dcc.RadioItems(
                    id="ctl-industry",
                    options=[{"label": "Störst senaste året", "value": ""}]
                    + [{"label": f"{k} {v}", "value": k} for k, v in SNI_SECTIONS.items()],
                    value="",
                    className="grid",
                ),
                "sum-industry",
            ),
        ],
        id="controls",
        **{"aria-label": "Inställningar för vyn"},
    )


def _nav(path: str, search: str) -> html.Ul:
    """dcc.Link takes no aria-current, so the current page says so in text for screen readers."""
    items = []
    for page in PAGES:
        current = page.path == path
        label = [page.title, html.Span(" (aktuell sida)", className="visually-hidden")] if current else page.title
        items.append(html.Li(dcc.Link(label, href=page.path + search, className="current" if current else None)))
    return html.Ul(items)


def shell() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            html.A("Hoppa till innehållet", href="#main", className="skip-link"),
            html.Header(
                [
                    html.P("regstats – regional arbetsmarknadsstatistik", className="brand"),
                    html.Nav(id="nav", **{"aria-label": "Sidor"}),
                ],
                className="site",
            ),
            html.Div(id="sample-banner"),
            html.Div(id="problems", role="status"),
            controls(),
            html.Main(id="main", tabIndex="-1"),
            dcc.Download(id="download"),
            dcc.Store(id="page-title"),
            html.Footer(
                "Källor: SCB, Arbetsförmedlingen, Försäkringskassan, Konjunkturinstitutet, Tillväxtanalys "
                "och Kolada. Se sidan Om data för licenser och aktualitet."
            ),
        ]
    )


def render_page(path: str, state: ViewState) -> tuple[list, str]:
    page = BY_PATH.get(path)
    if page is None:
        return [html.H1("Sidan finns inte"), html.P(dcc.Link("Till översikten", href="/"))], "Sidan finns inte"
    body: list = [html.H1(page.title), html.P(page.intro, className="intro")]
    if page.path == "/":
        body.append(overview(state))
    elif page.path == "/om-data":
        body.append(about())
    elif page.path == "/nytt":
        body.append(meetings_page(state))
    else:
        body += [chart_section(chart, state) for chart in page.charts]
    return body, page.title


def _control_values(state: ViewState) -> list:
    compare = ["norrland"] if state.compare == NORRLAND else list(state.compare)
    return [
        state.county,
        compare,
        state.start,
        state.end,
        state.sex,
        state.transform,
        state.base,
        state.view,
        state.industry,
    ]


def state_from_controls(values: list) -> ViewState:
    county, compare, start, end, sex, transform, base, view, industry = values
    codes = NORRLAND if compare and "norrland" in compare else tuple(c for c in (compare or []) if c in REGIONS)
    search_state = parse(
        to_search(
            ViewState(
                county=county or ViewState.county,
                compare=tuple(codes),
                start=start,
                end=end,
                sex=sex or "T",
                transform=transform if transform in TRANSFORM_PARAMS.values() else "level",
                base=base,
                view=view or "diagram",
                industry=industry,
            )
        )
    )
    return replace(search_state, problems=())


def build_app() -> Dash:
    assets = str(resources.files("regstats.app").joinpath("assets"))
    app = Dash(
        __name__,
        compress=True,  # plotly.js alone is 4,6 MB: gzip makes a page load a quarter of that
        title="regstats",
        assets_folder=assets,
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,
    )
    app.index_string = INDEX_HTML
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
        Output("sum-industry", "children"),
        *[Output(i, "value") for i in CONTROL_IDS],
        *[Output(w, "className") for ws in WRAPPERS.values() for w in ws],
        Input("url", "pathname"),
        Input("url", "search"),
        *[Input(i, "value") for i in CONTROL_IDS],
    )
    def update(pathname, search, *controls_now):
        from_controls = ctx.triggered_id in CONTROL_IDS
        state = state_from_controls(list(controls_now)) if from_controls else parse(search)
        new_search = to_search(state) if from_controls else no_update
        if from_controls and new_search == (search or ""):
            new_search = no_update
        path = pathname if pathname in BY_PATH else pathname or "/"
        body, title = render_page(path, state)
        values = _control_values(state)
        synced = [
            no_update if from_controls or new == old else new for new, old in zip(values, controls_now, strict=True)
        ]
        shown = BY_PATH[path].controls if path in BY_PATH else frozenset()
        classes = [
            ("control wide" if w in {"wrap-county", "wrap-compare", "wrap-industry"} else "control")
            + ("" if group in shown else " hidden")
            for group, ws in WRAPPERS.items()
            for w in ws
        ]
        banner = html.P(SAMPLE_TEXT, className="sample-banner") if data.any_sample() else None
        problems = [html.P(p) for p in state.problems] or None
        nav = _nav(path, to_search(replace(state, problems=())))
        summaries = (
            REGIONS[state.county],
            ", ".join(REGIONS[c] for c in state.compare) or "ingen",
            f"{state.industry} {SNI_SECTIONS[state.industry]}" if state.industry else "störst senaste året",
        )
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
        if trigger["what"].startswith("rows"):
            population = data.load("population")
            selection = select(chart, series, stored.frame, parse(search), population.frame if population else None)
            frame = table_frame(selection, series)
            name = f"{chart.id}-visade-rader"
        else:
            frame = stored.frame.drop(columns=["vintage"]).assign(period=stored.frame["period"].dt.strftime("%Y-%m-%d"))
            name = f"{series.id}-hela-serien"
        if stored.is_sample:
            name += "-EXEMPELDATA"
        if trigger["what"].endswith("csv"):
            return dcc.send_bytes(exports.to_csv(frame), f"{name}.csv")
        return dcc.send_bytes(exports.to_xlsx(frame), f"{name}.xlsx")

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
    # Dash's callback bodies are a few kB: a larger body is refused (413) before it is read.
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    _refuse_malformed_callbacks(app)
    _secure(app)
    return app


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


MAX_BODY_BYTES = 1_000_000


def _secure(app: Dash) -> None:
    """Security headers on every answer. Dash's own inline script is allowed by its hash only."""
    hashes = " ".join(app.csp_hashes())
    policy = (
        "default-src 'self'; "
        f"script-src 'self' 'unsafe-eval' {hashes}; "  # plotly.js compiles some functions at run time
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
