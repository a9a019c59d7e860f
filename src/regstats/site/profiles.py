"""One-page A4 profiles of a county or a municipality, as HTML (printed to tagged PDF by
site/printing.py): the key figures beside the county's and Riket's, the change on a year, the
rank, two server-drawn charts, the meeting's sentences for a county, and where every number
comes from. Numbers from the same comparisons as Översikt's cards and Kommuner's table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape

import pandas as pd

from regstats.app import data
from regstats.app.overview import comparison
from regstats.catalog import PUBLISHER_NAMES, load_catalog
from regstats.figures.charts import lines_by_region
from regstats.figures.svgchart import figure_svg
from regstats.formatting import change_sv, with_unit
from regstats.geography import AREAS, COUNTIES, RIKET, municipalities_of
from regstats.meeting.story import story
from regstats.views.compare import MEASURES, MUNICIPAL_MEASURES, MunicipalComparison, MunicipalMeasure, municipal

A4_CSS = """
@page { size: A4; margin: 12mm 14mm; }
body { font-family: system-ui, 'DejaVu Sans', sans-serif; font-size: 9pt; color: #1a1a1a; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
p { margin: 0 0 1.5mm; } .meta { color: #4d4d4d; } .sample { color: #7a4b00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; } caption { text-align: left; font-weight: bold; }
th, td { border-bottom: 1px solid #d9d9d9; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.charts { display: flex; gap: 4mm; } .charts figure { margin: 0; flex: 1; }
.charts svg { width: 100%; height: auto; } figcaption { font-size: 8pt; color: #4d4d4d; }
ul { margin: 0; padding-left: 5mm; } footer { margin-top: 3mm; font-size: 8pt; color: #4d4d4d; }
"""


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    html: str


def _short(title: str) -> str:
    """'Inskrivna arbetslösa 18–24 år, andel av gruppens arbetskraft (Arbetsförmedlingen)' →
    'Inskrivna arbetslösa 18–24 år': the unit says it is a share, the footer names the source."""
    return re.sub(r"\s*\([^)]*\)$", "", title).replace(", andel av gruppens arbetskraft", "")


def _rank(rank: int | None, of: int) -> str:
    return "" if rank is None else f"{rank} av {of}"


def _value(value, unit: str) -> str:
    return "–" if value is None or pd.isna(value) else with_unit(value, unit)


def _document(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{A4_CSS}</style></head><body><main>{body}</main></body></html>\n"
    )


def _line_chart(series_id: str, measure: str, codes: list[str], title: str, months: int = 36) -> str:
    stored = data.load(series_id)
    if stored is None:
        return ""
    frame = stored.frame
    rows = frame[
        (frame["measure"] == measure)
        & (frame["sex"] == "T")
        & (frame["breakdown"] == "")
        & frame["region_code"].isin(codes)
    ]
    rows = rows[rows["period"] > rows["period"].max() - pd.DateOffset(months=months)]
    if rows.empty:
        return ""
    unit = load_catalog()[series_id].measure(measure).unit
    figure = lines_by_region(rows, codes, title="", unit=unit, sample=stored.is_sample)
    figure.layout.height = 210
    svg = figure_svg(figure, width=340, label=f"Diagram: {title}")
    where = ", ".join(AREAS[c] for c in codes)
    return f"<figure>{svg}<figcaption>{escape(title)}: {escape(where)}, {escape(unit)}.</figcaption></figure>"


def _sources(series_ids: list[str]) -> str:
    catalog = load_catalog()
    named = sorted({PUBLISHER_NAMES[catalog[s].publisher] for s in series_ids})
    versions = [data.load(s) for s in series_ids]
    sample = any(v is not None and v.is_sample for v in versions)
    mark = '<p class="sample">Exempeldata – inte officiell statistik.</p>' if sample else ""
    return (
        f"{mark}<footer>Källor: {escape(', '.join(named))}. Licenser och definitioner: sidan Om data. "
        "Gjord med regstats; siffrorna är desamma som på webbplatsens sidor.</footer>"
    )


def county_profile(county: str) -> Profile:
    name = COUNTIES[county]
    rows = []
    for measure in MEASURES:
        found = comparison(measure)
        if found is None:
            continue
        unit = "per 10 000 inv." if found.measure.basis == "twelve" else found.unit
        change = change_sv(found.changes.get(county), found.change_unit) if found.change_unit else ""
        rows.append(
            f"<tr><th scope='row'>{escape(measure.title)} <span class='meta'>{escape(found.period)}</span></th>"
            f"<td class='num'>{escape(_value(found.values.get(county), unit))}</td>"
            f"<td class='num'>{escape(_value(found.values.get(RIKET), unit))}</td>"
            f"<td class='num'>{escape(change)}</td><td class='num'>{_rank(found.rank(county), found.ranked)}</td></tr>"
        )
    table = (
        "<table><caption>Nyckeltal</caption><thead><tr><th scope='col'>Mått</th>"
        f"<th scope='col'>{escape(name)}</th><th scope='col'>Riket</th><th scope='col'>På ett år</th>"
        f"<th scope='col'>Plats (1 = högst)</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    said = [p.text for p in story(county, data.load) if p.chart in {"nara", "platser"}][:3]
    charts = _line_chart(
        "unemployment_close", "share", [county, RIKET], "Arbetslösa nära arbetsmarknaden"
    ) + _line_chart("unemployment_af", "share", [county, RIKET], "Inskrivna arbetslösa")
    body = (
        f"<h1>{escape(name)} – arbetsmarknaden i korthet</h1>"
        "<p class='meta'>Länsprofil från regstats. Tal för tolv månader är per 10 000 invånare.</p>"
        f"{table}<h2>Utvecklingen</h2><div class='charts'>{charts}</div>"
        f"<h2>I korthet</h2><ul>{''.join(f'<li>{escape(s)}</li>' for s in said)}</ul>"
        + _sources(sorted({m.series for m in MEASURES}))
    )
    return Profile(county, name, _document(f"{name} – länsprofil", body))


@cache
def _municipal(measure: MunicipalMeasure, county: str, version: str) -> MunicipalComparison | None:
    stored = data.load(measure.series)
    return municipal(measure, stored.frame, county, list(municipalities_of(county))) if stored else None


def municipality_profile(code: str) -> Profile:
    name, county = AREAS[code], code[:2]
    rows = []
    for measure in MUNICIPAL_MEASURES:
        stored = data.load(measure.series)
        found = _municipal(measure, county, stored.vintage if stored else "")
        if found is None or pd.isna(found.values.get(code)):
            continue
        rank = found.rank(code)
        rows.append(
            f"<tr><th scope='row'>{escape(_short(measure.title))} <span class='meta'>{escape(found.label)}</span></th>"
            f"<td class='num'>{escape(_value(found.values.get(code), measure.unit))}</td>"
            f"<td class='num'>{escape(_value(found.values.get(county), measure.unit))}</td>"
            f"<td class='num'>{escape(change_sv(found.changes.get(code), found.change_unit))}</td>"
            f"<td class='num'>{_rank(rank, len(found.municipalities))}</td></tr>"
        )
    table = (
        "<table><caption>Nyckeltal</caption><thead><tr><th scope='col'>Mått</th>"
        f"<th scope='col'>{escape(name)}</th><th scope='col'>{escape(COUNTIES[county])}</th>"
        "<th scope='col'>På ett år</th><th scope='col'>Plats i länet (1 = högst)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    charts = _line_chart("unemployment_af", "share", [code, county, RIKET], "Inskrivna arbetslösa") + _line_chart(
        "unemployment_close", "share", [code, county, RIKET], "Arbetslösa nära arbetsmarknaden"
    )
    body = (
        f"<h1>{escape(name)} – arbetsmarknaden i korthet</h1>"
        f"<p class='meta'>Kommunprofil från regstats, {escape(COUNTIES[county])}. "
        "Län och riket är summan av kommunerna där källan inte redovisar dem själv.</p>"
        f"{table}<h2>Utvecklingen</h2><div class='charts'>{charts}</div>"
        + _sources(sorted({m.series for m in MUNICIPAL_MEASURES}))
    )
    return Profile(code, name, _document(f"{name} – kommunprofil", body))
