"""How long, how often and how much a publisher may take: the HTTP settings (environment
overrides), urllib3's retry with a cap on Retry-After, and the per-publisher rate limiter."""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from dataclasses import dataclass

from urllib3.util.retry import Retry

from regstats.sources._transfer import Limits

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0  # 4 attempts × 20 s + back-off stays under two minutes
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 60.0
    rate_scale: float = 1.0  # × every documented rate-limit window: 0 for a mirror without limits
    deadline: float = 300.0  # a whole answer, connect to last byte: a trickling publisher cannot hold a refresh
    header_timeout: float = 60.0  # the response headers, however slowly they trickle
    min_rate_kbps: float = 1.0  # below this many kB/s …
    min_rate_seconds: float = 30.0  # … for this long, a body is stalled (curl's --speed-limit/--speed-time)
    max_megabytes: float = 200.0  # the largest answer accepted (AF's workbooks are tens of MB)

    @property
    def limits(self) -> Limits:
        return Limits(self.deadline, self.header_timeout, 1000 * self.min_rate_kbps, self.min_rate_seconds)

    @classmethod
    def from_env(cls) -> HttpSettings:
        """Environment overrides, so tests and mirrors can tighten or loosen the defaults."""
        env = os.environ
        return cls(
            connect_timeout=float(env.get("REGSTATS_HTTP_CONNECT_TIMEOUT", cls.connect_timeout)),
            read_timeout=float(env.get("REGSTATS_HTTP_TIMEOUT", cls.read_timeout)),
            retries=int(env.get("REGSTATS_HTTP_RETRIES", cls.retries)),
            backoff=float(env.get("REGSTATS_HTTP_BACKOFF", cls.backoff)),
            max_retry_after=float(env.get("REGSTATS_HTTP_MAX_RETRY_AFTER", cls.max_retry_after)),
            rate_scale=float(env.get("REGSTATS_HTTP_RATE_SCALE", cls.rate_scale)),
            deadline=float(env.get("REGSTATS_HTTP_DEADLINE", cls.deadline)),
            header_timeout=float(env.get("REGSTATS_HTTP_HEADER_TIMEOUT", cls.header_timeout)),
            min_rate_kbps=float(env.get("REGSTATS_HTTP_MIN_RATE_KBPS", cls.min_rate_kbps)),
            min_rate_seconds=float(env.get("REGSTATS_HTTP_MIN_RATE_SECONDS", cls.min_rate_seconds)),
            max_megabytes=float(env.get("REGSTATS_HTTP_MAX_MB", cls.max_megabytes)),
        )


class RetryAfterTooLong(RuntimeError):
    """The publisher asked us to wait longer than we are willing to block a refresh."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Retry-After {seconds:.0f} s")
        self.seconds = seconds


class _CappedRetry(Retry):
    """urllib3's Retry honours Retry-After without an upper bound; a refresh must never hang."""

    max_retry_after: float = 60.0

    def sleep_for_retry(self, response) -> bool:
        retry_after = self.get_retry_after(response)
        if retry_after is not None and retry_after > self.max_retry_after:
            raise RetryAfterTooLong(retry_after)
        return super().sleep_for_retry(response)


class RateLimiter:
    """At most `max_calls` per `window` seconds (sliding window), shared by threads.

    Hand-written on purpose: it is a dozen lines, SCB's limits are read from /config at run time
    and reconfigured on the fly, and the rate-limit libraries on PyPI changed their API in each
    major release.
    """

    def __init__(self, max_calls: int, window: float, clock=time.monotonic, sleep=time.sleep, scale: float = 1.0):
        self.scale = scale  # kept for a window read at run time (configure)
        self.max_calls, self.window = max_calls, window * scale
        self._calls: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def configure(self, max_calls: int, window: float) -> None:
        with self._lock:
            self.max_calls, self.window = max(1, max_calls), max(0.0, window * self.scale)

    def acquire(self) -> None:
        with self._lock:
            now = self._clock()
            while self._calls and now - self._calls[0] >= self.window:
                self._calls.popleft()
            if len(self._calls) >= self.max_calls:
                # The publisher counts a call when it arrives, later than we send it: keep a margin.
                margin = 0.05 * self.window + 0.05
                self._sleep(self.window - (now - self._calls[0]) + margin)
                now = self._clock()
                self._calls.popleft()
            self._calls.append(now)
