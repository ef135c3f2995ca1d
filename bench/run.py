"""The benchmark suite: every figure of the dashboard against its target, in one run.

    .venv/bin/python -m bench [--scale F] [--db PATH] [--repeat N] [--only SECTION,...] [--out PATH]
    .venv/bin/python bench/run.py ...   (the same)

Writes bench/RESULTS.md and bench/results.json (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a file: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import browser, data, exports, naive, pages  # noqa: E402
from bench.common import FULL_EMPLOYEES, GB, ROOT, Context, Figure, Measurement, below  # noqa: E402
from bench.report import Section, write  # noqa: E402


def section_memory(ctx: Context) -> None:
    """The database file's size and the peak memory of the app's processes measured by the other sections."""
    size = ctx.db_path.stat().st_size + sum(p.stat().st_size for p in [Path(str(ctx.db_path) + ".wal")] if p.exists())
    name = f"database file size ({size / 1e9:.2f} GB decimal)"
    ctx.add(Measurement("memory", name, Figure(size / GB, "GiB"), below(4, "GiB")))
    peaks = [
        ("server_peak_rss", "streamlit server (browser section): peak RSS, VmHWM", "browser"),
        ("apptest_peak_rss", "AppTest process (app.py run for every page and scope): peak RSS, ru_maxrss", "pages"),
        ("bench_peak_rss_after_pages", "this process after timing the pages' data: peak RSS, ru_maxrss", "pages"),
    ]
    for key, name, section in peaks:
        if ctx.shared.get(key):
            ctx.add(Measurement("memory", name, Figure(ctx.shared[key] / GB, "GiB"), below(4, "GiB")))
        else:
            ctx.note("memory", f"{name}: not measured (the {section} section did not run or was skipped)")
    end = Figure(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / GB, "GiB")
    ctx.note("memory", f"this process's peak RSS at the end of the run (naive tables and briefing included): {end}")


SECTIONS = [
    Section(
        "generation",
        "Generation",
        data.section_generation,
        "`python -m analytics demo --employees N` (N = 6 000 000 x scale) into a new file, with the steps it "
        "prints (its last step, ringkasan, is the summary build); then the rows of every table.",
    ),
    Section(
        "summaries",
        "Summaries",
        data.section_summaries,
        "Each derived table rebuilt alone on a copy of the database, every summary analytics.build._summaries "
        "registers in its order, then analytics.build.refresh whole.",
    ),
    Section(
        "incremental",
        "Incremental import",
        data.section_incremental,
        "10 000 training records of existing employees with their JP changed, in SIASN's riwayat kursus layout, "
        "imported with analytics.importer.import_file into a copy; refresh_after_import timed apart.",
    ),
    Section(
        "import",
        "Import throughput",
        data.section_import,
        "Rows per second of CSV and XLSX imports of changed pegawai and pengembangan rows (SIASN layouts) into a "
        "copy, each file for other employees; the whole import_file, summaries refreshed included.",
    ),
    Section(
        "pages",
        "Pages' data",
        pages.section_pages,
        "For every page of app.py and four scopes, the analytics calls the page made through ui.call (recorded in "
        "AppTest), timed directly: the page's data is the sum of its distinct calls, cold on a freshly opened "
        "connection, then median and p95 of the warm runs.",
    ),
    Section(
        "naive",
        "Naive way",
        naive.section_naive,
        "The main metrics computed the naive way in the same process (pandas over the tables in memory) against "
        "the analytics function the page calls; the ratio is naive / ours.",
    ),
    Section(
        "concurrency",
        "Concurrency",
        pages.section_concurrency,
        "Threads, each with its own cursor on one connection: national Kepatuhan 20 JP page data with a scope "
        "not asked before per page; then 50 threads each running random recorded (page, scope) page data, with "
        "a reader's pause between pages (--think), and once back to back (a stress test without target).",
    ),
    Section("browser", "Browser", browser.section_browser, (browser.__doc__ or "").split("\n\n")[0].replace("\n", " ")),
    Section("exports", "Exports", exports.section_exports, (exports.__doc__ or "").replace("\n", " ")),
    Section("memory", "Memory and size", section_memory, "Peak memory of the app's processes and the database file."),
]
KEYS = [s.key for s in SECTIONS]


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument(
        "--scale",
        type=float,
        default=None,
        help="fraction of the 6 000 000 employees to generate (default 1.0; with --db: the database's own)",
    )
    ap.add_argument("--db", default=None, help="measure this existing demo database instead of generating one")
    ap.add_argument("--repeat", type=int, default=7, help="warm repeats of each timing (default 7)")
    ap.add_argument("--only", default=None, help="sections to run, comma-separated: " + ",".join(KEYS))
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"), help="results file (default bench/RESULTS.md)")
    ap.add_argument("--json", default=None, help="JSON results (default: results.json beside --out)")
    ap.add_argument("--duration", type=float, default=30, help="seconds of the 50-thread load (default 30)")
    ap.add_argument(
        "--think", type=float, default=5, help="mean pause of a 50-thread load's reader between pages, s (default 5)"
    )
    ap.add_argument("--tmp", default=None, help="folder for the temporary folder (default: the system's)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (the generated database, logs)")
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(",")] if args.only else KEYS
    unknown = [s for s in only if s not in KEYS]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)}; sections: {', '.join(KEYS)}")
    if args.db and not Path(args.db).is_file():
        ap.error(f"no database at {args.db}")
    if (args.scale is not None and not 0 < args.scale <= 1.5) or args.repeat < 1:
        ap.error("--scale must be in (0, 1.5] and --repeat at least 1")
    args.sections = [k for k in KEYS if k in only]
    return args


def run_section(ctx: Context, s: Section) -> bool:
    print(f"== {s.title}", flush=True)
    t = time.perf_counter()
    ok = True
    try:
        s.run(ctx)
    except Exception as exc:  # noqa: BLE001 - the other sections still run; the failure is in the results
        ok = False
        traceback.print_exc()
        ctx.note(s.key, f"**FAILED**: {type(exc).__name__}: {str(exc)[:500]}")
    ctx.seconds[s.key] = time.perf_counter() - t
    print(f"   {s.title}: {ctx.seconds[s.key]:.1f} s", flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    os.chdir(ROOT)
    tmp = Path(tempfile.mkdtemp(prefix="smartasn-bench-", dir=args.tmp))
    ctx = Context(args, tmp)
    ctx.shared["load_start"] = round(os.getloadavg()[0], 2)
    if args.db:
        ctx.db_path = Path(args.db).resolve()
        ctx.shared["employees"] = employees(ctx)
        if args.scale is None:
            args.scale = round(ctx.shared["employees"] / FULL_EMPLOYEES, 6)
    else:
        args.scale = args.scale or 1.0
        ctx.db_path, ctx.generated = tmp / "bench.duckdb", True
        if "generation" not in args.sections:
            args.sections.insert(0, "generation")  # nothing to measure without it
    os.environ["SMARTASN_DB"] = str(ctx.db_path)
    ok = True
    try:
        for s in SECTIONS:
            if s.key in args.sections:
                ok &= run_section(ctx, s)
                if s.key == "generation" and "employees" not in ctx.shared:
                    ctx.shared["employees"] = employees(ctx)  # the report's scale line
        out = Path(args.out)
        js = (
            Path(args.json)
            if args.json
            else out.parent / ("results.json" if out.name == "RESULTS.md" else out.stem + ".json")
        )
        write(ctx, SECTIONS, argv, out, js)
    finally:
        if args.keep:
            print(f"kept {tmp}" + (f" (reuse the database with --db {ctx.db_path})" if ctx.generated else ""))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


def employees(ctx: Context) -> int | None:
    try:
        con = ctx.connect()
    except Exception:  # noqa: BLE001 - no database (generation failed)
        return None
    try:
        return con.execute("SELECT count(*) FROM pegawai").fetchone()[0]
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())
