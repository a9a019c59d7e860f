"""Försäkringskassan's statistics API, as it really answers (SOURCES.md §0, the transcribed shapes):

- `{dataset}/meta/json` (or `{dataset}/meta.json`: both forms are seen) lists the tables under
  `filter.uppdelning` and dimensions under `filter.dimension` as `{key, label, values: [{key, label}]}`;
- `{dataset}/{table}.json?<key>=<comma list>` answers a JSON array of rows
  `{dimensions: {...}, observations: {<measure>: {rojd, value}}}`, without paging;
- Riket is `lan_kod=ALL` (with `kommun_kod=ALL_ALL`), a county `NN` (with `ALL_NN`);
- the month key is `manad` in some datasets and `man` in others, so months are not asked for
  (every month of the asked years comes back) and are read under either key;
- a wrong table, key or value answers `200 []`: an empty answer is an error, never "no data".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from regstats.catalog import Query
from regstats.errors import ContractError, PublisherError
from regstats.geography import COUNTIES, RIKET
from regstats.sources._http import HttpClient
from regstats.sources.base import Description, Piece, SourceVersion, digest
from regstats.tidy import TIDY_COLUMNS

MONTH_KEYS = ("manad", "man")
SEX_CODES = {"ALL": "T", "K": "K", "M": "M"}
REGION_VALUES = {  # catalog token → the publisher's values
    "counties_and_riket": ["ALL", *COUNTIES],
    "county_totals": ["ALL_ALL", *(f"ALL_{c}" for c in COUNTIES)],
}


@dataclass(frozen=True)
class FkDimension:
    key: str
    label: str
    codes: list[str]


@dataclass(frozen=True)
class FkMeta:
    tables: list[str]
    dimensions: dict[str, FkDimension]
    columns: dict[str, str]  # measure key → its label (table.columns)


def _key(item: Any) -> str:
    return str(item["key"]) if isinstance(item, dict) else str(item)


def parse_meta(doc: Any) -> FkMeta:
    try:
        found = doc["filter"]
        tables = [_key(t) for t in found["uppdelning"]]
        dimensions = {
            str(d["key"]): FkDimension(str(d["key"]), str(d.get("label", "")), [_key(v) for v in d.get("values", [])])
            for d in found.get("dimension", [])
        }
        columns = {str(c["key"]): str(c.get("label", "")) for c in (doc.get("table") or {}).get("columns", [])}
    except (KeyError, TypeError) as exc:
        keys = list(doc)[:8] if isinstance(doc, dict) else type(doc).__name__
        raise ContractError(
            f"Försäkringskassans meta har oväntad form (saknar {exc}); väntade filter.uppdelning, fick {keys}"
        ) from None
    return FkMeta(tables, dimensions, columns)


def build_params(query: Query, meta: FkMeta, today: date) -> dict[str, str]:
    """The query's parameters, checked against the values meta lists where it lists them."""
    assert query.table
    if query.table not in meta.tables:
        raise ContractError(
            f"Tabellen {query.table!r} finns inte i datasetets meta; tabellerna är: {', '.join(meta.tables)}",
            hint="uppdatera tabellnamnet i katalogen",
        )
    first = query.from_year or today.year - 5
    params = {"ar": ",".join(str(y) for y in range(first, today.year + 1))}
    params |= {key: ",".join(REGION_VALUES[token]) for key, token in query.regions.items()}
    params |= query.params
    for key, value in params.items():
        dim = meta.dimensions.get(key)
        if dim is None or not dim.codes or key == "ar":
            continue  # meta does not list every dimension (ar, manad): nothing to check against
        if unknown := [v for v in value.split(",") if v not in dim.codes]:
            raise ContractError(
                f"Dimensionen {key!r} har inte värdena {unknown[:5]}; meta listar {dim.codes[:12]}",
                hint="Försäkringskassan har ändrat sina koder; uppdatera katalogen",
            )
    return params


