"""PxWeb API v1 (Konjunkturinstitutet, Tillväxtanalys): folder listings, table discovery by
title, metadata, and json-stat2 data split to the per-call value limit."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import pandas as pd

from regstats.catalog import Query
from regstats.errors import ContractError
from regstats.sources._http import HttpClient
from regstats.sources.base import Description, Piece, SourceVersion, plan_time_chunks
from regstats.sources.described import pxweb_description
from regstats.sources.jsonstat import parse_jsonstat2
from regstats.sources.selection import TableVariable, measure_contract, resolve, to_tidy


def variables_from_v1(doc: Any) -> tuple[str, list[TableVariable]]:
    try:
        variables = [
            TableVariable(
                code=str(v["code"]),
                label=str(v.get("text", v["code"])),
                values=[str(x) for x in v["values"]],
                # SCB's AKU table sends null valueTexts for regions: a code is then its own label.
                value_labels={
                    str(code): str(text if text is not None else code)
                    for code, text in zip(v["values"], v.get("valueTexts") or v["values"], strict=True)
                },
                elimination=bool(v.get("elimination", False)),
                is_time=bool(v.get("time", False)),
            )
            for v in doc["variables"]
        ]
        return str(doc.get("title", "")), variables
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"PxWeb v1-metadata har oväntad form (fältet {exc} saknas eller har fel typ)") from None


def listing_entries(doc: Any) -> list[dict[str, Any]]:
    if not isinstance(doc, list) or not all(isinstance(e, dict) and "id" in e for e in doc):
        raise ContractError("PxWeb v1-mapplistningen har oväntad form (väntade [{id,type,text}])")
    return doc


class PxWeb1Client:
    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self._variables: dict[str, list[TableVariable]] = {}
        self._lock = threading.Lock()

    def variables(self, table: str) -> list[TableVariable]:
        """The table's metadata, read once per run (the probe's description and the fetch)."""
        with self._lock:
            if table not in self._variables:
                doc = self.http.get(self._url(table)).json(self.http.publisher.id)
                self._variables[table] = variables_from_v1(doc)[1]
            return self._variables[table]

    def describe(self, query: Query, version: SourceVersion, deep: bool = False) -> Description:
        """v1 metadata has variables and codes but no units: those are checked on the data."""
        variables = self.variables(version.table)
        return pxweb_description(version.table, variables, resolve(query, variables))

    def _url(self, path: str) -> str:
        return self.http.url(quote(path.strip("/"), safe="/"))

    def list_folder(self, folder: str) -> list[dict[str, Any]]:
        return listing_entries(self.http.get(self._url(folder)).json(self.http.publisher.id))

    def locate(self, query: Query) -> SourceVersion:
        """Probe freshness from the parent folder's listing; find renamed files by title."""
        if query.table:
            folder, _, name = query.table.rpartition("/")
            entries = [e for e in self.list_folder(folder) if e.get("id") == name]
            if not entries:
                raise ContractError(
                    f"{self.http.name}: tabellen {name!r} finns inte längre i mappen {folder!r}",
                    url=self._url(folder),
                    hint="leta upp tabellens nya namn och uppdatera katalogen",
                )
            entry = entries[0]
            return SourceVersion(query.table, str(entry.get("text", "")), entry.get("updated"))
        assert query.folder and query.title_pattern
        pattern = re.compile(query.title_pattern)
        entries = self.list_folder(query.folder)
        tables = [e for e in entries if e.get("type") == "t" and pattern.search(str(e.get("text")))]
        if not tables:
            titles = "; ".join(str(e.get("text")) for e in entries[:8])
            raise ContractError(
                f"{self.http.name}: ingen tabell i {query.folder!r} har en titel som matchar "
                f"{query.title_pattern!r}. Mappen innehåller: {titles}",
                url=self._url(query.folder),
                hint="uppdatera titelmönstret i katalogen",
            )
        entry = max(tables, key=lambda e: str(e.get("updated") or ""))
        return SourceVersion(f"{query.folder}/{entry['id']}", str(entry.get("text", "")), entry.get("updated"))

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        start = self.http.request_count
        url = self._url(version.table)
        resolved = resolve(query, self.variables(version.table))
        time_var = resolved.time_variable
        limit = self.http.publisher.max_values_per_call or 1000
        chunks = plan_time_chunks(resolved.selection, time_var, limit)
        frames, notes = [], []
        contract: dict[str, str] = {}
        for time_codes in chunks:
            body = {
                "query": [
                    {
                        "code": var,
                        "selection": {
                            "filter": "item",
                            "values": time_codes if var == time_var else codes,
                        },
                    }
                    for var, codes in resolved.selection.items()
                    if codes is not None
                ],
                "response": {"format": "json-stat2"},
            }
            fetched = self.http.post_json(url, body)
            dataset = parse_jsonstat2(fetched.json(self.http.publisher.id), source=fetched.url)
            frames.append(to_tidy(dataset.frame, resolved, query))
            contract |= measure_contract(version.table, dataset, resolved)
            if dataset.discontinued:  # a data answer may say it too
                version = replace(version, discontinued=True)
            notes = dataset.notes
        return Piece(
            contract=contract,
            frame=pd.concat(frames, ignore_index=True),
            version=version,
            notes=notes,
            requests=self.http.request_count - start,
        )
