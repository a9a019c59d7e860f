"""Memory benchmark: reading an AF workbook whose pivot cache holds N records (default 2 000 000).

Each reader runs in its own process; the figure is that process's peak resident memory (VmHWM)
minus the same process's memory after imports, and its wall time.

- regstats: `regstats.sources.af.pivot.iter_records`, streamed and summed per county and month
  (what a refresh does);
- openpyxl: how openpyxl itself reads a pivot cache (`openpyxl.pivot.record.RecordList.from_tree`
  on the records part), then the same sums.

    python bench/bench_af_pivot.py [records]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIELDS = ["PERIOD", "LAN", "KOM", "ALDER", "TOTAK", "KVIAK", "MANAK", "KVISOK", "MANSOK"]


def build(path: Path, records: int) -> float:
    from regstats.fakes.af_areas import municipalities
    from regstats.fakes.xlsx import write_pivot_workbook
    from regstats.geography import COUNTIES

    periods = [f"{y}-{m:02d}" for y in range(1990, 2027) for m in range(1, 13)]
    places = [(lan, kom) for code, lan in COUNTIES.items() for kom in municipalities(code)]
    ages = [f"{a}-{a + 4} år" for a in range(16, 66, 5)]

    def rows():
        for i in range(records):
            lan, kom = places[i % len(places)]
            yield [periods[(i // 700) % len(periods)], lan, kom, ages[i % len(ages)], 100, 48, 52, 3, 4]

    shared = {"PERIOD": periods, "LAN": list(COUNTIES.values()), "KOM": [k for _, k in places], "ALDER": ages}
    start = time.perf_counter()
    write_pivot_workbook(path, FIELDS, rows(), shared)
    return time.perf_counter() - start


CHILD = r"""
import json, sys, time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith(("VmHWM", "VmRSS")):
            yield line.split()[0].rstrip(":"), int(line.split()[1]) / 1024
import zipfile
from regstats.sources.af import recipes
from regstats.sources.af.pivot import find_cache, iter_records, open_workbook
from openpyxl.pivot.record import RecordList
from openpyxl.xml.functions import fromstring
base = dict(hwm())["VmRSS"]
start = time.perf_counter()
path, how = sys.argv[1], sys.argv[2]
if how == "regstats":
    with open(path, "rb") as handle:
        sums = recipes.labour_force_sums(handle)
    groups = len(sums.values)
else:
    archive = zipfile.ZipFile(path)
    cache = find_cache(archive, recipes.SHARE_FIELDS, "bench")
    records = RecordList.from_tree(fromstring(archive.read(cache.records)))
    totals = {}
    for record in records.r:
        cells = record._fields
        key = (cache.shared[0][cells[0].v], cache.shared[1][cells[1].v])
        totals[key] = totals.get(key, 0) + cells[4].v
    groups = len(totals)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "peak_mb": dict(hwm())["VmHWM"] - base, "groups": groups}))
"""


def measure(path: Path, how: str) -> dict:
    output = subprocess.run([sys.executable, "-c", CHILD, str(path), how], capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "web-inskrivna-arbetslosa-andel-av-bas-2026-10.xlsx"
        seconds = build(path, records)
        size = path.stat().st_size / 1e6
        import zipfile

        unpacked = zipfile.ZipFile(path).getinfo("xl/pivotCache/pivotCacheRecords1.xml").file_size / 1e6
        print(
            f"workbook: {records:,} records, {size:.1f} MB on disk, records part {unpacked:.0f} MB "
            f"uncompressed, built in {seconds:.1f} s"
        )
        results = {how: measure(path, how) for how in ["regstats", "openpyxl"]}
    print(f"{'reader':<40}{'wall s':>8}{'peak MB':>10}{'groups':>8}")
    for how, label in [
        ("regstats", "regstats streaming (lxml iterparse)"),
        ("openpyxl", "openpyxl RecordList.from_tree"),
    ]:
        r = results[how]
        print(f"{label:<40}{r['seconds']:>8.1f}{r['peak_mb']:>10.0f}{r['groups']:>8}")
    ratio = results["openpyxl"]["peak_mb"] / max(results["regstats"]["peak_mb"], 1)
    print(
        f"openpyxl / regstats peak memory: {ratio:.0f}×; time: "
        f"{results['openpyxl']['seconds'] / results['regstats']['seconds']:.2f}×"
    )


if __name__ == "__main__":
    main()
