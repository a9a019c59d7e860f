"""The bundled sample is read-only: refresh and import write the analyst's live store in the
user data directory, and the repository's tracked files never change."""

from __future__ import annotations

import hashlib
from pathlib import Path

from regstats.store import data_dir, live_dir, sample_dir
from tests.test_refresh_cli import line_of

REPO_DATA = Path(__file__).resolve().parents[1] / "data"


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def test_without_a_live_store_the_sample_is_read_and_nothing_writes_to_it(cli, fake, monkeypatch, tmp_path):
    monkeypatch.delenv("REGSTATS_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    before = _fingerprint(REPO_DATA)
    assert data_dir() == sample_dir() == REPO_DATA.resolve()
    assert "exempeldata" in cli("status").out

    result = cli("refresh", "--series", "sentiment")
    assert result.code == 0, result.out
    assert live_dir() == tmp_path / "user-data" / "regstats"
    assert (live_dir() / "store" / "sentiment.parquet").exists()
    assert data_dir() == live_dir()  # from now on the live store is what is shown
    status = cli("status").out  # the other series are not in the live store yet: the sample stands in
    assert "ok" in line_of(status, "sentiment") and "exempeldata" in line_of(status, "population")

    csv = tmp_path / "ki.csv"
    csv.write_text('"indikator","2026M01"\n"Barometerindikatorn",99.5\n', encoding="utf-8")
    cli("import", str(csv), "--series", "sentiment")
    assert _fingerprint(REPO_DATA) == before  # git status stays clean
