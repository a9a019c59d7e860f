"""The store heals: atomic vintage copies, a manifest rebuilt from the files, a broken current
file restored from its newest readable vintage, a full disk reported — through the real CLI."""

from __future__ import annotations

import errno

import pyarrow.parquet as pq
import pytest

from regstats.errors import StoreError
from regstats.store import SeriesStore
from regstats.store.manifest import load_manifest
from tests.test_refresh_cli import line_of, snapshot


def _two_releases(cli, fake, series: str = "unemployment_bas") -> None:
    assert cli("refresh", "--series", series).code == 0
    table = fake.scb["TAB5663"]
    table.revision, table.updated = 1, "2099-01-01T06:00:00Z"
    assert cli("refresh", "--series", series).code == 0


def test_a_vintage_left_truncated_by_a_crash_is_replaced_by_the_intact_copy(cli, fake, data_root):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    store = SeriesStore(data_root)
    vintage = store.read("unemployment_bas").vintage
    broken = store.vintage_dir("unemployment_bas") / f"{vintage}.parquet"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(store.path("unemployment_bas").read_bytes()[:100])  # an earlier copy cut short
    table = fake.scb["TAB5663"]
    table.revision, table.updated = 1, "2099-01-01T06:00:00Z"
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    assert pq.read_table(broken).num_rows > 0  # the vintage is whole again
    old = cli("show", "unemployment_bas", "--region", "23", "--as-of", "2000-01-01")
    assert "Traceback" not in old.out + old.err


def test_a_full_disk_mid_copy_leaves_no_half_vintage_and_a_readable_report(cli, fake, data_root, monkeypatch):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    before = snapshot(data_root)

    def half_then_full(source, target):
        with open(source, "rb") as src, open(target, "wb") as dst:
            dst.write(src.read()[:200])
        raise OSError(errno.ENOSPC, "No space left on device")

    table = fake.scb["TAB5663"]
    table.revision, table.updated = 1, "2099-01-01T06:00:00Z"
    with monkeypatch.context() as full_disk:
        full_disk.setattr("regstats.store.series_store.shutil.copyfile", half_then_full)
        result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert "Kunde inte skriva till lagret" in result.out and "No space left on device" in result.out
    assert snapshot(data_root) == before
    assert not list(SeriesStore(data_root).vintage_dir("unemployment_bas").glob("*.parquet"))
    assert cli("refresh", "--series", "unemployment_bas").code == 0  # space again: it goes through


def test_a_manifest_left_behind_by_a_crash_is_rewritten_from_the_file(cli, fake, data_root):
    assert cli("refresh", "--series", "unemployment_bas").code == 0
    store = SeriesStore(data_root)
    stored = store.read("unemployment_bas")
    newer = stored.frame.assign(value=stored.frame["value"] + 0.1)
    store.write(
        "unemployment_bas", newer, {**stored.metadata, "vintage": "20991231T000000Z"}
    )  # renamed; then the crash
    result = cli("check")
    assert result.code == 0
    assert "unemployment_bas: manifestet stämde inte med filen (vintage, checksum)" in result.out
    assert load_manifest(data_root)["series"]["unemployment_bas"]["vintage"] == "20991231T000000Z"
    assert "helt" in cli("check").out  # nothing left to mend


def test_a_broken_current_file_is_restored_from_its_newest_vintage(cli, fake, data_root):
    _two_releases(cli, fake)
    store = SeriesStore(data_root)
    (older,) = store.vintages("unemployment_bas")[:-1]
    store.path("unemployment_bas").write_bytes(b"PAR1 garbage")
    result = cli("refresh", "--series", "unemployment_bas")
    assert result.code == 0, result.out
    assert f"återställd från version {older}" in result.out
    assert list((data_root / "store" / "corrupt").glob("*unemployment_bas.parquet"))
    assert store.read("unemployment_bas").frame["value"].notna().any()


def test_a_broken_manifest_is_named_by_status_and_rebuilt_by_check(cli, fake, data_root):
    assert cli("refresh", "--series", "sentiment").code == 0
    (data_root / "manifest.json").write_text("{ trasig", encoding="utf-8")
    status = cli("status")
    assert status.code == 2 and "manifest.json är trasig" in status.err and "regstats check" in status.err
    assert "Traceback" not in status.err
    assert cli("check").code == 0
    assert "ok" in line_of(cli("status").out, "sentiment")
    assert list(data_root.glob("manifest.json.trasig-*"))


