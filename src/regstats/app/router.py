"""From a URL path and view state to a page, and between the view state and the controls."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from dash import dcc, html

from regstats.app import data
from regstats.app.about import about
from regstats.app.meetings import meetings_page
from regstats.app.municipalities import municipalities_page
from regstats.app.overview import overview
from regstats.app.views import chart_section
from regstats.county_groups import GROUP_KEYS
from regstats.geography import COUNTIES, REGIONS
from regstats.views.pages import BY_PATH
from regstats.views.select import DEFAULT_GROUP
from regstats.views.state import TRANSFORM_PARAMS, ViewState, parse, to_search


def render_page(path: str, state: ViewState) -> tuple[list, str]:
    """The page for a view, rendered once per (path, view, data): a county change back and forth,
    or a room of people opening the same link, is served from memory. Keyed by the canonical
    view (`to_search`), so two URLs for the same view share an entry."""
    return _rendered(path, to_search(replace(state, problems=())), data.stamp())


@lru_cache(maxsize=256)  # a page is ~50–150 kB of components: at most a few tens of MB
def _rendered(path: str, search: str, stamp: tuple) -> tuple[list, str]:
    return _render(path, parse(search))


def _render(path: str, state: ViewState) -> tuple[list, str]:
    page = BY_PATH.get(path)
    if page is None:
        return [html.H1("Sidan finns inte"), html.P(dcc.Link("Till översikten", href="/"))], "Sidan finns inte"
    body: list = [html.H1(page.title), html.P(page.intro, className="intro")]
    if page.path == "/":
        body.append(overview(state))
    elif page.path == "/om-data":
        body.append(about())
    elif page.path == "/kommuner":
        body.append(municipalities_page(state))
    elif page.path == "/nytt":
        body.append(meetings_page(state))
    else:
        body += [chart_section(chart, state) for chart in page.charts]
    return body, page.title


def _control_values(state: ViewState) -> list:
    return [
        state.county,
        list(state.compare),
        list(state.chosen),
        state.start,
        state.end,
        state.sex,
        state.transform or "",
        state.base,
        state.view,
        state.industry,
        state.group or DEFAULT_GROUP,
    ]


def state_from_controls(values: list) -> ViewState:
    county, compare, chosen, start, end, sex, transform, base, view, industry, group = values
    chosen = tuple(c for c in (chosen or []) if c in COUNTIES)
    # Picking counties for an own group is choosing to compare with it.
    compare = [c for c in (compare or []) if c in REGIONS or (c in GROUP_KEYS and c != "valda")]
    search_state = parse(
        to_search(
            ViewState(
                county=county or ViewState.county,
                compare=tuple([*compare, "valda"] if chosen else compare),
                chosen=chosen,
                start=start,
                end=end,
                sex=sex or "T",
                transform=transform if transform in TRANSFORM_PARAMS.values() else None,
                base=base,
                view=view or "diagram",
                industry=industry,
                group=group if group != DEFAULT_GROUP else None,
            )
        )
    )
    # A month typed into a period field that does not exist (2023-13) is said, as in the URL.
    return search_state
