"""What a stakeholder can turn a series into: level, change on the same period last year,
index = 100 at a chosen period, 12-month moving average, per 10 000 inhabitants.

Every function keeps the tidy columns and returns the unit the result is in, so charts and
tables label it honestly (differences of rates are in procentenheter, of counts in %).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from regstats.formatting import period_short
from regstats.periods import months_in
from regstats.tidy import KEY

Transform = Literal["level", "yoy", "index", "ma", "per10k", "sa", "trend"]
TRANSFORMS: dict[str, str] = {
    "level": "Nivå",
    "yoy": "Förändring mot samma period året innan",
    "index": "Index (= 100 vid vald period)",
    "ma": "Glidande medelvärde, 12 månader",
    "per10k": "Per 10 000 invånare",
    "sa": "Säsongrensad (av regstats)",
    "trend": "Trend (av regstats)",
}
SEASONAL = frozenset({"sa", "trend"})  # monthly series only
TWELVE_MONTHS = "summa 12 månader"  # the unit suffix of a small count shown as rolling sums
PER_10K = "per 10 000 invånare"  # the unit of counts per inhabitant, wherever it is shown
DEFAULT_TRANSFORM = "Jämförbart (per invånare eller index för antal)"
GROUP = [k for k in KEY if k != "period"]
LAG = {"monthly": 12, "quarterly": 4, "annual": 1}
DIFFERENCE_UNITS = {
    "procent": "procentenheter",
    "dagar": "dagar",
    "index": "indexenheter",
    "procentenheter": "procentenheter",
}


@dataclass(frozen=True)
class Transformed:
    frame: pd.DataFrame
    unit: str
    note: str = ""  # what the reader must know about this transform here (e.g. why not adjusted)
    applied: str | None = None  # the transform drawn, where it is not the one asked for


def allowed(unit: str, frequency: str = "monthly") -> list[str]:
    """Per 10 000 inhabitants only makes sense for counts; seasons only in months."""
    return [
        t
        for t in TRANSFORMS
        if (t != "per10k" or unit == "antal") and (t not in SEASONAL or frequency == "monthly")
    ]


def year_to_date(frame: pd.DataFrame, frequency: str = "monthly") -> tuple[pd.DataFrame, pd.Timestamp | None]:
    """Monthly or quarterly counts → per group and year, the sum from January through the newest
    period of the newest year, dated 1 January. A year counts only when it has a value for every
    one of those periods, so a year is never compared on fewer periods than another. `through` is
    the last month covered: October for 2026M10, September for 2026K3.

    Invariants (tests/test_properties_transforms.py): through December a year's total is the sum of
    its twelve months; a change of two totals is the change of the two sums, never a sum of
    monthly changes."""
    rows = frame.dropna(subset=["value"])
    if rows.empty:
        return frame.iloc[0:0], None
    step = months_in(frequency)
    through = rows["period"].max() + pd.DateOffset(months=step - 1)
    months = rows[rows["period"].dt.month <= through.month]
    year = months["period"].dt.year.rename("year")
    grouped = months.groupby([*GROUP, year], sort=True, dropna=False)["value"]
    totals = pd.DataFrame({"value": grouped.sum(), "months": grouped.count()}).reset_index()
    totals = totals[totals["months"] == through.month // step].drop(columns="months")
    # In the frame's own resolution: merged with other periods later (per 10 000 inhabitants).
    totals["period"] = pd.to_datetime(totals["year"].astype(str) + "-01-01").astype(frame["period"].dtype)
    keep = [c for c in frame.columns if c not in {"value", "period"} and c not in GROUP]
    firsts = rows.drop_duplicates(subset=GROUP)[[*GROUP, *keep]] if keep else None
    out = totals.drop(columns="year")
    if firsts is not None:
        out = out.merge(firsts, on=GROUP, how="left")
    return out[[c for c in frame.columns if c in out.columns]], through


def year_on_year(frame: pd.DataFrame, unit: str) -> Transformed:
    """Rates and indices: the difference (procentenheter, dagar…); counts: the change in %.

    The same period one year earlier, whatever the frequency (month, quarter or year)."""
    earlier = frame[[*GROUP, "period", "value"]].copy()
    earlier["period"] = earlier["period"] + pd.DateOffset(years=1)
    merged = frame.merge(earlier, on=[*GROUP, "period"], how="left", suffixes=("", "_before"))
    if unit in DIFFERENCE_UNITS:
        merged["value"] = merged["value"] - merged["value_before"]
        out_unit = DIFFERENCE_UNITS[unit]
    else:
        merged["value"] = 100 * (merged["value"] / merged["value_before"] - 1)
        out_unit = "%"
    return Transformed(merged.drop(columns="value_before").dropna(subset=["value"]), out_unit)


def index_to(frame: pd.DataFrame, base: pd.Timestamp, frequency: str = "monthly") -> Transformed:
    """100 at `base`, named as its frequency names it ('index, jan 2022 = 100', 'index, 2022 = 100')."""
    bases = frame[frame["period"] == base][[*GROUP, "value"]].rename(columns={"value": "base"})
    merged = frame.merge(bases, on=GROUP, how="inner")
    merged["value"] = 100 * merged["value"] / merged["base"]
    return Transformed(merged.drop(columns="base"), f"index, {period_short(base, frequency)} = 100")


def moving_average(frame: pd.DataFrame, unit: str, frequency: str) -> Transformed:
    window = LAG[frequency]
    ordered = frame.sort_values([*GROUP, "period"])
    rolled = ordered.groupby(GROUP, sort=False)["value"].transform(
        lambda s: s.rolling(window, min_periods=window).mean()
    )
    return Transformed(ordered.assign(value=rolled).dropna(subset=["value"]), unit)


def per_10000(frame: pd.DataFrame, population: pd.DataFrame) -> Transformed:
    """Counts per 10 000 inhabitants: the latest month-end population at or before the period
    (SCB publishes it a month or two after the labour-market series), and before the monthly
    table starts (2025) the latest year-end population at or before it."""
    people = population[(population["sex"] == "T") & (population["breakdown"] == "")]
    out = frame.sort_values("period").copy()
    denominator = pd.Series(float("nan"), index=out.index)
    for measure in ["month_end", "year_end"]:  # the monthly figure first, where it exists
        known = people[people["measure"] == measure][["region_code", "period", "value"]].sort_values("period")
        if known.empty or out.empty:
            continue
        found = pd.merge_asof(
            out[["region_code", "period"]].reset_index(),
            known.rename(columns={"value": "people", "period": "since"}),
            left_on="period",
            right_on="since",
            by="region_code",
            direction="backward",
        ).set_index("index")["people"]
        if measure == "month_end":  # not before the monthly table starts
            first = known["period"].min()
            found[out.loc[found.index, "period"] < first] = float("nan")
        denominator = denominator.fillna(found.reindex(out.index))
    out["value"] = 10_000 * out["value"] / denominator
    return Transformed(out.dropna(subset=["value"]), PER_10K)


def seasonally_adjusted(frame: pd.DataFrame, transform: str, unit: str) -> Transformed:
    """Each line adjusted (or its trend) by X-13ARIMA-SEATS, else STL; the last six months marked
    preliminary. A small count is not adjusted: every line becomes its rolling twelve-month sum,
    which holds each season once, and the note says why."""
    from regstats.analysis import seasonal  # statsmodels loads only when a reader asks for it

    ordered = frame.sort_values([*GROUP, "period"])
    grouped = ordered.groupby(GROUP, sort=False, dropna=False)
    lines = [part for _, part in grouped]
    refused = [seasonal.why_not(part.set_index("period")["value"], unit) for part in lines]
    reasons = {why for why in refused if why}
    small = next((why for why in reasons if why.startswith("små tal")), None)
    if small:
        summed = grouped["value"].transform(lambda s: s.rolling(12, min_periods=12).sum())
        note = f"Inte säsongrensad – {small}. Visas i stället som summan av de senaste 12 månaderna."
        rolled = ordered.assign(value=summed).dropna(subset=["value"])
        return Transformed(rolled, f"{unit}, {TWELVE_MONTHS}", note, applied="level")
    parts, methods = [], set()
    for part, why in zip(lines, refused, strict=True):
        if why:
            continue
        found = seasonal.decompose(part.set_index("period")["value"])
        methods.add(found.method)
        chosen = found.adjusted if transform == "sa" else found.trend
        kept = part[part["period"].isin(chosen.index)].copy()
        kept["value"] = kept["period"].map(chosen)
        newest = chosen.index[-seasonal.PRELIMINARY_MONTHS :]
        kept.loc[kept["period"].isin(newest), "status"] = "preliminär"
        parts.append(kept)
    if not parts:  # every line too short: the level, and why
        return Transformed(ordered, unit, f"Inte säsongrensad – {'; '.join(sorted(reasons))}. Nivån visas.", "level")
    out = pd.concat(parts)
    said = "Säsongrensad" if transform == "sa" else "Trend"
    how = " och ".join(sorted(methods))
    note = (
        f"{said} av regstats med {how}, inte av publiceraren. De {seasonal.PRELIMINARY_MONTHS} senaste "
        "månaderna är preliminära: de ändras när nya månader kommer."
    )
    if reasons:
        note += f" Några linjer visas inte: {'; '.join(sorted(reasons))}."
    return Transformed(out, unit, note)


def apply(
    frame: pd.DataFrame,
    transform: str,
    unit: str,
    frequency: str,
    *,
    base: pd.Timestamp | None = None,
    population: pd.DataFrame | None = None,
) -> Transformed:
    if transform == "yoy":
        return year_on_year(frame, unit)
    if transform == "index" and base is not None:
        return index_to(frame, base, frequency)
    if transform == "ma":
        return moving_average(frame, unit, frequency)
    if transform == "per10k" and population is not None and unit == "antal":
        return per_10000(frame, population)
    if transform in SEASONAL and frequency == "monthly":
        return seasonally_adjusted(frame, transform, unit)
    return Transformed(frame, unit)