@pytest.mark.parametrize(
    "shape",
    [
        '{"series": {"sentiment": 5}}',
        '{"series": {"sentiment": {"rows": "många", "sample": "ja"}}}',
        '{"series": {"sentiment": {"last_status": ["ok"]}}}',
        '{"series": []}',
    ],
)
def test_a_manifest_of_the_wrong_shape_is_named_and_rebuilt_never_a_traceback(cli, fake, data_root, shape):
    from regstats.app.layout import build_app

    assert cli("refresh", "--series", "sentiment").code == 0
    (data_root / "manifest.json").write_text(shape, encoding="utf-8")
    status = cli("status")
    assert status.code == 2 and "manifest.json är trasig" in status.err and "Traceback" not in status.err
    client = build_app().server.test_client()
    assert client.get("/health").status_code == 503
    assert cli("check").code == 0
    assert "ok" in line_of(cli("status").out, "sentiment")
    assert client.get("/health").status_code == 200


def test_half_written_temporary_files_are_cleaned_up(cli, fake, data_root):
    assert cli("refresh", "--series", "sentiment").code == 0
    orphan = data_root / "store" / ".sentiment.parquet.abc123.tmp"
    orphan.write_bytes(b"half")
    result = cli("check")
    assert "tog bort en halvskriven fil" in result.out and not orphan.exists()


def test_a_series_that_cannot_be_read_degrades_to_a_message_on_its_own_chart(cli, fake, data_root):
    from regstats.app.router import render_page
    from regstats.views.state import ViewState

    assert cli("refresh", "--publisher", "tva").code == 0
    SeriesStore(data_root).path("bankruptcies").write_bytes(b"not parquet")
    body, title = render_page("/konkurser", ViewState())
    page = str(body)
    assert title == "Konkurser" and page.count("Data saknas för Konkurser") == 3  # each chart says so
    (data_root / "manifest.json").write_text("{ trasig", encoding="utf-8")
    body, _ = render_page("/", ViewState())  # Översikt still renders
    assert "Konkurser" in str(body)


def test_a_meeting_is_never_frozen_while_a_refresh_holds_the_store(cli, fake, data_root):
    from regstats.store.lock import refresh_lock

    assert cli("refresh", "--series", "sentiment").code == 0
    with refresh_lock(data_root):
        result = cli("meeting", "create", "2026-12-03")
    assert result.code == 2 and "En annan refresh pågår" in result.err
    assert not (data_root / "meetings").exists()


def _rot(path) -> None:
    """Bit rot that Parquet still reads: other numbers, the same vintage and metadata."""
    table = pq.read_table(path)
    values = table.column("value").to_pylist()
    values[0] = (values[0] or 0) + 1234.5
    import pyarrow as pa

    changed = table.set_column(table.schema.get_field_index("value"), "value", pa.array(values, pa.float64()))
    pq.write_table(changed.replace_schema_metadata(table.schema.metadata), path, compression="zstd")


def sha256_of_rotten(data_root):
    from regstats.store.atomic import sha256_file

    return sha256_file(next((data_root / "store" / "corrupt").glob("*sentiment.parquet")))


def test_a_rotten_current_file_is_never_served_and_check_restores_it(cli, fake, data_root):
    assert cli("refresh", "--series", "sentiment").code == 0
    store = SeriesStore(data_root)
    current = store.path("sentiment")
    store.preserve("sentiment", current, store.read("sentiment").vintage)  # a vintage to restore from
    before = store.read("sentiment").frame["value"].tolist()
    _rot(current)
    shown = cli("show", "sentiment", "--last", "1")
    assert shown.code == 2 and "är skadad" in shown.err and "regstats check" in shown.err
    assert line_of(cli("status").out, "sentiment").split("\t")[1] == "skadad"
    from regstats.app.layout import build_app

    health = build_app().server.test_client().get("/health").json
    assert health["status"] == "degraded" and health["series"]["sentiment"] == "damaged"
    checked = cli("check")
    assert "var skadad (kontrollsumman stämde inte)" in checked.out and "återställd från version" in checked.out
    # The manifest's checksum was never rewritten to match the damaged file.
    assert load_manifest(data_root)["series"]["sentiment"]["checksum"] != sha256_of_rotten(data_root)
    assert SeriesStore(data_root).read("sentiment").frame["value"].tolist() == before
    assert list((data_root / "store" / "corrupt").glob("*sentiment.parquet"))
    assert cli("check").out.strip().endswith("är helt.")


