"""What a chart shows, independent of Dash: its figure, its table rows and its source line.
The dashboard, the meeting slides and the exports all call these, so they cannot disagree."""

from __future__ import annotations

import pandas as pd

from regstats.analysis.transform import PER_10K
from regstats.catalog import PUBLISHER_NAMES, Series
from regstats.classifications import SNI_SECTIONS, STATUS_WORDS, breakdown_heading, breakdown_label
from regstats.figures import charts, seasons
from regstats.figures.style import SEX_NAMES, add_subtitle, region_name
from regstats.formatting import period_label, period_short
from regstats.store.series_store import vintage_time
from regstats.views.pages import Chart
from regstats.views.select import GROUP_METHOD, Selection, accepted_changes, marks, notes_for
from regstats.views.state import ViewState


def publisher_name(series: Series) -> str:
    return PUBLISHER_NAMES[series.publisher]


def figure_for(
    chart: Chart,
    series: Series,
    selection: Selection,
    state: ViewState,
    sample: bool,
    description: str | None = None,
    metadata: dict[str, str] | None = None,
):
    """The chart's figure, with a subtitle saying regions, sex, transform and unit (`description`
    when the caller has it already). `metadata`: the stored version's, whose accepted changes are
    drawn beside the catalog's breaks and the analyst's notes."""
    figure = _figure(chart, series, selection, state, sample, marks(series, selection.regions, metadata))
    return add_subtitle(figure, description or describe(chart, selection))


YEAR_LINE_KINDS = frozenset({"regions", "sexes", "band"})  # one line of a monthly series per year


def _figure(chart: Chart, series: Series, selection: Selection, state: ViewState, sample: bool, breaks: list):
    frame, unit, frequency = selection.frame, selection.unit, selection.frequency
    names = {m: series.measure(m).title_sv for m in chart.measures}
    if state.view == "ar" and frequency == "monthly" and chart.kind in YEAR_LINE_KINDS:
        region = state.county if series.regional else "00"
        rows = frame[frame["measure"] == chart.measure]
        sexes = set(rows["sex"])
        if len(sexes) > 1:  # a chart by sex: the reader's sex, else both together, else women
            rows = rows[rows["sex"] == next(s for s in (state.sex, "T", "K", "M") if s in sexes)]
        return seasons.year_lines(rows, region, title=title_for(chart, selection), unit=unit, sample=sample)
    if chart.kind == "sexes":
        return charts.lines_by_sex(
            frame,
            state.county,
            selection.regions[1],
            title=chart.title,
            unit=unit,
            sample=sample,
            frequency=frequency,
            breaks=breaks,
        )
    if chart.kind == "band":
        return charts.band(
            frame, selection.regions, title=chart.title, unit=unit, sample=sample, frequency=frequency, breaks=breaks
        )
    if chart.kind == "industry":
        return charts.industry_bars(frame, SNI_SECTIONS, title=chart.title, unit=unit, sample=sample)
    if chart.kind == "industry-trend":
        industry = frame["breakdown"].iloc[0] if not frame.empty else ""
        title = f"{chart.title}: {industry} {SNI_SECTIONS.get(industry, '')}".strip()
        return charts.lines_by_measure(frame, names, title=title, unit=unit, sample=sample, frequency=frequency)
    if chart.kind == "ytd" and selection.through is not None:
        return charts.year_to_date(
            frame,
            state.county if series.regional else "00",
            selection.through,
            title=title_for(chart, selection),
            unit=unit,
            sample=sample,
        )
    if chart.kind == "indices":
        return charts.indices(frame, names, title=chart.title, sample=sample, frequency=frequency)
    title = title_for(chart, selection)
    return charts.lines_by_region(
        frame,
        selection.regions,
        title=title,
        unit=unit,
        sample=sample,
        breaks=breaks,
        frequency=frequency,
    )


TRANSFORM_WORDS = {
    "yoy": "förändring mot ett år tidigare",
    "index": "index",
    "ma": "glidande medelvärde över 12 månader",
    "per10k": PER_10K,
    "sa": "säsongrensad av regstats",
    "trend": "trend, beräknad av regstats",
}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"


