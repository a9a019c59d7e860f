"""Every county in one comparable measure: what Översikt's cards, the county map and its table
show, and how a county ranks among the 21.

A rate is compared as published (the latest period); a count as its latest twelve months per
10 000 inhabitants (a single month of redundancies or bankruptcies in a small county is mostly
noise, and twelve months hold every season once); the population as its growth over a year.
Pure: it is handed the stored rows and returns numbers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regstats.analysis.groups import group_rows, parts, why_not_grouped
from regstats.analysis.transform import DIFFERENCE_UNITS, PER_10K
from regstats.catalog import Series
from regstats.classifications import GROUPS
from regstats.county_groups import GROUP_NAMES, CountyGroup
from regstats.formatting import period_label
from regstats.geography import COUNTIES, RIKET
from regstats.periods import months_in


@dataclass(frozen=True)
class Measure:
    key: str  # used in the URL (?karta=)
    title: str
    series: str
    measure: str
    basis: str  # latest | twelve (months, per 10 000 inhabitants) | growth (over a year, %)
    page: str
    # Periods at the end left out of the comparison: SCB's newest quarter of housing starts is
    # 20–60 % short when first published (TAB4572's note), so a year ending there would fall.
    unsettled: int = 0


MEASURES: tuple[Measure, ...] = (
    Measure("nara", "Arbetslöshet, nära arbetsmarknaden", "unemployment_close", "share", "latest", "/arbetsloshet"),
    Measure("platser", "Nyanmälda lediga platser", "vacancies_new", "new_vacancies", "twelve", "/lediga-jobb"),
    Measure("varsel", "Personer berörda av varsel", "redundancies", "persons", "twelve", "/varsel"),
    Measure("sjp", "Sjukpenningtal", "sick_leave_days", "sick_pay_days", "latest", "/sjukskrivningar"),
    Measure("konkurser", "Konkurser", "bankruptcies", "bankruptcies", "twelve", "/konkurser"),
    Measure("befolkning", "Befolkningsförändring", "population", "month_end", "growth", "/befolkning"),
    Measure("nyaf", "Nystartade företag", "new_firms", "new_firms", "twelve", "/foretag"),
    Measure("bostader", "Påbörjade lägenheter", "housing_starts", "starts", "twelve", "/foretag", unsettled=1),
)
BY_KEY = {m.key: m for m in MEASURES}


@dataclass(frozen=True)
class Comparison:
    """One value per region (the 21 counties and Riket) in a comparable unit, for one period."""

    measure: Measure
    unit: str
    period: str  # in words: 'oktober 2026', 'november 2025–oktober 2026'
    values: pd.Series  # region code → value
    changes: pd.Series  # region code → change on a year (procentenheter, dagar or %)
    change_unit: str
    counts: pd.Series | None = None  # the count behind a rate per inhabitant

    def rank(self, county: str) -> int | None:
        """1 = the highest value among the 21 counties."""
        counties = self.values.reindex(list(COUNTIES)).dropna()
        if county not in counties:
            return None
        return int(counties.rank(ascending=False, method="min")[county])

    @property
    def ranked(self) -> int:
        return int(self.values.reindex(list(COUNTIES)).notna().sum())


def _total(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    return frame[(frame["measure"] == measure) & (frame["sex"] == "T") & (frame["breakdown"] == "")]


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    """Periods × regions: Riket, the 21 counties and any comparison groups (no municipalities)."""
    wide = rows.pivot_table(index="period", columns="region_code", values="value", aggfunc="first")
    groups = sorted(set(wide.columns) & set(GROUP_NAMES))
    return wide.reindex(columns=[RIKET, *COUNTIES, *groups]).sort_index()


def _complete_latest(wide: pd.DataFrame) -> pd.Timestamp | None:
    """The latest period most counties have a value for (a late county does not move the map)."""
    counts = wide[list(COUNTIES)].notna().sum(axis=1)
    full = counts[counts >= 0.9 * len(COUNTIES)]
    return full.index.max() if not full.empty else None


def _latest(measure: Measure, unit: str, rows: pd.DataFrame, frequency: str) -> Comparison | None:
    wide = _wide(rows)
    latest = _complete_latest(wide)
    if latest is None:
        return None
    values = wide.loc[latest]
    before = latest - pd.DateOffset(years=1)
    earlier = wide.loc[before] if before in wide.index else pd.Series(float("nan"), index=wide.columns)
    change_unit = DIFFERENCE_UNITS.get(unit, "%")
    changes = values - earlier if unit in DIFFERENCE_UNITS else 100 * (values / earlier - 1)
    return Comparison(measure, unit, period_label(latest, frequency), values, changes, change_unit)


def _people_at(population: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    """Inhabitants per region at a month: the latest month-end figure at or before it (SCB's
    population is published a month or two after the labour-market series), else the latest
    year-end figure."""
    monthly = _wide(_total(population, "month_end"))
    monthly = monthly[monthly.index <= when]
    if not monthly.empty:
        return monthly.iloc[-1]
    yearly = _wide(_total(population, "year_end"))
    yearly = yearly[yearly.index <= when]
    return yearly.iloc[-1] if not yearly.empty else pd.Series(dtype=float)


def _twelve_months(
    measure: Measure, rows: pd.DataFrame, population: pd.DataFrame, frequency: str = "monthly"
) -> Comparison | None:
    wide = _wide(rows)
    if measure.unsettled:
        wide = wide.iloc[: -measure.unsettled]
    latest = _complete_latest(wide)
    if latest is None or population is None:
        return None
    per_year = 12 // months_in(frequency)
    window = wide[(wide.index > latest - pd.DateOffset(months=12)) & (wide.index <= latest)]
    previous = wide[
        (wide.index > latest - pd.DateOffset(months=24)) & (wide.index <= latest - pd.DateOffset(months=12))
    ]
    if len(window) < per_year:
        return None
    counts = window.sum(min_count=per_year)
    people = _people_at(population, latest)
    values = 10_000 * counts / people
    full = len(previous) == per_year
    before = previous.sum(min_count=per_year) if full else pd.Series(float("nan"), index=wide.columns)
    changes = 100 * (counts / before - 1)
    first = window.index.min()
    period = f"{period_label(first, frequency)}–{period_label(latest, frequency)}"
    return Comparison(measure, f"{PER_10K}, 12 månader", period, values, changes, "%", counts)


def _growth(measure: Measure, rows: pd.DataFrame) -> Comparison | None:
    wide = _wide(rows)
    latest = _complete_latest(wide)
    if latest is None:
        return None
    before = latest - pd.DateOffset(years=1)
    if before not in wide.index:  # the monthly table is young: fall back on the year-end figures
        return None
    values = 100 * (wide.loc[latest] / wide.loc[before] - 1)
    frequency = "annual" if measure.measure == "year_end" else "monthly"
    period = f"{period_label(before, frequency)}–{period_label(latest, frequency)}"
    no_change = pd.Series(float("nan"), index=values.index)  # the growth is itself the change
    return Comparison(measure, "%", period, values, no_change, "", wide.loc[latest])


def with_groups(
    frame: pd.DataFrame, series: Series, measures: list[str], groups: tuple[CountyGroup, ...]
) -> pd.DataFrame:
    """The totals (both sexes, no breakdown) and the groups' rows beside them, where the measures
    can be grouped (analysis.groups); else the totals alone."""
    frame = frame[(frame["sex"] == "T") & (frame["breakdown"] == "")]
    if not groups or any(why_not_grouped(series, m) for m in measures):
        return frame
    pool = frame[frame["measure"].isin(parts(series, measures))]
    return pd.concat([frame, *(group_rows(pool, group, series) for group in groups)], ignore_index=True)


def compare(measure: Measure, frame: pd.DataFrame, frequency: str, unit: str, population: pd.DataFrame | None):
    """All regions (and the groups `frame` holds, see with_groups) in the measure's comparable
    unit, or None when the data does not allow it."""
    rows = _total(frame, measure.measure)
    if rows.empty:
        return None
    if measure.basis == "twelve":
        return _twelve_months(measure, rows, population, frequency)
    if measure.basis == "growth":
        found = _growth(measure, rows)
        if found is None:  # a year of month-end figures is not there yet: use 31 December
            found = _growth(Measure(**{**measure.__dict__, "measure": "year_end"}), _total(frame, "year_end"))
        return found
    return _latest(measure, unit, rows, frequency)


@dataclass(frozen=True)
class MunicipalMeasure:
    key: str  # used in the URL (?karta=)
    title: str
    kpi: str  # the measure in the series: a Kolada KPI, or an AF measure
    unit: str
    series: str = "kolada"
    monthly: bool = False  # AF's and SCB's monthly figures; Kolada's are annual
    breakdown: str = ""  # a group of AF's unemployed (classifications.GROUPS); "" = everyone

    @property
    def publisher(self) -> str:
        from regstats.catalog import PUBLISHER_NAMES, get_series

        return PUBLISHER_NAMES[get_series(self.series).publisher]


MUNICIPAL_MEASURES: tuple[MunicipalMeasure, ...] = (
    MunicipalMeasure(
        "af-andel",
        "Inskrivna arbetslösa, andel av arbetskraften (Arbetsförmedlingen)",
        "share",
        "procent",
        series="unemployment_af",
        monthly=True,
    ),
    MunicipalMeasure(
        "af-nara",
        "Arbetslösa nära arbetsmarknaden, andel av arbetskraften (Arbetsförmedlingen)",
        "share",
        "procent",
        series="unemployment_close",
        monthly=True,
    ),
    *(
        MunicipalMeasure(
            f"af-{group}",
            f"Inskrivna arbetslösa {label}, andel av gruppens arbetskraft (Arbetsförmedlingen)",
            "share",
            "procent",
            series="unemployment_af",
            monthly=True,
            breakdown=group,
        )
        for group, label in GROUPS.items()
    ),
    MunicipalMeasure(
        "folkmangd",
        "Folkmängd vid månadens slut (SCB)",
        "month_end",
        "antal",
        series="population",
        monthly=True,
    ),
    MunicipalMeasure("arbetsloshet", "Arbetslösa 18–65 år, andel av arbetskraften", "N03941", "procent"),
    MunicipalMeasure("sjukpenningtal", "Sjukpenningtal 16–64 år", "N00938", "dagar"),
    MunicipalMeasure("invanare", "Invånare 31 december", "N01951", "antal"),
)
MUNICIPAL_BY_KEY = {m.key: m for m in MUNICIPAL_MEASURES}


@dataclass(frozen=True)
class MunicipalComparison:
    """A county's municipalities (and the county and Riket where the measure has them) for the
    latest year or month most of them have, against the same period a year before."""

    measure: MunicipalMeasure
    period: pd.Timestamp
    values: pd.Series  # area code → value
    changes: pd.Series  # area code → change on the year before (procentenheter, dagar or %)
    change_unit: str
    municipalities: tuple[str, ...]

    @property
    def label(self) -> str:
        return period_label(self.period.date(), "monthly" if self.measure.monthly else "annual")

    @property
    def before_label(self) -> str:
        before = (self.period - pd.DateOffset(years=1)).date()
        return period_label(before, "monthly" if self.measure.monthly else "annual")

    def rank(self, code: str) -> int | None:
        """1 = the highest among the county's municipalities."""
        own = self.values.reindex(list(self.municipalities)).dropna()
        return int(own.rank(ascending=False, method="min")[code]) if code in own else None


def municipal(
    measure: MunicipalMeasure, frame: pd.DataFrame, county: str, codes: list[str]
) -> MunicipalComparison | None:
    """The latest period most of the county's municipalities have, against a year before."""
    rows = frame[
        (frame["measure"] == measure.kpi) & (frame["sex"] == "T") & (frame["breakdown"] == measure.breakdown)
    ]
    wide = rows.pivot_table(index="period", columns="region_code", values="value", aggfunc="first").sort_index()
    wide = wide.reindex(columns=[*codes, county, RIKET])
    counts = wide[codes].notna().sum(axis=1)
    periods = counts[counts >= max(1, 0.8 * len(codes))].index
    if periods.empty:
        return None
    latest = periods.max()
    values = wide.loc[latest]
    before = latest - pd.DateOffset(years=1)
    earlier = wide.loc[before] if before in wide.index else pd.Series(float("nan"), index=wide.columns)
    if measure.unit in DIFFERENCE_UNITS:
        changes, change_unit = values - earlier, DIFFERENCE_UNITS[measure.unit]
    else:
        changes, change_unit = 100 * (values / earlier - 1), "%"
    return MunicipalComparison(measure, latest, values, changes, change_unit, tuple(codes))
