"""The one HTTP client, against the fake publishers: retries, Retry-After, caps, readable errors."""

import pytest

from regstats.errors import ContractError, FetchError, PublisherError, PublisherUnavailable
from regstats.sources._http import HttpClient, HttpSettings, RateLimiter
from regstats.sources.publishers import PUBLISHERS

FAST = HttpSettings(connect_timeout=1, read_timeout=0.3, retries=2, backoff=0.01, max_retry_after=5)


@pytest.fixture
def scb(fake):
    return HttpClient(PUBLISHERS["scb"], FAST)


def test_user_agent_names_regstats(scb):
    assert scb.session.headers["User-Agent"].startswith("regstats/")


def test_a_429_with_retry_after_is_waited_out_and_then_answered(fake, scb):
    fake.add_fault("scb", "429", path="config", times=1, retry_after="1")
    doc = scb.get(scb.url("config")).json()
    assert doc["maxDataCells"] == 150000
    assert [s for p, _, u, s in fake.requests if "config" in u] == [429, 200]


def test_a_retry_after_longer_than_the_cap_fails_fast_with_a_reason(fake, scb):
    fake.add_fault("scb", "429", path="config", retry_after="3600")
    with pytest.raises(FetchError, match="vänta 3600 s"):
        scb.get(scb.url("config"))
    assert fake.count("scb", "config") == 1


def test_server_errors_are_retried_a_bounded_number_of_times(fake, scb):
    fake.add_fault("scb", "status", path="config", status=503)
    with pytest.raises(PublisherUnavailable, match="serverfel 503 \\(3 försök\\)"):
        scb.get(scb.url("config"))
    assert fake.count("scb", "config") == 3


def test_a_transient_500_is_invisible_to_the_caller(fake, scb):
    fake.add_fault("scb", "status", path="config", status=500, times=1)
    assert scb.get(scb.url("config")).json()["maxCallsPerTimeWindow"] == 30


def test_a_timeout_names_the_limit_and_the_url(fake, scb):
    fake.add_fault("scb", "timeout", path="config", delay=0.6)
    with pytest.raises(PublisherUnavailable) as caught:
        scb.get(scb.url("config"))
    assert "svarade inte inom 0.3 s" in str(caught.value)
    assert "/config" in str(caught.value)


def test_a_dropped_connection_is_retried_then_reported(fake, scb):
    fake.add_fault("scb", "drop", path="config")
    with pytest.raises(PublisherUnavailable, match="gick inte att nå"):
        scb.get(scb.url("config"))


def test_a_truncated_body_is_a_fetch_error(fake, scb):
    fake.add_fault("scb", "truncate", path="config")
    with pytest.raises(FetchError, match="avbröts"):
        scb.get(scb.url("config"))


def test_html_where_json_was_expected_is_a_contract_error(fake, scb):
    fake.add_fault("scb", "html", path="config")
    with pytest.raises(ContractError, match="HTML-sida"):
        scb.get(scb.url("config")).json()


def test_pxweb_error_bodies_become_readable_errors(fake, scb):
    with pytest.raises(PublisherError, match="Non-existent table") as caught:
        scb.get(scb.url("tables/TAB0000"))
    assert caught.value.status == 404


def test_an_unreachable_publisher_is_reported_without_hanging():
    closed = HttpClient(PUBLISHERS["scb"], FAST)
    with pytest.raises(PublisherUnavailable, match="gick inte att nå"):
        closed.get("http://127.0.0.1:9/api/v2/config")


