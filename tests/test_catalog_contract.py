"""The catalog against the publishers' recorded and transcribed shapes, and the fakes against
the same recordings.

1. Every query of every series resolves against the recorded metadata of its table and yields
   the expected number of cells. A query whose table has no recording is reported as
   "unverified: reason" (a skip with its reason, listed by pytest's -ra summary), never passed.
2. The fake publishers answer, over HTTP, with exactly the recorded variable codes, value codes,
   labels and elimination flags (periods after the recording are the fake's only addition).
"""

from __future__ import annotations

import csv
import io
import re

import pytest
import requests

from regstats.catalog import Query, load_catalog
from regstats.fakes import recorded
from regstats.fakes.pxweb1 import GENERATIONS, NEW_FIRMS_FILE, NEW_FIRMS_FOLDER, TVA_FOLDER
from regstats.fakes.scb import AKU_FOLDER, AKU_TABLE
from regstats.sources.af import long_term, recipes
from regstats.sources.fk import REGION_VALUES
from regstats.sources.kolada import kolada_ids
from regstats.sources.pxweb1 import variables_from_v1
from regstats.sources.pxweb2 import variables_from_metadata
from regstats.sources.selection import TableVariable, resolve
from tests.answers import answer_json

V2_RECORDINGS = {
    "TAB638": "TAB638_metadata.json",
    "TAB5557": "TAB5557_metadata.TRANSCRIBED.json",
    "TAB6471": "TAB6471_metadata.json",
    "TAB5663": "TAB5663_metadata.TRANSCRIBED.json",
    "TAB6260": "TAB6260_metadata.TRANSCRIBED.json",
    "TAB4572": "TAB4572_metadata.TRANSCRIBED.json",
}
V1_RECORDINGS = {
    "START/AM/AM0401/AM0401N/NAKUBefolkningLK": "NAKUBefolkningLK_v1_metadata.TRANSCRIBED.json",
    "KonjBar/indikatorer/Indikatorm.px": "Indikatorm_v1_metadata.TRANSCRIBED.json",
    TVA_FOLDER: "konk_manad_lan_v1_metadata.TRANSCRIBED.json",  # found by title in this folder
    NEW_FIRMS_FOLDER: "nystartade_foretag_kvartal_lan_v1_metadata.TRANSCRIBED.json",
}
# Cells each query selects from its recording: regions × other variables × recorded periods.
EXPECTED_CELLS = {
    ("population", 0): 22 * 1 * 57,  # TAB638, Riket and counties, Folkmängd, 1968–2024
    ("population", 1): 22 * 2 * 1 * 57,  # … by sex
    ("population", 2): 22 * 1 * 1 * 3 * 1 * 1,  # TAB5557: Civilstand SC, Alder TotSA, 3 sexes, 2025
    ("population", 3): 312 * 1 * 3 * 1 * 16,  # TAB6471: every area, Alder TotSA, 3 sexes, 2025M01–2026M04
    ("unemployment_bas_groups", 0): 22 * 3 * 1 * 3 * 2 * 78,  # TAB6260: 20–64, 3 birth regions, 2020M01–2026M06
    ("unemployment_bas_groups", 1): 22 * 3 * 9 * 1 * 2 * 78,  # … nine five-year bands 20–24 … 60–64
    ("new_firms", 0): 21 * 1 * 62,  # 21 counties (no Riket row), 2011Q1–2026Q2
    ("housing_starts", 0): 312 * 2 * 106,  # every area, starts and completions, 2000K1–2026K2 (Hustyp total)
    ("unemployment_bas", 0): 22 * 2 * 1 * 27,  # TAB5663: BAS03 and BAS02, 000007AN, 2024M01–2026M03
    ("unemployment_aku", 0): 22 * 1 * 3 * 2 * 84,  # ALÖS, 3 sexes, procent and its margin, 2005K1–2025K4
    ("sentiment", 0): 5 * 339,  # five indicators, 1996M01–2024M03
    ("bankruptcies", 0): 21 * 2 * 177,  # 21 counties (no Riket row), 2 measures, 2010M01–2024M09
}
UNVERIFIED = {
    "vacancies_new": "web-platser: the file's layout is not recorded anywhere (SOURCES.md §4 [?])",
    "redundancies": "web-varsel: only the 2023 layout and a 2026 file name are known (SOURCES.md §4 [?])",
}


