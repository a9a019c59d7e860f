"""Every publisher × every fault, through the CLI: the series fails readably, the stored files stay
byte-identical, and no traceback reaches the analyst."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_refresh_cli import line_of, snapshot

# The fake's name for each host → the first series read from it.
FIRST = {
    "scb": "unemployment_bas",
    "scb1": "unemployment_aku",
    "ki": "sentiment",
    "tva": "bankruptcies",
    "fk": "sick_leave_days",
    "af": "vacancies_new",
    "kolada": "kolada",
}


def _renamed(fake, publisher: str) -> None:
    if publisher == "scb":
        fake.rename_variable(fake.scb["TAB5663"], "NyckeltalSCB", "Nyckeltal")
    elif publisher == "scb1":
        fake.rename_variable(fake.aku, "Arbetskraftstillh", "Arbetskraft")
    elif publisher == "ki":
        fake.rename_variable(fake.ki, "Indikator", "Indikatorer")
    elif publisher == "tva":
        fake.tva.label = "Utmätningar per kvartal"
    elif publisher == "fk":
        fake.fk.tables["ohm-sjptal"] = "SJPsjptalV2"
    elif publisher == "af":
        fake.af.renamed_fields["PERIOD"] = "MANAD_NR"
    else:
        fake.kolada.use_v2_paging = True
        fake.kolada.offsets["N03941"] = float("nan")  # values arrive as NaN without a status


def _stale(fake, publisher: str) -> None:
    if publisher == "scb":
        fake.scb["TAB5663"].set_last_period(fake.scb["TAB5663"].periods[-8])
    elif publisher == "scb1":
        fake.aku.set_last_period(fake.aku.periods[-4])
    elif publisher == "ki":
        fake.ki.set_last_period(fake.ki.periods[-8])
    elif publisher == "tva":
        fake.tva.set_last_period(fake.tva.periods[-8])
    elif publisher == "fk":
        fake.fk.last = fake.fk.last.replace(year=fake.fk.last.year - 1)
    elif publisher == "af":
        fake.af.months_behind["web-platser"] = 8
    else:
        fake.kolada.last_year -= 3


FAULTS = {
    "503": lambda fake, p: fake.add_fault(p, "status", status=503),
    "429": lambda fake, p: fake.add_fault(p, "429", retry_after="3600"),
    "timeout": lambda fake, p: fake.add_fault(p, "timeout", delay=0.6),  # read timeout 0,3 s below
    "trickle": lambda fake, p: fake.add_fault(p, "trickle", delay=0.05),
    "truncated": lambda fake, p: fake.add_fault(p, "truncate"),
    "html": lambda fake, p: fake.add_fault(p, "html", path="download" if p == "af" else ""),
    "empty": lambda fake, p: fake.add_fault(p, "empty", path="download" if p == "af" else ""),
    "header-trickle": lambda fake, p: fake.add_fault(p, "header-trickle", delay=0.02),
    "trickle-close": lambda fake, p: fake.add_fault(p, "trickle-close", delay=0.05),
    "stall": lambda fake, p: fake.add_fault(p, "trickle", delay=0.5),
    "reset": lambda fake, p: fake.add_fault(p, "reset"),
    "gzip": lambda fake, p: fake.add_fault(p, "gzip"),
    "redirect-loop": lambda fake, p: fake.add_fault(p, "redirect"),
    "oversize": None,  # REGSTATS_HTTP_MAX_MB below every answer
    "renamed": _renamed,
    "stale": _stale,
}
_TEMPLATES: dict[str, Path] = {}


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("publisher", FIRST)
def test_every_fault_of_every_publisher_fails_readably_and_loses_nothing(
    cli, fake, data_root, monkeypatch, tmp_path_factory, publisher, fault
):
    series = FIRST[publisher]
    if publisher not in _TEMPLATES:  # one clean refresh per publisher, copied for each fault
        assert cli("refresh", "--series", series).code == 0
        _TEMPLATES[publisher] = tmp_path_factory.mktemp(f"store-{publisher}")
        shutil.copytree(data_root, _TEMPLATES[publisher], dirs_exist_ok=True)
    else:
        shutil.copytree(_TEMPLATES[publisher], data_root, dirs_exist_ok=True)
    before = snapshot(data_root)
    monkeypatch.setenv("REGSTATS_HTTP_DEADLINE", "0.3")
    monkeypatch.setenv("REGSTATS_HTTP_TIMEOUT", "0.3")
    monkeypatch.setenv("REGSTATS_HTTP_HEADER_TIMEOUT", "0.3")
    monkeypatch.setenv("REGSTATS_HTTP_MIN_RATE_SECONDS", "0.2")
    if fault == "oversize":
        monkeypatch.setenv("REGSTATS_HTTP_MAX_MB", "0.00005")
    else:
        FAULTS[fault](fake, publisher)
    result = cli("refresh", "--series", series, "--force")
    assert result.code == 1, result.out
    assert "misslyckades" in line_of(result.out, series)
    assert "Traceback" not in result.out + result.err
    assert "diskutrymme" not in result.out  # a network failure is never taken for a full disk
    assert snapshot(data_root) == before
