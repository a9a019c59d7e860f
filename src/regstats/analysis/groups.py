"""A group of counties' values from its members' rows: counts are summed, and a share is its
summed numerator through its summed denominator (the catalog's `ratio_of`) — never an average of
the members' shares, which would weigh Stockholm as much as Gotland. A period gets a group value
only when every member has one: a sum over fewer members would read as a fall."""

from __future__ import annotations

import pandas as pd

from regstats.catalog import Series
from regstats.classifications import GROUPED, SUMMED
from regstats.county_groups import CountyGroup

KEYS = ["period", "sex", "breakdown", "measure"]


def why_not_grouped(series: Series, measure_id: str) -> str | None:
    """Why the measure has no group value (None: it has one)."""
    measure = series.measure(measure_id)
    if measure.unit == "antal" or measure.ratio_of:
        return None
    return (
        f"{measure.title_sv} publiceras inte som täljare och nämnare per län; "
        "ett medelvärde av länens värden vore inte gruppens värde, så ingen grupp visas."
    )


def parts(series: Series, measures: list[str]) -> set[str]:
    """The measures a group's value of `measures` is computed from."""
    out = set(measures)
    for measure_id in measures:
        out |= set(series.measure(measure_id).ratio_of or ())
    return out


def _summed(rows: pd.DataFrame, members: int) -> pd.DataFrame:
    grouped = rows.groupby(KEYS, sort=False, observed=True)
    out = grouped["value"].agg(["sum", "count"])
    out["value"] = out["sum"].where(out["count"] == members)
    # A member's own flag (a masked municipality, a missing value) is the group's; else the
    # value is marked as computed by regstats.
    flagged = rows[~rows["status"].isin(["", SUMMED])]
    out["status"] = flagged.groupby(KEYS, sort=False, observed=True)["status"].first().reindex(out.index)
    out["status"] = out["status"].fillna(GROUPED)
    out["vintage"] = grouped["vintage"].max()
    return out[["value", "status", "vintage"]]


def group_rows(frame: pd.DataFrame, group: CountyGroup, series: Series) -> pd.DataFrame:
    """The group's rows, in the tidy schema, for every measure of `frame` that can be grouped."""
    rows = frame[frame["region_code"].isin(group.members)]
    if rows.empty:
        return frame.iloc[0:0]
    counts = [m for m in rows["measure"].unique() if series.measure(m).unit == "antal"]
    summed = _summed(rows[rows["measure"].isin(counts)], len(group.members))
    pieces = [summed]
    values = summed["value"].unstack("measure") if not summed.empty else pd.DataFrame()
    for measure in series.measures:
        if measure.ratio_of and measure.id in set(rows["measure"]):
            numerator, denominator = measure.ratio_of
            if numerator not in values or denominator not in values:
                continue
            share = 100 * values[numerator] / values[denominator].where(values[denominator] > 0)
            status = summed["status"].unstack("measure")[numerator]
            vintage = summed["vintage"].unstack("measure")[numerator]
            ratio = pd.DataFrame({"value": share, "status": status, "vintage": vintage})
            ratio["measure"] = measure.id
            pieces.append(ratio.set_index("measure", append=True).reorder_levels(KEYS))
    out = pd.concat(pieces).reset_index()
    out["region_code"] = group.code
    out["series_id"] = series.id
    return out[frame.columns.tolist()]
