"""The page shell: header and navigation, the view controls, the main area. No callbacks."""

from __future__ import annotations

from dash import dcc, html

from regstats.analysis.transform import DEFAULT_TRANSFORM, TRANSFORMS
from regstats.classifications import GROUPS, SNI_SECTIONS
from regstats.county_groups import GROUP_KEYS
from regstats.geography import COUNTIES, REGIONS
from regstats.views.pages import PAGES
from regstats.views.select import DEFAULT_GROUP
from regstats.views.state import SEXES, VIEWS, ViewState

SAMPLE_TEXT = "Exempeldata: det här är påhittade värden för att visa verktyget, inte officiell statistik."
SAMPLE_MORE = " Analytikern hämtar riktiga data med regstats refresh."
SAMPLE_PART_TEXT = (
    "Exempeldata (påhittade värden, inte officiell statistik) visas för serier som ännu saknas i lagret: "
)
SAMPLE_PART_MORE = " De ersätts när serien hämtas med regstats refresh eller importeras."
INDEX_HTML = """<!DOCTYPE html>
<html lang="sv">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body>
</html>"""


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


def _choices(wrapper: str, label: str, component, summary_id: str, search: str = "") -> html.Div:
    """Long lists (21 counties) stay out of the way in a disclosure; native inputs keep them
    accessible. `search` adds a field that narrows the list as one types (assets/04-controls.js):
    native radios and a text field, rather than a custom combobox, so every screen reader knows them."""
    finder = []
    if search:
        finder = [
            html.Label(search, htmlFor=f"{wrapper}-search", className="search-label"),
            dcc.Input(
                id=f"{wrapper}-search",
                type="search",
                className="choice-search",
                autoComplete="off",
            ),
        ]
    return html.Div(
        html.Details(
            [
                html.Summary([html.Span(label, className="legend"), " ", html.Span(id=summary_id, className="choice")]),
                html.Fieldset([html.Legend(label, className="visually-hidden"), *finder, component]),
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
                search="Sök län",
            ),
            _choices(
                "wrap-compare",
                "Jämför med",
                dcc.Checklist(
                    id="ctl-compare",
                    options=[*regions, *({"label": GROUP_KEYS[k], "value": k} for k in ("norrland", "grannar"))],
                    value=list(default.compare),
                    className="grid",
                ),
                "sum-compare",
            ),
            _choices(
                "wrap-chosen",
                "Egen grupp av län",
                dcc.Checklist(
                    id="ctl-chosen",
                    options=[{"label": name, "value": code} for code, name in COUNTIES.items()],
                    value=[],
                    className="grid",
                ),
                "sum-chosen",
            ),
            _text("wrap-start", "Från (ÅÅÅÅ-MM)", "ctl-start", "början"),
            _text("wrap-end", "Till (ÅÅÅÅ-MM)", "ctl-end", "senaste"),
            _radio("wrap-sex", "Kön", "ctl-sex", SEXES, default.sex),
            _radio("wrap-transform", "Visa som", "ctl-transform", {"": DEFAULT_TRANSFORM, **TRANSFORMS}, ""),
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
            _radio("wrap-group", "Grupp (diagrammet per grupp)", "ctl-group", GROUPS, DEFAULT_GROUP),
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
                    html.P(
                        ["regstats", html.Span(" – regional arbetsmarknadsstatistik", className="brand-more")],
                        className="brand",
                    ),
                    html.Nav(id="nav", **{"aria-label": "Sidor"}),
                ],
                className="site",
            ),
            html.Div(id="sample-banner"),
            html.Div(id="problems", role="status"),
            # Phones: the controls sit behind this button so the first chart is in the first screen
            # (assets/04-controls.js toggles them; on wider screens the button is not shown).
            html.Button(
                ["Filter", html.Span(" – län, period och visning", className="filter-hint")],
                id="filter-toggle",
                type="button",
                className="filter-toggle",
                **{"aria-expanded": "false", "aria-controls": "controls"},
            ),
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
