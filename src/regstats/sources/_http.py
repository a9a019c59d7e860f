"""The one HTTP client every publisher goes through.

Transport retries (dropped connections, timeouts, 5xx, 429 with Retry-After) are urllib3's
`Retry`, mounted on a requests session. What is ours: a per-publisher rate limit, a cap on how
long we let a publisher make us wait, and turning every failure into a named, readable error.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from regstats.errors import ContractError, FetchError, PublisherDown, PublisherError, PublisherUnavailable
from regstats.sources.publishers import PublisherInfo
from regstats.version import VERSION as __version__

USER_AGENT = f"regstats/{__version__} (regional arbetsmarknadsstatistik; python-requests)"
# Requests made on behalf of one series, across the threads that series uses (see counting()).
_counter: ContextVar[list[int] | None] = ContextVar("regstats_requests", default=None)
_count_lock = threading.Lock()


@contextmanager
def counting() -> Iterator[list[int]]:
    """Count the requests made in this context, also from tasks run in a copy of it."""
    token = _counter.set(counter := [0])
    try:
        yield counter
    finally:
        _counter.reset(token)


RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0  # 4 attempts × 20 s + back-off stays under two minutes
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 60.0
    rate_scale: float = 1.0  # × every documented rate-limit window: 0 for a mirror without limits
    deadline: float = 300.0  # a whole answer, body included: a trickling publisher cannot hold a refresh
    max_megabytes: float = 200.0  # the largest answer accepted (AF's workbooks are tens of MB)

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


_REQUEST_ERRORS = {
    "TooManyRedirects": "för många omdirigeringar (en omdirigeringsslinga?)",
    "InvalidURL": "ogiltig adress",
    "MissingSchema": "adressen saknar http:// eller https://",
    "InvalidSchema": "adressen har ett okänt protokoll",
    "ContentDecodingError": "svaret gick inte att packa upp (trasig gzip)",
    "InvalidHeader": "ogiltigt svarshuvud",
}


@dataclass
class Fetched:
    """One response as received, with its origin, ready to archive."""

    method: str
    url: str
    status: int
    content: bytes
    headers: dict[str, str]
    request_body: bytes | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        # PxWeb v1 servers may prefix a UTF-8 byte-order mark.
        return self.content.decode("utf-8-sig", errors="replace")

    def json(self, publisher: str | None = None) -> Any:
        text = self.text()
        stripped = text.lstrip()
        if self.content_type == "text/html" or stripped[:1] == "<":
            raise ContractError(
                "Publiceraren svarade med en HTML-sida där JSON väntades",
                publisher=publisher,
                url=self.url,
                hint="tjänsten kan ha underhåll eller ha flyttat; försök senare eller kontrollera URL:en",
            )
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ContractError(
                f"Svaret är inte giltig JSON ({exc.msg} vid tecken {exc.pos} av {len(text)}); svaret kan ha avbrutits",
                publisher=publisher,
                url=self.url,
                hint="kör refresh igen; om felet består har publiceraren ändrat format",
            ) from None


class HttpClient:
    """HTTP for one publisher: timeouts, retries, rate limit, readable errors, archiving hook."""

    def __init__(
        self,
        publisher: PublisherInfo,
        settings: HttpSettings | None = None,
        on_response: Callable[[Fetched], None] | None = None,
    ) -> None:
        self.publisher = publisher
        self.settings = settings or HttpSettings.from_env()
        self.on_response = on_response
        self.limiter = RateLimiter(publisher.max_calls, publisher.window_seconds, scale=self.settings.rate_scale)
        self.request_count = 0
        self._gate = threading.Lock()
        self._contacted = threading.Event()
        self._down: PublisherUnavailable | None = None
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json, */*;q=0.5"
        capped = type("CappedRetry", (_CappedRetry,), {"max_retry_after": self.settings.max_retry_after})
        retry = capped(
            total=self.settings.retries,
            connect=self.settings.retries,
            read=self.settings.retries,
            status=self.settings.retries,
            other=0,
            backoff_factor=self.settings.backoff,
            backoff_max=30,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=None,  # PxWeb data POSTs are idempotent queries: retry them too
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    @property
    def name(self) -> str:
        return self.publisher.name

    def url(self, path: str) -> str:
        return f"{self.publisher.base_url}/{path.lstrip('/')}"

    def get(self, url: str, params: dict[str, Any] | None = None) -> Fetched:
        return self.request("GET", url, params=params)

    def post_json(self, url: str, body: Any, params: dict[str, Any] | None = None) -> Fetched:
        return self.request("POST", url, params=params, json_body=body)

    def request(self, method: str, url: str, params: dict[str, Any] | None = None, json_body: Any = None) -> Fetched:
        """One request. The first one of a client goes alone, and once the publisher has not
        answered every later one fails at once: a publisher that is down costs one bounded
        attempt, however many tables were asked for side by side."""
        if not self._contacted.is_set():
            with self._gate:
                if not self._contacted.is_set():
                    return self._guarded(method, url, params, json_body)
        return self._guarded(method, url, params, json_body)  # the publisher answers: side by side

    def _guarded(self, method: str, url: str, params: dict[str, Any] | None, json_body: Any) -> Fetched:
        if self._down is not None:
            raise PublisherDown(
                f"{self.name} svarade inte tidigare i denna körning", publisher=self.publisher.id, url=url
            )
        try:
            return self._send(method, url, params, json_body)
        except PublisherUnavailable as exc:
            self._down = exc
            raise
        finally:
            if self._down is None:
                self._contacted.set()

    def _send(self, method: str, url: str, params: dict[str, Any] | None, json_body: Any) -> Fetched:
        self.limiter.acquire()
        with _count_lock:
            self.request_count += 1
            if (counter := _counter.get()) is not None:
                counter[0] += 1
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        data = None if json_body is None else json.dumps(json_body, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"} if data else None
        started = time.monotonic()
        try:
            response = self.session.request(
                method, url, params=params, data=data, headers=headers, timeout=timeout, stream=True
            )
            content = self._body(response, url, started)  # the whole body here, so truncation surfaces now
        except RetryAfterTooLong as exc:
            raise FetchError(
                f"{self.name} begränsar anropen och ber oss vänta {exc.seconds:.0f} s",
                publisher=self.publisher.id,
                url=url,
                hint="kör refresh igen senare",
            ) from None
        except requests.exceptions.ChunkedEncodingError:
            raise FetchError(
                f"Svaret från {self.name} avbröts innan det var komplett",
                publisher=self.publisher.id,
                url=url,
                hint="kör refresh igen; befintliga data är orörda",
            ) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            timed_out = isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc)
            what = f"svarade inte inom {self.settings.read_timeout:g} s" if timed_out else "gick inte att nå"
            raise PublisherUnavailable(
                f"{self.name} {what} ({self.settings.retries + 1} försök)",
                publisher=self.publisher.id,
                url=url,
                hint="kontrollera nätverket eller publicerarens driftstatus och kör refresh igen",
            ) from None
        except requests.exceptions.RequestException as exc:  # redirect loop, bad URL, broken gzip …
            # requests' errors are OSErrors too: caught here, they are never taken for a full disk.
            raise FetchError(
                f"Anropet till {self.name} misslyckades: {_REQUEST_ERRORS.get(type(exc).__name__, type(exc).__name__)}",
                publisher=self.publisher.id,
                url=url,
                hint="kontrollera publicerarens adress (REGSTATS_*_URL) och kör refresh igen; lagrade data är orörda",
            ) from None
        fetched = Fetched(
            method=method,
            url=response.url,
            status=response.status_code,
            content=content,
            headers=dict(response.headers),
            request_body=data,
        )
        if self.on_response:
            self.on_response(fetched)
        if response.status_code >= 400:
            raise self._error_for(fetched)
        return fetched

    def _body(self, response: requests.Response, url: str, started: float) -> bytes:
        """Read the body within the deadline and the size cap. requests' timeouts bound each socket
        read, not the whole answer: a publisher sending a byte every few seconds never trips them,
        and a read waits for its whole chunk. So a watchdog cuts the connection at the deadline."""
        limit = int(self.settings.max_megabytes * 1_000_000)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            response.close()
            raise self._too_large(url, int(declared))
        cut = threading.Event()

        def cut_connection() -> None:
            cut.set()
            sock = getattr(getattr(response.raw, "connection", None), "sock", None)
            with suppress(OSError):
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(max(0.0, self.settings.deadline - (time.monotonic() - started)), cut_connection)
        watchdog.daemon = True
        watchdog.start()
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise self._too_large(url, size)
                chunks.append(chunk)
        except (requests.exceptions.RequestException, OSError):
            if not cut.is_set():
                raise
        finally:
            watchdog.cancel()
            response.close()
        if cut.is_set():
            raise PublisherUnavailable(
                f"{self.name} svarade för långsamt: {size / 1000:.0f} kB på {self.settings.deadline:g} s".replace(
                    ".", ","
                ),
                publisher=self.publisher.id,
                url=url,
                hint="publiceraren skickar svaret mycket långsamt; kör refresh igen senare "
                "(gränsen sätts med REGSTATS_HTTP_DEADLINE)",
            )
        return b"".join(chunks)

    def _too_large(self, url: str, size: int) -> FetchError:
        return FetchError(
            f"Svaret från {self.name} är {size / 1_000_000:.1f} MB, över gränsen "
            f"{self.settings.max_megabytes:g} MB".replace(".", ","),
            publisher=self.publisher.id,
            url=url,
            hint="kontrollera att adressen är rätt; gränsen sätts med REGSTATS_HTTP_MAX_MB",
        )

    def _error_for(self, fetched: Fetched) -> Exception:
        status, url, pub = fetched.status, fetched.url, self.publisher.id
        if status == 429:
            return FetchError(
                f"{self.name} begränsar anropen (429), även efter {self.settings.retries} försök till",
                publisher=pub,
                url=url,
                hint="vänta en stund och kör refresh igen",
            )
        if status >= 500:
            return PublisherUnavailable(
                f"{self.name} svarar med serverfel {status} ({self.settings.retries + 1} försök)",
                publisher=pub,
                url=url,
                hint="publiceraren har driftproblem; kör refresh igen senare",
            )
        title = _error_title(fetched)
        return PublisherError(
            f"{self.name} avvisade anropet ({status}): {title}",
            status=status,
            publisher=pub,
            url=url,
            hint="tabellen eller dess variabler har troligen ändrats; uppdatera katalogen",
        )


def _error_title(fetched: Fetched) -> str:
    """PxWebApi 2.0 errors are JSON problem details; PxWeb v1 errors are bare text."""
    text = fetched.text().strip()
    try:
        body = json.loads(text)
    except json.JSONDecodeError:
        return text[:200] or "(tomt svar)"
    if isinstance(body, dict):
        parts = [str(body[k]) for k in ("title", "detail") if body.get(k)]
        unique = list(dict.fromkeys(parts))
        return ": ".join(unique) or text[:200]
    return text[:200]
