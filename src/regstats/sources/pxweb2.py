"""SCB PxWebApi 2.0: config, table probe and discovery, metadata-driven selections, data."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import replace
from typing import Any

import pandas as pd

from regstats.catalog import Query
from regstats.errors import ContractError
from regstats.geography import REGION_SETS
from regstats.sources._http import Fetched, HttpClient
from regstats.sources.base import Description, Piece, SourceVersion, plan_time_chunks
from regstats.sources.described import metadata_units, pxweb_description
from regstats.sources.jsonstat import parse_jsonstat2
from regstats.sources.selection import ResolvedQuery, TableVariable, measure_contract, resolve, to_tidy

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


def version_from_metadata(table_id: str, doc: dict[str, Any]) -> SourceVersion:
    """What a table probe would say, read from the metadata answer itself (label, updated, the
    last time code, extension.discontinued)."""
    try:
        time_id = ((doc.get("role") or {}).get("time") or [None])[0]
        index = doc["dimension"][time_id]["category"]["index"] if time_id else {}
        last = max(index, key=index.get) if index else None
        return SourceVersion(
            table=table_id,
            label=str(doc.get("label", "")),
            updated=doc.get("updated"),
            last_period=last,
            discontinued=(doc.get("extension") or {}).get("discontinued"),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ContractError(f"PxWebApi 2.0-metadata har oväntad form (saknar {exc})") from None


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
        self._config_lock = threading.Lock()  # series of one publisher are refreshed side by side
        self._metadata: dict[str, tuple[list[TableVariable], SourceVersion, dict[str, str]]] = {}
        self._metadata_locks: dict[str, threading.Lock] = {}

    @property
    def max_cells(self) -> int:
        return int(self.config().get("maxDataCells") or 100_000)

    def config(self) -> dict[str, Any]:
        """Read the limits once per run and apply them to the rate limiter (never hard-coded)."""
        with self._config_lock:
            return self._read_config()

    def _read_config(self) -> dict[str, Any]:
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

    def metadata(self, table_id: str) -> tuple[list[TableVariable], SourceVersion]:
        return self._read_metadata(table_id)[:2]

    def _read_metadata(self, table_id: str) -> tuple[list[TableVariable], SourceVersion, dict[str, str]]:
        """Cached per run: the probe's description and the fetch read the same answer, and several
        queries of a series may read the same table at the same time."""
        with self._metadata_locks.setdefault(table_id, threading.Lock()):
            if table_id not in self._metadata:
                url = self.http.url(f"tables/{table_id}/metadata")
                doc = self.http.get(url, params=LANG).json("scb")
                self._metadata[table_id] = (
                    variables_from_metadata(doc),
                    version_from_metadata(table_id, doc),
                    metadata_units(doc) if isinstance(doc, dict) else {},
                )
            return self._metadata[table_id]

    def describe(self, query: Query, version: SourceVersion, deep: bool = False) -> Description:
        """The table's metadata checked against the query (a renamed variable or a missing code
        fails here, before any data is asked for), as facts and the measures' contract."""
        variables, described, units = self._read_metadata(version.table)
        discontinued = bool(version.discontinued or described.discontinued)
        return pxweb_description(version.table, variables, resolve(query, variables), units, discontinued)

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        """Metadata, limits and — where the catalog pins every code — the data itself are asked
        for side by side. The data answer is used only if the selection built from the metadata
        is the one that was sent (a speculative call); otherwise it is dropped and the checked
        selection is asked for, so a changed table still fails loudly."""
        start = self.http.request_count
        guess = pinned_selection(query)
        url = self.http.url(f"tables/{version.table}/data")
        with ThreadPoolExecutor(max_workers=2) as pool:
            config = pool.submit(copy_context().run, self.config)
            early = pool.submit(copy_context().run, self._post, url, guess) if guess else None
            try:
                variables, described = self.metadata(version.table)
            finally:
                config.result()  # its failure first: the metadata call may only have been stopped by it
            resolved = resolve(query, variables)
            chunks = plan_time_chunks(resolved.selection, resolved.time_variable, self.max_cells)
            answers = None
            if (
                early is not None
                and len(chunks) == 1
                and _selection_items(resolved, chunks[0]) == _expanded(guess, resolved)
            ):
                answers = [early.result()]  # a publisher error here is real: the checked selection is the same
            elif early is not None:
                early.exception()  # wait for it and drop it: the metadata asked for something else
        if version.updated is None:  # not probed: the metadata says the same
            version = described
        if answers is None:
            answers = [self._post(url, _selection_items(resolved, codes)) for codes in chunks]
        frames, notes, mandatory = [], [], []
        contract: dict[str, str] = {}
        for fetched in answers:
            dataset = parse_jsonstat2(fetched.json("scb"), source=fetched.url)
            frames.append(to_tidy(dataset.frame, resolved, query))
            contract |= measure_contract(version.table, dataset, resolved)
            if dataset.discontinued:  # a data answer may say it too
                version = replace(version, discontinued=True)
            notes, mandatory = dataset.notes, dataset.mandatory_notes
        return Piece(
            contract=contract,
            frame=pd.concat(frames, ignore_index=True),
            version=version,
            notes=notes,
            mandatory_notes=mandatory,
            requests=self.http.request_count - start,
        )

    def _post(self, url: str, selection: list[dict[str, Any]]) -> Fetched:
        return self.http.post_json(url, {"selection": selection}, params={**LANG, "outputFormat": "json-stat2"})


def _selection_items(resolved: ResolvedQuery, time_codes: list[str]) -> list[dict[str, Any]]:
    """The request body's selection: every variable that is not eliminated, in table order."""
    items = []
    for var, codes in resolved.selection.items():
        if codes is None:
            continue  # eliminable and not wanted: the publisher sums it away
        item: dict[str, Any] = {
            "variableCode": var,
            "valueCodes": time_codes if var == resolved.time_variable else codes,
        }
        if var in resolved.codelists:
            item["codelist"] = resolved.codelists[var]
        items.append(item)
    return items


def pinned_selection(query: Query) -> list[dict[str, Any]] | None:
    """The selection the catalog alone implies, when every variable is named by code and its
    values are pinned codes (all periods: `*`); None when the metadata is needed to choose."""
    if not query.table or query.periods_from:
        return None
    items = []
    for spec in query.variables:
        if not spec.code or spec.from_labels or (spec.labels and not spec.codes):
            return None
        if spec.role == "time":
            codes = ["*"]
        elif isinstance(spec.codes, str):
            codes = list(REGION_SETS[spec.codes])
        elif isinstance(spec.codes, dict):
            codes = list(dict.fromkeys(spec.codes))
        elif isinstance(spec.codes, list):
            codes = list(spec.codes)
        else:
            return None
        item: dict[str, Any] = {"variableCode": spec.code, "valueCodes": codes}
        if spec.codelist:
            item["codelist"] = spec.codelist
        items.append(item)
    return items


def _expanded(guess: list[dict[str, Any]], resolved: ResolvedQuery) -> list[dict[str, Any]]:
    """The guess as the checked selection would spell it: `*` as the table's periods, table order."""
    by_code = {item["variableCode"]: item for item in guess}
    out = []
    for var in resolved.selection:
        if var in by_code:
            item = dict(by_code[var])
            if item["valueCodes"] == ["*"]:
                item["valueCodes"] = resolved.selection[var]
            out.append(item)
    return out if len(out) == len(guess) else []
