"""Unemployment by group from AF's BAS-share workbook (§0b): a group's share is Σ numerators /
Σ denominators over the area's municipalities, never an average of their shares; a masked count
is flagged, never guessed. Checked against sums computed here from the records written into the
workbook, for any mix of municipalities, counties and masked cells."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from regstats.fakes.xlsx import pivot_workbook_bytes
from regstats.geography import COUNTIES, RIKET, municipalities_of
from regstats.sources.af import recipes

BASE = ["PERIOD", "LAN", "KOM", "TOTAK", "KVIAK", "MANAK", "KVISOK", "MANSOK"]
PAIRS = [("UNG", "18-24"), ("UTR", "utrikes_fodda"), ("FG", "forgymnasial")]
FIELDS = BASE + [f"{g}{s}{k}" for g, _ in PAIRS for s in ["", "K", "M"] for k in ["SOK", "AK"]]
CALCULATED = {f"{g}ANDEL": f"={g}SOK/{g}AK" for g, _ in PAIRS}
LANS = {code: COUNTIES[code] for code in ["23", "01", "25"]}

municipality = st.fixed_dictionaries(
    {
        "county": st.sampled_from(sorted(LANS)),
        "counts": st.lists(st.integers(0, 5000), min_size=len(FIELDS) - 3, max_size=len(FIELDS) - 3),
        "masked": st.sampled_from([None, "UNGSOK", "UTRKSOK", "FGMAK"]),
    }
)


def _workbook(rows: list[dict]) -> tuple[dict[str, io.BytesIO], pd.DataFrame]:
    records, table = [], []
    for i, row in enumerate(rows):
        names = list(municipalities_of(row["county"]).values())
        cells: dict[str, object] = {"PERIOD": "2026-10", "LAN": LANS[row["county"]], "KOM": names[i % len(names)]}
        cells |= dict(zip(FIELDS[3:], row["counts"], strict=True))
        # a denominator is at least its numerator, as a labour force is at least its unemployed
        for g, _ in PAIRS:
            for s in ["", "K", "M"]:
                cells[f"{g}{s}AK"] = cells[f"{g}{s}AK"] + cells[f"{g}{s}SOK"] + 1
        if row["masked"]:
            cells[row["masked"]] = "<5"
        records.append([cells[f] for f in FIELDS])
        table.append({**cells, "region": row["county"]})
    shared = {"PERIOD": ["2026-10"], "LAN": list(LANS.values()), "KOM": sorted({r[2] for r in records})}
    data = pivot_workbook_bytes(FIELDS, records, shared, calculated=CALCULATED)
    return {"web-inskrivna-arbetslosa-andel-av-bas": io.BytesIO(data)}, pd.DataFrame(table)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(municipality, min_size=1, max_size=8))
def test_every_group_share_is_the_sum_of_numerators_over_the_sum_of_denominators(rows):
    """For Riket, every county and every municipality (a municipality listed twice is one)."""
    files, table = _workbook(rows)
    frame = recipes.unemployment_share(files)
    codes = {name: code for county in LANS for code, name in municipalities_of(county).items()}
    table["municipality"] = table["KOM"].map(codes)
    areas = [*sorted(set(table["region"])), RIKET, *sorted(set(table["municipality"]))]
    for region in areas:
        within = (table["region"] == region) | (table["municipality"] == region)
        area = table if region == RIKET else table[within]
        municipal = len(region) == 4
        for group, breakdown in PAIRS:
            for sex, part in [("T", ""), ("K", "K"), ("M", "M")]:
                if municipal and sex != "T":  # a municipality's groups are kept for both sexes only
                    assert frame[(frame.region_code == region) & (frame.sex == sex) & (frame.breakdown != "")].empty
                    continue
                numerator, denominator = area[f"{group}{part}SOK"], area[f"{group}{part}AK"]
                masked = (numerator == "<5").any() or (denominator == "<5").any()
                known_num = pd.to_numeric(numerator, errors="coerce")
                known_den = pd.to_numeric(denominator, errors="coerce")
                got = frame[
                    (frame.region_code == region)
                    & (frame.sex == sex)
                    & (frame.breakdown == breakdown)
                    & (frame.measure == "share")
                ]
                assert len(got) == 1, (region, group, sex)
                value, status = got["value"].item(), got["status"].item()
                if known_num.isna().all() or known_den.isna().all():
                    assert np.isnan(value), (region, group, sex)  # every part masked: no number at all
                else:
                    assert np.isclose(value, 100 * known_num.sum() / known_den.sum()), (region, group, sex)
                assert (status == "<5") == masked, (region, group, sex, status)


def test_a_workbook_without_group_fields_gives_the_totals_alone():
    """The older file (to 2022-12) has no group pairs: the totals read as before, no group rows."""
    fields = BASE
    record = ["2026-10", "Jämtlands län", "Östersund", 1000, 480, 520, 20, 30]
    shared = {"PERIOD": ["2026-10"], "LAN": ["Jämtlands län"], "KOM": ["Östersund"]}
    data = pivot_workbook_bytes(fields, [record], shared)
    frame = recipes.unemployment_share({"web-inskrivna-arbetslosa-andel-av-bas": io.BytesIO(data)})
    assert set(frame["breakdown"]) == {""}
    share = frame[(frame.region_code == "23") & (frame.sex == "T") & (frame.measure == "share")]["value"].item()
    assert share == 5.0


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(municipality, min_size=1, max_size=8))
def test_each_municipality_has_its_own_rows_summed_by_code(rows):
    """A municipality listed twice (Heby has sat under two counties) is one municipality: its rows
    are the sum of its records, by code, and a county is the sum of the records under it."""
    files, table = _workbook(rows)
    frame = recipes.unemployment_share(files)
    codes = {name: code for county in LANS for code, name in municipalities_of(county).items()}
    for name, part in table.groupby("KOM"):
        got = frame[
            (frame.region_code == codes[name])
            & (frame.measure == "labour_force")
            & (frame.sex == "T")
            & (frame.breakdown == "")
        ]
        assert got["value"].item() == pd.to_numeric(part["TOTAK"]).sum()


def test_an_unknown_municipality_name_stops_the_series_naming_it():
    import pytest

    from regstats.errors import ContractError

    record = ["2026-10", "Jämtlands län", "Atlantis", 1000, 480, 520, 20, 30]
    shared = {"PERIOD": ["2026-10"], "LAN": ["Jämtlands län"], "KOM": ["Atlantis"]}
    data = pivot_workbook_bytes(BASE, [record], shared)
    with pytest.raises(ContractError, match="Okänd kommun 'Atlantis'"):
        recipes.unemployment_share({"web-inskrivna-arbetslosa-andel-av-bas": io.BytesIO(data)})