def _queries():
    for series in load_catalog().values():
        for i, query in enumerate(series.queries):
            yield pytest.param(series.id, i, query, id=f"{series.id}[{i}]")
            if query.fallback is not None:
                yield pytest.param(series.id, i, query.fallback, id=f"{series.id}[{i}].fallback")


def _recorded_variables(query: Query) -> list[TableVariable]:
    if query.protocol == "pxweb2":
        if not query.table:
            pytest.skip(f"unverified: {query.search!r} finds a PxWebApi 2.0 table by title; none is known yet")
        return variables_from_metadata(recorded.load(V2_RECORDINGS[query.table]))
    return variables_from_v1(recorded.load(V1_RECORDINGS[query.table or query.folder]))[1]


@pytest.mark.parametrize(("series_id", "index", "query"), list(_queries()))
def test_every_catalog_query_resolves_against_its_recorded_table(series_id, index, query):
    if series_id in UNVERIFIED:
        pytest.skip(f"unverified: {UNVERIFIED[series_id]}")
    if query.protocol in {"pxweb1", "pxweb2"}:
        resolved = resolve(query, _recorded_variables(query))
        cells = 1
        for codes in resolved.selection.values():
            cells *= len(codes) if codes is not None else 1
        assert cells == EXPECTED_CELLS[(series_id, index)]
    elif query.protocol == "af":
        fields = {f["prefix"]: f.get("pivot_cache_1_fields_seen") for f in _af_files()}
        needs = {
            "web-inskrivna-arbetslosa-andel-av-bas": recipes.SHARE_FIELDS,
            "web-inskrivna-arbetslosa-svag-konkurrensformaga": recipes.CLOSE_FIELDS,
        }
        for prefix in query.prefixes:
            if prefix == long_term.PREFIX:  # a sheet file: every column the reader looks for was seen
                (seen,) = [f for f in _af_files() if f["prefix"] == prefix]
                assert set(long_term.SHEETS) <= set(seen["sheets"])
                for role, pattern in long_term.SHEETS["Kön"].items():
                    assert any(re.search(pattern, c, re.IGNORECASE) for c in seen["columns_seen"]), role
                continue
            assert set(needs[prefix]) <= set(fields[prefix]), prefix
    elif query.protocol == "fk":
        rows = recorded.load(_FK_ROWS[query.table])
        dimensions, observations = set(rows[0]["dimensions"]), set(rows[0]["observations"])
        assert set(query.params) | set(query.regions) | {"ar"} <= dimensions
        assert set(query.measures) <= observations
        if query.breakdown:
            assert query.breakdown in dimensions
        for key, token in query.regions.items():
            assert {str(r["dimensions"][key]) for r in rows} <= set(REGION_VALUES[token])
    elif query.protocol == "kolada":
        types = _kpi_types()
        for kpi in query.measures:
            ids = kolada_ids(query.geography.get(kpi))
            municipal_only = all(not i.startswith("00") for i in ids)
            assert municipal_only == (types[kpi] == "K"), kpi  # a K KPI is never asked for counties


_FK_ROWS = {
    "SJPsjptal": "fk_SJPsjptal_rows.TRANSCRIBED.json",
    "SJPPagSjukfallDiagnosLan": "fk_SJPPagSjukfallDiagnosLan_rows.TRANSCRIBED.json",
}


def _af_files() -> list[dict]:
    return recorded.load("af_statistics_files.TRANSCRIBED.json")["files"]


