"""Kolada values saved by hand: the API's JSON (`{values: [{kpi, municipality, period, values}]}`)
or the same values flattened to CSV, one row per gender (as Kolada's API clients write them,
e.g. rKolada: kpi, municipality_id, year, gender, value, status)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from regstats.catalog import get_series
from regstats.errors import ContractError
from regstats.sources.kolada import area_code, parse_page
from regstats.tidy import TIDY_COLUMNS

CSV_COLUMNS = {"kpi": ("kpi",), "area": ("municipality_id", "municipality"), "year": ("year", "period")}


def _measures() -> dict[str, str]:
    (query,) = get_series("kolada").queries
    return dict(query.measures)


def _known(kpis: set[str]) -> dict[str, str]:
    measures = _measures()
    if unknown := sorted(kpis - set(measures)):
        raise ContractError(
            f"Kolada-filen har nyckeltal som katalogen inte använder: {', '.join(unknown[:5])}",
            hint=f"regstats läser {', '.join(measures)}",
        )
    return measures


def is_kolada_json(doc: Any) -> bool:
    values = doc.get("values") if isinstance(doc, dict) else None
    return isinstance(values, list) and bool(values) and isinstance(values[0], dict) and "kpi" in values[0]


def from_json(doc: dict[str, Any]) -> pd.DataFrame:
    measures = _known({str(item.get("kpi")) for item in doc["values"]})
    records, _ = parse_page(doc, measures)
    return pd.DataFrame.from_records(records, columns=TIDY_COLUMNS)


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [h.strip().lower() for h in next(csv.reader(handle), [])]


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in header), None)


def is_kolada_csv(path: Path) -> bool:
    header = _header(path)
    return all(_column(header, names) for names in CSV_COLUMNS.values()) and {"gender", "value"} <= set(header)


def from_csv(path: Path) -> pd.DataFrame:
    from regstats.imports.tables import check_cells

    check_cells(path)
    raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig").rename(columns=str.lower)
    header = list(raw.columns)
    kpi, area, year = (_column(header, names) for names in CSV_COLUMNS.values())
    measures = _known(set(raw[kpi]))
    values = pd.to_numeric(raw["value"], errors="coerce")
    status = raw["status"].fillna("") if "status" in raw else pd.Series("", index=raw.index)
    return pd.DataFrame(
        {
            "region_code": raw[area].str.zfill(4).map(area_code),
            "period": pd.to_datetime(raw[year].str.strip() + "-01-01"),
            "sex": raw["gender"].str.strip(),
            "breakdown": "",
            "measure": raw[kpi].map(measures),
            "value": values,
            "status": status.where(values.notna() | (status != ""), ".."),
        }
    )[TIDY_COLUMNS]
