"""A loopback HTTP server answering as SCB (PxWebApi 2.0 and v1), Konjunkturinstitutet and
Tillväxtanalys (PxWeb v1), Försäkringskassan, Arbetsförmedlingen and Kolada do, from their
recorded shapes, with switches for the faults a refresh must survive (faults.py)."""

from __future__ import annotations

import io
import json
import math
import random
import socket
import struct
import sys
import threading
import time
import zipfile
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from regstats.fakes.af import FakeAf
from regstats.fakes.answers import XLSX, Answer, not_found_html
from regstats.fakes.faults import Fault, Faults, RateLimits
from regstats.fakes.fk import FakeFk
from regstats.fakes.kolada import FakeKolada, kpi_answer
from regstats.fakes.pxweb1 import KI_FOLDER, MAX_VALUES, NEWEST, TVA_FOLDER, TVA_OTHER, FakePxWeb1, ki_table, tva_table
from regstats.fakes.scb import AKU_FOLDER, FakeScb, aku_table
from regstats.fakes.tables import FakeTable

BOM = "\ufeff"
PREFIXES = {
    "scb": "api/v2",
    "scb1": "OV0104/v1/doris/sv/ssd",
    "ki": "PxWeb/api/v1/sv",
    "tva": "PxWeb/api/v1/sv",
    "fk": "api/sprstatistikrapportera/public/v1",
    "af": "",
    "kolada": "v3",
}
ENV = {"scb1": "REGSTATS_SCB_V1_URL"}


