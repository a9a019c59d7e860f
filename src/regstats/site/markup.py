"""Dash's component trees written out as static HTML: the same components the live page renders,
so a baked page and the app cannot say different things. A graph becomes its server-drawn SVG
(figures.svgchart), a link goes where `links` sends it, and what only works with the app's
scripts (search fields, choosers, download buttons, stores) is left out.

Hand-written because Dash renders its components in the browser only (there is no server-side
HTML renderer in Dash); the mapping is small: a component's type is its tag."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from dash.development.base_component import Component

from regstats.figures.svgchart import figure_svg

VOID = {"area", "br", "img", "input", "hr", "meta", "link", "col"}
RENAMED = {"MapEl": "map", "ObjectEl": "object"}
ATTRIBUTES = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "useMap": "usemap", "colSpan": "colspan"}
SCRIPTED = {"Input", "RadioItems", "Checklist", "Store", "Download", "Location", "Dropdown", "Interval"}
SKIPPED_PROPS = {"children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "style"}


def _style(style: dict | None) -> str:
    if not style:
        return ""
    css = "; ".join(f"{''.join('-' + c.lower() if c.isupper() else c for c in k)}: {v}" for k, v in style.items())
    return f' style="{escape(css)}"'


def _attributes(props: dict[str, Any], href: Callable[[str], str]) -> str:
    out = []
    if isinstance(props.get("id"), str):
        out.append(f' id="{escape(props["id"])}"')
    for key, value in props.items():
        if key in SKIPPED_PROPS or value is None or value is False:
            continue
        name = ATTRIBUTES.get(key, key)
        if name == "href" and isinstance(value, str):
            value = href(value)
        if value is True:
            out.append(f" {name}")
        elif isinstance(value, str | int | float):
            out.append(f' {name}="{escape(str(value))}"')
    return "".join(out) + _style(props.get("style"))


def to_html(
    node: Any,
    href: Callable[[str], str] = lambda link: link,
    replace: Callable[[Component], Any | None] = lambda component: None,
) -> str:
    """`href` rewrites each link; `replace` may put other components (or HTML text) in a
    component's place (the table behind a chart, which the app builds when first opened)."""
    if node is None or node is False:
        return ""
    if isinstance(node, list | tuple):
        return "".join(to_html(child, href, replace) for child in node)
    if not isinstance(node, Component):
        return escape(str(node))
    swapped = replace(node)
    if swapped is not None:
        return swapped if isinstance(swapped, str) else to_html(swapped, href, replace)
    kind = type(node).__name__
    props = {k: getattr(node, k) for k in node._prop_names if getattr(node, k, None) is not None}
    if kind in SCRIPTED:
        return ""
    if kind == "Graph":
        return f'<div class="static-chart">{figure_svg(props["figure"])}</div>'
    if kind == "Link":
        return f"<a{_attributes(props, href)}>{to_html(props.get('children'), href, replace)}</a>"
    tag = RENAMED.get(kind, kind.lower())
    attributes = _attributes(props, href)
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{to_html(props.get('children'), href, replace)}</{tag}>"
