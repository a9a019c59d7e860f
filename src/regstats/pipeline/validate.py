"""Validation of a tidy frame against its catalog declaration. Pure; raises ValidationError."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from regstats.catalog import Series
from regstats.errors import ValidationError
from regstats.geography import AREAS, COUNTIES_AND_RIKET, REGIONS, RIKET
from regstats.tidy import KEY

PLAUSIBLE = {
    "procent": (0.0, 100.0),
    "procentenheter": (0.0, 100.0),
    "antal": (0.0, np.inf),
    "index": (0.0, 400.0),
}


def validate(frame: pd.DataFrame, series: Series, today: date | None = None, partial: bool = False) -> None:
    """`partial` (imported files only) allows a subset of the regions and measures."""

    def fail(message: str) -> None:
        raise ValidationError(
            f"{series.id}: {message}",
            series=series.id,
            publisher=series.publisher,
            hint="inget sparades; kontrollera publicerarens data och katalogen",
        )

    if frame.empty:
        fail("svaret innehöll inga värden")
    measures = set(frame["measure"].unique())
    if not partial and (missing := set(series.measure_ids) - measures):
        fail(f"mätningarna {sorted(missing)} saknas i svaret")
    if unknown := measures - set(series.measure_ids):
        fail(f"okända mätningar {sorted(unknown)}")
    regions = set(frame["region_code"].unique())
    known = AREAS if "municipality" in series.geography else REGIONS
    if unknown := regions - set(known):
        fail(f"okända regionkoder {sorted(unknown)}")
    if series.regional and not partial and (missing := set(COUNTIES_AND_RIKET) - regions):
        fail(f"regioner saknas helt: {sorted(missing)}")
    if not series.regional and regions != {RIKET}:
        fail("en nationell serie innehåller andra regioner än riket")
    if bad := set(frame["sex"].unique()) - {"T", "K", "M"}:
        fail(f"okända könskoder {sorted(bad)}")
    duplicated = frame.duplicated(KEY)
    if duplicated.any():
        example = frame.loc[duplicated, KEY].iloc[0].to_dict()
        fail(f"{int(duplicated.sum())} dubblerade rader, t.ex. {example}")
    values = frame["value"]
    if np.isinf(values).any():
        fail("oändliga värden")
    if (values.isna() & (frame["status"] == "")).any():
        fail("saknade värden utan statuskod")
    if values.notna().sum() == 0:
        fail("alla värden saknas")
    horizon = pd.Timestamp(today or date.today()) + pd.DateOffset(months=1)
    if (frame["period"] > horizon).any():
        fail(f"perioder i framtiden: {frame['period'].max():%Y-%m}")
    for measure_id in measures:
        low, high = PLAUSIBLE.get(series.measure(measure_id).unit, (-np.inf, np.inf))
        part = values[frame["measure"] == measure_id].dropna()
        if ((part < low) | (part > high)).any():
            fail(f"{measure_id}: värden utanför rimligt intervall [{low}, {high}]: {part.min():g}–{part.max():g}")
