"""Arbetsförmedlingen: find the newest files on a statistics page, download, apply the recipe."""

from __future__ import annotations

import io
import threading

from regstats.catalog import Query
from regstats.errors import ContractError, PublisherError
from regstats.sources._http import HttpClient
from regstats.sources.af.links import Download, newest_downloads
from regstats.sources.af.recipes import RECIPES, structure
from regstats.sources.base import Description, Piece, SourceVersion


class AfClient:
    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self._pages: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def _page(self, path: str) -> str | None:
        """A page's HTML, fetched once per run (several series read the same page); None if gone."""
        url = self.http.url(path)
        with self._lock:  # series of one publisher run side by side; fetch each page once
            return self._fetch_page(url)

    def _fetch_page(self, url: str) -> str | None:
        if url not in self._pages:
            try:
                self._pages[url] = self.http.get(url).text()
            except PublisherError as exc:
                if exc.status != 404:
                    raise
                self._pages[url] = None
        return self._pages[url]

    def downloads(self, query: Query) -> dict[str, Download]:
        """The newest file per prefix, looking through the query's pages in order: AF moves
        files between its statistics pages."""
        found: dict[str, Download] = {}
        for path in query.pages:
            html = self._page(path)
            if html is not None:
                for prefix, download in newest_downloads(html, self.http.url(path), query.prefixes).items():
                    found.setdefault(prefix, download)
            if len(found) == len(query.prefixes):
                break
        if missing := [p for p in query.prefixes if p not in found]:
            raise ContractError(
                f"Ingen av sidorna {', '.join(query.pages)} har en länk till "
                + ", ".join(m + "-ÅÅÅÅ-MM.xlsx" for m in missing),
                url=self.http.url(query.pages[0]),
                hint="Arbetsförmedlingen kan ha bytt filnamn eller sida; uppdatera katalogen",
            )
        return {p: found[p] for p in query.prefixes}

    def locate(self, query: Query) -> SourceVersion:
        files = self.downloads(query)
        months = {p: d.month for p, d in files.items()}
        warning = None
        if len(set(months.values())) > 1:
            listed = ", ".join(f"{p}: {m}" for p, m in months.items())
            warning = f"filerna är inte publicerade för samma månad ({listed})"
        return SourceVersion(
            table=",".join(query.prefixes),
            label=" ".join(d.url for d in files.values()),
            updated=",".join(months.values()),
            last_period=min(months.values()),
            warning=warning,
        )

    def _files(self, query: Query) -> dict[str, io.BytesIO]:
        files = {}
        for prefix, download in self.downloads(query).items():
            fetched = self.http.get(download.url)
            if not fetched.content.startswith(b"PK"):
                kind = "en HTML-sida" if fetched.content.lstrip()[:1] == b"<" else "ingen zip-fil"
                raise ContractError(f"{prefix}: svaret är {kind}, inte en xlsx-fil", url=download.url)
            files[prefix] = io.BytesIO(fetched.content)
        return files

    def describe(self, query: Query, version: SourceVersion, deep: bool = False) -> Description:
        """Which page links each file (the fingerprint); `deep` (doctor) also downloads the files
        and checks their structure as the recipe reads it — caches, fields, tabs, header rows —
        without reading a record."""
        assert query.recipe
        facts = {f"fil {prefix}": f"länkad från {d.page}" for prefix, d in self.downloads(query).items()}
        checked = f"{version.table}: länkar på sidan"
        if deep:
            found = structure(query.recipe, self._files(query))
            facts |= found
            checked += "; " + "; ".join(f"{k} ({v})" for k, v in found.items())
        return Description(version.table, facts, checked=checked)

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        assert query.recipe
        start = self.http.request_count
        frame = RECIPES[query.recipe](self._files(query))
        # web-platser's tabs are discovered, not known: what was found is said in the report and is
        # the contract the next version is held to (the other recipes name their fields in code).
        found = frame.attrs.pop("found", {})
        notices = [f"läste {k}: {v}" for k, v in found.items()]
        return Piece(frame, version, requests=self.http.request_count - start, contract=found, found=notices)
