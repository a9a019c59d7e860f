"""The production recipe holds against slow clients: nginx (deploy/nginx/regstats.conf) in front
of gunicorn keeps twelve and more slowloris connections from the app's threads, so /health and
pages answer while they trickle. bench/bench_slowloris.py measures it beside gunicorn alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import requests

from tests.proxy_harness import NGINX, REPO, free_port, health_times, slow_clients, start_gunicorn, start_nginx


@pytest.mark.slow
def test_slow_clients_through_the_proxy_never_stop_the_app(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx saknas: .ci/run installerar Debians nginx-light")
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    app_port, proxy_port = free_port(), free_port()
    app = start_gunicorn(data, app_port)
    proxy = None
    clients = []
    try:
        proxy = start_nginx(tmp_path / "nginx", app_port, proxy_port)
        clients = slow_clients(proxy_port, 24)  # twice what stopped gunicorn alone (2 × 8 threads … 12)
        times = health_times(proxy_port, 7, clients)
        assert None not in times, times
        page = requests.get(f"http://127.0.0.1:{proxy_port}/arbetsloshet", timeout=10)
        assert page.status_code == 200 and "regstats" in page.text
    finally:
        for client in clients:
            client.close()
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=10)
        app.terminate()
        app.wait(timeout=30)
