"""Replays a bundle made by `regstats record` on loopback, so a refresh recorded on a connected
machine can be run offline through the real pipeline (tests/test_record.py)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from regstats.sources.publishers import PUBLISHERS


def _body_key(body: bytes | str | None) -> str:
    if not body:
        return ""
    try:
        return json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return body if isinstance(body, str) else body.decode("utf-8", "replace")


class ReplayPublishers:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        index = json.loads((folder / "index.json").read_text("utf-8"))
        self.bases: dict[str, str] = index["bases"]
        self.responses: dict[tuple, dict[str, Any]] = {}
        for entry in index["responses"]:
            key = (entry["method"], entry["path"], tuple(map(tuple, entry["query"])), _body_key(entry["request_body"]))
            self.responses[(entry["publisher"], *key)] = entry
        self.misses: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> ReplayPublishers:
        handler = type("Handler", (_Handler,), {"replay": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def root(self) -> str:
        assert self._server
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def env(self) -> dict[str, str]:
        return {PUBLISHERS[p].env_var: f"{self.root}/{p}" for p in self.bases}

    def find(self, method: str, url_path: str, query: str, body: bytes) -> tuple[dict[str, Any], str] | None:
        first, _, rest = url_path.strip("/").partition("/")
        params = tuple(sorted(parse_qsl(query, keep_blank_values=True)))
        candidates = [(first, rest)] if first in self.bases else []
        # Links a page gives from the publisher's host root (AF's /download/…) arrive without a prefix.
        candidates += [(p, url_path.strip("/")) for p in self.bases]
        for publisher, path in candidates:
            entry = self.responses.get((publisher, method, path, params, _body_key(body)))
            if entry:
                return entry, publisher
        return None


class _Handler(BaseHTTPRequestHandler):
    replay: ReplayPublishers
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, method: str) -> None:
        split = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        found = self.replay.find(method, split.path, split.query, body)
        if found is None:
            self.replay.misses.append(f"{method} {self.path}")
            data, status, content_type = b"not recorded", 404, "text/plain"
        else:
            entry, publisher = found
            data = (self.replay.folder / entry["file"]).read_bytes()
            status, content_type = entry["status"], entry["content_type"] or "application/octet-stream"
            # Absolute links in bodies (Kolada's next_url) point at the recorded host: point them here.
            data = data.replace(self.replay.bases[publisher].encode(), f"{self.replay.root}/{publisher}".encode())
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
