"""Which rows a chart shows for a view: pure, so the chart, its table and its download agree."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from regstats.analysis.groups import group_rows, parts, why_not_grouped
from regstats.analysis.tidy import twelve_month_totals
from regstats.analysis.transform import allowed, apply, year_to_date
from regstats.catalog import Series, load_catalog
from regstats.classifications import GROUPS
from regstats.county_groups import CountyGroup
from regstats.errors import ContractError
from regstats.figures.traces import NOTE_PREFIX
from regstats.geography import RIKET
from regstats.periods import period_start
from regstats.views.pages import Chart
from regstats.views.state import ViewState

TRANSFORMABLE = {"regions", "sexes", "ytd"}
DEFAULT_GROUP = next(iter(GROUPS))  # 18–24 år: the group regional reports lead with
DEFAULT_YEARS = 5


@dataclass
class Selection:
    frame: pd.DataFrame
    unit: str
    regions: list[str]
    notes: list[str]
    transform: str
    through: pd.Timestamp | None = None  # year to date: the newest month each year's total runs to
    sex_split: bool = True  # the series is published for women and men (else words never name a sex)
    frequency: str = "monthly"  # of the rows drawn: the measure's own (31 December is annual)
    breakdown: str = ""  # the group the reader chose (pages.Chart.group_choice)
    groups: tuple[CountyGroup, ...] = ()  # the comparison groups drawn (their rows' region codes are in `regions`)


def _month(value: str | None) -> pd.Timestamp | None:
    return pd.Timestamp(f"{value}-01") if value else None


def top_industry(frame: pd.DataFrame) -> str | None:
    rows = frame[(frame["breakdown"] != "") & (frame["measure"] == "persons")]
    if rows.empty:
        return None
    return str(twelve_month_totals(rows).idxmax())


def chosen_transform(chart: Chart, unit: str, state: ViewState, frequency: str = "monthly") -> str:
    """The reader's choice, else the chart's default; the level where neither fits the series."""
    wanted = state.transform or chart.default_transform
    return wanted if chart.kind in TRANSFORMABLE and wanted in allowed(unit, frequency) else "level"


def select(
    chart: Chart, series: Series, frame: pd.DataFrame, state: ViewState, population: pd.DataFrame | None = None
) -> Selection:
    notes: list[str] = []
    unit = series.measure(chart.measure).unit
    if chart.kind == "industry":
        rows = frame[(frame["breakdown"] != "") & (frame["measure"] == chart.measure) & (frame["region_code"] == RIKET)]
        regions = [RIKET]
    elif chart.kind == "industry-trend":
        industry = state.industry or top_industry(frame)
        rows = frame[
            (frame["breakdown"] == industry) & (frame["region_code"] == RIKET) & frame["measure"].isin(chart.measures)
        ]
        regions = [RIKET]
    else:
        breakdown = (state.group or DEFAULT_GROUP) if chart.group_choice else chart.breakdown
        rows = frame[(frame["breakdown"] == breakdown) & frame["measure"].isin(chart.measures)]
        if not series.regional:
            regions = [RIKET]
            notes.append("Endast riket: serien finns inte per län.")
        elif chart.kind == "sexes":
            regions = state.regions()[:2] if len(state.regions()) > 1 else [state.county, RIKET]
        else:
            regions = state.regions()
        if series.regional:
            rows, regions = _with_groups(chart, series, frame, rows, state, regions, notes)
            if chart.kind == "band" and len(regions) > 2:
                notes.append(
                    "Felmarginalen ritas för länet och den första jämförelsen (fler band går inte att skilja åt); "
                    "alla valda regioner finns i tabellen."
                )
        rows = rows[rows["region_code"].isin(regions)]
        if chart.kind != "sexes":
            sexes = set(rows["sex"].unique())
            sex = state.sex if state.sex in sexes else "T"
            if sex != state.sex:
                notes.append("Serien finns inte per kön; visar totalen.")
            rows = rows[rows["sex"] == sex]
    measure_frequency = series.measure(chart.measure).frequency or series.frequency
    transform = chosen_transform(chart, unit, state, measure_frequency)
    if state.transform and transform != state.transform and chart.kind in TRANSFORMABLE:
        notes.append("Vald visning passar inte serien; nivån visas.")
    if transform == "per10k":
        notes.append("Per 10 000 invånare: SCB:s folkmängd vid månadens slut, före 2025 folkmängden vid årets slut.")
    elif transform == "index" and not state.transform:
        notes.append("Index: länets och rikets utveckling jämförs från samma startpunkt (= 100).")
    frequency, through = measure_frequency, None
    if chart.kind == "ytd":  # each year's January–latest-month total; transforms apply to the totals
        rows, through = year_to_date(rows, measure_frequency)
        frequency = "annual"
    start = _month(state.start)
    if start is None and measure_frequency != "annual" and not rows.empty:
        # Five years by default: thirty years of months is a saw-tooth nobody reads on a phone.
        first_shown = rows["period"].max() - pd.DateOffset(years=DEFAULT_YEARS) + pd.DateOffset(months=1)
        if rows["period"].min() < first_shown:
            start = first_shown
            notes.append(f"De senaste {DEFAULT_YEARS} åren visas; välj Från för en längre period.")
    if through is not None and start is not None:
        start = start.replace(month=1)
    in_window = rows[rows["period"] >= start] if start is not None else rows
    # The index starts at 100 where the reader's window starts, unless a base period is chosen.
    base = _month(state.base) or (in_window["period"].min() if not in_window.empty else None)
    if transform == "per10k" and population is not None:
        population = _grouped_population(population, drawn_groups(state, regions))
    result = apply(rows, transform, unit, frequency, base=base, population=population)
    if result.note:
        notes.append(result.note)
    transform = result.applied or transform
    out = result.frame
    if start is not None:
        out = out[out["period"] >= start]
    if (end := _month(state.end)) is not None:
        out = out[out["period"] <= end]
    sex_split = bool(frame["sex"].isin(["K", "M"]).any())
    return Selection(
        out.sort_values(["region_code", "sex", "measure", "period"]),
        result.unit,
        regions,
        notes,
        transform,
        through,
        sex_split,
        measure_frequency,
        (state.group or DEFAULT_GROUP) if chart.group_choice else "",
        tuple(drawn_groups(state, regions)),
    )


def _with_groups(
    chart: Chart,
    series: Series,
    frame: pd.DataFrame,
    rows: pd.DataFrame,
    state: ViewState,
    regions: list[str],
    notes: list[str],
) -> tuple[pd.DataFrame, list[str]]:
    """The comparison groups' rows beside the regions' (a group by the code its rows carry), and
    what each group is; a measure that cannot be grouped says why and draws no group."""
    groups = drawn_groups(state, regions)
    if not groups:
        return rows, regions
    if reason := next(filter(None, (why_not_grouped(series, m) for m in chart.measures)), None):
        notes.append(reason)
        kept = [r for r in regions if r not in {g.code for g in groups}]
        return rows, [*kept, RIKET] if len(kept) == 1 else kept  # never the county alone
    breakdown = rows["breakdown"].iloc[0] if not rows.empty else chart.breakdown
    pool = frame[(frame["breakdown"] == breakdown) & frame["measure"].isin(parts(series, chart.measures))]
    found = [group_rows(pool, g, series) for g in groups]
    notes += [f"{g.describe()}. {GROUP_METHOD}" for g in groups]
    return pd.concat([rows, *(f[f["measure"].isin(chart.measures)] for f in found)], ignore_index=True), regions


GROUP_METHOD = "Gruppens värde är länens antal summerade; en andel är summan av täljarna genom summan av nämnarna."


def drawn_groups(state: ViewState, regions: list[str]) -> list[CountyGroup]:
    """The chosen comparison groups that the chart draws (their codes are among its regions)."""
    return [g for g in state.groups() if g.code in regions]


def _grouped_population(population: pd.DataFrame, groups: list[CountyGroup]) -> pd.DataFrame:
    """Per 10 000 inhabitants, a group is divided by its members' summed population."""
    if not groups:
        return population
    series = load_catalog()["population"]
    return pd.concat([population, *(group_rows(population, g, series) for g in groups)], ignore_index=True)


