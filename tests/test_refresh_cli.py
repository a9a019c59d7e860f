"""`regstats refresh` end to end through the CLI, against the fake publishers."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from regstats.catalog import load_catalog
from regstats.fakes import synthetic
from regstats.periods import period_start
from regstats.store import SeriesStore
from regstats.store.lock import refresh_lock
from regstats.store.manifest import load_manifest

ALL = list(load_catalog())


def snapshot(root):
    return {p.name: p.read_bytes() for p in (root / "store").glob("*.parquet")}


def line_of(out: str, series_id: str) -> str:
    """The line of a table or of tab-separated text (piped output) that names the series."""
    return next(line for line in out.splitlines() if f" {series_id} " in f" {line.replace(chr(9), ' ')} ")


def test_a_full_refresh_stores_every_series_with_the_publishers_values(cli, fake, data_root):
    result = cli("refresh")
    assert result.code == 0, result.out + result.err
    store = SeriesStore(data_root)
    assert store.series_ids() == sorted(ALL)
    for series_id in ALL:
        assert "nya data" in line_of(result.out, series_id)
    bas = store.read("unemployment_bas")
    assert bas.metadata["title_sv"] == "Arbetslöshet och sysselsättningsgrad (BAS)"
    assert bas.metadata["sample"] == "false"
    last_code = fake.scb["TAB5663"].time.values[-1]
    assert set(bas.frame.sex) == {"T"}  # TAB5663 has no sex
    row = bas.frame[
        (bas.frame.region_code == "23")
        & (bas.frame.measure == "unemployment_rate")
        & (bas.frame.period == str(period_start(last_code)))
    ]
    assert row["value"].tolist() == [synthetic.unemployment("23", "T", period_start(last_code), "unemployment")]
    konk = store.read("bankruptcies").frame
    riket = konk[(konk.region_code == "00") & (konk.measure == "bankruptcies")].set_index("period")["value"]
    counties = konk[(konk.region_code != "00") & (konk.measure == "bankruptcies")].groupby("period")["value"].sum()
    assert (riket == counties).all()  # Tillväxtanalys has no Riket row: regstats sums the counties
    assert set(konk.loc[konk.region_code == "00", "status"]) == {"sum"}
    assert set(store.read("sentiment").frame["region_code"]) == {"00"}
    manifest = load_manifest(data_root)["series"]
    assert manifest["unemployment_bas"]["latest_period"] == last_code
    assert manifest["unemployment_bas"]["sources"]["TAB5663"]["updated"] == fake.scb["TAB5663"].updated
    assert len(manifest["population"]["checksum"]) == 64


def test_every_response_is_archived_with_its_origin(cli, fake, data_root):
    import hashlib
    import json

    assert cli("refresh", "--series", "sentiment").code == 0
    metas = sorted((data_root / "raw" / "ki").rglob("*.meta.json"))
    assert len(metas) == fake.count("ki")
    origin = json.loads(metas[-1].read_text("utf-8"))
    body = metas[-1].with_name(metas[-1].name.replace(".meta.json", ".body")).read_bytes()
    assert origin["url"].startswith(fake.urls()["ki"]) and origin["method"] == "POST"
    assert origin["sha256"] == hashlib.sha256(body).hexdigest()
    assert body.startswith("\ufeff".encode())  # the bytes exactly as received, BOM included


def test_the_cell_key_method_note_reaches_the_series_metadata(cli, fake, data_root):
    assert cli("refresh", "--series", "population").code == 0
    metadata = pq.read_schema(data_root / "store" / "population.parquet").metadata
    assert "kontrollerad slumpmässig osäkerhet".encode() in metadata[b"mandatory_notes"]


def test_a_second_refresh_with_nothing_new_only_probes_freshness(cli, fake, data_root):
    assert cli("refresh").code == 0
    before = snapshot(data_root)
    fake.requests.clear()
    result = cli("refresh")
    assert result.code == 0
    for series_id in ALL:
        assert "oförändrad" in line_of(result.out, series_id)
    assert not [r for r in fake.requests if r[1] == "POST"]  # no data call
    assert fake.count("af", "download") == 0 and fake.count("fk", r"\.json\?") == 0
    # the metadata is read for its fingerprint: once per SCB table, however many series read it
    scb_tables = {q.table for s in load_catalog().values() for q in s.queries if q.protocol == "pxweb2" and q.table}
    assert fake.count("scb", "metadata") == len(scb_tables)
    assert snapshot(data_root) == before


def test_revised_values_are_counted_and_the_old_vintage_stays_readable(cli, fake, data_root):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    store = SeriesStore(data_root)
    first = store.read("unemployment_bas")
    table = fake.scb["TAB5663"]
    table.revision, table.updated = 2, "2099-01-01T06:00:00Z"
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 0
    line = line_of(result.out, "unemployment_bas")
    # three newest months × 22 regions × 2 measures were revised (TAB5663 has no sex)
    assert line.split("\t")[1:4] == ["reviderad", "–", "132"]
    assert len(store.vintages("unemployment_bas")) == 2
    old = store.read("unemployment_bas", as_of=_vintage_time(first.vintage))
    assert old.frame["value"].equals(first.frame["value"])
    assert not store.read("unemployment_bas").frame["value"].equals(first.frame["value"])


def test_a_newly_published_period_is_reported(cli, fake, data_root):
    table = fake.tva
    latest = table.periods[-1]
    table.set_last_period(table.periods[-2])
    assert cli("refresh", "--series", "bankruptcies").code == 0
    table.set_last_period(latest)
    table.updated = "2099-01-01T09:00:00"
    result = cli("refresh", "--series", "bankruptcies")
    assert result.code == 0
    assert "nya data" in line_of(result.out, "bankruptcies")
    assert latest in line_of(result.out, "bankruptcies")  # the publisher's own period code


def _vintage_time(vintage):
    from regstats.store.series_store import vintage_time

    return vintage_time(vintage)


def _bump(fake, series_id):
    """Make the target look updated, so the refresh really tries to download it."""
    if series_id == "sentiment":
        fake.ki.updated = "2099-01-01T08:00:00"
    elif series_id == "bankruptcies":
        fake.tva.updated = "2099-01-01T08:00:00"
    else:
        table = {"unemployment_bas": "TAB5663", "population": "TAB6471"}[series_id]
        fake.scb[table].updated = "2099-01-01T06:00:00Z"


def fault(publisher, kind, **kwargs):
    return lambda fake: fake.add_fault(publisher, kind, **kwargs)


def rename_variable(fake):
    fake.rename_variable(fake.scb["TAB5663"], "Region", "Lan")


def relabel_measure(fake):
    measure = fake.tva.variable("variabel")
    code = next(c for c, label in measure.labels.items() if label == "Antal konkurser")
    measure.labels[code] = "Antal företag"


def discontinue(fake):
    fake.scb["TAB5663"].discontinued = True


def go_stale(fake):
    fake.tva.set_last_period(fake.tva.periods[-8])


def retitle(fake):
    fake.tva.label = "Utmätningar per kvartal"


NEIGHBOURS = ["unemployment_aku", "sentiment", "bankruptcies", "sick_leave_days"]
BAS_DATA, KI_DATA, TVA_DATA = "TAB5663/data", "Indikatorm", "konkurser_manad"
FAULTS = {
    "429 asking for an hour": (
        "unemployment_bas",
        fault("scb", "429", path=BAS_DATA, retry_after="3600"),
        "ber oss vänta 3600 s",
    ),
    "429 that never ends": (
        "unemployment_bas",
        fault("scb", "429", path=BAS_DATA, retry_after="0"),
        "begränsar anropen (429)",
    ),
    "500": ("unemployment_bas", fault("scb", "status", path=BAS_DATA, status=500), "serverfel 500"),
    "503": ("sentiment", fault("ki", "status", path=KI_DATA, method="POST", status=503), "serverfel 503"),
    "timeout": ("unemployment_bas", fault("scb", "timeout", path=BAS_DATA, delay=1.3), "svarade inte inom"),
    "truncated body": ("unemployment_bas", fault("scb", "truncate", path=BAS_DATA), "avbröts"),
    "truncated json": ("sentiment", fault("ki", "cut", path=KI_DATA, method="POST"), "inte giltig JSON"),
    "html instead of json": ("bankruptcies", fault("tva", "html", path=TVA_DATA, method="POST"), "HTML-sida"),
    "renamed variable": ("unemployment_bas", rename_variable, "saknar variabeln Region"),
    "renamed measure label": ("bankruptcies", relabel_measure, "matchar '(?i)^antal konkurser$'"),
    "table discontinued": ("unemployment_bas", discontinue, "avslutad"),
    "stale table": ("bankruptcies", go_stale, "inaktuella"),
    "renamed file title": ("bankruptcies", retitle, "ingen tabell"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_each_fault_fails_one_series_readably_and_loses_nothing(cli, fake, data_root, fault, monkeypatch):
    series_id, breaking, message = FAULTS[fault]
    if fault == "timeout":
        monkeypatch.setenv("REGSTATS_HTTP_TIMEOUT", "1")  # below the fault's 1,3 s delay
    # The target, a series from the same publisher after it, and series from other publishers.
    chosen = [series_id, *NEIGHBOURS]
    args = [arg for s in dict.fromkeys(chosen) for arg in ("--series", s)]
    assert cli("refresh", *args).code == 0
    before = snapshot(data_root)
    _bump(fake, series_id)
    breaking(fake)
    result = cli("refresh", *args)
    assert result.code == 1
    line = line_of(result.out, series_id)
    assert "misslyckades" in line
    assert message in result.out
    assert "Traceback" not in result.out + result.err
    assert snapshot(data_root)[f"{series_id}.parquet"] == before[f"{series_id}.parquet"]
    others = [s for s in dict.fromkeys(chosen) if s != series_id and s != "unemployment_aku"]
    for other in others:
        assert "misslyckades" not in line_of(result.out, other), other
    entry = load_manifest(data_root)["series"][series_id]
    assert entry["last_status"] == "failed" and message in entry["last_error"]


def test_after_a_publisher_outage_its_remaining_series_are_skipped_not_retried(cli, fake, data_root):
    fake.add_fault("scb", "status", status=503)
    result = cli("refresh")
    assert result.code == 1
    outcomes = [line_of(result.out, s) for s in ["population", "unemployment_bas"]]
    assert sum("misslyckades" in o for o in outcomes) == 1 and sum("hoppades över" in o for o in outcomes) == 1
    assert fake.count("scb") == 3  # one request and its two retries, for both series together
    assert "nya data" in line_of(result.out, "unemployment_aku")  # SCB's v1 API is another host
    assert "nya data" in line_of(result.out, "sentiment")


def test_with_every_publisher_down_the_refresh_ends_after_one_bounded_attempt_each(cli, fake, data_root):
    publishers = {"scb": "scb", "scb1": "scb_v1", "ki": "ki", "tva": "tva", "fk": "fk", "af": "af", "kolada": "kolada"}
    for publisher in publishers:
        fake.add_fault(publisher, "drop")
    result = cli("refresh")
    assert result.code == 1
    catalog = load_catalog()
    for fake_name, endpoint in publishers.items():
        ids = [s.id for s in catalog.values() if (s.queries[0].endpoint or s.publisher) == endpoint]
        lines = [line_of(result.out, s) for s in ids]
        assert sum("misslyckades" in line for line in lines) == 1, endpoint  # whichever asked first
        assert sum("hoppades över" in line for line in lines) == len(ids) - 1, endpoint
        assert fake.count(fake_name) == 3  # the first call and its two retries, nothing more
    assert not (data_root / "store").exists() or not list((data_root / "store").glob("*.parquet"))


def test_a_second_refresh_cannot_run_while_one_holds_the_lock(cli, fake, data_root):
    with refresh_lock(data_root):
        result = cli("refresh")
    assert result.code == 2
    assert "En annan refresh pågår" in result.err


def test_unknown_series_and_publishers_are_refused_before_any_request(cli, fake):
    result = cli("refresh", "--series", "arbetsloshet")
    assert result.code == 2 and "okänd serie arbetsloshet" in result.err
    result = cli("refresh", "--publisher", "eurostat")
    assert result.code == 2 and "okänd publicerare" in result.err
    assert fake.requests == []


def test_when_scb_closes_its_v1_api_the_aku_series_is_read_from_a_pxwebapi2_table(cli, fake, data_root):
    import copy

    assert cli("refresh", "--series", "unemployment_aku").code == 0
    before = SeriesStore(data_root).read("unemployment_aku").frame
    successor = copy.deepcopy(fake.aku)  # the same table, published in PxWebApi 2.0 under a TAB id
    successor.id, successor.recorded = "TAB9999", {}
    successor.label = "Befolkningen 15-74 år (AKU) efter region, arbetskraftstillhörighet, kön och kvartal"
    for variable in successor.variables:
        variable.recorded = {}
    fake.scb["TAB9999"] = successor
    fake.add_fault("scb1", "status", status=404)
    result = cli("refresh", "--series", "unemployment_aku", "--force")
    assert result.code == 0, result.out
    assert fake.count("scb", "TAB9999/data") > 0
    assert list(load_manifest(data_root)["series"]["unemployment_aku"]["sources"]) == ["TAB9999"]
    stored = SeriesStore(data_root).read("unemployment_aku").frame  # the same values: nothing to revise
    key = ["region_code", "sex", "measure", "period"]
    assert stored.sort_values(key)["value"].tolist() == before.sort_values(key)["value"].tolist()
    assert "oförändrad" in line_of(result.out, "unemployment_aku")


def test_publisher_text_is_never_read_as_markup_or_terminal_codes(cli, fake, data_root, tmp_path):
    from regstats.fakes.answers import Answer

    def hostile(*args, **kwargs):
        raise Answer(400, "[/] [bold red]Fel[/bold red] \x1b[2J rensad skärm", "text/plain")

    fake.scb_v2.answer = hostile
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert "[/] [bold red]Fel[/bold red] \\x1b[2J rensad skärm" in result.out  # shown, escaped
    assert "\x1b[2J" not in result.out
    status = cli("status")
    assert status.code == 0 and "[/]" in status.out and "\x1b[2J" not in status.out
    name = tmp_path / "a\x1b[31mröd.csv"
    name.write_text("x", encoding="utf-8")
    imported = cli("import", str(name))
    assert imported.code == 2 and "\x1b[31m" not in imported.err and "\\x1b[31m" in imported.err


def test_a_contract_error_names_the_publisher_and_the_table(cli, fake):
    fake.rename_variable(fake.scb["TAB5663"], "Region", "Lan")
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 1 and "SCB, TAB5663: Tabellen saknar variabeln Region" in result.out
