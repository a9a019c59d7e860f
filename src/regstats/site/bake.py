"""`regstats bake OUT/`: the whole site as static files — every page's default view for Riket
and the 21 counties (the municipality page for every county), each chart as an SVG image and
an embeddable page, the data behind every chart with its metadata and versions, an Atom feed of
new data and a calendar of expected releases. Any static host or CDN serves it; links between
views are plain links, and a view the site does not hold opens in the live app (`live_url`)."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import date
from html import escape
from importlib import resources
from pathlib import Path

from regstats.app import data
from regstats.catalog import load_catalog
from regstats.geography import COUNTIES, REGIONS, municipalities_of
from regstats.site import datafiles, feeds
from regstats.site.pages import bake_page, page_file, shell, slug
from regstats.site.printing import print_pdfs
from regstats.site.profiles import county_profile, municipality_profile
from regstats.store import data_dir
from regstats.store.reading import reading_store
from regstats.views.pages import CHARTS, PAGE_OF_CHART, PAGES

STATIC_CSS = """
.region-list { margin: 0.5rem 1rem; } .region-list ul { columns: 3 14rem; }
.embed code { font-size: 0.8rem; word-break: break-all; }
.sample-banner { background: #fff4ce; padding: 0.5rem 1rem; }
"""


@dataclass(frozen=True)
class BakeReport:
    pages: int
    charts: int
    data_files: int
    profiles: int
    megabytes: float
    seconds: float


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _embed(chart_id: str, county: str, svg: str, link: str) -> str:
    chart = CHARTS[chart_id]
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{escape(chart.title)} – '
        f"{escape(REGIONS[county])}</title><style>body{{margin:0;font-family:system-ui,sans-serif}}"
        "svg{max-width:100%;height:auto}</style></head><body>"
        f'{svg}<p><a href="{link}" target="_top">{escape(chart.title)}, {escape(REGIONS[county])} – regstats</a></p>'
        "</body></html>\n"
    )


def _document(title: str, body: str, redirect: str = "") -> str:
    go = f'<meta http-equiv="refresh" content="0; url={redirect}">' if redirect else ""
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">{go}<title>{escape(title)}</title></head>'
        f"<body>{body}</body></html>\n"
    )


def bake(
    out: Path,
    *,
    live_url: str = "",
    site_url: str = "",
    regions: list[str] | None = None,
    today: date | None = None,
    pdf: bool = True,
) -> BakeReport:
    """`site_url`: the site's own address, for the feed and the embed snippets (relative when
    not given); `regions`: a subset, for a quick look (every region by default); `pdf`: print
    the profiles to PDF too (Chromium)."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    catalog = load_catalog()
    assets = resources.files("regstats.app").joinpath("assets")
    _write(out / "assets" / "style.css", assets.joinpath("style.css").read_text("utf-8"))
    _write(out / "assets" / "static.css", STATIC_CSS)
    sample = bool(data.sample_series())
    pages = charts = 0
    for county in regions or list(REGIONS):
        for page in PAGES:
            if page.path in {"/nytt", "/om-data"}:
                continue  # the meetings page lives in the app; Om data is written once
            baked = bake_page(page.path, county, "../../", live_url, site_url)
            picture = ""
            for chart_id, svg in baked.charts.items():
                _write(out / "img" / chart_id / f"{county}.svg", svg)
                link = f"../../{page_file(PAGE_OF_CHART[chart_id], county)}"
                _write(out / "embed" / chart_id / f"{county}.html", _embed(chart_id, county, svg, link))
                picture = picture or f"{site_url}/img/{chart_id}/{county}.svg"
                charts += 1
            if page.path == "/kommuner" and county in COUNTIES:
                baked.html += _profile_links(county, pdf)
            html = shell(
                page.title,
                baked.html,
                path=page.path,
                county=county,
                root="../../",
                sample=sample,
                live_url=live_url,
                image=picture,
            )
            _write(out / page_file(page.path, county), html)
            pages += 1
    about = bake_page("/om-data", "23", "", live_url)
    _write(out / "om-data.html", shell("Om data", about.html, path="/om-data", county="23", root="", sample=sample))
    default = page_file("/", "23")
    _write(out / "index.html", _document("regstats", f'<p><a href="{default}">Till översikten</a></p>', default))
    pages += 2
    store = reading_store(data_dir())
    files = 0
    listing = []
    for series_id, series in catalog.items():
        stored = data.load(series_id)
        if stored is None:
            continue
        written = datafiles.write_series(out / "data", series, stored, store)
        files += len(written)
        listing.append(
            f"<li>{escape(series.title_sv)}: "
            + " · ".join(f'<a href="{series_id}.{k}">{k}</a>' for k in ("csv", "json", "parquet", "metadata.json"))
            + "</li>"
        )
    _write(out / "data" / "index.html", _document("Data – regstats", f"<h1>Data</h1><ul>{''.join(listing)}</ul>"))
    entries = {sid: data.manifest_entry(sid) for sid in catalog}
    first_page = {c.series: slug(PAGE_OF_CHART[c.id]) for c in reversed(list(CHARTS.values()))}
    page_of = {sid: f"lan/23/{first_page.get(sid, 'index')}.html" for sid in catalog}
    _write(out / "feed.atom", feeds.atom(catalog, entries, site=site_url, page_of=page_of))
    _write(out / "kalender.ics", feeds.calendar(catalog, entries, site=site_url, today=today or date.today()))
    profiles = write_profiles(out / "profil", [c for c in regions or list(REGIONS) if c in COUNTIES], pdf)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return BakeReport(pages, charts, files, profiles, size / 1e6, time.perf_counter() - started)


def _profile_links(county: str, pdf: bool) -> str:
    def links(name: str, stem: str) -> str:
        printed = f'<a href="../../profil/{stem}.pdf">{escape(name)} (PDF)</a> · ' if pdf else ""
        return f'<li>{printed}<a href="../../profil/{stem}.html">{escape(name)}{" (HTML)" if pdf else ""}</a></li>'

    items = [links(COUNTIES[county], f"lan-{county}")]
    items += [links(name, f"kommun-{code}") for code, name in municipalities_of(county).items()]
    return f'<section class="chart"><h2 id="profiler">Profiler på en sida</h2><ul>{"".join(items)}</ul></section>'


def write_profiles(out: Path, counties: list[str], pdf: bool) -> int:
    """A one-page profile of each county and each of its municipalities, as HTML and tagged PDF."""
    written = []
    for county in counties:
        areas = [(f"lan-{county}", county_profile(county))]
        areas += [(f"kommun-{code}", municipality_profile(code)) for code in municipalities_of(county)]
        for name, profile in areas:
            _write(out / f"{name}.html", profile.html)
            written.append((out / f"{name}.html", out / f"{name}.pdf"))
    if pdf and written:
        print_pdfs(written)
    listing = "".join(
        f'<li><a href="{source.name}">{escape(source.stem)}</a>'
        + (f' · <a href="{target.name}">PDF</a>' if pdf else "")
        + "</li>"
        for source, target in written
    )
    _write(out / "index.html", _document("Profiler – regstats", f"<h1>Profiler</h1><ul>{listing}</ul>"))
    return len(written)


def clear(out: Path) -> None:
    """A previous bake's files go first, so a page or series that no longer exists is not left."""
    if out.exists():
        shutil.rmtree(out)
