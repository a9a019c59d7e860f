"""The one HTTP client every publisher goes through.

Transport retries (dropped connections, timeouts, 5xx, 429 with Retry-After) are urllib3's
`Retry`, mounted on a requests session. What is ours: a per-publisher rate limit, a cap on how
long we let a publisher make us wait, and turning every failure into a named, readable error.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import requests
from requests.adapters import BaseAdapter

from regstats.errors import FetchError, PublisherDown, PublisherError, PublisherUnavailable
from regstats.sources._fetched import Fetched
from regstats.sources._limits import RETRY_STATUSES, HttpSettings, RateLimiter, RetryAfterTooLong, _CappedRetry
from regstats.sources._transfer import Watch, WatchedAdapter, watched
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


_REQUEST_ERRORS = {
    "TooManyRedirects": "för många omdirigeringar (en omdirigeringsslinga?)",
    "InvalidURL": "ogiltig adress",
    "MissingSchema": "adressen saknar http:// eller https://",
    "InvalidSchema": "adressen har ett okänt protokoll",
    "ContentDecodingError": "svaret gick inte att packa upp (trasig gzip)",
    "InvalidHeader": "ogiltigt svarshuvud",
}


class HttpClient:
    """HTTP for one publisher: timeouts, retries, rate limit, readable errors, archiving hook."""

    def __init__(
        self,
        publisher: PublisherInfo,
        settings: HttpSettings | None = None,
        on_response: Callable[[Fetched], None] | None = None,
        transport: BaseAdapter | None = None,
    ) -> None:
        """`transport`: answers from elsewhere than the network (sources.replay for a rebuild)."""
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
        # Every socket is cut when a transfer limit is passed (sources._transfer).
        adapter = transport or WatchedAdapter(max_retries=retry)
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

    def _watched_send(self, method: str, url: str, params: dict[str, Any] | None, json_body: Any) -> Fetched:
        self.limiter.acquire()
        with _count_lock:
            self.request_count += 1
            if (counter := _counter.get()) is not None:
                counter[0] += 1
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        data = None if json_body is None else json.dumps(json_body, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"} if data else None
        with watched(self.settings.limits) as watch:
            try:
                response = self.session.request(
                    method, url, params=params, data=data, headers=headers, timeout=timeout, stream=True
                )
                watch.headers_done()
                content = self._body(response, url, watch)  # the whole body here, so truncation surfaces now
            except Exception:
                if watch.cut.is_set():
                    raise self._too_slow(url, watch) from None
                raise
        return self._received(method, url, data, response, content)

    def _send(self, method: str, url: str, params: dict[str, Any] | None, json_body: Any) -> Fetched:
        try:
            return self._watched_send(method, url, params, json_body)
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

    def _received(self, method: str, url: str, data: bytes | None, response, content: bytes) -> Fetched:
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

    def _body(self, response: requests.Response, url: str, watch: Watch) -> bytes:
        """The whole body within the size cap; the transfer limits (sources._transfer) cut it when
        it comes too slowly. Read a kilobyte at a time, so that the rate is seen as it moves."""
        limit = int(self.settings.max_megabytes * 1_000_000)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            response.close()
            raise self._too_large(url, int(declared))
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(1024):
                size += len(chunk)
                watch.got(len(chunk))
                if size > limit:
                    raise self._too_large(url, size)
                chunks.append(chunk)
        finally:
            response.close()
        if watch.cut.is_set():  # cut between two reads: what arrived is not the whole answer
            raise self._too_slow(url, watch)
        return b"".join(chunks)

    def _too_slow(self, url: str, watch: Watch) -> PublisherUnavailable:
        seconds = time.monotonic() - watch.started
        what = {
            "deadline": f"svarade inte klart inom {self.settings.deadline:g} s (REGSTATS_HTTP_DEADLINE)",
            "headers": f"skickade inte sina svarshuvuden inom {self.settings.header_timeout:g} s "
            "(REGSTATS_HTTP_HEADER_TIMEOUT)",
            "stall": f"skickade under {self.settings.min_rate_kbps:g} kB/s i {self.settings.min_rate_seconds:g} s "
            "(REGSTATS_HTTP_MIN_RATE_KBPS, REGSTATS_HTTP_MIN_RATE_SECONDS)",
        }[watch.reason or "deadline"]
        return PublisherUnavailable(
            f"{self.name} {what}: {watch.total / 1000:.0f} kB på {seconds:.1f} s".replace(".", ","),
            publisher=self.publisher.id,
            url=url,
            hint="publiceraren skickar svaret mycket långsamt eller har stannat; kör refresh igen senare",
        )

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