def test_the_rate_limiter_waits_once_the_window_is_full():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(3, 10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        limiter.acquire()
    assert slept == []
    now[0] = 4.0
    limiter.acquire()
    assert slept == [pytest.approx(6.55)]
    limiter.configure(30, 10)
    limiter.acquire()
    assert slept == [pytest.approx(6.55)]


def test_a_publisher_that_trickles_its_answer_is_stopped_at_the_deadline(fake, monkeypatch):
    import time

    monkeypatch.setenv("REGSTATS_HTTP_DEADLINE", "0.5")
    fake.add_fault("scb", "trickle", path="config", delay=0.05)  # 16 bytes every 50 ms: ~1 kB takes 3 s
    client = HttpClient(PUBLISHERS["scb"])
    started = time.monotonic()
    with pytest.raises(PublisherUnavailable, match=r"svarade inte klart inom 0,5 s \(REGSTATS_HTTP_DEADLINE\)"):
        client.get(client.url("config"))
    assert time.monotonic() - started < 2.5
    assert fake.count("scb", "config") == 1  # a slow body is not retried into a longer wait


def test_an_answer_over_the_size_cap_is_refused_before_it_is_stored(fake, monkeypatch):
    monkeypatch.setenv("REGSTATS_HTTP_MAX_MB", "0.0005")  # 500 bytes; /config is about 1 kB
    client = HttpClient(PUBLISHERS["scb"])
    with pytest.raises(FetchError, match="över gränsen 0,0005 MB"):
        client.get(client.url("config"))


def test_a_redirect_loop_and_a_malformed_address_are_network_failures_named_by_publisher():
    """requests' errors are OSErrors: they must never read as a full disk."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Loop(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", self.path)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Loop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = HttpClient(PUBLISHERS["scb"], FAST)
        with pytest.raises(FetchError, match="SCB misslyckades: för många omdirigeringar") as caught:
            client.get(f"http://127.0.0.1:{server.server_port}/loop")
        assert "diskutrymme" not in str(caught.value) and caught.value.publisher == "scb"
        with pytest.raises(FetchError, match="saknar http"):
            client.get("127.0.0.1/utan-protokoll")
    finally:
        server.shutdown()


def _limited(**limits) -> HttpClient:
    from dataclasses import replace

    return HttpClient(PUBLISHERS["scb"], replace(FAST, read_timeout=5, **limits))


def test_headers_trickled_a_byte_at_a_time_end_at_the_header_limit(fake):
    """Each byte well within the read timeout; the old watchdog only started after the headers."""
    fake.add_fault("scb", "header-trickle", path="config", delay=0.05)
    with pytest.raises(PublisherUnavailable, match="skickade inte sina svarshuvuden inom 0,5 s"):
        _limited(header_timeout=0.5, deadline=300).get(_limited().url("config"))


def test_a_trickle_on_a_connection_that_closes_ends_at_the_deadline(fake):
    """HTTP/1.0 style (no length, `Connection: close`): the socket is still found and cut."""
    fake.add_fault("scb", "trickle-close", path="config", delay=0.2)
    with pytest.raises(PublisherUnavailable, match="svarade inte klart inom 1 s"):
        _limited(deadline=1, min_rate_kbps=0).get(_limited().url("config"))


def test_a_stalled_body_ends_at_the_minimum_rate_and_a_slow_moving_one_goes_on(fake):
    fake.add_fault("scb", "trickle", path="config", delay=0.5, times=1)  # 32 bytes a second
    with pytest.raises(PublisherUnavailable, match="skickade under 1 kB/s i 1 s"):
        _limited(min_rate_kbps=1, min_rate_seconds=1, deadline=300).get(_limited().url("config"))
    fake.add_fault("scb", "trickle", path="config", delay=0.001, times=1)  # ~10 kB/s: slow but moving
    answer = _limited(min_rate_kbps=1, min_rate_seconds=0.5, deadline=300).get(_limited().url("config"))
    assert answer.json()["maxDataCells"] == 150000


@pytest.mark.parametrize(("kind", "message"), [("reset", "gick inte att nå|avbröts"), ("gzip", "trasig gzip")])
def test_a_reset_and_a_broken_gzip_are_the_publishers_failures(fake, kind, message):
    fake.add_fault("scb", kind, path="config")
    with pytest.raises((FetchError, PublisherUnavailable), match=message) as caught:
        _limited().get(_limited().url("config"))
    assert caught.value.publisher == "scb"