def _kpi_types() -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(recorded.text("kolada_kpi_catalog_v3.extract.csv")))
    return {row["id"]: row["municipality_type"] for row in rows}


# ----- the fakes speak the recordings -----------------------------------------------------


def _same_as_recorded(served: list[TableVariable], recorded_vars: list[TableVariable]) -> None:
    assert [v.code for v in served] == [v.code for v in recorded_vars]
    for mine, theirs in zip(served, recorded_vars, strict=True):
        assert mine.label == theirs.label, mine.code
        assert mine.elimination == theirs.elimination, mine.code
        if mine.is_time or theirs.is_time:
            labels = [theirs.value_labels[c] for c in theirs.values]
            assert [mine.value_labels[c] for c in mine.values][: len(labels)] == labels  # extended only
        else:
            assert mine.values == theirs.values, mine.code
            assert mine.value_labels == theirs.value_labels, mine.code


@pytest.mark.parametrize("table_id", sorted(V2_RECORDINGS))
def test_the_fake_scb_serves_each_recorded_table_as_recorded(fake, table_id):
    doc = requests.get(f"{fake.urls()['scb']}/tables/{table_id}/metadata?lang=sv", timeout=5).json()
    recorded_doc = recorded.load(V2_RECORDINGS[table_id])
    _same_as_recorded(variables_from_metadata(doc), variables_from_metadata(recorded_doc))
    for dim_id, dim in recorded_doc["dimension"].items():
        served = doc["dimension"][dim_id]
        assert served["category"].get("unit") == dim["category"].get("unit"), dim_id
        ext = {k: v for k, v in dim.get("extension", {}).items()}
        assert {k: served["extension"].get(k) for k in ext} == ext, dim_id
    assert doc.get("note") == recorded_doc.get("note")
    assert "regstats_fake" in doc["extension"]  # synthetic values are marked in every answer


@pytest.mark.parametrize(
    ("publisher", "path", "recording"),
    [
        ("scb1", f"{AKU_FOLDER}/{AKU_TABLE}", "NAKUBefolkningLK_v1_metadata.TRANSCRIBED.json"),
        ("ki", "KonjBar/indikatorer/Indikatorm.px", "Indikatorm_v1_metadata.TRANSCRIBED.json"),
    ],
)
def test_the_fake_pxweb_v1_publishers_serve_the_recorded_tables(fake, publisher, path, recording):
    served = requests.get(f"{fake.urls()[publisher]}/{path}", timeout=5)
    assert served.content.startswith("\ufeff".encode())  # PxWeb v1 bodies start with a BOM
    _same_as_recorded(variables_from_v1(answer_json(served))[1], variables_from_v1(recorded.load(recording))[1])


@pytest.mark.parametrize("generation", sorted(GENERATIONS))
def test_the_fake_tillvaxtanalys_serves_each_published_form(fake, generation):
    """The recorded (2024) codes, renamed as the agency renamed them in 2025-10; running numbers
    renumbered so that the newest month is 0, as in the recording."""
    fake.use_tva_generation(generation)
    form = GENERATIONS[generation]
    served = answer_json(requests.get(f"{fake.urls()['tva']}/{TVA_FOLDER}/{form.file}", timeout=5))
    variables = {v.code: v for v in variables_from_v1(served)[1]}
    assert list(variables) == [form.region_code, "variabel", form.time_code]
    recorded_vars = {v.code: v for v in variables_from_v1(recorded.load(V1_RECORDINGS[TVA_FOLDER]))[1]}
    assert variables[form.region_code].value_labels == recorded_vars["län"].value_labels
    assert variables["variabel"].value_labels == recorded_vars["variabel"].value_labels
    time = variables[form.time_code]
    assert time.value_labels[str(len(time.values) - 1)] == "1996M01" and min(time.values, key=int) == "0"