class FakePublishers:
    """Start with `with FakePublishers() as fake:`; `fake.env()` gives the REGSTATS_*_URL variables."""

    def __init__(
        self,
        today: date | None = None,
        latency: tuple[float, float] | None = None,
        enforce_limits: bool = True,
        seed: int = 1,
        tva_generation: str = NEWEST,
    ) -> None:
        today = today or date.today()
        self.today = today
        self.rate = RateLimits(enforce_limits)
        self.scb_v2 = FakeScb(today, self.rate.limits)
        self.aku: FakeTable = aku_table(today)
        self.ki: FakeTable = ki_table(today)
        self.tva: FakeTable = tva_table(today, tva_generation)
        self.af = FakeAf(today)
        self.fk = FakeFk(today)
        self.kolada = FakeKolada(today)
        self.fault_switches = Faults()
        self.latency = latency
        self.requests: list[tuple[str, str, str, int]] = []
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._server: ThreadingHTTPServer | None = None

    @property
    def scb(self) -> dict[str, FakeTable]:
        return self.scb_v2.tables

    @property
    def limits(self) -> dict[str, tuple[int, float]]:
        return self.rate.limits

    def use_tva_generation(self, generation: str) -> None:
        """Serve another of the monthly county table's published forms (file name, codes)."""
        self.tva = tva_table(self.today, generation)

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
        return {publisher: f"{self.root}/{publisher}/{prefix}".rstrip("/") for publisher, prefix in PREFIXES.items()}

    def env(self) -> dict[str, str]:
        return {ENV.get(p, f"REGSTATS_{p.upper()}_URL"): url for p, url in self.urls().items()}

    # ----- switches ---------------------------------------------------------------------
    def add_fault(self, publisher: str, kind: str, **kwargs: Any) -> Fault:
        return self.fault_switches.add(Fault(publisher, kind, **kwargs))

    def clear_faults(self) -> None:
        self.fault_switches.active.clear()

    def count(self, publisher: str | None = None, path: str = "") -> int:
        import re

        return sum(1 for p, _, u, _ in self.requests if (publisher in (None, p)) and re.search(path, u))

    def rename_variable(self, table: FakeTable, old: str, new: str) -> None:
        table.variable(old).code = new

    def pause(self) -> None:
        if self.latency:
            with self._lock:
                delay = self._random.uniform(*self.latency)
            time.sleep(delay)

    # ----- dispatch ---------------------------------------------------------------------
    def answer(self, publisher: str, method: str, path: str, query: dict[str, str], body: Any) -> Any:
        if publisher == "scb":
            return self.scb_v2.answer(method, path, query, body, self.urls()["scb"])
        if publisher == "fk":
            return self._fk(path, query)
        if publisher == "af":
            return self._af(path)
        if publisher == "kolada":
            return self._kolada(path, query)
        trees = {
            "scb1": FakePxWeb1({AKU_FOLDER: [self.aku]}, max_values=MAX_VALUES["scb1"]),
            "ki": FakePxWeb1({KI_FOLDER: [self.ki]}, {"KonjBar": []}, MAX_VALUES["ki"]),
            "tva": FakePxWeb1({TVA_FOLDER: [self.tva]}, {TVA_FOLDER: [TVA_OTHER]}, MAX_VALUES["tva"]),
        }
        return trees[publisher].answer(method, path, body)

    def _fk(self, path: str, query: dict[str, str]) -> Any:
        parts = [p for p in path.split("/") if p]
        is_meta = parts[1:] in (["meta", "json"], ["meta.json"])
        if len(parts) in (2, 3) and is_meta and (meta := self.fk.meta(parts[0])):
            return meta
        if len(parts) == 2 and parts[1].endswith(".json"):
            return self.fk.rows(parts[0], parts[1].removesuffix(".json"), query)
        raise not_found_html()

    def _af(self, path: str) -> Any:
        if (page := self.af.page(path, root="/af")) is not None:
            return Answer(200, page, "text/html; charset=utf-8")
        if path.startswith("/download/") and (data := self.af.file(path.rsplit("/", 1)[-1])) is not None:
            return Answer(200, data, XLSX)
        raise not_found_html()

    def _kolada(self, path: str, query: dict[str, str]) -> Any:
        parts = [p for p in path.split("/") if p]
        if len(parts) == 2 and parts[0] == "kpi":
            return kpi_answer(parts[1].split(","))
        if len(parts) != 7 or parts[:2] != ["data", "kpi"] or parts[3] != "municipality" or parts[5] != "year":
            raise Answer(404, {"error": "Not found"})
        ids = parts[4].split(",")
        if len(ids) > 25:
            raise Answer(400, {"error": "At most 25 municipality ids"})
        years = [int(y) for y in parts[6].split(",")]
        return self.kolada.page(parts[2], ids, years, int(query.get("page", 1)), self.urls()["kolada"], path)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that gave up (timeout fault) leaves a broken pipe: expected, not news."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _encode(payload: Any, publisher: str) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode()
    text = json.dumps(payload, ensure_ascii=False)
    # PxWeb v1 bodies start with a UTF-8 BOM, as the real KI and Tillväxtanalys servers send them.
    return ((BOM if publisher in {"ki", "tva", "scb1"} else "") + text).encode("utf-8")


