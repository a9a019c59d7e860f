"""Answers from an archive instead of the network: a transport for the HTTP client.

Every refresh keeps each answer byte for byte in `raw/` (pipeline.archive) and `regstats record`
bundles them with an `index.json`. Mounted on the HTTP client's session, `ReplayTransport` answers
each request with the recorded answer to the same method, path below the publisher's base URL,
query and body — so a rebuild or a replayed recording runs through the real clients, parsers and
drift guard without a socket. A request that was never recorded gets a 404 and is named in
`misses`. A requests transport adapter is the library's own seam for this (no loopback server).
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from requests import PreparedRequest, Response
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from regstats.sources.publishers import PUBLISHERS

Key = tuple[str, str, str, tuple[tuple[str, str], ...], str]  # publisher, method, path, query, body


@dataclass(frozen=True)
class Recorded:
    """One archived answer: what was asked, what came back and where its bytes are."""

    publisher: str
    method: str
    path: str  # below the publisher's base URL
    query: tuple[tuple[str, str], ...]
    request_body: str | None
    status: int
    content_type: str | None
    body_file: Path

    @property
    def key(self) -> Key:
        return (self.publisher, self.method, self.path, self.query, body_key(self.request_body))


def body_key(body: bytes | str | None) -> str:
    """A JSON body compared by content (key order and spacing differ between runs)."""
    if not body:
        return ""
    try:
        return json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return body if isinstance(body, str) else body.decode("utf-8", "replace")


def relative(url: str, base: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A URL's path below `base`'s path (the whole path when it is not below it) and its query."""
    parts = urlsplit(url)
    path, base_path = parts.path, urlsplit(base).path.rstrip("/")
    if base_path and path.startswith(base_path + "/"):
        path = path[len(base_path) :]
    return path.lstrip("/"), tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


def archived(raw: Path, endpoints: Iterable[str] | None = None) -> list[Recorded]:
    """The answers in a raw archive (pipeline.archive's layout), oldest first, so that the newest
    answer to a repeated request is the one replayed."""
    wanted = set(endpoints) if endpoints is not None else None
    found = []
    for meta in sorted(raw.rglob("*.meta.json"), key=lambda m: (m.parent.name, m.name)):
        publisher = meta.relative_to(raw).parts[0]
        if publisher not in PUBLISHERS or (wanted is not None and publisher not in wanted):
            continue
        origin = json.loads(meta.read_text("utf-8"))
        path, query = relative(origin["url"], PUBLISHERS[publisher].base_url)
        found.append(
            Recorded(
                publisher,
                origin["method"],
                path,
                query,
                origin["request_body"],
                origin["status"],
                origin.get("content_type"),
                meta.with_name(meta.name.replace(".meta.json", ".body")),
            )
        )
    return found


def bundled(folder: Path) -> list[Recorded]:
    """The answers of a bundle written by `regstats record` (its index.json)."""
    index = json.loads((folder / "index.json").read_text("utf-8"))
    return [
        Recorded(
            e["publisher"],
            e["method"],
            e["path"],
            tuple(map(tuple, e["query"])),
            e["request_body"],
            e["status"],
            e["content_type"],
            folder / e["file"],
        )
        for e in index["responses"]
    ]


class ReplayTransport(BaseAdapter):
    """A requests transport that answers from recorded answers; shared by every client of a run."""

    def __init__(self, answers: Iterable[Recorded]) -> None:
        super().__init__()
        self.answers: dict[Key, Recorded] = {a.key: a for a in answers}
        self.publishers = sorted({key[0] for key in self.answers})
        self.misses: list[str] = []
        self._lock = threading.Lock()

    def find(self, method: str, url: str, body: bytes | str | None) -> Recorded | None:
        """Below a publisher's base URL first; then by path alone, for links a page gives from the
        host's root (AF's /download/…) and for absolute links in bodies recorded against another
        host (Kolada's next_url)."""
        host = urlsplit(url).netloc
        candidates = []
        for publisher in self.publishers:
            base = PUBLISHERS[publisher].base_url
            if url.startswith(base + "/") or urlsplit(base).netloc == host:
                candidates.append((publisher, *relative(url, base)))
        for publisher in self.publishers:
            candidates.append((publisher, *relative(url, PUBLISHERS[publisher].base_url)))
        for publisher, path, query in candidates:
            if found := self.answers.get((publisher, method, path, query, body_key(body))):
                return found
        return None

    def send(self, request: PreparedRequest, stream: bool = False, timeout=None, verify=True, cert=None, proxies=None):
        assert request.url and request.method
        found = self.find(request.method, request.url, request.body)
        if found is None:
            with self._lock:
                self.misses.append(f"{request.method} {request.url}")
            status, content, content_type = 404, b"not recorded", "text/plain"
        else:
            status, content = found.status, found.body_file.read_bytes()
            content_type = found.content_type or "application/octet-stream"
        response = Response()
        response.status_code, response.url, response.request = status, request.url, request
        response.headers = CaseInsensitiveDict({"Content-Type": content_type, "Content-Length": str(len(content))})
        response.raw = io.BytesIO(content)
        response.reason = "OK" if status < 400 else "Not Found"
        response.connection = self
        return response

    def close(self) -> None:
        pass