def test_the_fake_new_firms_table_lists_quarters_as_transcribed(fake):
    """Quarters coded 2024Q2, newest first; regions as running numbers with the code in the label."""
    served = answer_json(requests.get(f"{fake.urls()['tva']}/{NEW_FIRMS_FOLDER}/{NEW_FIRMS_FILE}", timeout=5))
    variables = variables_from_v1(served)[1]
    recorded_vars = variables_from_v1(recorded.load(V1_RECORDINGS[NEW_FIRMS_FOLDER]))[1]
    assert [v.code for v in variables] == [v.code for v in recorded_vars]
    assert variables[0].value_labels == recorded_vars[0].value_labels
    quarters = variables[-1].values
    assert quarters[-1] == "2011Q1" and quarters == sorted(quarters, reverse=True)
    assert quarters[: len(quarters) - len(recorded_vars[-1].values)] != []  # quarters after the recording come first


def test_the_fake_fk_speaks_the_transcribed_shapes(fake):
    meta = requests.get(f"{fake.urls()['fk']}/ohm-sjptal/meta/json", timeout=5).json()
    shape = recorded.load("fk_meta.TRANSCRIBED.json")
    assert set(meta) == set(shape) and set(meta["filter"]) == set(shape["filter"])
    assert set(meta["filter"]["dimension"][0]) == set(shape["filter"]["dimension"][0])
    for dataset, table in [("ohm-sjptal", "SJPsjptal"), ("sjp-pagaende-sjukfall-diagnos", "SJPPagSjukfallDiagnosLan")]:
        rows = requests.get(f"{fake.urls()['fk']}/{dataset}/{table}.json", params={"ar": "2024"}, timeout=5).json()
        transcribed = recorded.load(_FK_ROWS[table])
        assert set(rows[0]) == set(transcribed[0])
        assert set(rows[0]["dimensions"]) == set(transcribed[0]["dimensions"])
        assert set(rows[0]["observations"]) == set(transcribed[0]["observations"])
    wrong = requests.get(f"{fake.urls()['fk']}/ohm-sjptal/SJPsjptal.json", params={"kommun_kod": "23_ALL"}, timeout=5)
    assert wrong.status_code == 200 and wrong.json() == []  # as the real API: silence, not an error


def test_the_fake_kolada_answers_a_municipality_kpi_only_for_municipalities(fake):
    base = fake.urls()["kolada"]
    counties = requests.get(f"{base}/data/kpi/N00938/municipality/0023,0000/year/2024", timeout=5).json()
    towns = requests.get(f"{base}/data/kpi/N00938/municipality/2380/year/2024", timeout=5).json()
    assert counties["values"] == [] and len(towns["values"]) == 1
    shape = recorded.load("kolada_v3_values.TRANSCRIBED.json")
    assert set(towns) == set(shape) and set(towns["values"][0]) == set(shape["values"][0])


def test_the_fake_af_files_carry_the_recorded_pivot_fields(fake):
    from regstats.fakes.af import SHARE, WEAK
    from regstats.sources.af.pivot import open_workbook, pivot_caches

    seen = {f["prefix"]: f.get("pivot_cache_1_fields_seen") for f in _af_files()}
    with open_workbook(io.BytesIO(fake.af.file(fake.af.file_name(WEAK)))) as archive:
        assert pivot_caches(archive)[0].fields == seen[WEAK]
    with open_workbook(io.BytesIO(fake.af.file(fake.af.file_name(SHARE)))) as archive:
        (cache,) = pivot_caches(archive)
    # Every field the transcription saw, and what §0b adds (2026-12-07): a numerator per group and
    # sex beside its denominator; the shares are calculated fields that records do not carry.
    assert set(seen[SHARE]) <= set(cache.fields)
    for group in ["TOT", "UNG", "GAM", "INR", "UTR", "FG", "GY", "EG"]:
        sexes = ["K", "M"] if group != "TOT" else []
        assert {f"{group}{s}SOK" for s in ["", *sexes]} <= set(cache.fields), group
    assert cache.calculated and not set(cache.calculated) & set(cache.fields)
