"""Benchmark: a 10-figure briefing pack for a province and for the nation (issue 16: < 20 s for a
province, < 30 s national at 4.3 M employees), and the cost of one figure image with and without the
persistent kaleido server, in the same process.

Measures, on an existing database (e.g. `python -m analytics demo --employees 4300000 --db X`), for
each scope, `runs` times: the content (every query and figure of the pack: briefing.isi), the PNGs
(briefing.gambar_png, kaleido with the system Chromium started once), and the three writers
(PDF, PPTX, XLSX); then the per-figure PNG cost with the persistent server (median over every figure
of every run) against the naive way, kaleido started anew for each figure (its one-shot mode after
stop_sync_server, median of `naive` figures).

    .venv/bin/python bench/briefing.py --db /tmp/big.duckdb --provinsi 35 --runs 3

Results go to bench/results/briefing.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import briefing, build, db, dimensions, gambar  # noqa: E402
from analytics.filters import Scope  # noqa: E402
from analytics.rules import load_rules  # noqa: E402


def pack(con, scope, rules, ref) -> dict:
    t0 = time.perf_counter()
    paket = briefing.isi(con, scope=scope, rules=rules, ref=ref, oleh="bench")
    t1 = time.perf_counter()
    per_figure = []
    png = {}
    for g in paket.gambar:
        s = time.perf_counter()
        png[g.nomor] = gambar.gambar(g.fig, "png")
        per_figure.append(time.perf_counter() - s)
    t2 = time.perf_counter()
    sizes = {f: len(briefing.tulis(paket, f, png=(png, None))) for f in briefing.FORMAT}
    t3 = time.perf_counter()
    return {
        "total_s": t3 - t0,
        "isi_s": t1 - t0,
        "png_s": t2 - t1,
        "tulis_s": t3 - t2,
        "figures": len(paket.gambar),
        "per_figure_s": per_figure,
        "bytes": sizes,
        "paket": paket,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--provinsi", default="35")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--naive", type=int, default=3, help="figures drawn with a browser started for each")
    args = ap.parse_args()
    con = db.connect(args.db)
    rules = load_rules()
    build.ensure_current(con, rules)
    ref = dimensions.reference_date(con)
    employees = con.execute("SELECT count(*) FROM pegawai").fetchone()[0]
    scopes = {
        "nasional": Scope(tahun=ref.year - 1),
        f"provinsi {args.provinsi}": Scope(tahun=ref.year - 1, provinsi_kode=args.provinsi),
    }
    gambar.gambar(
        briefing.isi(con, scope=replace(scopes["nasional"], tahun=ref.year), rules=rules, ref=ref).gambar[0].fig
    )
    out: dict = {"employees": employees, "db": args.db, "runs": args.runs, "scopes": {}}
    last = None
    for name, scope in scopes.items():
        runs = [pack(con, scope, rules, ref) for _ in range(args.runs)]
        last = runs[-1]["paket"]
        figures = [s for r in runs for s in r["per_figure_s"]]
        out["scopes"][name] = {
            "median_total_s": round(statistics.median(r["total_s"] for r in runs), 2),
            "totals_s": [round(r["total_s"], 2) for r in runs],
            "median_isi_s": round(statistics.median(r["isi_s"] for r in runs), 2),
            "median_png_s": round(statistics.median(r["png_s"] for r in runs), 2),
            "median_tulis_s": round(statistics.median(r["tulis_s"] for r in runs), 2),
            "figures": runs[0]["figures"],
            "per_figure_server_median_s": round(statistics.median(figures), 3),
            "bytes": runs[-1]["bytes"],
        }
        print(name, json.dumps(out["scopes"][name]), file=sys.stderr)

    # the naive way: no persistent server, kaleido starts a browser for each figure
    import kaleido
    import plotly.io as pio

    kaleido.stop_sync_server(silence_warnings=True)
    gambar._server["on"] = False
    os.environ["BROWSER_PATH"] = gambar.browser()
    naive = []
    for g in last.gambar[: args.naive]:
        fig = gambar._for_paper(g.fig)
        s = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pio.to_image(fig, format="png", width=gambar.LEBAR, height=gambar.TINGGI, scale=gambar.SKALA)
        naive.append(time.perf_counter() - s)
    server = statistics.median(s for v in out["scopes"].values() for s in [v["per_figure_server_median_s"]])
    out["per_figure_naive_median_s"] = round(statistics.median(naive), 3)
    out["per_figure_server_median_s"] = round(server, 3)
    out["ratio_naive_over_server"] = round(statistics.median(naive) / server, 1)
    out["naive_pack_estimate_s"] = {
        name: round(v["median_total_s"] - v["median_png_s"] + v["figures"] * statistics.median(naive), 1)
        for name, v in out["scopes"].items()
    }
    out["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    out["commit"] = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dest = ROOT / "bench" / "results" / "briefing.json"
    dest.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
