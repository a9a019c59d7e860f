"""Försäkringskassan's statistics API: read a dataset's meta to learn its dimensions and table
names, build the query from it, and turn rows of observations into tidy rows.

The meta format is not verified against a recorded answer (SOURCES.md §3 marks the JSON keys
[?]); the parser accepts the plausible spellings and says exactly what it found otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from regstats.catalog import Query
from regstats.errors import ContractError
from regstats.geography import COUNTIES, RIKET
from regstats.sources._http import HttpClient
from regstats.sources.base import Piece, SourceVersion
from regstats.sources.selection import TIDY_COLUMNS

ROLE_KEYS = {
    "year": re.compile(r"^(ar|år|year)$", re.IGNORECASE),
    "month": re.compile(r"^(manad|månad|month)$", re.IGNORECASE),
    "region": re.compile(r"^lan(_kod)?$", re.IGNORECASE),
    "sex": re.compile(r"^kon(_kod)?$", re.IGNORECASE),
}
TOTAL = re.compile(r"^(ALL|TOT|samtliga|totalt|kvinnor och män)", re.IGNORECASE)
SEX_CODES = {"ALL": "T", "K": "K", "M": "M"}


@dataclass(frozen=True)
class FkDimension:
    key: str
    label: str
    codes: list[str]
    labels: dict[str, str]


@dataclass(frozen=True)
class FkMeta:
    tables: list[str]
    dimensions: list[FkDimension]


def _first(item: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in item:
            return item[key]
    raise KeyError(keys[0])


def parse_meta(doc: Any) -> FkMeta:
    try:
        tables = [t if isinstance(t, str) else str(_first(t, "name", "id", "table")) for t in doc["tables"]]
        dimensions = []
        for dim in _first(doc, "dimensions", "dimensioner"):
            values = _first(dim, "values", "varden", "värden")
            codes = [str(v if not isinstance(v, dict) else _first(v, "code", "kod", "value")) for v in values]
            labels = {
                code: str(v.get("label", v.get("text", code)) if isinstance(v, dict) else v)
                for code, v in zip(codes, values, strict=True)
            }
            dimensions.append(
                FkDimension(str(_first(dim, "key", "id", "name")), str(dim.get("label", "")), codes, labels)
            )
    except (KeyError, TypeError) as exc:
        raise ContractError(
            f"Försäkringskassans meta har oväntad form (saknar {exc}); nycklar: {list(doc)[:8]}"
            if isinstance(doc, dict)
            else "Försäkringskassans meta är inte ett JSON-objekt"
        ) from None
    return FkMeta(tables, dimensions)


def build_params(query: Query, meta: FkMeta, today: date) -> dict[str, str]:
    """Every dimension gets an explicit value: ours for time/region/sex, the total for the rest."""
    assert query.table
    if query.table not in meta.tables:
        raise ContractError(
            f"Tabellen {query.table!r} finns inte i datasetets meta; tabellerna är: {', '.join(meta.tables)}",
            hint="uppdatera tabellnamnet i katalogen",
        )
    params: dict[str, str] = {}
    roles_found = set()
    for dim in meta.dimensions:
        role = next((r for r, pattern in ROLE_KEYS.items() if pattern.match(dim.key)), None)
        if dim.key in query.params:
            params[dim.key] = query.params[dim.key]
        elif role == "year":
            first = query.from_year or today.year - 5
            params[dim.key] = ",".join(c for c in dim.codes if c.isdigit() and first <= int(c) <= today.year)
        elif role == "month":
            params[dim.key] = ",".join(f"{m:02d}" for m in range(1, 13))
        elif role == "region":
            params[dim.key] = ",".join(["ALL", *COUNTIES])
        elif role == "sex":
            params[dim.key] = "ALL,K,M"
        elif re.match(r"^kommun", dim.key, re.IGNORECASE):
            # Whole counties are ALL_<län>, Riket ALL (23_ALL silently answers [], per SOURCES.md).
            params[dim.key] = ",".join(c for c in dim.codes if re.fullmatch(r"ALL(_\d{2})?", c))
        else:
            totals = [c for c in dim.codes if TOTAL.match(c) or TOTAL.match(dim.labels.get(c, ""))]
            if not totals:
                raise ContractError(
                    f"Dimensionen {dim.key!r} saknar ett totalvärde och katalogen anger inget",
                    hint=f"ange {dim.key} i katalogens params",
                )
            params[dim.key] = totals[0]
        roles_found.add(role)
    if missing := {"year", "month", "region", "sex"} - roles_found:
        keys = [d.key for d in meta.dimensions]
        raise ContractError(f"Datasetets meta saknar dimensionerna {sorted(missing)}; nycklarna är {keys}")
    return params


def measure_keys(observation_keys: list[str], measures: dict[str, str]) -> dict[str, str]:
    """Catalog pattern → tidy measure, resolved against the answer's observation keys.

    The JSON measure names are not verified (SOURCES.md §3), so the catalog gives patterns and
    each must match exactly one key.
    """
    resolved = {}
    for pattern, measure in measures.items():
        hits = [k for k in observation_keys if re.fullmatch(pattern, k)]
        if len(hits) != 1:
            raise ContractError(
                f"Mätningen {measure!r} ({pattern!r}) matchar {len(hits)} av observationerna {observation_keys}",
                hint="uppdatera katalogens measures",
            )
        resolved[hits[0]] = measure
    return resolved


def rows_to_tidy(rows: Any, query: Query, meta: FkMeta) -> pd.DataFrame:
    """Rows of {dimensions, observations} → tidy rows; `rojd` cells become flagged missing values."""
    keys = {r: next((d.key for d in meta.dimensions if p.match(d.key)), r) for r, p in ROLE_KEYS.items()}
    records = []
    try:
        mapping = measure_keys(sorted(rows[0]["observations"]), query.measures)
        for row in rows:
            dims, observations = row["dimensions"], row["observations"]
            region = str(dims[keys["region"]])
            for source_key, measure in mapping.items():
                if source_key not in observations:
                    raise ContractError(
                        f"Observationen {source_key!r} saknas i en rad; raden har {sorted(observations)}"
                    )
                cell = observations[source_key]
                suppressed = bool(cell.get("rojd"))
                value = None if suppressed else cell.get("value")
                records.append(
                    {
                        "region_code": RIKET if region.upper() == "ALL" else region.zfill(2),
                        "period": pd.Timestamp(int(dims[keys["year"]]), int(dims[keys["month"]]), 1),
                        "sex": SEX_CODES.get(str(dims[keys["sex"]]).upper(), str(dims[keys["sex"]])),
                        "breakdown": "",
                        "measure": measure,
                        "value": float(value) if value is not None else float("nan"),
                        "status": "rojd" if suppressed else ("" if value is not None else ".."),
                    }
                )
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"Försäkringskassans rader har oväntad form ({exc!r})") from None
    return pd.DataFrame.from_records(records, columns=TIDY_COLUMNS)


class FkClient:
    def __init__(self, http: HttpClient, today: date | None = None) -> None:
        self.http = http
        self.today = today or date.today()
        self._meta: dict[str, FkMeta] = {}

    def meta(self, dataset: str) -> FkMeta:
        if dataset not in self._meta:
            self._meta[dataset] = parse_meta(self.http.get(self.http.url(f"{dataset}/meta/json")).json("fk"))
        return self._meta[dataset]

    def locate(self, query: Query) -> SourceVersion:
        assert query.dataset and query.table
        meta = self.meta(query.dataset)
        build_params(query, meta, self.today)  # fail before downloading if the contract moved
        return SourceVersion(f"{query.dataset}/{query.table}", query.table, updated=None)

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        assert query.dataset and query.table
        start = self.http.request_count
        meta = self.meta(query.dataset)
        params = build_params(query, meta, self.today)
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
        return Piece(rows_to_tidy(rows, query, meta), version, requests=self.http.request_count - start)