def describe(chart: Chart, selection: Selection) -> str:
    """'Jämtlands län och Riket · kvinnor och män · per 10 000 invånare': what a chart shows, in
    words, for its subtitle, caption and the metadata of its downloads."""
    frame = selection.frame
    codes, sex_codes = set(frame["region_code"].unique()), set(frame["sex"].unique())
    drawn = {"ytd": selection.regions[:1], "band": selection.regions[:2]}.get(chart.kind, selection.regions)
    present = [code for code in drawn if code in codes] or drawn
    parts = [_and([region_name(code) for code in present])]
    sexes = [s for s in SEX_NAMES if s in sex_codes]
    if not selection.sex_split:  # bankruptcies, varsel, vacancies, the indicators: no sex to name
        pass
    elif len(sexes) == 1:
        parts.append(SEX_NAMES[sexes[0]].lower())
    elif sexes:
        parts.append("kvinnor, män och totalt" if "T" in sexes else "kvinnor och män var för sig")
    word = TRANSFORM_WORDS.get(selection.transform)
    if word and not selection.unit.startswith(word):
        parts.append(TRANSFORM_WORDS[selection.transform])
    parts.append(selection.unit)
    return " · ".join(parts)


def title_for(chart: Chart, selection: Selection) -> str:
    """The chart's title, saying the sex when women or men alone are shown: a chart of women must
    never be mistaken for the total."""
    title = f"{chart.title}: {breakdown_label(selection.breakdown)}" if selection.breakdown else chart.title
    sexes = set(selection.frame["sex"]) if not selection.frame.empty else set()
    if chart.kind != "sexes" and len(sexes) == 1 and (sex := sexes.pop()) != "T":
        return f"{title}, {SEX_NAMES[sex].lower()}"
    return title


def table_frame(selection: Selection, series: Series) -> pd.DataFrame:
    """The displayed rows with readable labels; the same rows the CSV/XLSX download gives."""
    frame = selection.frame
    frequency = selection.frequency
    if frequency == "monthly":  # 2026-10 reads better than 2026M10 in a Swedish table (and sorts)
        periods = frame["period"].dt.strftime("%Y-%m")
    else:  # '2026 kv. 3', '2025'
        periods = frame["period"].map(lambda p: period_short(p.date(), frequency))
    out = pd.DataFrame({"Period": periods, "Region": frame["region_code"].map(region_name)})
    if frame["sex"].nunique() > 1 or (frame["sex"] != "T").any():  # women or men alone: said in every row
        out["Kön"] = frame["sex"].map(SEX_NAMES)
    if (frame["breakdown"] != "").any():
        out[breakdown_heading(frame["breakdown"].unique())] = frame["breakdown"].map(breakdown_label)
    if frame["measure"].nunique() > 1:
        out["Mått"] = frame["measure"].map(lambda m: series.measure(m).title_sv)
    out[f"Värde ({selection.unit})"] = frame["value"].round(2)
    out["Status"] = frame["status"].replace(STATUS_WORDS)
    return out.reset_index(drop=True)


def source_line(series: Series, stored) -> str:
    latest = stored.frame["period"].max()
    shown = period_label(latest.date(), series.frequency)
    licence = series.licence if series.licence.endswith(".") else f"{series.licence}."  # a caveat may follow
    return f"Källa: {publisher_name(series)} ({series.title_sv}). Senaste period {shown}. Licens: {licence}"


def download_about(
    chart: Chart, series: Series, selection: Selection | None, stored, link: str, whole: bool = False
) -> list[tuple[str, str]]:
    """What a downloaded file is: series, source, regions, sex, transform, unit, version, licence,
    and whether it is sample data — so a file forwarded by e-mail still says what it holds."""
    about = [
        ("Innehåll", "hela serien, alla regioner och mått" if whole else f"{chart.title} – raderna som visas"),
        ("Serie", f"{series.title_sv} ({series.id})"),
        ("Källa", f"{publisher_name(series)}; {series.source_url}"),
        ("Tabeller", stored.metadata.get("tables", "")),
    ]
    if selection is not None and not whole:
        about.append(("Visar", describe(chart, selection)))
        periods = selection.frame["period"]
        if not periods.empty:
            first, last = (period_short(p.date(), selection.frequency) for p in (periods.min(), periods.max()))
            about.append(("Perioder", f"{first} – {last}"))
    regions = selection.regions if selection is not None and not whole else list(stored.frame["region_code"].unique())
    if selection is not None and not whole:
        about += [("Jämförelsegrupp", f"{g.describe()}. {GROUP_METHOD}") for g in selection.groups]
    about += [("Anteckning", f"{n.when}: {n.text}") for n in notes_for(series.id, regions)]
    about += [("Seriebrott", f"{b.period}: {b.description}") for b in series.breaks]
    about += [("Godkänd ändring", text) for _, text in accepted_changes(stored.metadata)]
    about += [
        ("Version (hämtad)", f"{vintage_time(stored.vintage):%Y-%m-%d %H:%M} UTC" if stored.vintage else "okänd"),
        ("Licens", series.licence),
        ("Exempeldata", "JA – påhittade värden, inte officiell statistik" if stored.is_sample else "nej"),
        ("Vy", link),
    ]
    return about