def _not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "inte en arbetsbok")
    return buffer.getvalue()


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
        fault = self.fake.fault_switches.take(publisher, method, path)
        if fault and fault.kind in {"slow", "timeout"}:
            time.sleep(fault.delay)
            fault = None
        if fault and fault.kind == "drop":
            self.close_connection = True
            self.fake.requests.append((publisher, method, path, 0))
            return
        if fault and fault.kind == "status":
            page = b"<html><body>Service Unavailable</body></html>"
            return self._send(fault.status, page, "text/html", publisher, path)
        wait = None if fault else self.fake.rate.wait_needed(publisher)
        if (fault and fault.kind == "429") or wait is not None:
            seconds = fault.retry_after if fault else str(max(1, math.ceil(wait or 0)))
            max_calls, window = self.fake.limits[publisher]
            text = f"API calls quota exceeded! maximum admitted {max_calls} per {window:g}s."
            headers = {"Retry-After": seconds} if seconds is not None else {}
            return self._send(429, text.encode(), "text/plain", publisher, path, headers)
        if fault and fault.kind == "redirect":  # to itself: a loop
            return self._send(302, b"", "text/plain", publisher, path, {"Location": self.path})
        if fault and fault.kind == "html":
            page = "<!DOCTYPE html><html><body><h1>Planerat underhåll</h1></body></html>"
            return self._send(200, page.encode(), "text/html; charset=utf-8", publisher, path)
        headers: dict[str, str] = {}
        try:
            body = json.loads(raw_body.decode("utf-8-sig")) if raw_body else None
            query = {k: v[-1] for k, v in parse_qs(split.query).items()}
            payload = self.fake.answer(publisher, method, path, query, body)
            status, content_type = 200, "application/json; charset=utf-8"
            if isinstance(payload, Answer):
                status, payload, content_type = payload.status, payload.body, payload.content_type
        except Answer as answer:
            status, payload, content_type, headers = answer.status, answer.body, answer.content_type, answer.headers
        except json.JSONDecodeError:
            status, payload, content_type = 400, "400 Bad Request", "text/plain"
        data = _encode(payload, publisher)
        if fault and fault.kind == "empty":
            data = b"[]"
        if fault and fault.kind == "zip":  # a valid zip that is no workbook
            data = _not_a_workbook()
        if fault and fault.kind == "cut":  # a complete HTTP answer whose JSON stops half-way
            data = data[: len(data) // 2]
        if fault and fault.kind in {"header-trickle", "trickle-close", "reset", "gzip"}:
            return self._misbehave(fault, status, data, content_type, publisher, path)
        truncate = bool(fault and fault.kind == "truncate")
        trickle = fault.delay if fault and fault.kind == "trickle" else 0.0
        self._send(status, data, content_type, publisher, path, headers, truncate=truncate, trickle=trickle)

    def _misbehave(self, fault, status: int, data: bytes, content_type: str, publisher: str, path: str) -> None:
        """The ways a real server is slow or broken below HTTP's own error codes: headers a byte
        at a time, a body trickled on a connection that closes after it (HTTP/1.0 style), a
        connection reset mid-body, and a body that claims gzip but is not."""
        self.fake.requests.append((publisher, self.command, unquote(self.path), status))
        self.close_connection = True
        if fault.kind == "header-trickle":
            head = f"HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(data)}\r\n"
            for byte in (head + "X-Padding: " + "x" * 200 + "\r\n\r\n").encode():
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(fault.delay)
            self.wfile.write(data)
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if fault.kind == "trickle-close":  # no length: the answer ends when the connection closes
            self.send_header("Connection", "close")
            self.end_headers()
            for start in range(0, len(data), 16):
                self.wfile.write(data[start : start + 16])
                self.wfile.flush()
                time.sleep(fault.delay)
            return
        if fault.kind == "gzip":
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", "24")
            self.end_headers()
            self.wfile.write(b"this is not a gzip body!")
            return
        self.send_header("Content-Length", str(len(data)))  # reset: half the body, then RST
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _send(
        self,
        status: int,
        data: bytes,
        content_type: str,
        publisher: str,
        path: str,
        headers: dict[str, str] | None = None,
        truncate: bool = False,
        trickle: float = 0.0,
    ) -> None:
        self.fake.requests.append((publisher, self.command, unquote(self.path), status))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if publisher == "scb":  # PxWebApi 2.0 tells its window on every answer
            max_calls, window = self.fake.limits["scb"]
            self.send_header("X-Rate-Limit-Limit", str(max_calls))
            self.send_header("X-Rate-Limit-Reset", str(int(window)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if trickle:  # a few bytes at a time, each well within any read timeout
            for start in range(0, len(data), 16):
                self.wfile.write(data[start : start + 16])
                self.wfile.flush()
                time.sleep(trickle)
            return
        self.wfile.write(data[: len(data) // 2] if truncate else data)
        if truncate:
            self.close_connection = True
