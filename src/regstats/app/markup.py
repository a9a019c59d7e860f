"""Dash's component trees written out as static HTML: the same components the live page renders,
so a first paint (app.firstpaint), a baked page (regstats.site) and the app cannot say different
things. A graph becomes its server-drawn SVG (figures.svgchart) and a link goes where `href`
sends it. Controls are drawn as the app draws them (labels around native inputs) when their
values are given, else left out with everything else that only works with the app's scripts.

Hand-written because Dash renders its components in the browser only (there is no server-side
HTML renderer in Dash); the mapping is small: a component's type is its tag."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from dash.development.base_component import Component

from regstats.figures.svgchart import responsive_svg

VOID = {"area", "br", "img", "input", "hr", "meta", "link", "col"}
RENAMED = {"MapEl": "map", "ObjectEl": "object"}
ATTRIBUTES = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "useMap": "usemap",
    "colSpan": "colspan",
    "maxLength": "maxlength",
    "autoComplete": "autocomplete",
}
REFERENCES = {"for", "aria-labelledby", "aria-controls", "aria-describedby", "usemap", "name"}
SCRIPTED = {"Input", "RadioItems", "Checklist", "Store", "Download", "Location", "Dropdown", "Interval"}
SKIPPED_PROPS = {"children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "style"}
SKIPPED_INPUT = {"debounce", "value", "persistence", "persisted_props", "persistence_type", "n_submit", "n_blur"}


def _style(style: dict | None) -> str:
    if not style:
        return ""
    css = "; ".join(f"{''.join('-' + c.lower() if c.isupper() else c for c in k)}: {v}" for k, v in style.items())
    return f' style="{escape(css)}"'


@dataclass
class Writer:
    """`href` rewrites each link; `replace` may put other components (or HTML text) in a
    component's place; `values`: the controls' values by id (None: leave controls out);
    `prefix` goes before every id and every reference to one (a second copy of a page)."""

    href: Callable[[str], str] = lambda link: link
    replace: Callable[[Component], Any | None] = lambda component: None
    values: dict[str, Any] | None = None
    prefix: str = ""
    _seen: set[int] = field(default_factory=set)

    def _id(self, value: str) -> str:
        return " ".join(("#" + self.prefix + v[1:]) if v.startswith("#") else self.prefix + v for v in value.split())

    def attributes(self, props: dict[str, Any]) -> str:
        out = [f' id="{escape(self._id(props["id"]))}"'] if isinstance(props.get("id"), str) else []
        for key, value in props.items():
            if key in SKIPPED_PROPS or value is None or value is False:
                continue
            name = ATTRIBUTES.get(key, key)
            if name == "href" and isinstance(value, str):
                value = self.href(value)
                if self.prefix and value.startswith("#"):
                    value = self._id(value)
            if self.prefix and name in REFERENCES and isinstance(value, str):
                value = self._id(value)
            if value is True:
                out.append(f" {name}")
            elif isinstance(value, str | int | float):
                out.append(f' {name}="{escape(str(value))}"')
        return "".join(out) + _style(props.get("style"))

    def choices(self, kind: str, props: dict[str, Any], chosen: Any) -> str:
        """A RadioItems or Checklist as Dash draws it (labels around native inputs)."""
        picked = set(chosen) if isinstance(chosen, list | tuple) else {chosen}
        kind_of = "radio" if kind == "RadioItems" else "checkbox"
        inline = ' style="display: inline-block;"' if props.get("inline") else ""
        name = escape(self._id(str(props.get("id", ""))))
        labels = []
        for option in props.get("options") or []:
            value = option["value"]
            checked = " checked" if value in picked else ""
            labels.append(
                f'<label{inline}><input type="{kind_of}" name="{name}" value="{escape(str(value))}"{checked}> '
                f"{escape(str(option['label']))}</label>"
            )
        return f'<div id="{name}" class="{escape(props.get("className", ""))}">{"".join(labels)}</div>'

    def write(self, node: Any) -> str:
        if node is None or node is False:
            return ""
        if isinstance(node, list | tuple):
            return "".join(self.write(child) for child in node)
        if not isinstance(node, Component):
            return escape(str(node))
        if id(node) not in self._seen:  # a replacement is written as it is, not replaced again
            swapped = self.replace(node)
            if swapped is not None:
                if isinstance(swapped, str):
                    return swapped
                self._seen.add(id(swapped))
                return self.write(swapped)
        kind = type(node).__name__
        props = {k: getattr(node, k) for k in node._prop_names if getattr(node, k, None) is not None}
        if self.values is not None and kind in {"RadioItems", "Checklist"}:
            return self.choices(kind, props, self.values.get(props.get("id"), props.get("value")))
        if self.values is not None and kind == "Input":
            value = self.values.get(props.get("id"), props.get("value"))
            shown = {**{k: v for k, v in props.items() if k not in SKIPPED_INPUT}, "value": value}
            return f"<input{self.attributes(shown)}>"
        if kind in SCRIPTED:
            return ""
        if kind == "Graph":
            return responsive_svg(props["figure"])
        if kind == "Link":
            return f"<a{self.attributes(props)}>{self.write(props.get('children'))}</a>"
        tag = RENAMED.get(kind, kind.lower())
        if tag in VOID:
            return f"<{tag}{self.attributes(props)}>"
        return f"<{tag}{self.attributes(props)}>{self.write(props.get('children'))}</{tag}>"


def to_html(
    node: Any,
    href: Callable[[str], str] = lambda link: link,
    replace: Callable[[Component], Any | None] = lambda component: None,
    values: dict[str, Any] | None = None,
    prefix: str = "",
) -> str:
    return Writer(href, replace, values, prefix).write(node)
