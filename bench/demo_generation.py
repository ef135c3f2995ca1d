"""Benchmark: national-scale demo generation (target < 120 s, peak memory < 6 GB).

    .venv/bin/python bench/demo_generation.py --employees 4300000 --runs 3

Each run is `python -m analytics demo` in a child process (wall time and the child's peak RSS).
The baseline, run in this same process, is a naive generator (a Python loop per employee, rows
inserted with executemany) against the vectorised pegawai step on the same small N: the ratio
is their per-employee speed. Results go to bench/results/demo_generation.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import db  # noqa: E402
from analytics.demo import REFERENCE_DATE, writer  # noqa: E402
from analytics.demo.organisasi import build_organisasi, weights_by_province  # noqa: E402
from analytics.demo.population import build_pegawai  # noqa: E402
from analytics.reference import kabkota_frame  # noqa: E402


def run_cli(employees: int, path: Path) -> tuple[float, float, dict[str, float]]:
    """(seconds, peak RSS of the child in GB, seconds per step) of one `python -m analytics demo` run."""
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "demo", "--employees", str(employees), "--seed", "1", "--db", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024**2, json.loads(out.stdout)["steps"]


def naive_pegawai(con, n: int, slots) -> None:
    """Baseline: one Python loop iteration and one tuple per employee, executemany insert."""
    rnd = random.Random(1)
    prov_w = weights_by_province()
    provs = list(prov_w)
    by_prov = {p: slots[slots["provinsi_kode"] == p] for p in provs}
    rows = []
    for key in range(1, n + 1):
        prov = rnd.choices(provs, weights=[prov_w[p] for p in provs])[0]
        cand = by_prov[prov]
        unit = rnd.choices(list(cand["unor_id"]), weights=list(cand["weight"]))[0]
        female = rnd.random() < 0.56
        lahir = REFERENCE_DATE - timedelta(days=int(rnd.uniform(21, 59) * 365.25))
        tmt = date(min(lahir.year + rnd.randint(19, 30), 2025), rnd.randint(1, 12), 1)
        nip = f"{lahir:%Y%m%d}{tmt:%Y%m}{2 if female else 1}{key % 1000:03d}"
        rows.append(
            (
                key,
                nip,
                "Nama",
                lahir,
                "P" if female else "L",
                "PNS",
                tmt,
                31,
                "fungsional",
                None,
                "Guru",
                40,
                int(unit),
                1,
                "35.78",
                prov,
                "Aktif",
                0,
                None,
                None,
            )
        )
    con.executemany("INSERT INTO pegawai VALUES (" + ", ".join(["?"] * 20) + ")", rows)  # noqa: S608


def baseline_ratio(n: int) -> dict[str, float]:
    """Seconds for n employees: naive loop vs the vectorised step, in this process."""
    kab = kabkota_frame()
    _, unor, slots = build_organisasi(kab, np.random.default_rng(1))
    out = {}
    for name in ("naive", "vectorised"):
        con = db.connect(":memory:")
        writer.insert(con, "INSERT INTO unor SELECT * FROM src", unor)
        t = time.perf_counter()
        if name == "naive":
            naive_pegawai(con, n, slots)
        else:
            peg = build_pegawai(np.random.default_rng(2), n, slots, unor, REFERENCE_DATE)
            writer.insert(con, writer.PEGAWAI_SQL, peg, import_id=0)
        out[name] = time.perf_counter() - t
        con.close()
    out["ratio"] = out["naive"] / out["vectorised"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=4_300_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-n", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [run_cli(args.employees, Path(tmp) / "n.duckdb") for _ in range(args.runs)]
        size_gb = (Path(tmp) / "n.duckdb").stat().st_size / 1024**3
    base = baseline_ratio(args.baseline_n)
    result = {
        "employees": args.employees,
        "runs": args.runs,
        "seconds": [round(s, 1) for s, _, _ in runs],
        "median_seconds": round(statistics.median(s for s, _, _ in runs), 1),
        # generating the data vs deriving the JP, IP ASN and Smart ASN summaries ('ringkasan')
        "median_generation_seconds": round(
            statistics.median(sum(v for k, v in st.items() if k != "ringkasan") for _, _, st in runs), 1
        ),
        "median_summaries_seconds": round(statistics.median(st["ringkasan"] for _, _, st in runs), 1),
        "median_steps": {k: round(statistics.median(st[k] for _, _, st in runs), 1) for k in runs[0][2]},
        "peak_rss_gb": round(max(m for _, m, _ in runs), 2),
        "db_size_gb": round(size_gb, 2),
        "baseline": {
            "employees": args.baseline_n,
            "naive_seconds": round(base["naive"], 2),
            "vectorised_seconds": round(base["vectorised"], 3),
            "speedup": round(base["ratio"], 1),
        },
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
        "date": date.today().isoformat(),
    }
    out = ROOT / "bench" / "results" / "demo_generation.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
