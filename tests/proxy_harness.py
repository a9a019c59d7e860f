"""The production recipe on loopback, for the tests and bench/bench_slowloris.py: gunicorn with
gunicorn.conf.py, nginx with deploy/nginx/regstats.conf in front, and slow clients."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise RuntimeError(f"{url} answered nothing in {seconds:g} s")


def start_gunicorn(data_dir: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "REGSTATS_BIND": f"127.0.0.1:{port}",
        "REGSTATS_DATA_DIR": str(data_dir),
        "REGSTATS_WARM": "pages",  # the warm-up's path for Jämtland only: a second, not twenty
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/health")
    return server


def start_nginx(folder: Path, upstream: int, port: int) -> subprocess.Popen:
    """deploy/nginx/regstats.conf as shipped, pointed at the app on `upstream` and listening on
    `port`, inside a minimal main configuration whose files all live in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    site = (REPO / "deploy" / "nginx" / "regstats.conf").read_text("utf-8")
    site = site.replace("server app:8050;", f"server 127.0.0.1:{upstream};").replace(
        "listen 80;", f"listen 127.0.0.1:{port};"
    )
    (folder / "regstats.conf").write_text(site, encoding="utf-8")
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(parents=True, exist_ok=True)
    main = f"""
daemon off;
user root;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder}/regstats.conf;
}}
"""
    (folder / "nginx.conf").write_text(main, encoding="utf-8")
    proxy = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/health")
    return proxy


def slow_clients(port: int, count: int) -> list[socket.socket]:
    """Slowloris: each opens a request and sends a header line, then waits (the caller keeps
    them open, and may trickle more with `trickle`)."""
    clients = []
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(b"GET /arbetsloshet HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        clients.append(client)
    return clients


def trickle(clients: list[socket.socket]) -> None:
    for client in clients:
        with suppress(OSError):  # the server has closed it: what a server should do
            client.sendall(b"X-a: b\r\n")


def health_times(port: int, probes: int, clients: list[socket.socket], timeout: float = 10) -> list[float | None]:
    """Seconds each /health probe took while the slow clients keep trickling; None for a probe
    that got no answer within `timeout`."""
    times: list[float | None] = []
    for _ in range(probes):
        trickle(clients)
        started = time.monotonic()
        try:
            ok = requests.get(f"http://127.0.0.1:{port}/health", timeout=timeout).status_code == 200
            times.append(time.monotonic() - started if ok else None)
        except requests.RequestException:
            times.append(None)
        time.sleep(0.5)
    return times