def notes_for(series_id: str, regions: list[str]) -> list:
    """The analyst's notes that apply to this series and these regions (regstats note add)."""
    from regstats.store import data_dir
    from regstats.store.notes import load_notes

    return [n for n in load_notes(data_dir()) if n.applies(series_id, regions)]


def marks(
    series: Series, regions: list[str], metadata: dict[str, str] | None = None
) -> list[tuple[pd.Timestamp, str]]:
    """What a chart draws as dated lines: the catalog's series breaks, the changes of meaning the
    analyst accepted at a refresh (kept in the stored version's `metadata`) and the analyst's notes."""
    noted = [(pd.Timestamp(f"{n.start}-01"), f"{NOTE_PREFIX}{n.when}: {n.text}") for n in notes_for(series.id, regions)]
    return [*breaks(series), *accepted_changes(metadata or {}), *noted]


def accepted_changes(metadata: dict[str, str]) -> list[tuple[pd.Timestamp, str]]:
    """`regstats refresh --accept-change`: each accepted change, at the newest period of the
    version that brought it (recorded since 2026-12; older records have no period and are not drawn)."""
    out = []
    for entry in json.loads(metadata.get("accepted_changes") or "[]"):
        if period := entry.get("period"):
            text = f"Godkänd ändring {entry.get('date', '')}: {'; '.join(entry.get('changes', []))}"
            out.append((pd.Timestamp(f"{period}-01"), text))
    return out


def breaks(series: Series) -> list[tuple[pd.Timestamp, str]]:
    out = []
    for item in series.breaks:
        try:
            out.append((pd.Timestamp(period_start(item.period)), item.description))
        except ContractError:  # a break written as free text is shown in the notes only
            continue
    return out
