"""`regstats list`, `show` and `status` as the analyst uses them."""

import io

import pandas as pd

from regstats.catalog import load_catalog


def test_list_names_every_series(cli):
    result = cli("list")
    assert result.code == 0
    for series_id in ["population", "unemployment_bas", "unemployment_aku", "bankruptcies", "sentiment"]:
        assert series_id in result.out


def test_show_prints_swedish_numbers_and_labels_the_sample(cli, monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", "data")
    args = ("show", "population", "--region", "23", "--measure", "month_end", "--sex", "T", "--last", "1")
    result = cli(*args, "--format", "table")
    assert result.code == 0
    assert "EXEMPELDATA" in result.out and "23 Jämtlands län" in result.out
    value = next(line for line in result.out.splitlines() if "month_end" in line)
    assert "\u00a0" in value  # thousands are separated by a non-breaking space
    piped = cli(*args)  # for scripts: plain values, and the sample mark on stderr
    assert "135" in piped.out and "EXEMPELDATA" in piped.err


def test_show_as_csv_gives_the_stored_values(cli, monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", "data")
    result = cli("show", "sentiment", "--measure", "barometer", "--format", "csv")
    assert result.code == 0
    frame = pd.read_csv(io.StringIO(result.out), sep=";", decimal=",", dtype={"region_code": str})
    assert set(frame["region_code"]) == {"00"}
    assert frame["period_code"].iloc[0] == "1996M01"
    assert frame["value"].between(50, 150).all()


def test_status_reports_every_series(cli, monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", "data")
    result = cli("status")
    assert result.code == 0 and result.out.count("exempeldata") == len(load_catalog())


def test_bad_input_gets_one_clear_line_and_no_traceback(cli, monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", "data")
    for args, message in [
        (("show", "nope"), "Okänd serie 'nope'"),
        (("show", "population", "--region", "<script>"), "Okänd regionkod"),
        (("show", "population", "--format", "xml"), "Ogiltigt värde för '--format'"),
        (("show", "population", "--as-of", "1990-01-01"), "ingen version från 1990-01-01"),
    ]:
        result = cli(*args)
        assert result.code == 2, args
        assert message in result.err and "Traceback" not in result.err


def test_show_on_an_empty_store_shows_the_sample_marked(cli):
    result = cli("show", "population", "--region", "23", "--last", "1")
    assert result.code == 0 and "EXEMPELDATA" in result.err
    assert result.out.splitlines()[1].startswith("23\t")


def test_piped_output_is_plain_text_and_never_cuts_an_id(cli):
    result = cli("list")  # captured output is not a terminal, as with `regstats list | cat`
    lines = result.out.splitlines()
    assert lines[0].split("\t")[:2] == ["id", "titel"]
    assert {line.split("\t")[0] for line in lines[1:]} == set(load_catalog())


def test_list_status_and_show_speak_csv_and_json_for_scripts(cli, monkeypatch):
    import json

    monkeypatch.setenv("REGSTATS_DATA_DIR", "data")
    listed = json.loads(cli("list", "--format", "json").out)
    assert [row["id"] for row in listed] == list(load_catalog())
    status = cli("status", "--format", "csv").out.splitlines()
    assert status[0].startswith("serie;status;senaste period")
    shown = json.loads(cli("show", "population", "--region", "23", "--last", "1", "--format", "json").out)
    assert shown and all(isinstance(row["value"], float) for row in shown)
