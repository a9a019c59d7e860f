"""How the fake publishers talk HTTP: routing a request to the fake that answers it, encoding the
answer as the publisher does (PxWeb v1's BOM), and misbehaving on purpose when a fault is set."""

from __future__ import annotations

import io
import json
import math
import socket
import struct
import sys
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from regstats.fakes.answers import Answer

if TYPE_CHECKING:
    from regstats.fakes.server import FakePublishers

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
class QuietServer(ThreadingHTTPServer):
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


class FakeHandler(BaseHTTPRequestHandler):
    fake: FakePublishers  # set by FakePublishers.start
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
