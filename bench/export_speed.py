"""Benchmark: how long an XLSX download of a long list takes to build (issue 12: 10–30 s with only
the running indicator). The list is the Kepatuhan 20 JP follow-up list at its page limit (20 000
employees, the real columns and kinds), built from a seeded demo.

    .venv/bin/python bench/export_speed.py --employees 100000 --rows 20000 --runs 5

`report.write(..., "xlsx")` (XlsxWriter, row by row, constant memory) against the naive baseline in
the same process: openpyxl writing the same cells one by one with the same formats (what the
writer did before). Also the cost of the displayed table: Streamlit's own conversion of ui.tabel's
Styler (marshall_styler, run on every rerun) at the 1 000-row cap against the whole list. Medians of `runs`;
results go to bench/results/export_speed.json.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import db, dimensions, jp, kolom, report  # noqa: E402
from analytics.demo import build_demo  # noqa: E402
from analytics.filters import Scope  # noqa: E402
from analytics.rules import load_rules  # noqa: E402


def openpyxl_baseline(df) -> bytes:
    """The same cells written one by one with openpyxl (the naive way, and the writer before)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    kinds = [kolom.untuk(df, c) for c in df.columns]
    for col, head in enumerate(kolom.judul(df), start=1):
        sheet.cell(row=1, column=col, value=head)
    for col, (name, k) in enumerate(zip(df.columns, kinds), start=1):
        for row, value in enumerate(df[name].tolist(), start=2):
            cell = report._value(value, k)
            if cell is not None:
                c = sheet.cell(row=row, column=col, value=cell[1])
                if k.format_excel:
                    c.number_format = k.format_excel
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def styler_to_proto(df, cols) -> None:
    """What st.dataframe does with ui.tabel's Styler on every rerun (display values into the proto)."""
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    marshall_styler(ArrowData(), kolom.tampilan(df, cols), "bench")


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=100_000)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        build_demo(path, employees=args.employees, seed=1)
        con = db.connect(path)
        rules = load_rules()
        ref = dimensions.reference_date(con)
        scope = Scope(tahun=ref.year)
        daftar = jp.per_pegawai(
            con, scope=scope, rules=rules, ref=ref, status=("tertinggal", "belum mulai"), limit=args.rows
        )
        con.close()
    n = len(daftar)
    ours = median_seconds(lambda: report.write(daftar, "xlsx", None, stamp={"Laporan": "bench"}), args.runs)
    naive = median_seconds(lambda: openpyxl_baseline(daftar), args.runs)
    cols = ["nip", "nama", "unor", "jp_total", "kekurangan_jp", "status"]
    capped = median_seconds(lambda: styler_to_proto(daftar.head(1000), cols), args.runs)
    whole = median_seconds(lambda: styler_to_proto(daftar, cols), max(1, args.runs // 2))
    result = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "rows": n,
        "runs": args.runs,
        "xlsx_xlsxwriter_median_s": round(ours, 3),
        "xlsx_openpyxl_baseline_median_s": round(naive, 3),
        "xlsx_speedup": round(naive / ours, 2),
        "table_styler_1000_rows_median_s": round(capped, 3),
        "table_styler_all_rows_median_s": round(whole, 3),
    }
    out = ROOT / "bench" / "results" / "export_speed.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