def rows_to_tidy(rows: Any, query: Query) -> pd.DataFrame:
    """Rows of {dimensions, observations} → tidy rows; `rojd` cells become flagged missing values."""
    records = []
    try:
        for row in rows:
            dims, observations = row["dimensions"], row["observations"]
            if str(dims.get("kommun_kod", "ALL_ALL")).upper() not in {"ALL", "ALL_ALL", f"ALL_{dims['lan_kod']}"}:
                continue  # a municipality row; the series is for counties and Riket
            month = next((dims[k] for k in MONTH_KEYS if k in dims), None)
            if month is None:
                raise ContractError(
                    f"Raden saknar månad (väntade {' eller '.join(MONTH_KEYS)}); nycklar: {sorted(dims)}"
                )
            region = str(dims["lan_kod"])
            breakdown = str(dims[query.breakdown]) if query.breakdown else ""
            for source_key, measure in query.measures.items():
                if source_key not in observations:
                    raise ContractError(f"Observationen {source_key!r} saknas; raden har {sorted(observations)}")
                cell = observations[source_key] or {}
                suppressed = bool(cell.get("rojd"))
                value = None if suppressed else cell.get("value")
                records.append(
                    {
                        "region_code": RIKET if region.upper() == "ALL" else region.zfill(2),
                        "period": pd.Timestamp(int(dims["ar"]), int(month), 1),
                        "sex": SEX_CODES.get(str(dims["kon_kod"]).upper(), str(dims["kon_kod"])),
                        "breakdown": "" if breakdown.upper() == "ALL" else breakdown,
                        "measure": measure,
                        "value": float(value) if value is not None else float("nan"),
                        "status": "rojd" if suppressed else ("" if value is not None else ".."),
                    }
                )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ContractError(f"Försäkringskassans rader har oväntad form (saknar eller felaktigt {exc})") from None
    return pd.DataFrame.from_records(records, columns=TIDY_COLUMNS)


class FkClient:
    def __init__(self, http: HttpClient, today: date | None = None) -> None:
        self.http = http
        self.today = today or date.today()
        self._meta: dict[str, FkMeta] = {}

    def meta(self, dataset: str) -> FkMeta:
        """Both spellings of the meta address are seen in public code; try the other on 404."""
        if dataset not in self._meta:
            for i, path in enumerate((f"{dataset}/meta/json", f"{dataset}/meta.json")):
                try:
                    doc = self.http.get(self.http.url(path)).json("fk")
                    break
                except PublisherError as exc:
                    if exc.status != 404 or i == 1:
                        raise
            self._meta[dataset] = parse_meta(doc)
        return self._meta[dataset]

    def locate(self, query: Query) -> SourceVersion:
        assert query.dataset and query.table
        build_params(query, self.meta(query.dataset), self.today)  # fail before downloading if the contract moved
        return SourceVersion(f"{query.dataset}/{query.table}", query.table, updated=None)

    def describe(self, query: Query, version: SourceVersion, deep: bool = False) -> Description:
        """The dataset's meta as the query reads it: the table, the dimensions it filters on (their
        codes; years and months grow and are left out) and the measures' column labels."""
        assert query.dataset and query.table
        meta = self.meta(query.dataset)
        params = build_params(query, meta, self.today)
        facts = {"tabell": query.table}  # build_params refused a table meta does not list
        for key in sorted(params):
            dim = meta.dimensions.get(key)
            if dim is not None and key not in {"ar", *MONTH_KEYS}:
                facts[f"dimension {key}"] = f"{dim.label}; {len(dim.codes)} koder ({digest(dim.codes)})"
        contract = _measure_labels(query, meta)
        return Description(version.table, facts | contract, contract, f"{version.table}: meta, dimensioner, mått")

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        assert query.dataset and query.table
        start = self.http.request_count
        params = build_params(query, self.meta(query.dataset), self.today)
        fetched = self.http.get(self.http.url(f"{query.dataset}/{query.table}.json"), params=params)
        rows = fetched.json("fk")
        if not isinstance(rows, list):
            raise ContractError("Försäkringskassan svarade inte med en lista av rader", url=fetched.url)
        if not rows:
            sent = ", ".join(f"{k}={v}" for k, v in params.items())
            raise ContractError(
                f"Försäkringskassan svarade med en tom lista för en fråga som måste ha data ({sent})",
                url=fetched.url,
                hint="tabellnamn eller parametrar stämmer inte längre; API:t säger inte vilket",
            )
        contract = _measure_labels(query, self.meta(query.dataset))
        return Piece(rows_to_tidy(rows, query), version, requests=self.http.request_count - start, contract=contract)


def _measure_labels(query: Query, meta: FkMeta) -> dict[str, str]:
    return {f"{query.dataset} {key}: etikett": meta.columns[key] for key in query.measures if key in meta.columns}
