"""Limits that hold however a server is slow: a whole-answer deadline from the first byte sent,
a bound on the response headers, and a minimum transfer rate.

requests' timeouts bound each socket read, not the answer: a publisher that sends a byte every few
seconds — in its headers or its body — never trips them, and a watchdog that looks for the socket
on the response finds none once http.client has let go of it (HTTP/1.0, `Connection: close`). So
every connection remembers its socket in the watch of the request that uses it, from the moment
it connects, and one monitor thread per request shuts those sockets down when a limit is passed:
- the deadline (`REGSTATS_HTTP_DEADLINE`, 300 s) for everything, connect to last byte;
- the headers (`REGSTATS_HTTP_HEADER_TIMEOUT`, 60 s): a server that has not finished its headers;
- the minimum rate (`REGSTATS_HTTP_MIN_RATE_KBPS` kB/s over `REGSTATS_HTTP_MIN_RATE_SECONDS`, 1 kB/s
  over 30 s), as curl's --speed-limit/--speed-time: a stalled body ends in well under a minute,
  a slow but moving download of a large file goes on.
Hand-written because neither requests nor urllib3 offers a deadline over the whole answer."""

from __future__ import annotations

import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

POLL_SECONDS = 0.25


@dataclass(frozen=True)
class Limits:
    deadline: float = 300.0
    header_timeout: float = 60.0
    min_rate_bytes: float = 1000.0  # per second
    min_rate_seconds: float = 30.0


class Watch:
    """One request's sockets and progress; `reason` says which limit ended it."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.started = time.monotonic()
        self.sockets: list[socket.socket] = []
        self.headers_at: float | None = None
        self.received: deque[tuple[float, int]] = deque()  # (time, bytes so far) over the rate window
        self.total = 0
        self.reason = ""
        self.cut = threading.Event()
        self._lock = threading.Lock()

    def attach(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self.sockets.append(sock)
            if self.cut.is_set():
                _shut(sock)

    def headers_done(self) -> None:
        self.headers_at = time.monotonic()
        self.received.append((self.headers_at, 0))

    def got(self, size: int) -> None:
        self.total += size
        self.received.append((time.monotonic(), self.total))

    def fire(self, reason: str) -> None:
        with self._lock:
            if self.cut.is_set():
                return
            self.reason = reason
            self.cut.set()
            for sock in self.sockets:
                _shut(sock)

    def check(self, now: float) -> str | None:
        """Which limit has been passed at `now`, if any."""
        limits = self.limits
        if now - self.started >= limits.deadline:
            return "deadline"
        if self.headers_at is None:
            return "headers" if now - self.started >= limits.header_timeout else None
        window = limits.min_rate_seconds
        if limits.min_rate_bytes <= 0 or now - self.headers_at < window:
            return None
        while len(self.received) > 1 and self.received[1][0] <= now - window:
            self.received.popleft()
        moved = self.total - self.received[0][1]  # since the last sample at or before the window's start
        return "stall" if moved < limits.min_rate_bytes * window else None


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


_WATCH: ContextVar[Watch | None] = ContextVar("regstats_transfer_watch", default=None)


@contextmanager
def watched(limits: Limits) -> Iterator[Watch]:
    """Every connection used inside is cut when one of the limits is passed."""
    watch = Watch(limits)
    token = _WATCH.set(watch)
    done = threading.Event()

    def monitor() -> None:
        while not done.wait(POLL_SECONDS):
            if reason := watch.check(time.monotonic()):
                watch.fire(reason)
                return

    thread = threading.Thread(target=monitor, name="regstats-transfer-watch", daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        done.set()
        _WATCH.reset(token)


class _Remembered:
    """Mixed into urllib3's connections: the socket joins the current request's watch when it is
    made and whenever a kept-alive connection is used again."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        if (watch := _WATCH.get()) is not None:
            watch.attach(self.sock)  # type: ignore[attr-defined]

    def request(self, *args, **kwargs):
        if (watch := _WATCH.get()) is not None:
            watch.attach(getattr(self, "sock", None))
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_Remembered, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Remembered, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class WatchedAdapter(HTTPAdapter):
    """requests' adapter whose connections remember their sockets in the current watch."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
