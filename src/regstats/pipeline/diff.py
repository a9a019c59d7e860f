"""What changed between the stored vintage and a new one. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from regstats.tidy import KEY


@dataclass
class Changes:
    new_periods: list[str] = field(default_factory=list)
    revised: int = 0
    removed: int = 0
    added_rows: int = 0

    @property
    def any(self) -> bool:
        return bool(self.new_periods or self.revised or self.removed or self.added_rows)


def compare(old: pd.DataFrame | None, new: pd.DataFrame) -> Changes:
    if old is None or old.empty:
        periods = sorted(new["period"].dt.strftime("%Y-%m-%d").unique())
        return Changes(new_periods=periods, added_rows=len(new))
    merged = old[[*KEY, "value", "status"]].merge(
        new[[*KEY, "value", "status"]],
        on=KEY,
        how="outer",
        suffixes=("_old", "_new"),
        indicator=True,
    )
    both = merged[merged["_merge"] == "both"]
    same_value = np.isclose(both["value_old"], both["value_new"], rtol=0, atol=1e-9, equal_nan=True)
    revised = int((~same_value | (both["status_old"] != both["status_new"])).sum())
    added = merged[merged["_merge"] == "right_only"]
    new_periods = sorted(set(added["period"].dt.strftime("%Y-%m-%d")) - set(old["period"].dt.strftime("%Y-%m-%d")))
    return Changes(
        new_periods=new_periods,
        revised=revised,
        removed=int((merged["_merge"] == "left_only").sum()),
        added_rows=len(added),
    )
