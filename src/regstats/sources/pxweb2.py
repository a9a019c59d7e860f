"""SCB PxWebApi 2.0: config, table probe and discovery, metadata-driven selections, data."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from regstats.catalog import Query
from regstats.errors import ContractError
from regstats.sources._http import HttpClient
from regstats.sources.base import Piece, SourceVersion, plan_time_chunks
from regstats.sources.jsonstat import parse_jsonstat2
from regstats.sources.selection import TableVariable, resolve, to_tidy

LANG = {"lang": "sv"}


def variables_from_metadata(doc: dict[str, Any]) -> list[TableVariable]:
    """json-stat2 metadata (`value: []`) → variables with codes, labels and elimination flags."""
    try:
        time_ids = set((doc.get("role") or {}).get("time") or [])
        variables = []
        for dim_id in doc["id"]:
            dim = doc["dimension"][dim_id]
            category = dim["category"]
            index = category.get("index") or {c: i for i, c in enumerate(category["label"])}
            codes = (
                list(index) if isinstance(index, list) else [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
            )
            extension = dim.get("extension") or {}
            variables.append(
                TableVariable(
                    code=dim_id,
                    label=str(dim.get("label", dim_id)),
                    values=[str(c) for c in codes],
                    value_labels={str(k): str(v) for k, v in category.get("label", {}).items()},
                    elimination=bool(extension.get("elimination", False)),
                    is_time=dim_id in time_ids,
                )
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ContractError(f"PxWebApi 2.0-metadata har oväntad form (saknar {exc})") from None
    return variables


def version_from_table(doc: dict[str, Any]) -> SourceVersion:
    try:
        return SourceVersion(
            table=str(doc["id"]),
            label=str(doc.get("label", "")),
            updated=doc.get("updated"),
            last_period=doc.get("lastPeriod"),
            discontinued=doc.get("discontinued"),
        )
    except (KeyError, TypeError) as exc:
        raise ContractError(f"Tabellbeskrivningen saknar {exc}") from None


def parse_table_listing(doc: Any) -> tuple[list[SourceVersion], int]:
    """`GET /tables` → the tables on this page and the number of pages."""
    try:
        return [version_from_table(t) for t in doc["tables"]], int(doc["page"]["totalPages"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"SCB:s tabellista saknar {exc}") from None


def parse_codelist(doc: Any) -> dict[str, tuple[str, list[str]]]:
    """`GET /codelists/{id}` → code → (label, the codes it aggregates). For `codelist` selections."""
    try:
        return {str(v["code"]): (str(v["label"]), [str(c) for c in v.get("valueMap", [])]) for v in doc["values"]}
    except (KeyError, TypeError) as exc:
        raise ContractError(f"SCB:s kodlista har oväntad form (saknar {exc})") from None


class PxWeb2Client:
    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self._config: dict[str, Any] | None = None
        self._metadata: dict[str, list[TableVariable]] = {}

    @property
    def max_cells(self) -> int:
        return int(self.config().get("maxDataCells") or 100_000)

    def config(self) -> dict[str, Any]:
        """Read the limits once per run and apply them to the rate limiter (never hard-coded)."""
        if self._config is None:
            doc = self.http.get(self.http.url("config"), params=LANG).json(self.http.publisher.id)
            if not isinstance(doc, dict) or "maxDataCells" not in doc:
                raise ContractError("SCB:s /config saknar maxDataCells", url=self.http.url("config"))
            calls, window = doc.get("maxCallsPerTimeWindow"), doc.get("timeWindow")
            if calls and window:
                self.http.limiter.configure(int(calls), float(window))
            self._config = doc
        return self._config

    def table(self, table_id: str) -> SourceVersion:
        url = self.http.url(f"tables/{table_id}")
        return version_from_table(self.http.get(url, params=LANG).json(self.http.publisher.id))

    def search(self, query: str, title_pattern: str) -> SourceVersion:
        """Find a table whose id is not verified: search, match the title, prefer the newest."""
        pattern = re.compile(title_pattern)
        hits: list[SourceVersion] = []
        page, pages = 1, 1
        while page <= pages and page <= 20:
            params = {**LANG, "query": query, "pageSize": 100, "pageNumber": page}
            found, pages = parse_table_listing(self.http.get(self.http.url("tables"), params=params).json("scb"))
            hits += found
            page += 1
        matching = [h for h in hits if pattern.search(h.label) and not h.discontinued]
        if not matching:
            raise ContractError(
                f"Ingen aktiv tabell hos SCB matchar {title_pattern!r} (sökning {query!r}, {len(hits)} träffar)",
                hint="sök upp tabellen i Statistikdatabasen och uppdatera katalogen",
            )
        return max(matching, key=lambda h: (h.last_period or "", h.updated or ""))

    def locate(self, query: Query) -> SourceVersion:
        """The freshness probe: one request per table (limits are read only when data is fetched)."""
        if query.table:
            return self.table(query.table)
        assert query.search and query.title_pattern
        return self.search(query.search, query.title_pattern)

    def codelist(self, codelist_id: str) -> dict[str, tuple[str, list[str]]]:
        url = self.http.url(f"codelists/{codelist_id}")
        return parse_codelist(self.http.get(url, params=LANG).json("scb"))

    def metadata(self, table_id: str) -> list[TableVariable]:
        """Cached per run: several queries of a series may read the same table."""
        if table_id not in self._metadata:
            url = self.http.url(f"tables/{table_id}/metadata")
            doc = self.http.get(url, params=LANG).json("scb")
            self._metadata[table_id] = variables_from_metadata(doc)
        return self._metadata[table_id]

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        start = self.http.request_count
        self.config()
        resolved = resolve(query, self.metadata(version.table))
        time_var = resolved.time_variable
        chunks = plan_time_chunks(resolved.selection, time_var, self.max_cells)
        url = self.http.url(f"tables/{version.table}/data")
        frames, notes, mandatory = [], [], []
        for time_codes in chunks:
            selection = []
            for var, codes in resolved.selection.items():
                if codes is None:
                    continue  # eliminable and not wanted: the publisher sums it away
                item: dict[str, Any] = {
                    "variableCode": var,
                    "valueCodes": time_codes if var == time_var else codes,
                }
                if var in resolved.codelists:
                    item["codelist"] = resolved.codelists[var]
                selection.append(item)
            fetched = self.http.post_json(url, {"selection": selection}, params={**LANG, "outputFormat": "json-stat2"})
            dataset = parse_jsonstat2(fetched.json("scb"), source=fetched.url)
            frames.append(to_tidy(dataset.frame, resolved, query))
            notes, mandatory = dataset.notes, dataset.mandatory_notes
        return Piece(
            frame=pd.concat(frames, ignore_index=True),
            version=version,
            notes=notes,
            mandatory_notes=mandatory,
            requests=self.http.request_count - start,
        )
