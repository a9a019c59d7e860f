"""Fault switches and documented rate limits for the fake publishers."""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass

# Documented limits (SOURCES.md): calls per time window. SCB's is also what /config reports.
LIMITS = {
    "scb": (30, 10.0),
    "scb1": (30, 10.0),
    "ki": (10, 10.0),
    "tva": (10, 10.0),
    "fk": (10, 10.0),
    "af": (10, 10.0),
    "kolada": (10, 10.0),
}


@dataclass
class Fault:
    """kind: status | 429 | slow | timeout | trickle | truncate | cut | html | drop | empty | zip |
    header-trickle | trickle-close | reset | gzip | redirect.

    `trickle` sends the answer 16 bytes at a time, `delay` seconds apart (each read is quick, the
    whole is not); `truncate` closes the connection before Content-Length bytes arrive; `cut` sends a
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


class Faults:
    def __init__(self) -> None:
        self.active: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        self.active.append(fault)
        return fault

    def take(self, publisher: str, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.active:
                if fault.matches(publisher, method, path):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None


class RateLimits:
    """Sliding windows per publisher; `enforce=False` for tests that refresh back to back."""

    def __init__(self, enforce: bool) -> None:
        self.enforce = enforce
        self.limits = dict(LIMITS)
        self._calls: dict[str, deque[float]] = {p: deque() for p in LIMITS}
        self._lock = threading.Lock()

    def wait_needed(self, publisher: str) -> float | None:
        """Seconds to wait if this call breaks the publisher's documented rate limit."""
        if not self.enforce:
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
