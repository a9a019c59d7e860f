"""The tables of one publisher, as one run reads them: a protocol client per endpoint (a publisher
may have two hosts), each table probed once however many series ask, a gone table read through
its fallback, and a series' tables read side by side within the publisher's limit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from datetime import date

from requests.adapters import BaseAdapter

from regstats.catalog import Query
from regstats.errors import ContractError, PublisherDown, PublisherError, RegstatsError
from regstats.sources._http import Fetched, HttpClient, HttpSettings
from regstats.sources.af.client import AfClient
from regstats.sources.base import Description, Piece, SourceVersion
from regstats.sources.fk import FkClient
from regstats.sources.kolada import KoladaClient
from regstats.sources.publishers import PUBLISHERS
from regstats.sources.pxweb1 import PxWeb1Client
from regstats.sources.pxweb2 import PxWeb2Client

Protocol = PxWeb1Client | PxWeb2Client | FkClient | AfClient | KoladaClient
QUERY_WORKERS = 4


def _protocols(http: HttpClient, today: date) -> dict[str, Protocol]:
    return {
        "pxweb2": PxWeb2Client(http),
        "pxweb1": PxWeb1Client(http),
        "fk": FkClient(http, today),
        "af": AfClient(http),
        "kolada": KoladaClient(http, today),
    }


def is_gone(exc: RegstatsError) -> bool:
    """A table that no longer exists (its successor is read instead), not one that failed."""
    return isinstance(exc, ContractError) or (isinstance(exc, PublisherError) and exc.status in {404, 410})


class PublisherReader:
    def __init__(
        self,
        publisher: str,
        today: date,
        settings: HttpSettings | None = None,
        on_response: Callable[[str, Fetched], None] | None = None,
        transport: BaseAdapter | None = None,
    ) -> None:
        self.publisher, self.today = PUBLISHERS[publisher], today
        self.settings, self.on_response, self.transport = settings, on_response, transport
        self._endpoints: dict[str, tuple[HttpClient, dict[str, Protocol]]] = {}
        self._endpoint_lock = threading.Lock()
        self._versions: dict[tuple, SourceVersion | RegstatsError] = {}
        self._locks: dict[tuple, threading.Lock] = {}

    def _endpoint(self, endpoint: str) -> tuple[HttpClient, dict[str, Protocol]]:
        with self._endpoint_lock:
            if endpoint not in self._endpoints:
                keep = self.on_response
                http = HttpClient(
                    PUBLISHERS[endpoint],
                    self.settings,
                    on_response=(lambda f: keep(endpoint, f)) if keep else None,
                    transport=self.transport,
                )
                self._endpoints[endpoint] = (http, _protocols(http, self.today))
            return self._endpoints[endpoint]

    def protocol(self, query: Query) -> Protocol:
        return self._endpoint(query.endpoint or self.publisher.id)[1][query.protocol]

    @property
    def request_count(self) -> int:
        return sum(http.request_count for http, _ in self._endpoints.values())

    def each(self, action: Callable, items: list) -> list:
        """A series' tables side by side (the limiter keeps the publisher's documented pace); each
        task runs in a copy of the series' context, so its requests count for the series."""
        if len(items) < 2:
            return [action(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(len(items), QUERY_WORKERS)) as pool:
            futures = [pool.submit(copy_context().run, action, item) for item in items]
            errors = [e for f in futures if (e := f.exception()) is not None]
        if errors:  # the real failure before the tasks it stopped (PublisherDown)
            raise next((e for e in errors if not isinstance(e, PublisherDown)), errors[0])
        return [f.result() for f in futures]

    def locate(self, query: Query, probe: bool = True) -> tuple[Query, SourceVersion]:
        """The table a query reads, probed once per run; its fallback where it cannot be found."""
        if not probe and query.protocol == "pxweb2" and query.table:
            return query, SourceVersion(query.table, query.table, updated=None)  # filled in by the fetch
        key = (
            query.endpoint,
            query.protocol,
            query.table or query.dataset,
            query.search or query.folder,
            query.title_pattern,
            tuple(query.prefixes),
            tuple(query.measures),
        )
        with self._locks.setdefault(key, threading.Lock()):  # one probe per table, however many ask
            if key not in self._versions:
                try:
                    self._versions[key] = self.protocol(query).locate(query)
                except (ContractError, PublisherError) as exc:
                    if query.fallback is None or not is_gone(exc):
                        raise
                    self._versions[key] = exc  # gone (AKU: when SCB closes v1): its successor reads
            found = self._versions[key]
        if isinstance(found, RegstatsError):
            assert query.fallback is not None
            return self.locate(query.fallback)
        return query, found

    def describe(self, query: Query, version: SourceVersion, deep: bool = False) -> Description:
        """The table's metadata, checked against the query; `deep`: also the structure of files
        that have no metadata but themselves (AF's workbooks, the only client that reads `deep`),
        which costs their download."""
        return self._named(query, version, lambda: self.protocol(query).describe(query, version, deep=deep))

    def fetch(self, query: Query, version: SourceVersion) -> Piece:
        return self._named(query, version, lambda: self.protocol(query).fetch(query, version))

    def _named(self, query: Query, version: SourceVersion, action: Callable):
        """A contract error names the publisher and the table, not only what changed in it."""
        try:
            return action()
        except ContractError as exc:
            if version.table in exc.message:
                raise
            publisher = PUBLISHERS[query.endpoint or self.publisher.id].name
            raise ContractError(f"{publisher}, {version.table}: {exc.message}", url=exc.url, hint=exc.hint) from None
