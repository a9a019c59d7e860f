"""The production recipe: /health, bounded request bodies, and threaded gunicorn workers that a
slow client cannot starve."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def client(data_root):
    shutil.copytree(REPO / "data", data_root)
    from regstats.app.layout import build_app

    return build_app().server.test_client()


def test_health_says_ok_degraded_or_unavailable(client, data_root):
    answer = client.get("/health")
    assert answer.status_code == 200 and answer.json["sample"] is True  # a copy of the sample, still marked
    assert set(answer.json["series"]) >= {"population", "bankruptcies"}
    (data_root / "manifest.json").write_text("{ trasig", encoding="utf-8")
    broken = client.get("/health")
    assert broken.status_code == 503 and "manifest.json är trasig" in broken.json["reason"]


def test_a_large_request_body_is_refused_before_it_is_read(client):
    answer = client.post("/_dash-update-component", data=b"x" * 2_000_000, content_type="application/json")
    assert answer.status_code == 413


def test_half_open_connections_do_not_stall_the_production_server(data_root):
    from tests.proxy_harness import free_port, start_gunicorn

    shutil.copytree(REPO / "data", data_root)
    port = free_port()
    server = start_gunicorn(data_root, port)
    stalled = []
    try:
        for _ in range(4):  # more than the two workers: each sends half a request and waits
            half = socket.create_connection(("127.0.0.1", port))
            half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            stalled.append(half)
        answer = requests.get(f"http://127.0.0.1:{port}/health", timeout=10)
        assert answer.status_code == 200 and json.loads(answer.text)["series"]
    finally:
        for half in stalled:
            half.close()
        server.terminate()
        server.wait(timeout=30)


def test_malformed_or_unknown_callback_requests_are_the_clients_error(client):
    for body in [b"inte json", b"[]", b'{"output": "finns-inte.children", "inputs": []}', b'{"output": 5}']:
        answer = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert answer.status_code == 400, body


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/dash/nope.v1m1.js",
        "/_dash-component-suites/dash/../../etc/passwd",
        "/_dash-component-suites/okand/x.js",
    ],
)
def test_unknown_component_suites_are_404_without_a_traceback(client, path, caplog):
    answer = client.get(path)
    assert answer.status_code == 404
    assert "Traceback" not in caplog.text and "/etc/passwd" not in answer.get_data(as_text=True)