def test_a_rotten_vintage_is_refused_where_it_is_used_and_set_aside_by_check(cli, fake, data_root):
    assert cli("refresh", "--series", "sentiment").code == 0
    store = SeriesStore(data_root)
    vintage = store.read("sentiment").vintage
    store.preserve("sentiment", store.path("sentiment"), vintage)
    kept = store.vintage_dir("sentiment") / f"{vintage}.parquet"
    _rot(kept)
    assert "version" in line_of(cli("status").out, "sentiment") and "skadad" in line_of(cli("status").out, "sentiment")
    store.path("sentiment").unlink()  # the damaged vintage is now the only copy of that version
    (store.path("sentiment").with_name("sentiment.parquet.sha256")).unlink()
    with pytest.raises(StoreError, match="skadad"):
        store.read_vintage("sentiment", vintage)
    checked = cli("check")
    assert checked.code == 1 and "var trasig eller skadad" in checked.out
    assert not kept.exists()  # set aside, never served


def test_a_deleted_current_file_is_restored_from_its_vintage(cli, fake, data_root):
    assert cli("refresh", "--series", "sentiment").code == 0
    store = SeriesStore(data_root)
    store.preserve("sentiment", store.path("sentiment"), store.read("sentiment").vintage)
    before = store.read("sentiment").frame["value"].tolist()
    store.path("sentiment").unlink()
    checked = cli("check")
    assert "sentiment: filen saknades" in checked.out and "återställd från version" in checked.out
    assert SeriesStore(data_root).read("sentiment").frame["value"].tolist() == before


def test_a_broken_meeting_file_degrades_to_its_own_message(cli, data_root):
    """A truncated meeting: `meeting show` says so in one line, the meetings list keeps the others,
    its presentation says so without a 500, and the draft compares with the readable meeting before."""
    import shutil
    from pathlib import Path

    from regstats.app.layout import build_app

    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data_root)
    (meeting,) = sorted((data_root / "meetings").glob("*.yaml"))
    meeting.write_text(meeting.read_text("utf-8")[:200], encoding="utf-8")
    shown = cli("meeting", "show", meeting.stem)
    # the sample's meetings carry checksums, as a live store's do: the checksum names the damage
    assert shown.code == 2 and "stämmer inte med kontrollsumman" in shown.err and "Traceback" not in shown.err
    assert "--replace" in shown.err and str(data_root) not in shown.err
    assert cli("meeting", "list").code == 0
    client = build_app().server.test_client()
    answer = client.get(f"/presentera/{meeting.stem}")
    assert answer.status_code == 503 and "skadad" in answer.get_data(as_text=True)
    assert str(data_root) not in answer.get_data(as_text=True)
    assert client.get("/presentera").status_code == 200  # the draft: no readable meeting to compare with
    assert client.get("/nytt").status_code == 200


def test_a_damaged_vintage_a_meeting_uses_empties_its_slide_only(cli, data_root):
    import shutil
    from pathlib import Path

    from regstats.meeting.build import deck_for
    from regstats.meeting.snapshot import list_meetings, load_meeting

    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data_root)
    (day,) = list_meetings(data_root)
    vintage = load_meeting(data_root, day).vintages["bankruptcies"]
    store = SeriesStore(data_root)
    path = store.vintage_dir("bankruptcies") / f"{vintage}.parquet"
    if not path.exists():
        path = store.path("bankruptcies")
    path.write_bytes(path.read_bytes()[:100])  # truncated
    built = deck_for(data_root, day)
    slide = next(s for s in built.slides if s.id == "konkurser")
    assert slide.empty.startswith("Data saknas för Konkurser.") and "regstats check" in slide.empty
    others = [s for s in built.slides if s.kind == "chart" and s.id != "konkurser"]
    assert others and all(not s.empty for s in others)


def test_a_rotten_meeting_is_reported_and_never_read_as_the_meeting(cli, data_root):
    """A flipped letter in a sentence still parses as YAML: the checksum written with the file tells."""
    import shutil
    from pathlib import Path

    from regstats.app.layout import build_app
    from regstats.meeting.snapshot import create_meeting, edit_sentence

    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data_root)
    from datetime import date

    create_meeting(data_root, date(2026, 12, 3))
    edit_sentence(data_root, date(2026, 12, 3), "konkurser", "year_to_date", "Många konkurser i år.")
    path = data_root / "meetings" / "2026-12-03.yaml"
    path.write_text(path.read_text("utf-8").replace("Många konkurser", "Få konkurser"), encoding="utf-8")
    shown = cli("meeting", "show", "2026-12-03")
    assert shown.code == 2 and "är skadad" in shown.err and "Få konkurser" not in shown.out
    assert "Mötet 2026-12-03 är skadat" in cli("status").err
    health = build_app().server.test_client().get("/health").json
    assert health["status"] == "degraded" and health["damaged_meetings"] == ["2026-12-03"]
    checked = cli("check")
    assert checked.code == 1 and "mötet 2026-12-03 är skadat" in checked.out
    assert "Få konkurser" in path.read_text("utf-8")  # the analyst's record is never rewritten
