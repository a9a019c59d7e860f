"""Kolada v3: annual KPI values for Riket, the counties and all 290 municipalities, by gender.

At most 25 ids per path segment; pages are followed through `next_url` (v2's `next_page` is
accepted too); rows marked `isdeleted` are dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from regstats.catalog import Query
from regstats.errors import ContractError
from regstats.geography import COUNTIES, MUNICIPALITIES, RIKET
from regstats.sources._http import HttpClient
from regstats.sources.base import Description, Piece, SourceVersion
from regstats.tidy import TIDY_COLUMNS

MAX_IDS = 25
MAX_PAGES = 200


LEVEL_IDS = {
    "riket": ["0000"],
    "county": [f"00{c}" for c in COUNTIES],
    "municipality": list(MUNICIPALITIES),
}


def kolada_ids(levels: list[str] | None = None) -> list[str]:
    """Kolada ids for the geography a KPI exists for (a K-type KPI has no county values)."""
    return [i for level in (levels or LEVEL_IDS) for i in LEVEL_IDS[level]]


def area_code(kolada_id: str) -> str:
    """'0000' → '00' (Riket), '0023' → '23' (the region), '2380' → '2380' (a municipality)."""
    if kolada_id == "0000":
        return RIKET
    return kolada_id[2:] if kolada_id.startswith("00") else kolada_id


def parse_page(doc: Any, measures: dict[str, str]) -> tuple[list[dict[str, Any]], str | None]:
    try:
        records = []
        for item in doc["values"]:
            for cell in item["values"]:
                if cell.get("isdeleted"):
                    continue
                value = cell.get("value")
                records.append(
                    {
                        "region_code": area_code(str(item["municipality"])),
                        "period": pd.Timestamp(int(item["period"]), 1, 1),
                        "sex": str(cell["gender"]),
                        "breakdown": "",
                        "measure": measures[str(item["kpi"])],
                        "value": float(value) if value is not None else float("nan"),
                        "status": str(cell.get("status") or "") or ("" if value is not None else ".."),
                    }
                )
        return records, doc.get("next_url") or doc.get("next_page")
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"Koladas svar har oväntad form (fältet {exc} saknas eller har fel typ)") from None


class KoladaClient:
    def __init__(self, http: HttpClient, today: date | None = None) -> None:
        self.http = http
        self.today = today or date.today()

    def describe(self, query: Query, version: SourceVersion | None = None, deep: bool = False) -> Description:
        """The KPIs still exist and exist for the geography the catalog asks them for
        (`municipality_type` K = municipalities only), read from `GET /kpi/{ids}`; their titles,
        types and sex split are the facts a refresh fingerprints."""
        url = self.http.url(f"kpi/{','.join(query.measures)}")
        doc = self.http.get(url).json("kolada")
        try:
            rows = {str(item["id"]): item for item in doc["values"]}
            kinds = {kpi: str(item.get("municipality_type", "")) for kpi, item in rows.items()}
        except (KeyError, TypeError) as exc:
            raise ContractError(f"Koladas nyckeltalsbeskrivning har oväntad form (saknar {exc})", url=url) from None
        if missing := [kpi for kpi in query.measures if kpi not in kinds]:
            raise ContractError(f"Kolada har inte längre nyckeltalen {', '.join(missing)}", url=url)
        for kpi, kind in kinds.items():
            municipal = query.geography.get(kpi) == ["municipality"]
            if (kind == "K") != municipal:
                raise ContractError(
                    f"{kpi} är av typ {kind or '?'} hos Kolada men katalogen frågar efter "
                    + ("bara kommuner" if municipal else "län och riket"),
                    url=url,
                    hint="rätta katalogens geography för nyckeltalet",
                )
        facts = {}
        for kpi in query.measures:
            row = rows[kpi]
            facts |= {
                f"{kpi}: titel": str(row.get("title", "")),
                f"{kpi}: typ": kinds[kpi],
                f"{kpi}: per kön": str(row.get("is_divided_by_gender", "")),
            }
        table = "Kolada " + ", ".join(query.measures)
        return Description(table, facts, checked=f"{table}: titel, typ (kommun/län), könsuppdelning")

    def locate(self, query: Query) -> SourceVersion:
        return SourceVersion("kolada:" + ",".join(query.measures), "Kolada " + ", ".join(query.measures), None)

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        start = self.http.request_count
        first = query.from_year or self.today.year - 10
        years = ",".join(str(y) for y in range(first, self.today.year + 1))
        records: list[dict[str, Any]] = []
        for kpi in query.measures:
            ids = kolada_ids(query.geography.get(kpi))
            for i in range(0, len(ids), MAX_IDS):
                url: str | None = self.http.url(
                    f"data/kpi/{kpi}/municipality/{','.join(ids[i : i + MAX_IDS])}/year/{years}"
                )
                params: dict[str, Any] | None = {"per_page": 5000}
                for _ in range(MAX_PAGES):
                    page, url = parse_page(self.http.get(url, params=params).json("kolada"), query.measures)
                    records += page
                    params = None  # next_url carries its own query
                    if not url:
                        break
                    if not url.startswith(self.http.publisher.base_url):
                        raise ContractError(f"Kolada pekar nästa sida till en annan värd: {url}")
        if not records:
            raise ContractError(f"Kolada gav inga värden för {', '.join(query.measures)}")
        return Piece(
            pd.DataFrame.from_records(records, columns=TIDY_COLUMNS), version, requests=self.http.request_count - start
        )
