"""Benchmark: importing national-scale SIASN exports (targets: 4.3 M-row pegawai CSV < 90 s,
1 M-row training CSV < 30 s, peak memory < 4 GB); also the training CSV with one malformed row,
which the importer reads row by row instead of with DuckDB's parallel reader.

    .venv/bin/python bench/import_speed.py --employees 4300000 --runs 3 [--demo-db existing.duckdb]

Files are written from a demo database in SIASN's shapes. Each run imports them with the CLI into
a fresh database in a child process (wall time, the child's peak RSS from /usr/bin/time). The
baseline, run in this process on a slice of the training file, is the naive approach: pandas.read_csv
then a Python loop validating row by row; the ratio compares seconds per row.
Results go to bench/results/import_speed.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import db, nip  # noqa: E402
from analytics.demo import build_demo  # noqa: E402
from analytics.importer.export import export_siasn  # noqa: E402


def timed_cli(args: list[str]) -> tuple[float, float, dict]:
    """(seconds, peak RSS GB, summary) of one `python -m analytics import ... --json` child."""
    cmd = [sys.executable, "-m", "analytics", "import", *args, "--json"]
    wrapper = ["/usr/bin/time", "-f", "MAXRSS %M"] if Path("/usr/bin/time").exists() else []
    t = time.perf_counter()
    out = subprocess.run(wrapper + cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - t
    rss = re.search(r"MAXRSS (\d+)", out.stderr)
    return seconds, (int(rss.group(1)) / 1024**2 if rss else float("nan")), json.loads(out.stdout.splitlines()[-1])


def with_one_malformed_row(src: Path, dst: Path) -> Path:
    """A copy of `src` with a row whose opening quote never closes in the middle of the file."""
    with src.open(encoding="utf-8", newline="") as f:
        lines = f.readlines()
    bad = lines[1].split(",")
    bad[2] = '"Kursus tanpa kutip penutup'
    lines.insert(len(lines) // 2, ",".join(bad))
    with dst.open("w", encoding="utf-8", newline="") as f:
        f.writelines(lines)
    return dst


def naive_training_import(path: Path, nips: set[str], rows: int) -> tuple[float, int]:
    """Baseline: pandas.read_csv, then validate each row in a Python loop. (seconds, rows)."""
    t = time.perf_counter()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=rows)
    good, bad = [], []
    for rec in df.to_dict("records"):
        reasons = []
        n = rec["nipBaru"].strip().lstrip("'")
        if n not in nips:
            reasons += nip.check(n, tanggal_lahir=None, tmt=None, jenis_kelamin=None) or ["NIP tidak ada"]
        dates = []
        for col in ("tanggalKursus", "tanggalSelesaiKursus"):
            value = rec[col]
            parsed = None
            for f in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
                try:
                    parsed = datetime.strptime(value, f).date()
                    break
                except ValueError:
                    pass
            if value and parsed is None:
                reasons.append("format tanggal")
            dates.append(parsed)
        try:
            jp = float(rec["jumlahJam"].replace(",", "."))
            if jp <= 0:
                reasons.append("JP <= 0")
        except ValueError:
            reasons.append("JP bukan angka")
        if dates[0] and dates[1] and dates[1] < dates[0]:
            reasons.append("selesai sebelum mulai")
        (bad if reasons else good).append(rec)
    return time.perf_counter() - t, len(df)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=4_300_000)
    ap.add_argument("--training-rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-rows", type=int, default=200_000)
    ap.add_argument("--demo-db", type=Path, default=None, help="reuse a demo database instead of building one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        demo = tmp / "demo.duckdb"
        if args.demo_db:
            shutil.copy(args.demo_db, demo)
        else:
            build_demo(demo, employees=args.employees, seed=1)
        con = db.connect(demo)
        n_pegawai = export_siasn(con, "pegawai", tmp / "pegawai.csv")
        # the smallest set of employees whose history reaches the wanted number of training rows
        key = con.execute(
            """SELECT min(pegawai_key) FROM (SELECT pegawai_key, sum(count(*)) OVER (ORDER BY pegawai_key)
                             AS c FROM pengembangan GROUP BY 1) WHERE c >= ?""",
            [args.training_rows],
        ).fetchall()[0][0]
        n_training = export_siasn(con, "pengembangan", tmp / "pengembangan.csv", max_pegawai_key=key)
        nips = {r[0] for r in con.execute("SELECT nip FROM pegawai").fetchall()}
        con.close()
        broken = with_one_malformed_row(tmp / "pengembangan.csv", tmp / "pengembangan_rusak.csv")
        runs = []
        for i in range(args.runs):
            target = tmp / f"run{i}.duckdb"
            peg = timed_cli([str(tmp / "pegawai.csv"), "--db", str(target), "--baru"])
            shutil.copy(target, tmp / "after_pegawai.duckdb")
            tra = timed_cli([str(tmp / "pengembangan.csv"), "--db", str(target)])
            # the same file with one row whose quote never closes: read row by row (read._lenient)
            rus = timed_cli([str(broken), "--db", str(tmp / "after_pegawai.duckdb")])
            runs.append((peg, tra, rus))
            target.unlink()
            (tmp / "after_pegawai.duckdb").unlink()
        base_s, base_n = naive_training_import(tmp / "pengembangan.csv", nips, args.baseline_rows)
    med_tra = statistics.median(r[1][0] for r in runs)
    result = {
        "pegawai": {
            "rows": n_pegawai,
            "seconds": [round(r[0][0], 1) for r in runs],
            "median_seconds": round(statistics.median(r[0][0] for r in runs), 1),
            "peak_rss_gb": round(max(r[0][1] for r in runs), 2),
            "summary": runs[-1][0][2],
        },
        "pengembangan": {
            "rows": n_training,
            "seconds": [round(r[1][0], 1) for r in runs],
            "median_seconds": round(med_tra, 1),
            "peak_rss_gb": round(max(r[1][1] for r in runs), 2),
            "summary": runs[-1][1][2],
        },
        "pengembangan_one_malformed_row": {
            "rows": n_training + 1,
            "seconds": [round(r[2][0], 1) for r in runs],
            "median_seconds": round(statistics.median(r[2][0] for r in runs), 1),
            "peak_rss_gb": round(max(r[2][1] for r in runs), 2),
            "summary": runs[-1][2][2],
            "note": "DuckDB refuses the strict read; the row-by-row reader loads every good row, rejects one",
        },
        "baseline_naive_pandas_row_loop": {
            "rows": base_n,
            "seconds": round(base_s, 1),
            "seconds_per_million_rows": round(base_s / base_n * 1e6, 1),
            "ours_seconds_per_million_rows": round(med_tra / n_training * 1e6, 1),
            "speedup": round((base_s / base_n) / (med_tra / n_training), 1),
        },
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
        "date": date.today().isoformat(),
    }
    out = ROOT / "bench" / "results" / "import_speed.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
