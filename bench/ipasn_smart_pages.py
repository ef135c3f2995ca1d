"""Benchmark: the IP ASN and Smart ASN pages at national scale (target for both: < 500 ms median per
page interaction after start-up).

Measures, on an existing database (e.g. `python -m analytics demo --employees 4300000 --db X`):
1. the analytics calls one view of each page makes, uncached, per scope (median of --repeat);
2. each whole page through Streamlit's AppTest with the data cache cleared before every run
   (script + queries + rendering, i.e. what a user waits for on a new filter);
3. the what-if levers;
4. a naive baseline in the same process: IP ASN by province computed from the records on the fly
   (no summary table), against our per_kelompok(provinsi).

Run: .venv/bin/python bench/ipasn_smart_pages.py --db /tmp/big.duckdb
(writes bench/results/ipasn_smart_pages.json)
"""

from __future__ import annotations

import argparse
import json
import os
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
    explain,  # noqa: E402
    ipasn,
    smart,
)
from analytics.build import ipasn as build_ipasn  # noqa: E402
from analytics.filters import Scope  # noqa: E402
from analytics.rules import load_rules  # noqa: E402


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times) * 1000, 1)


def page_calls(con, rules, scope: Scope) -> None:
    """The calls of pages/ipasn.py for its default view (no NIP searched)."""
    ipasn.per_kelompok(con, scope=scope, by="nasional")
    ipasn.tren(con, scope=scope)
    ipasn.per_kelompok(con, scope=scope, by="jenis_jabatan")
    ipasn.per_kelompok(con, scope=scope, by="unor")


def smart_calls(con, rules, scope: Scope) -> None:
    """The calls of pages/smart_asn.py for its default view."""
    smart.per_kelompok(con, scope=scope, by="nasional")
    smart.tren(con, scope=scope, rules=rules)
    smart.per_kelompok(con, scope=Scope(tahun=scope.tahun), by="nasional")
    smart.terlemah(smart.per_kelompok(con, scope=scope, by="unor"), rules)


def apptest_page(db_path: str, page: str, repeat: int) -> dict[str, float]:
    """Median wall time of a page through AppTest, data cache cleared before each run."""
    os.environ["SMARTASN_DB"] = db_path
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    PagesManager.uses_pages_directory = False
    os.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()  # start-up: connection, summaries
    at.switch_page(page).run()
    assert not at.exception, at.exception
    cold, warm = [], []
    for _ in range(repeat):
        st.cache_data.clear()
        t = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - t)
        assert not at.exception, at.exception
        t = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t)
    return {
        "cold_cache_ms": round(statistics.median(cold) * 1000, 1),
        "warm_cache_ms": round(statistics.median(warm) * 1000, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-apptest", action="store_true")
    args = ap.parse_args()
    con = db.connect(args.db)
    rules = load_rules()
    t = time.perf_counter()
    rebuilt = build.ensure_current(con, rules)
    rebuild_s = round(time.perf_counter() - t, 1)
    year = dimensions.reference_date(con).year
    inst = con.execute("SELECT instansi_id FROM pegawai GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchall()[0][0]
    scopes = {
        "nasional": Scope(tahun=year),
        "provinsi 35": Scope(tahun=year, provinsi_kode="35"),
        "instansi terbesar": Scope(tahun=year, instansi_id=inst),
    }
    page_calls(con, rules, scopes["nasional"])  # warm-up: first touch of the columns
    page = {label: median_ms(lambda s=s: page_calls(con, rules, s), args.repeat) for label, s in scopes.items()}
    smart_calls(con, rules, scopes["nasional"])
    smart_page = {label: median_ms(lambda s=s: smart_calls(con, rules, s), args.repeat) for label, s in scopes.items()}
    single = {
        name: median_ms(fn, args.repeat)
        for name, fn in {
            "per_kelompok(nasional)": lambda: ipasn.per_kelompok(con, scope=scopes["nasional"], by="nasional"),
            "per_kelompok(provinsi)": lambda: ipasn.per_kelompok(con, scope=scopes["nasional"], by="provinsi"),
            "per_kelompok(unor)": lambda: ipasn.per_kelompok(con, scope=scopes["nasional"], by="unor"),
            "tren": lambda: ipasn.tren(con, scope=scopes["nasional"]),
            "per_pegawai(nip, explained)": lambda: explain.per_pegawai(
                con, scope=Scope(tahun=year), nip=db.scalar(con, "SELECT max(nip) FROM pegawai"), rules=rules
            ),
        }.items()
    }

    def sim(tuas: str, *ubah):
        return lambda: whatif.simulasi(con, scope=scopes["nasional"], rules=rules, tuas=tuas, by="unor", ubah=ubah)

    whatif = {
        name: median_ms(fn, 3)
        for name, fn in {
            "teknis, by unor": sim("teknis"),
            "kepemimpinan, by unor": sim("kepemimpinan"),
            "aturan: ambang 16 (re-score)": sim("aturan", ("ipasn__kompetensi__ambang_jp_teknis", 16)),
            "aturan: jendela 1 (inputs recomputed)": sim("aturan", ("ipasn__jendela_tahun", 1)),
        }.items()
    }
    # naive baseline: IP ASN by province from the records, on the fly
    naive_sql = f"""SELECT provinsi_kode, count(*), avg(total) FILTER (WHERE lengkap)
                    FROM ({build_ipasn.score_sql(build_ipasn.inputs_sql())}) GROUP BY 1"""  # noqa: S608
    naive_params = {**build_ipasn.input_params(rules, year), **build_ipasn.score_params(rules)}
    naive = median_ms(lambda: con.execute(naive_sql, naive_params).fetchall(), 3)
    ours = single["per_kelompok(provinsi)"]
    con.close()
    out = {
        "db": args.db,
        "pegawai": None,
        "year": year,
        "summary_rebuilt_at_start_s": rebuild_s if rebuilt else None,
        "ipasn_page_analytics_uncached_median_ms": page,
        "smart_page_analytics_uncached_median_ms": smart_page,
        "calls_median_ms": single,
        "whatif_median_ms": whatif,
        "baseline_ipasn_by_province": {"naive_ms": naive, "ours_ms": ours, "speedup": round(naive / ours, 1)},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "date": date.today().isoformat(),
    }
    c2 = db.connect(args.db, read_only=True)
    out["pegawai"] = db.scalar(c2, "SELECT count(*) FROM pegawai")
    c2.close()
    print(json.dumps(out, indent=2), flush=True)
    if not args.no_apptest:
        out["page_apptest_median_ms"] = {
            page: apptest_page(args.db, f"pages/{page}.py", args.repeat) for page in ("ipasn", "smart_asn")
        }
    path = ROOT / "bench" / "results" / "ipasn_smart_pages.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
