"""A loopback HTTP server answering like SCB (PxWebApi 2.0), Konjunkturinstitutet and
Tillväxtanalys (PxWeb v1), with switches for the faults a refresh must survive."""

from __future__ import annotations

import io
import json
import math
import random
import re
import threading
import time
import zipfile
from collections import deque
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from regstats.fakes import render
from regstats.fakes.af import FakeAf
from regstats.fakes.fk import FakeFk
from regstats.fakes.kolada import FakeKolada
from regstats.fakes.tables import FakeTable, ki_table, scb_tables, tva_table

BOM = "\ufeff"
KI_FOLDER = "KonjBar/indikatorer"
TVA_FOLDER = "Tillväxtanalys statistikdatabas/Konkurser och offentliga ackord"
LIMITS = {
    "scb": (30, 10.0),
    "ki": (10, 10.0),
    "tva": (10, 10.0),
    "fk": (10, 10.0),
    "af": (10, 10.0),
    "kolada": (10, 10.0),
}
PREFIXES = {
    "scb": "api/v2",
    "ki": "PxWeb/api/v1/sv",
    "tva": "PxWeb/api/v1/sv",
    "fk": "api/sprstatistikrapportera/public/v1",
    "af": "",
    "kolada": "v3",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Fault:
    """kind: status | 429 | slow | timeout | truncate | cut | html | drop | empty | zip.

    `truncate` closes the connection before Content-Length bytes arrive; `cut` sends a
    well-formed HTTP answer whose JSON body stops half-way. `times=None` means always.
    """

    publisher: str
    kind: str
    path: str = ""
    method: str | None = None
    times: int | None = None
    status: int = 503
    retry_after: str | None = "1"
    delay: float = 0.0

    def matches(self, publisher: str, method: str, path: str) -> bool:
        return (
            self.publisher == publisher
            and (self.method is None or self.method == method)
            and re.search(self.path, path) is not None
            and (self.times is None or self.times > 0)
        )


class _Answer(Exception):
    def __init__(self, status: int, body: Any, content_type: str = "application/json", headers=None):
        super().__init__(status)
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = headers or {}


def _problem(status: int, title: str) -> _Answer:
    return _Answer(status, {"type": "Parameter error", "title": title, "status": status})


class FakePublishers:
    """Start with `with FakePublishers() as fake:`; `fake.env()` gives the REGSTATS_*_URL variables."""

    def __init__(
        self,
        today: date | None = None,
        latency: tuple[float, float] | None = None,
        enforce_limits: bool = True,
        seed: int = 1,
    ) -> None:
        today = today or date.today()
        self.scb: dict[str, FakeTable] = scb_tables(today)
        self.ki: FakeTable = ki_table(today)
        self.tva: FakeTable = tva_table(today)
        self.af = FakeAf(today)
        self.fk = FakeFk(today)
        self.kolada = FakeKolada(today)
        self.faults: list[Fault] = []
        self.latency = latency
        self.enforce_limits = enforce_limits
        self.limits = dict(LIMITS)  # SCB's is also what /config reports
        self.requests: list[tuple[str, str, str, int]] = []
        self._calls: dict[str, deque[float]] = {p: deque() for p in LIMITS}
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._server: ThreadingHTTPServer | None = None

    # ----- life cycle -------------------------------------------------------------------
    def start(self) -> FakePublishers:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakePublishers:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root(self) -> str:
        assert self._server, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def urls(self) -> dict[str, str]:
        return {
            "scb": f"{self.root}/scb/api/v2",
            "ki": f"{self.root}/ki/PxWeb/api/v1/sv",
            "tva": f"{self.root}/tva/PxWeb/api/v1/sv",
            "fk": f"{self.root}/fk/api/sprstatistikrapportera/public/v1",
            "af": f"{self.root}/af",
            "kolada": f"{self.root}/kolada/v3",
        }

    def env(self) -> dict[str, str]:
        return {f"REGSTATS_{publisher.upper()}_URL": url for publisher, url in self.urls().items()}

    # ----- switches ---------------------------------------------------------------------
    def add_fault(self, publisher: str, kind: str, **kwargs: Any) -> Fault:
        fault = Fault(publisher, kind, **kwargs)
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        self.faults.clear()

    def count(self, publisher: str | None = None, path: str = "") -> int:
        return sum(1 for p, _, u, _ in self.requests if (publisher in (None, p)) and re.search(path, u))

    def rename_variable(self, table: FakeTable, old: str, new: str) -> None:
        table.variable(old).code = new

    # ----- dispatch ---------------------------------------------------------------------
    def take_fault(self, publisher: str, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(publisher, method, path):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def over_limit(self, publisher: str) -> float | None:
        """Seconds to wait if this call breaks the publisher's documented rate limit."""
        if not self.enforce_limits:
            return None
        max_calls, window = self.limits[publisher]
        with self._lock:
            now, calls = time.monotonic(), self._calls[publisher]
            while calls and now - calls[0] >= window:
                calls.popleft()
            if len(calls) >= max_calls:
                return window - (now - calls[0])
            calls.append(now)
        return None

    def pause(self) -> None:
        if self.latency:
            with self._lock:
                delay = self._random.uniform(*self.latency)
            time.sleep(delay)

    def answer(self, publisher: str, method: str, path: str, query: dict[str, str], body: Any) -> Any:
        if publisher == "scb":
            return self._scb(method, path, query, body)
        if publisher == "fk":
            return self._fk(path, query)
        if publisher == "af":
            return self._af(path)
        if publisher == "kolada":
            return self._kolada(path, query)
        table, folders = (
            (self.ki, {KI_FOLDER: [self.ki], "KonjBar": []})
            if publisher == "ki"
            else (self.tva, {TVA_FOLDER: [self.tva]})
        )
        return self._v1(method, path, body, table, folders)

    # ----- SCB PxWebApi 2.0 -------------------------------------------------------------
    def _scb(self, method: str, path: str, query: dict[str, str], body: Any) -> Any:
        base = self.urls()["scb"]
        parts = [p for p in path.split("/") if p]
        if parts == ["config"]:
            return {
                "apiVersion": "2.3.2",
                "appVersion": "1.0.0",
                "languages": [{"id": "sv", "label": "Svenska"}, {"id": "en", "label": "English"}],
                "defaultLanguage": "sv",
                "maxDataCells": 150000,
                "maxCallsPerTimeWindow": self.limits["scb"][0],
                "timeWindow": int(self.limits["scb"][1]),
                "license": "https://creativecommons.org/share-your-work/public-domain/cc0/",
                "defaultDataFormat": "json-stat2",
                "dataFormats": ["json-stat2", "csv", "px"],
            }
        if parts == ["tables"]:
            words = [w.casefold() for w in query.get("query", "").split()]
            hits = [t for t in self.scb.values() if all(w in t.label.casefold() for w in words)]
            size, number = int(query.get("pageSize", 20)), int(query.get("pageNumber", 1))
            page = hits[(number - 1) * size : number * size]
            total_pages = max(1, -(-len(hits) // size))
            return {
                "language": "sv",
                "tables": [render.table_info(t, base) for t in page],
                "page": {
                    "pageNumber": number,
                    "pageSize": size,
                    "totalElements": len(hits),
                    "totalPages": total_pages,
                    "links": [],
                },
                "links": [{"rel": "self", "hreflang": "sv", "href": f"{base}/tables?lang=sv"}],
            }
        if len(parts) < 2 or parts[0] != "tables":
            raise _Answer(404, {"type": "Not found", "title": "Not found", "status": 404})
        table = self.scb.get(parts[1])
        if table is None:
            raise _problem(404, "Non-existent table")
        if len(parts) == 2:
            return render.table_info(table, base)
        if parts[2] == "metadata":
            return render.jsonstat(table, None, v2=True)
        if parts[2] == "data" and method == "POST":
            return render.jsonstat(table, self._scb_selection(table, body), v2=True)
        raise _problem(400, "Unsupported request")

    @staticmethod
    def _scb_selection(table: FakeTable, body: Any) -> dict[str, list[str]]:
        items = (body or {}).get("selection")
        if not isinstance(items, list):
            raise _problem(400, "Missing selection for mandantory variable")
        selection: dict[str, list[str]] = {}
        known = {v.code: v for v in table.variables}
        for item in items:
            code, values = item.get("variableCode"), item.get("valueCodes") or []
            if code not in known:
                raise _problem(400, "Non-existent variable")
            if len(set(values)) != len(values):
                raise _Answer(500, b"", "text/plain")  # as the live service does on duplicates
            if values == ["*"]:
                values = known[code].values
            if unknown := [v for v in values if v not in known[code].values]:
                raise _problem(400, f"Non-existent value {unknown[0]}")
            selection[code] = list(values)
        for var in table.variables:
            if not var.elimination and var.code not in selection:
                raise _problem(400, "Missing selection for mandantory variable")
        cells = 1
        for values in selection.values():
            cells *= len(values)
        if cells > 150000:
            raise _Answer(
                400,
                {
                    "type": "Parameter error",
                    "title": "Too many cells selected",
                    "status": 400,
                    "detail": "Too many cells selected",
                },
            )
        return selection

    # ----- Försäkringskassan, Arbetsförmedlingen, Kolada --------------------------------
    def _fk(self, path: str, query: dict[str, str]) -> Any:
        parts = [p for p in path.split("/") if p]
        if len(parts) == 3 and parts[1:] == ["meta", "json"] and (meta := self.fk.meta(parts[0])):
            return meta
        if len(parts) == 2 and parts[1].endswith(".json"):
            return self.fk.rows(parts[0], parts[1].removesuffix(".json"), query)
        raise _Answer(404, "<html><body>Sidan finns inte</body></html>", "text/html")

    def _af(self, path: str) -> Any:
        if (page := self.af.page(path, root="/af")) is not None:
            return _Answer(200, page, "text/html; charset=utf-8")
        if path.startswith("/download/") and (data := self.af.file(path.rsplit("/", 1)[-1])) is not None:
            return _Answer(200, data, XLSX)
        raise _Answer(404, "<html><body>Sidan finns inte</body></html>", "text/html")

    def _kolada(self, path: str, query: dict[str, str]) -> Any:
        parts = [p for p in path.split("/") if p]
        if len(parts) != 7 or parts[:2] != ["data", "kpi"] or parts[3] != "municipality" or parts[5] != "year":
            raise _Answer(404, {"error": "Not found"})
        ids = parts[4].split(",")
        if len(ids) > 25:
            raise _Answer(400, {"error": "At most 25 municipality ids"})
        years = [int(y) for y in parts[6].split(",")]
        return self.kolada.page(parts[2], ids, years, int(query.get("page", 1)), self.urls()["kolada"], path)

    # ----- PxWeb v1 ---------------------------------------------------------------------
    def _v1(self, method: str, path: str, body: Any, table: FakeTable, folders: dict) -> Any:
        path = path.strip("/")
        if path in folders:
            return [{"id": t.id, "type": "t", "text": t.label, "updated": t.updated} for t in folders[path]] + [
                {
                    "id": "konk_bransch_ar.px",
                    "type": "t",
                    "text": "Konkurser efter bransch och år",
                    "updated": "2026-01-15T09:00:00",
                }
            ] * (path == TVA_FOLDER)
        folder, _, name = path.rpartition("/")
        if folder not in folders or name != table.id:
            raise _Answer(404, "404 Not Found", "text/plain")
        if method == "GET":
            return render.v1_metadata(table)
        try:
            selection = {
                q["code"]: (
                    table.variable(q["code"]).values
                    if q["selection"]["filter"] == "all"
                    else list(q["selection"]["values"])
                )
                for q in body["query"]
            }
        except (KeyError, TypeError, StopIteration):
            raise _Answer(400, "400 Bad Request", "text/plain") from None
        cells = 1
        for values in selection.values():
            cells *= len(values)
        if cells > 1000:
            raise _Answer(403, "403 Forbidden - too many values selected", "text/plain")
        return render.jsonstat(table, selection, v2=False)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that gave up (timeout fault) leaves a broken pipe: expected, not news."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: FakePublishers
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes; no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        split = urlsplit(self.path)
        full = unquote(split.path)
        publisher, _, rest = full.strip("/").partition("/")
        prefix = PREFIXES.get(publisher)
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        if prefix is None or not rest.startswith(prefix):
            return self._send(404, b"not found", "text/plain", publisher or "?", full)
        path = "/" + rest[len(prefix) :].lstrip("/")
        self.fake.pause()
        fault = self.fake.take_fault(publisher, method, path)
        if fault and fault.kind in {"slow", "timeout"}:
            time.sleep(fault.delay)
            fault = None
        if fault and fault.kind == "drop":
            self.close_connection = True
            self.fake.requests.append((publisher, method, path, 0))
            return
        if fault and fault.kind == "status":
            return self._send(
                fault.status, b"<html><body>Service Unavailable</body></html>", "text/html", publisher, path
            )
        wait = None if fault else self.fake.over_limit(publisher)
        if (fault and fault.kind == "429") or wait is not None:
            seconds = fault.retry_after if fault else str(max(1, math.ceil(wait or 0)))
            max_calls, window = self.fake.limits[publisher]
            text = f"API calls quota exceeded! maximum admitted {max_calls} per {window:g}s."
            headers = {"Retry-After": seconds} if seconds is not None else {}
            return self._send(429, text.encode(), "text/plain", publisher, path, headers)
        if fault and fault.kind == "html":
            page = "<!DOCTYPE html><html><body><h1>Planerat underhåll</h1></body></html>"
            return self._send(200, page.encode(), "text/html; charset=utf-8", publisher, path)
        try:
            body = json.loads(raw_body.decode("utf-8-sig")) if raw_body else None
            query = {k: v[-1] for k, v in parse_qs(split.query).items()}
            payload = self.fake.answer(publisher, method, path, query, body)
            status, content_type, headers = 200, "application/json; charset=utf-8", {}
            if isinstance(payload, _Answer):
                status, payload, content_type = payload.status, payload.body, payload.content_type
        except _Answer as answer:
            status, payload, content_type, headers = (
                answer.status,
                answer.body,
                answer.content_type,
                answer.headers,
            )
        except json.JSONDecodeError:
            status, payload, content_type, headers = 400, "400 Bad Request", "text/plain", {}
        if isinstance(payload, bytes):
            data = payload
        elif isinstance(payload, str):
            data = payload.encode()
        else:
            text = json.dumps(payload, ensure_ascii=False)
            data = ((BOM if publisher in {"ki", "tva"} else "") + text).encode("utf-8")
        if fault and fault.kind == "empty":
            data = b"[]"
        if fault and fault.kind == "zip":  # a valid zip that is no workbook
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr("readme.txt", "inte en arbetsbok")
            data = buffer.getvalue()
        if fault and fault.kind == "cut":  # a complete HTTP answer whose JSON stops half-way
            data = data[: len(data) // 2]
        if fault and fault.kind == "truncate":
            return self._send(status, data, content_type, publisher, path, headers, truncate=True)
        self._send(status, data, content_type, publisher, path, headers)

    def _send(
        self,
        status: int,
        data: bytes,
        content_type: str,
        publisher: str,
        path: str,
        headers: dict[str, str] | None = None,
        truncate: bool = False,
    ) -> None:
        self.fake.requests.append((publisher, self.command, unquote(self.path), status))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if publisher == "scb":
            self.send_header("X-Rate-Limit-Limit", str(self.fake.limits["scb"][0]))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data[: len(data) // 2] if truncate else data)
        if truncate:
            self.close_connection = True
