"""One baked page: the live page's components for a view, written out as static HTML around a
shell of plain links (pages, regions, data, feed), with every chart drawn by the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from dash import html

from regstats.app.markup import to_html
from regstats.app.router import render_page
from regstats.app.views import table_behind
from regstats.figures.svgchart import figure_svg, responsive_svg
from regstats.geography import REGIONS
from regstats.views.pages import BY_PATH, CHARTS, PAGES
from regstats.views.state import ViewState, parse, to_search

SERIES_FILES = ("csv", "json", "parquet", "metadata.json")
CURRENT_PAGE, CURRENT_REGION = ' aria-current="page"', ' aria-current="true"'


def slug(path: str) -> str:
    """'/' → 'index', '/lediga-jobb' → 'lediga-jobb'."""
    return path.strip("/") or "index"


def page_file(path: str, county: str) -> str:
    """Where a page's default view for a region lives in the site, from its root."""
    return "om-data.html" if path == "/om-data" else f"lan/{county}/{slug(path)}.html"


@dataclass
class Baked:
    html: str
    charts: dict[str, str] = field(default_factory=dict)  # chart id → its SVG


class Linker:
    """Where a link of the live app goes in the site: a page's default view for a region is a
    file; any other view (a transform, a window, a group) opens in the live app when its address
    is known, else the region's static page."""

    def __init__(self, root: str, live_url: str = ""):
        self.root, self.live_url = root, live_url.rstrip("/")

    def __call__(self, link: str) -> str:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not link.startswith("/"):
            return link
        state = parse(parts.query)
        path = parts.path or "/"
        if path in BY_PATH and path not in {"/nytt"}:
            only_county = to_search(ViewState(county=state.county)) == to_search(state)
            if only_county or not self.live_url:
                return self.root + page_file(path, state.county) + (f"#{parts.fragment}" if parts.fragment else "")
        return self.live_url + link if self.live_url else self.root + page_file("/", state.county)


def _downloads(chart_id: str, root: str) -> str:
    series = CHARTS[chart_id].series
    links = " · ".join(
        f'<a href="{root}data/{series}.{kind}">{kind.upper().replace(".JSON", "")}</a>' for kind in SERIES_FILES
    )
    return f'<p class="downloads">Data för hela serien: {links}</p>'


def bake_page(path: str, county: str, root: str, live_url: str = "", site_url: str = "") -> Baked:
    """The page's default view for `county` as HTML (the body only; see shell) and its charts."""
    state = ViewState(county=county)
    body, _ = render_page(path, state)
    linker = Linker(root, live_url)
    charts: dict[str, str] = {}

    def replace(component):
        ident = getattr(component, "id", None)
        if isinstance(ident, dict) and ident.get("type") == "graph":
            chart = CHARTS[ident["chart"]]
            label = f"Diagram: {chart.title}, {REGIONS[county]}"
            charts[chart.id] = figure_svg(component.figure, label=label)  # the image and the embed
            snippet = escape(embed_code(chart.id, county, chart.title, site_url))
            embed = f'<p class="embed">Bädda in: <code>{snippet}</code></p>'
            return responsive_svg(component.figure, label) + embed
        if isinstance(ident, dict) and ident.get("type") == "behind":
            return table_behind(CHARTS[ident["chart"]], state)
        if isinstance(component, html.Div) and getattr(component, "className", "") == "downloads":
            buttons = [c for c in component.children if isinstance(getattr(c, "id", None), dict)]
            return _downloads(buttons[0].id["chart"], root) if buttons else ""
        return None

    return Baked(to_html(body, linker, replace), charts)


def embed_code(chart_id: str, county: str, title: str, base_url: str = "") -> str:
    return (
        f'<iframe src="{base_url}/embed/{chart_id}/{county}.html" title="{title}" width="780" height="560" '
        'style="border:0" loading="lazy"></iframe>'
    )


def shell(
    title: str, body: str, *, path: str, county: str, root: str, sample: bool, live_url: str = "", image: str = ""
) -> str:
    """The page around the body: navigation by plain links, a region list, the live app's link."""
    nav = "".join(
        f'<li><a href="{root}{page_file(p.path, county)}"{CURRENT_PAGE if p.path == path else ""}>'
        f"{escape(p.title)}</a></li>"
        for p in PAGES
        if p.path != "/nytt"
    )
    regions = "".join(
        f'<li><a href="{root}{page_file(path, code)}"{CURRENT_REGION if code == county else ""}>{escape(name)}</a></li>'
        for code, name in REGIONS.items()
    )
    live = (
        f'<a href="{escape(live_url.rstrip("/") + path + to_search(ViewState(county=county)))}">'
        "Öppna samma vy i den interaktiva versionen</a>"
        if live_url
        else ""
    )
    banner = (
        '<div class="sample-banner" role="note"><strong>Exempeldata</strong> – inte officiell statistik.</div>'
        if sample
        else ""
    )
    where = "" if path == "/om-data" else f" – {escape(REGIONS[county])}"
    picture = f'<meta property="og:image" content="{escape(image)}">' if image else ""
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}{where} – regstats</title>
<meta property="og:title" content="{escape(title)}{where}">{picture}
<link rel="stylesheet" href="{root}assets/style.css"><link rel="stylesheet" href="{root}assets/static.css">
<link rel="alternate" type="application/atom+xml" title="Ny data" href="{root}feed.atom"></head>
<body><a class="skip-link" href="#main">Hoppa till innehållet</a>
<header class="site"><p class="brand">regstats<span class="brand-more"> – regional arbetsmarknadsstatistik</span></p>
<nav aria-label="Sidor"><ul>{nav}</ul></nav></header>{banner}
<details class="region-list"><summary>Region: {escape(REGIONS[county])}</summary><ul>{regions}</ul></details>
<main id="main" tabindex="-1">{body}</main>
<footer><p>Källor: SCB, Arbetsförmedlingen, Försäkringskassan, Konjunkturinstitutet, Tillväxtanalys och Kolada.
Se <a href="{root}om-data.html">Om data</a>. <a href="{root}data/">Alla data</a> ·
<a href="{root}profil/">Profiler (A4)</a> ·
<a href="{root}feed.atom">Ny data (Atom)</a> · <a href="{root}kalender.ics">Publiceringskalender (.ics)</a></p>
<p>{live}</p></footer></body></html>
"""
