"""Shared fixtures. The session refuses every connection except loopback (pytest-socket,
configured in pyproject.toml); fake publishers run on 127.0.0.1."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from regstats.catalog import load_catalog
from regstats.fakes import FakePublishers

# Real recorded responses, copied into the project (see fixtures/PROVENANCE.md): the tests read
# nothing outside the repository.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = FIXTURES


@pytest.fixture(autouse=True)
def _fast_and_isolated(monkeypatch, tmp_path):
    """Short timeouts and back-off in tests; a store of their own; wide output for asserts. The
    fake publishers share the process with the refresh they answer, so a reply can wait for the
    interpreter while a large workbook is parsed: 3 s per read keeps that from failing a test on
    a busy machine; the tests of timeouts set their own, shorter limits."""
    monkeypatch.setenv("REGSTATS_HTTP_TIMEOUT", "3")
    monkeypatch.setenv("REGSTATS_HTTP_CONNECT_TIMEOUT", "1")
    monkeypatch.setenv("REGSTATS_HTTP_RETRIES", "2")
    monkeypatch.setenv("REGSTATS_HTTP_BACKOFF", "0.01")
    monkeypatch.setenv("REGSTATS_HTTP_MAX_RETRY_AFTER", "5")
    # Fakes run with limits off (below); test_rate_limits.py switches both back on.
    monkeypatch.setenv("REGSTATS_HTTP_RATE_SCALE", "0.01")
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))  # never the developer's own store
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setenv("COLUMNS", "250")
    for key in [f"REGSTATS_{p.upper()}_URL" for p in ["scb", "ki", "tva", "fk", "af", "kolada"]]:
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def data_root(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def fake(monkeypatch):
    """Rate limits are not enforced here: tests run refreshes back to back, faster than any
    real analyst. test_rate_limits.py switches enforcement on."""
    with FakePublishers(enforce_limits=False) as publishers:
        for key, value in publishers.env().items():
            monkeypatch.setenv(key, value)
        yield publishers


@pytest.fixture
def catalog():
    return load_catalog()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the installed `regstats` entry point in-process, as a user would from a shell."""
    from regstats.cli import main

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["regstats", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def pytest_collection_modifyitems(items):
    """Everything under tests/e2e drives Chromium: marked e2e, so `-m "not e2e"` is the fast loop."""
    for item in items:
        if "/tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
