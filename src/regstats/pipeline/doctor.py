"""`regstats doctor`: every series' live contract, checked without downloading data.

Per query the probe a refresh would make and the description of the table — table info and
metadata (PxWebApi 2.0, PxWeb v1), the dataset's meta (Försäkringskassan), the page links
(Arbetsförmedlingen), the KPI descriptions (Kolada) — resolved against the catalog exactly as a
refresh would. A series is ok, changed (what) or gone (the table or page no longer exists).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from regstats.catalog import Query, Series
from regstats.errors import ContractError, PublisherError, RegstatsError
from regstats.pipeline.refresh import select_series
from regstats.sources._http import HttpClient, HttpSettings
from regstats.sources.af.client import AfClient
from regstats.sources.fk import FkClient
from regstats.sources.kolada import KoladaClient
from regstats.sources.publishers import PUBLISHERS
from regstats.sources.pxweb1 import PxWeb1Client, variables_from_v1
from regstats.sources.pxweb2 import PxWeb2Client
from regstats.sources.selection import resolve

Verdict = Literal["ok", "changed", "gone", "unreachable"]
VERDICT_SV = {"ok": "ok", "changed": "ändrad", "gone": "borta", "unreachable": "svarar inte"}


@dataclass(frozen=True)
class Diagnosis:
    series_id: str
    verdict: Verdict
    detail: str = ""


class Doctor:
    def __init__(self, settings: HttpSettings | None = None, today: date | None = None) -> None:
        self.settings, self.today = settings, today or date.today()
        self._clients: dict[str, HttpClient] = {}

    def http(self, endpoint: str) -> HttpClient:
        if endpoint not in self._clients:
            self._clients[endpoint] = HttpClient(PUBLISHERS[endpoint], self.settings)
        return self._clients[endpoint]

    def check(self, series: Series) -> Diagnosis:
        try:
            details = [self._query(q, series.publisher) for q in series.queries]
        except PublisherError as exc:
            verdict: Verdict = "gone" if exc.status in {404, 410} else "changed"
            return Diagnosis(series.id, verdict, exc.message)
        except ContractError as exc:
            return Diagnosis(series.id, "changed", exc.message)
        except RegstatsError as exc:
            return Diagnosis(series.id, "unreachable", exc.message)
        return Diagnosis(series.id, "ok", "; ".join(d for d in details if d))

    def _query(self, query: Query, publisher: str) -> str:
        """The checked table's name; raises when the contract no longer holds. A query whose
        table is gone is checked through its fallback, as a refresh would read it."""
        http = self.http(query.endpoint or publisher)
        try:
            return self._check_query(query, http)
        except (ContractError, PublisherError) as exc:
            gone = isinstance(exc, ContractError) or exc.status in {404, 410}
            if query.fallback is None or not gone:
                raise
            return self._query(query.fallback, publisher)

    def _check_query(self, query: Query, http: HttpClient) -> str:
        if query.protocol == "pxweb2":
            client = PxWeb2Client(http)
            version = client.locate(query)
            if version.discontinued and not query.frozen:
                raise ContractError(f"tabellen {version.table} är markerad som avslutad")
            resolve(query, client.metadata(version.table)[0])
            return version.table
        if query.protocol == "pxweb1":
            client1 = PxWeb1Client(http)
            version = client1.locate(query)
            _, variables = variables_from_v1(http.get(client1._url(version.table)).json(http.publisher.id))
            resolve(query, variables)
            return version.table
        if query.protocol == "fk":
            return FkClient(http, self.today).locate(query).table
        if query.protocol == "af":
            return AfClient(http).locate(query).label
        return KoladaClient(http, self.today).check(query)


def diagnose(series_ids: Iterable[str] | None = None, publishers: Iterable[str] | None = None) -> list[Diagnosis]:
    doctor = Doctor()
    return [doctor.check(series) for series in select_series(series_ids, publishers)]
