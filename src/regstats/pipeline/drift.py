"""The drift guard: a new version of a series is compared with the stored one before anything
is written, and refused — naming old and new — when the publisher seems to have changed what
its numbers mean rather than published new ones. Pure functions.

Refused unless the analyst accepts the change (`regstats refresh --accept-change SERIES`, which
records it as a break):
- the contract: a measure's label, unit, base or decimals changed (json-stat2 `unit`, FK's
  column labels);
- a mass revision: more than MASS_SHARE of the historical values changed — historical meaning
  older than the RECENT newest periods, which preliminary statistics revise as a matter of
  course — or their median ratio new/old moved beyond LEVEL_SHIFT (a scale change such as
  antal → 1000-tal divides every value by 1 000);
- lost coverage: a region, measure or period the stored version has is missing.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from regstats.tidy import KEY

MASS_SHARE = 0.5
RECENT = 12
MIN_HISTORY = 24  # fewer comparable historical values say nothing about a mass revision
LEVEL_SHIFT = 1.5
MAX_LISTED = 4


def _sv(text: str) -> str:
    return re.sub(r"\b1 decimaler\b", "1 decimal", text)  # stored as written; said in Swedish


def contract_changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Keys both versions describe whose text differs, e.g. a unit 'antal' → '1000-tal'."""
    return [
        f"{key}: {_sv(old[key])!r} → {_sv(new[key])!r}"
        for key in sorted(old.keys() & new.keys())
        if old[key] != new[key]
    ]


def unpinned_units(expected: list[str], contract: dict[str, str]) -> list[str]:
    """Units the publisher states that the catalog does not expect for the series (scale
    included): checked on every refresh, so a first refresh is guarded like a later one."""
    if not expected:
        return []
    problems = []
    for key, text in sorted(contract.items()):
        if key.endswith(": enhet") and text.split(",")[0].strip() not in expected:
            problems.append(f"{key}: {_sv(text)!r}, katalogen väntar {' eller '.join(map(repr, expected))}")
    return problems


def lost_coverage(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    problems = []
    for column, what in [("region_code", "regioner"), ("measure", "mätningar")]:
        if missing := sorted(set(old[column]) - set(new[column])):
            problems.append(f"{what} som finns i den lagrade versionen saknas: {', '.join(missing[:MAX_LISTED])}")
    gone = sorted(set(old["period"]) - set(new["period"]))
    if gone:
        listed = ", ".join(f"{p:%Y-%m}" for p in gone[:MAX_LISTED])
        problems.append(f"{len(gone)} perioder som finns i den lagrade versionen saknas: {listed}")
    return problems


def mass_revision(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    periods = sorted(old["period"].unique())
    if len(periods) <= RECENT:
        return []
    history = old[old["period"] < periods[-RECENT]]
    both = history[[*KEY, "value"]].merge(new[[*KEY, "value"]], on=KEY, suffixes=("_old", "_new")).dropna()
    if len(both) < MIN_HISTORY:
        return []
    changed = ~np.isclose(both["value_old"], both["value_new"], rtol=1e-9, atol=1e-9)
    problems = []
    share = float(changed.mean())
    if share > MASS_SHARE:
        problems.append(
            f"{int(changed.sum())} av {len(both)} historiska värden ändrades "
            f"({100 * share:.0f} %, gränsen är {100 * MASS_SHARE:.0f} %)"
        )
    moved = both[changed & (both["value_old"] != 0)]
    if len(moved):
        ratio = float((moved["value_new"] / moved["value_old"]).median())
        if not 1 / LEVEL_SHIFT <= ratio <= LEVEL_SHIFT:
            shown = f"{ratio:.4g}".replace(".", ",")
            problems.append(f"nivåskifte: ändrade värden är i median {shown} gånger de lagrade (skaländring?)")
    return problems


def drift(
    old: pd.DataFrame | None, old_contract: dict[str, str], new: pd.DataFrame, new_contract: dict[str, str]
) -> list[str]:
    """Every reason the new version looks like a changed meaning rather than new data."""
    if old is None or old.empty:
        return []
    return [*contract_changes(old_contract, new_contract), *lost_coverage(old, new), *mass_revision(old, new)]
