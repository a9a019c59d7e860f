"""Annual Kolada values against the annual mean of the corresponding monthly series.

The series do not measure exactly the same thing (Kolada's N03941 is 18–65 years, AF's share
16–65; N00938 is Kolada's yearly figure of a rolling measure), so the tolerances are generous:
a warning means "look at this", not "wrong". N00938 (sjukpenningtal) is a municipality KPI
(Kolada type K): it has no county or Riket values, so it cannot check the county series.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regstats.formatting import number_sv
from regstats.geography import AREAS


@dataclass(frozen=True)
class CrossCheck:
    kpi: str
    series: str
    measure: str
    tolerance: float
    unit: str
    relative: bool = False


CHECKS = [
    CrossCheck("N03941", "unemployment_af", "share", 1.0, "procentenheter"),
    CrossCheck("N01951", "population", "year_end", 0.005, "%", relative=True),
]
MAX_MESSAGES = 5


def annual_means(frame: pd.DataFrame, measure: str) -> pd.Series:
    """Mean per (region, year) over complete years only; annual series pass through."""
    part = frame[(frame["measure"] == measure) & (frame["sex"] == "T") & (frame["breakdown"] == "")]
    part = part[part["region_code"].str.len() == 2]  # counties and Riket: what the checks were made for
    part = part.assign(year=part["period"].dt.year)
    grouped = part.groupby(["region_code", "year"])["value"]
    months = part.groupby(["region_code", "year"])["period"].nunique()
    means = grouped.mean()
    complete = months.isin([1, 12]) if part["period"].dt.month.eq(1).all() else months.eq(12)
    return means[complete]


def crosscheck(kolada: pd.DataFrame, series: dict[str, pd.DataFrame]) -> list[str]:
    messages: list[str] = []
    for check in CHECKS:
        if check.series not in series:
            continue
        reference = annual_means(kolada, check.kpi)
        other = annual_means(series[check.series], check.measure)
        joined = pd.concat([reference.rename("kolada"), other.rename("other")], axis=1, join="inner").dropna()
        difference = (joined["kolada"] - joined["other"]).abs()
        limit = check.tolerance * joined["other"].abs() if check.relative else check.tolerance
        for (region, year), row in joined[difference > limit].iterrows():
            gap = abs(row["kolada"] - row["other"])
            gap_text = f"{number_sv(100 * gap / row['other'], 1)} %" if check.relative else number_sv(gap, 1)
            tolerance = f"{number_sv(100 * check.tolerance, 1)} %" if check.relative else number_sv(check.tolerance, 1)
            messages.append(
                f"{check.kpi} {year} {AREAS.get(region, region)}: Kolada {number_sv(row['kolada'], 1)} mot "
                f"årsmedel {number_sv(row['other'], 1)} i {check.series} "
                f"(skillnad {gap_text}{'' if check.relative else ' ' + check.unit}, tolerans {tolerance})"
            )
    if len(messages) > MAX_MESSAGES:
        return [*messages[:MAX_MESSAGES], f"… och {len(messages) - MAX_MESSAGES} avvikelser till"]
    return messages
