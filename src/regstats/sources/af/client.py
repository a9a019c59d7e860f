"""Arbetsförmedlingen: find the newest files on a statistics page, download, apply the recipe."""

from __future__ import annotations

import io

from regstats.catalog import Query
from regstats.errors import ContractError
from regstats.sources._http import HttpClient
from regstats.sources.af.links import Download, newest_downloads
from regstats.sources.af.recipes import RECIPES
from regstats.sources.base import Piece, SourceVersion


class AfClient:
    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self._pages: dict[str, str] = {}  # several series read the same page: fetch it once

    def downloads(self, query: Query) -> dict[str, Download]:
        assert query.page
        page_url = self.http.url(query.page)
        if page_url not in self._pages:
            self._pages[page_url] = self.http.get(page_url).text()
        found = newest_downloads(self._pages[page_url], page_url, query.prefixes)
        if missing := [p for p in query.prefixes if p not in found]:
            raise ContractError(
                f"Sidan har ingen länk till {', '.join(m + '-ÅÅÅÅ-MM.xlsx' for m in missing)}",
                url=page_url,
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

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        assert query.recipe
        start = self.http.request_count
        files = {}
        for prefix, download in self.downloads(query).items():
            fetched = self.http.get(download.url)
            if not fetched.content.startswith(b"PK"):
                kind = "en HTML-sida" if fetched.content.lstrip()[:1] == b"<" else "ingen zip-fil"
                raise ContractError(f"{prefix}: svaret är {kind}, inte en xlsx-fil", url=download.url)
            files[prefix] = io.BytesIO(fetched.content)
        frame = RECIPES[query.recipe](files)
        return Piece(frame, version, requests=self.http.request_count - start)
