"""Benchmark: the queries behind the Ringkasan and Kepatuhan 20 JP pages at national scale
(target < 300 ms median per query after start-up).

    .venv/bin/python bench/page_queries.py --db /tmp/n.duckdb --repeat 7

Each analytics call runs `repeat` times for three scopes (national, one province, one agency); the
median is reported per call. The baseline, in the same process, answers "compliance by province"
naively: credit every record with the rules on the fly and join the employees, with no summary.
Results go to bench/results/page_queries.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import (  # noqa: E402
    build,  # noqa: E402
    db,
    dimensions,
    jp,
    overview,
)
from analytics.filters import Scope  # noqa: E402
from analytics.rules import load_rules  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    con = db.connect(args.db)
    rules = load_rules()
    build.ensure_current(con, rules)
    ref = dimensions.reference_date(con)
    year = ref.year
    inst = con.execute("SELECT instansi_id FROM pegawai GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchall()[0][0]
    scopes = {
        "nasional": Scope(tahun=year),
        "provinsi 35": Scope(tahun=year, provinsi_kode="35"),
        "instansi terbesar": Scope(tahun=year, instansi_id=inst),
    }
    calls = {
        "overview.komposisi": lambda s: overview.komposisi(con, scope=s),
        "overview.kegiatan_tahunan": lambda s: overview.kegiatan_tahunan(con, scope=s, sampai=year),
        "overview.kelengkapan": lambda s: overview.kelengkapan(con, scope=s, tahun=year),
        "jp.status_ringkas": lambda s: jp.status_ringkas(con, scope=s, rules=rules, ref=ref),
        "jp.per_kelompok(nasional)": lambda s: jp.per_kelompok(con, scope=s, rules=rules, by="nasional"),
        "jp.per_kelompok(provinsi)": lambda s: jp.per_kelompok(con, scope=s, rules=rules, by="provinsi"),
        "jp.per_kelompok(unor, page)": lambda s: jp.per_kelompok(con, scope=s, rules=rules, by="unor", median=False),
        "jp.per_kelompok(unor, report with median)": lambda s: jp.per_kelompok(con, scope=s, rules=rules, by="unor"),
        "jp.tren": lambda s: jp.tren(con, scope=s, rules=rules),
        "jp.distribusi": lambda s: jp.distribusi(con, scope=s, batas=60),
        "jp.progres_bulanan": lambda s: jp.progres_bulanan(con, scope=s, rules=rules, ref=ref),
        "jp.per_pegawai(tertinggal, 20k)": lambda s: jp.per_pegawai(
            con, scope=s, rules=rules, ref=ref, status=("tertinggal", "belum mulai"), limit=20_000
        ),
    }
    for fn in calls.values():  # warm-up: first touch of each column
        fn(scopes["nasional"])
    result = {}
    for name, fn in calls.items():
        per_scope = {}
        for label, scope in scopes.items():
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                fn(scope)
                times.append(time.perf_counter() - t)
            per_scope[label] = round(statistics.median(times) * 1000, 1)
        result[name] = per_scope
    # naive baseline: compliance by province straight from the records
    naive_sql = f"""
        WITH rek AS ({jp.rekaman_sql()}),
        per AS (SELECT pegawai_key, sum(jp) AS jp FROM rek GROUP BY 1)
        SELECT p.provinsi_kode, count(*), count(*) FILTER (WHERE coalesce(per.jp, 0) >= 20)
        FROM pegawai p LEFT JOIN per USING (pegawai_key)
        WHERE year(p.tmt_cpns) <= $sampai GROUP BY 1"""  # noqa: S608 (our own SQL text)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        con.execute(naive_sql, {"dari": year, "sampai": year}).fetchall()
        times.append(time.perf_counter() - t)
    naive = statistics.median(times)
    ours = result["jp.per_kelompok(provinsi)"]["nasional"] / 1000
    out = {
        "db": args.db,
        "pegawai": db.scalar(con, "SELECT count(*) FROM pegawai"),
        "pengembangan": db.scalar(con, "SELECT count(*) FROM pengembangan"),
        "year": year,
        "median_ms": result,
        "max_median_ms": max(v for r in result.values() for v in r.values()),
        "baseline_compliance_by_province": {
            "naive_ms": round(naive * 1000, 1),
            "ours_ms": round(ours * 1000, 1),
            "speedup": round(naive / ours, 1),
        },
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
        "date": date.today().isoformat(),
    }
    path = ROOT / "bench" / "results" / "page_queries.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
