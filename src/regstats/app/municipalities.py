"""Kommuner: the chosen county's municipalities on a map and in a ranked table — Arbetsförmedlingen's
monthly unemployment and Kolada's annual key figures — with the county and Riket beside them
where the measure has them."""

from __future__ import annotations

import pandas as pd
from dash import html

from regstats.app import data
from regstats.app.maps import map_figure, measure_chooser
from regstats.app.views import data_table, state_warning
from regstats.catalog import load_catalog
from regstats.figures.svgmap import area_map
from regstats.formatting import change_sv
from regstats.geo import municipality_outlines
from regstats.geography import AREAS, REGIONS, RIKET, municipalities_of
from regstats.views.compare import MUNICIPAL_BY_KEY, MUNICIPAL_MEASURES, MunicipalComparison, municipal
from regstats.views.content import source_line
from regstats.views.state import ViewState


def municipal_table(found: MunicipalComparison) -> pd.DataFrame:
    """The map's table: municipalities ranked, then the county and Riket where they have values."""
    own = found.values.reindex(list(found.municipalities))
    order = list(own.sort_values(ascending=False, na_position="last").index)
    county = found.municipalities[0][:2]
    rows = []
    for code in order + [c for c in (county, RIKET) if pd.notna(found.values.get(c))]:
        rank = found.rank(code)
        rows.append(
            {
                "Plats i länet": "" if rank is None else str(rank),
                "Område": AREAS.get(code, code),
                f"Värde {found.label} ({found.measure.unit})": found.values.get(code),
                f"Förändring mot {found.before_label}": change_sv(found.changes.get(code), found.change_unit),
            }
        )
    return pd.DataFrame(rows)


def municipalities_page(state: ViewState) -> html.Div:
    measure = MUNICIPAL_BY_KEY.get(state.map or "", MUNICIPAL_MEASURES[0])
    county = state.county
    chooser = measure_chooser("Mått", [(m.key, m.title) for m in MUNICIPAL_MEASURES], measure.key)
    stored = data.load(measure.series)
    codes = list(municipalities_of(county))
    found = municipal(measure, stored.frame, county, codes) if stored is not None else None
    heading = html.H2(f"Kommunerna i {REGIONS[county]}", id="kommuner-heading")
    if found is None:
        missing = f"Data från {measure.publisher} saknas för länets kommuner."
        return html.Section([heading, chooser, html.P(missing, className="empty")], className="chart")
    series = load_catalog()[measure.series]
    notes = []
    if stored.is_sample:
        notes.append(html.P("Exempeldata – inte officiell statistik.", className="note note-sample"))
    if warning := state_warning(series, data.manifest_entry(measure.series)):
        notes.append(html.P(warning, className="note note-warning", role="status"))
    if len(codes) == 1 and measure.series == "kolada":  # Gotland: one municipality, a county of its own in Kolada
        notes.append(
            html.P(
                f"{REGIONS[county]} har en enda kommun. Kolada redovisar länet och kommunen som två enheter med "
                "var sitt värde; skiljer de sig kommer skillnaden från Kolada, inte från regstats.",
                className="note",
            )
        )
    if pd.isna(found.values.get(county)):
        notes.append(html.P("Kolada redovisar måttet bara för kommuner, inte för län och riket.", className="note"))
    if measure.monthly:
        kind = "" if series.official else " (verksamhetsstatistik, inte officiell statistik)"
        said = [f"Månadsstatistik från {measure.publisher}{kind}."]
        if series.publisher == "af":
            said.append("Länet är summan av kommunerna.")
        said.append("Förändringen är mot samma månad året innan.")
        if measure.breakdown:
            said.append("Gruppens andel är gruppens inskrivna arbetslösa genom gruppens arbetskraft i kommunen.")
        notes.append(html.P(" ".join(said), className="note"))
    title = f"{measure.title}, {found.label}"
    drawn = area_map(
        municipality_outlines(county), found.values, AREAS, unit=measure.unit, selected=None, sample=stored.is_sample
    )
    caption = f"{title}, kommunerna i {REGIONS[county]} ({measure.unit}). {source_line(series, stored)}"
    return html.Section(
        [
            heading,
            chooser,
            *notes,
            map_figure(drawn, "karta-kommuner", title=title, unit=measure.unit, caption=caption, links={}),
            html.H3("Kommunerna som tabell", id="kommuner-tabell"),
            data_table("kommuner", municipal_table(found), caption),
        ],
        className="chart",
        **{"aria-labelledby": "kommuner-heading"},
    )
