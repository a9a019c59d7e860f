"""The fake Kolada v3: KPI values by municipality id and year, paged through `next_url`.

Which ids a KPI has values for follows the recorded KPI catalogue (`municipality_type`: K =
municipalities only, L = regions, A = all): a K KPI asked for a county id answers no rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from regstats.fakes import recorded, synthetic
from regstats.geography import COUNTIES, RIKET, municipalities_of

PAGE_SIZE = 200  # smaller than clients ask for, so paging is exercised


class FakeKolada:
    def __init__(self, today: date) -> None:
        self.last_year = today.year - 1 if today.month >= 4 else today.year - 2
        self.use_v2_paging = False  # switch: answer with v2's `next_page` instead of `next_url`
        self.offsets: dict[str, float] = {}  # switch: shift a KPI so the cross-check must warn

    def value(self, kpi: str, area: str, gender: str, year: int) -> float | None:
        value = self._value(kpi, area, gender, year)
        return None if value is None else value + self.offsets.get(kpi, 0.0)

    def _value(self, kpi: str, area: str, gender: str, year: int) -> float | None:
        """Synthetic (marked as sample where stored): a municipality follows its county, moved by
        a fixed amount of its own, so a municipality map has something to tell apart."""
        municipal = not area.startswith("00")
        region = area[:2] if municipal else (RIKET if area == "0000" else area[2:])
        spread = _spread(area) - 0.5 if municipal else 0.0
        months = [date(year, m, 1) for m in range(1, 13)]
        if kpi == "N03941":
            return round(float(np.mean([_af_share(region, gender, d) for d in months])) - 0.2 + 3 * spread, 1)
        if kpi == "N00938":
            return round(float(np.mean([synthetic.sick_pay_days(region, gender, d) for d in months])) + 4 * spread, 1)
        if kpi == "N01951":
            people = synthetic.population(region, gender, date(year, 12, 1))
            return float(round(people * _share(area))) if municipal else float(round(people))
        return None

    def page(self, kpi: str, ids: list[str], years: list[int], page: int, base: str, path: str) -> dict[str, Any]:
        items = []
        for area in ids:
            if not _has_values(kpi, area):
                continue
            for year in years:
                if year > self.last_year:
                    continue
                values = [
                    {"gender": g, "count": 1, "status": "", "value": self.value(kpi, area, g, year)}
                    for g in ["K", "M", "T"]
                ]
                if area == "2380" and year == self.last_year:
                    values.append({"gender": "T", "count": 1, "status": "", "value": 1.0, "isdeleted": True})
                items.append({"kpi": kpi, "municipality": area, "period": year, "values": values})
        chunk = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        more = page * PAGE_SIZE < len(items)
        next_link = f"{base}{path}?page={page + 1}&per_page={PAGE_SIZE}" if more else None
        key = "next_page" if self.use_v2_paging else "next_url"
        return {"count": len(items), "values": chunk, key: next_link, "previous_url": None}


@cache
def _spread(code: str) -> float:
    """A fixed number in [0, 1) per area code."""
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) / 16**8


def _share(municipality: str) -> float:
    """A municipality's fixed share of its county's population (the shares sum to 1)."""
    codes = municipalities_of(municipality[:2])
    weights = {code: 0.2 + _spread(code) for code in codes}
    return weights[municipality] / sum(weights.values())


def kpi_rows() -> dict[str, dict[str, str]]:
    """The recorded rows of Kolada's KPI catalogue (`GET /v3/kpi`) for the KPIs regstats uses."""
    rows = csv.DictReader(io.StringIO(recorded.text("kolada_kpi_catalog_v3.extract.csv")))
    return {row["id"]: row for row in rows}


def kpi_types() -> dict[str, str]:
    return {kpi: row["municipality_type"] for kpi, row in kpi_rows().items()}


def kpi_answer(ids: list[str]) -> dict[str, Any]:
    """`GET /v3/kpi/{ids}`: the catalogue's rows in the `values` envelope Kolada lists use."""
    values = [dict(kpi_rows()[i]) for i in ids if i in kpi_rows()]
    return {"count": len(values), "values": values}


def _has_values(kpi: str, area: str) -> bool:
    kind = kpi_types().get(kpi, "A")
    is_municipality = not area.startswith("00")
    return kind == "A" or (kind == "K") == is_municipality


def _af_share(region: str, gender: str, month: date) -> float:
    if region == RIKET:
        weights = {c: synthetic.labour_force(c, gender, month) for c in COUNTIES}
        return sum(synthetic.af_rate(c, gender, month) * w for c, w in weights.items()) / sum(weights.values())
    return synthetic.af_rate(region, gender, month)
