"""The pages' data and the concurrency sections, from calls recorded in the app itself.

Recording (a child process, so Streamlit and its connection stay out of the timing process): app.py runs
through Streamlit's AppTest as a signed-in admin on the measured database opened read-only; for each of
the four scopes (common.cakupan) the sidebar filters are set and every page of app.py's PAGES and
ADMIN_PAGES is run once while ui.sesi._call (the cached function behind ui.call) is wrapped to record
(fn, scope, kwargs). Nothing is listed by hand: a page that calls something new is measured with it.

Timing (this process): each page's recorded calls, run directly as `fn(con, scope=..., **kwargs,
rules=...)` like _call does, distinct calls once (ui.call caches a repeat within a run): cold on a
freshly opened connection, then --repeat warm runs.

    .venv/bin/python -m bench.pages record DB OUT CAKUPAN   (the child; run by the suite)
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import itertools
import logging
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a file
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Context, Figure, Measurement, at_least, below, cakupan, ms, p95, timed  # noqa: E402

WIDGETS = ("provinsi", "kabkota", "instansi", "unor")  # the sidebar's region and unit filters, in order
SIMULASI = "pages/simulasi_ipasn.py"  # its national page data has its own target
KEPATUHAN = "pages/kepatuhan_jp.py"  # the page of the throughput test


# --- the pages of app.py ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    admin: bool


def app_pages() -> list[Page]:
    """PAGES then ADMIN_PAGES of app.py, read from its source (st.Page(path, title=...))."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", None) in ("PAGES", "ADMIN_PAGES")
            and isinstance(node.value, ast.List)
        ):
            for call in node.value.elts:
                path = call.args[0].value
                title = next((k.value.value for k in call.keywords if k.arg == "title"), Path(path).stem)
                out.append(Page(path, title, node.targets[0].id == "ADMIN_PAGES"))
    return out


# --- a recorded call ----------------------------------------------------------------------------------


@dataclass
class Call:
    module: str
    qualname: str
    scope: object  # analytics.filters.Scope
    kwargs: dict

    @property
    def fn(self) -> Callable:
        obj = importlib.import_module(self.module)
        for part in self.qualname.split("."):
            obj = getattr(obj, part)
        return obj

    def name(self, page_scope=None) -> str:
        """`jp.per_kelompok(by=provinsi)`, with the scope's filters when they are not the page's
        (`@nasional` for a comparison with the whole country)."""
        args = ", ".join(f"{k}={v}" for k, v in self.kwargs.items() if not isinstance(v, date))
        text = f"{self.module.removeprefix('analytics.')}.{self.qualname}({args})"
        if page_scope is None or self.scope == page_scope:
            return text
        own = {f.name: getattr(self.scope, f.name) for f in dataclasses.fields(self.scope) if f.name != "akses"}
        shown = {k: v for k, v in own.items() if v is not None and k != "tahun"}
        return text + " @" + (",".join(f"{k}={v}" for k, v in shown.items()) or "nasional")

    def key(self) -> str:
        return repr((self.module, self.qualname, self.scope, sorted(self.kwargs.items())))

    def run(self, con, rules, scope=None):
        """The call as ui.sesi._call makes it (with the rules when the function takes them)."""
        fn = self.fn
        extra = {"rules": rules} if "rules" in inspect.signature(fn).parameters else {}
        return fn(con, scope=scope or self.scope, **self.kwargs, **extra)


@dataclass
class PageRun:
    """One page run through AppTest for one scope: what it called (distinct, in order) and how it went."""

    page: Page
    cakupan: str
    page_scope: object
    seconds: float
    exceptions: list[str]
    calls: list[Call]

    @property
    def label(self) -> str:
        return f"{self.page.title} · {self.cakupan}"


# --- recording (the child process) ---------------------------------------------------------------------


def _record(db_path: str, out: str, cakupan_file: str) -> None:
    """Run every page for every scope through AppTest; pickle the PageRuns and this process's peak RSS."""
    os.environ["SMARTASN_DB"] = db_path
    os.chdir(ROOT)
    from analytics import db

    connect = db.connect

    def read_only(path, **kwargs):  # the app never writes to the measured database
        return connect(path, **({**kwargs, "read_only": True} if str(path) == db_path else kwargs))

    db.connect = read_only
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime" warnings of imports before AppTest
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import AppTest

    # as tests/conftest.py: without this AppTest reruns the page file alone (the pages/-folder mode)
    init = pages_manager.PagesManager.__init__

    def router_mode(self, *args, **kwargs):
        init(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    pages_manager.PagesManager.__init__ = router_mode

    import ui.sesi
    from analytics.privacy import Akses

    calls: list[Call] = []
    cached = ui.sesi._call

    def recording(_fn, nama, scope, versi, kwargs):
        calls.append(Call(_fn.__module__, _fn.__qualname__, scope, dict(kwargs)))
        return cached(_fn, nama, scope, versi, kwargs)

    ui.sesi._call = recording
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    at.session_state["akses"] = Akses(peran="admin", nasional=True, pengguna=_admin(db_path))
    at.run()
    runs = []
    for c in pickle.loads(Path(cakupan_file).read_bytes()):
        _set_filters(at, c.fields)
        for page in app_pages():
            calls.clear()
            seconds, _ = timed(lambda page=page: at.switch_page(page.path).run())
            distinct = list({call.key(): call for call in calls}.values())
            runs.append(
                PageRun(
                    page, c.label, at.session_state["scope"], seconds, [str(e.value) for e in at.exception], distinct
                )
            )
            print(f"  recorded {page.title} · {c.label}: {len(distinct)} calls, {seconds:.2f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    Path(out).write_bytes(pickle.dumps({"runs": runs, "peak_rss": peak}))


def _admin(db_path: str) -> str:
    """An active admin account of the measured database: the login gate re-reads the session's account on
    every run (a demo database's demo-admin; after an import, a real admin)."""
    import duckdb

    con = duckdb.connect(db_path, read_only=True)
    try:
        rows = con.execute("SELECT nama FROM pengguna WHERE peran = 'admin' AND aktif ORDER BY demo, nama").fetchall()
    finally:
        con.close()
    if not rows:
        raise SystemExit(f"{db_path}: tidak ada akun admin aktif untuk sesi pengukuran")
    return rows[0][0]


def _set_filters(at, fields: dict) -> None:
    """The sidebar's region and unit boxes to the scope's values, in order (each box's options follow the
    boxes above it); a box not shown (the unit box before an agency is chosen) is left alone."""
    wanted = {
        "provinsi": fields.get("provinsi_kode"),
        "instansi": fields.get("instansi_id"),
        "unor": fields.get("unor_id"),
    }
    for key in WIDGETS:
        try:
            box = at.selectbox(key=key)
        except KeyError:
            continue
        if box.value != wanted.get(key):
            box.set_value(wanted.get(key)).run()
            assert not at.exception, [e.value for e in at.exception]


def recorded(ctx: Context) -> list[PageRun]:
    """The PageRuns of the measured database (recorded once per suite run, in a child process)."""
    return ctx.once("recorded", lambda: _recorded(ctx))


def _recorded(ctx: Context) -> list[PageRun]:
    scopes, out = ctx.tmp / "cakupan.pickle", ctx.tmp / "recorded.pickle"
    scopes.write_bytes(pickle.dumps(cakupan(ctx)))
    cmd = [sys.executable, "-m", "bench.pages", "record", str(ctx.db_path), str(out), str(scopes)]
    seconds, _ = timed(lambda: subprocess.run(cmd, cwd=ROOT, check=True))
    data = pickle.loads(out.read_bytes())
    ctx.shared["apptest_peak_rss"] = data["peak_rss"]
    ctx.note("pages", f"recorded {len(data['runs'])} page runs through AppTest in {seconds:.1f} s")
    return data["runs"]


# --- timing (this process) -----------------------------------------------------------------------------


def call_times(con, run: PageRun, rules, scope_of=lambda call: None) -> list[float]:
    """Seconds of each of the run's calls, made one after the other on `con`."""
    return [timed(lambda c=c: c.run(con, rules, scope_of(c)))[0] for c in run.calls]


def page_target(run: PageRun):
    if run.cakupan == "nasional":
        return below(500 if run.page.path == SIMULASI else 400, "ms")
    return below(200, "ms")


def time_page(ctx: Context, run: PageRun) -> None:
    """Cold (a freshly opened connection) and warm page data of one run, and each call's times."""
    con = ctx.connect()
    try:
        cold = sum(call_times(con, run, ctx.rules))
        warm = [call_times(con, run, ctx.rules) for _ in range(ctx.args.repeat)]
    finally:
        con.close()
    totals = [sum(r) for r in warm]
    per_call = [(c.name(run.page_scope), list(ts)) for c, ts in zip(run.calls, zip(*warm))]
    slowest, slowest_ts = max(per_call, key=lambda nt: statistics.median(nt[1]))
    calls_ok = all(statistics.median(t) < 0.150 and p95(t) < 0.400 for _, t in per_call)
    ctx.add(
        Measurement(
            "pages",
            run.label,
            ms(statistics.median(totals)),
            page_target(run),
            extra={
                "cold": ms(cold),
                "p95": ms(p95(totals)),
                "calls": Figure(len(run.calls)),
                "slowest call (median)": f"{slowest} {ms(statistics.median(slowest_ts))}",
                "every call < 150 ms median, < 400 ms p95": "yes" if calls_ok else "**no**",
                "AppTest run": Figure(run.seconds, "s"),
            },
        )
    )
    for name, ts in per_call:
        ctx.results.append(
            Measurement(
                "pages",
                f"{run.label} · {name}",
                ms(statistics.median(ts)),
                below(150, "ms"),
                extra={"p95": ms(p95(ts))},
                extra_targets={"p95": below(400, "ms")},
                table="per call",
            )
        )


def section_pages(ctx: Context) -> None:
    runs = recorded(ctx)
    for c in cakupan(ctx):
        ctx.note("pages", f"scope {c.label}: {c.what}, {c.pegawai:,} employees")
    untimed = list(dict.fromkeys(r.page.title for r in runs if not r.calls))
    if untimed:
        ctx.note("pages", f"not timed, no ui.call recorded (they read the database directly): {', '.join(untimed)}")
    for run in runs:
        if run.exceptions:
            ctx.note("pages", f"**{run.label}: the page raised** {run.exceptions[0][:300]}")
        if run.calls:
            time_page(ctx, run)
    ctx.shared["bench_peak_rss_after_pages"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- concurrency ---------------------------------------------------------------------------------------


def _threads(con, n: int, work: Callable[[object, int], None], seconds: float) -> float:
    """Run work(cursor, thread_number) in a loop in `n` threads, each with its own cursor, until it
    returns False or `seconds` pass; the wall time."""
    deadline = time.perf_counter() + seconds

    def loop(i: int) -> None:
        cur = con.cursor()
        try:
            while time.perf_counter() < deadline and work(cur, i) is not False:
                pass
        finally:
            cur.close()

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(n)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - t


def throughput(ctx: Context, con, run: PageRun, threads: int, seconds: float) -> None:
    """Kepatuhan 20 JP national page data, each page a scope not asked before (year x job type x employee
    type), `threads` threads: pages per second."""
    from analytics import dimensions
    from analytics.reference import JENIS_JABATAN

    years = range(dimensions.FIRST_YEAR, dimensions.data_year(con) + 1)
    variants = list(itertools.product(years, [None, *JENIS_JABATAN], [None, "PNS", "PPPK"]))
    random.Random(1).shuffle(variants)
    todo, lock, done = iter(variants), threading.Lock(), []

    def work(cur, _):
        with lock:
            v = next(todo, None)
        if v is None:
            return False
        changes = dict(zip(("tahun", "jenis_jabatan", "jenis_pegawai"), v))
        call_times(cur, run, ctx.rules, lambda c: dataclasses.replace(c.scope, **changes))
        with lock:
            done.append(v)

    wall = _threads(con, threads, work, seconds)
    ctx.add(
        Measurement(
            "concurrency",
            f"Kepatuhan 20 JP national page data, distinct scopes, {threads} thread{'s' if threads > 1 else ''}",
            Figure(len(done) / wall, "pages/s"),
            at_least(5, "pages/s") if threads > 1 else None,
            extra={"pages": Figure(len(done)), "seconds": Figure(wall, "s")},
            table="throughput",
            note="" if threads > 1 else "for comparison",
        )
    )


def mixed_load(ctx: Context, con, runs: list[PageRun], threads: int, seconds: float, think: float) -> None:
    """`threads` threads, each with its own cursor, each page data a random recorded (page, scope), a thread
    waiting a random 0 to 2 x `think` seconds before each (a reader; 0: back to back, a stress test without
    target). Every page data is computed (no Streamlit cache), so this is heavier than the app's load."""
    lat: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    rngs = [random.Random(i) for i in range(threads)]

    def work(cur, i):
        time.sleep(rngs[i].uniform(0, 2 * think))  # before the page too: the readers do not all start at once
        run = rngs[i].choice(runs)
        t = time.perf_counter()
        try:
            call_times(cur, run, ctx.rules)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(f"{run.label}: {type(exc).__name__}: {exc}"[:300])
        else:
            with lock:
                lat.setdefault(run.page.title, []).append(time.perf_counter() - t)

    wall = _threads(con, threads, work, seconds)
    every = [x for xs in lat.values() for x in xs]
    if not every:
        ctx.note("concurrency", f"the {threads}-thread load finished no page data")
        return
    how = f"a random 0–{2 * think:g} s pause before each page" if think else "back to back, no pause (stress)"
    target = below(1000, "ms") if think else None
    ctx.add(
        Measurement(
            "concurrency",
            f"{threads} threads, mixed pages and scopes, {how}: p95 of a page's data",
            ms(p95(every)),
            target,
            extra={
                "median": ms(statistics.median(every)),
                "page data": Figure(len(every)),
                "pages/s": Figure(len(every) / wall, "pages/s"),
                "errors": Figure(len(errors)),
                "seconds": Figure(wall, "s"),
            },
            extra_targets={"errors": below(1, "")} if think else {},
            table="mixed load",
        )
    )
    for title, xs in lat.items() if think else ():
        ctx.add(
            Measurement(
                "concurrency",
                f"{threads} threads, {how}: {title}",
                ms(p95(xs)),
                target,
                extra={"median": ms(statistics.median(xs)), "page data": Figure(len(xs))},
                table="mixed load",
            )
        )
    for e in errors[:5]:
        ctx.note("concurrency", f"error: {e}")


def section_concurrency(ctx: Context) -> None:
    runs = [r for r in recorded(ctx) if r.calls and not r.exceptions]
    kepatuhan = next((r for r in runs if r.page.path == KEPATUHAN and r.cakupan == "nasional"), None)
    con = ctx.connect()
    try:
        if kepatuhan is None:
            ctx.note("concurrency", f"**no throughput run: {KEPATUHAN} recorded no calls for the national scope**")
        else:
            ctx.note("concurrency", f"a Kepatuhan 20 JP page's data = its {len(kepatuhan.calls)} recorded calls")
            for n in (1, 2, 4):
                throughput(ctx, con, kepatuhan, n, ctx.args.duration / 3)
        mixed_load(ctx, con, runs, 50, ctx.args.duration, ctx.args.think)
        mixed_load(ctx, con, runs, 50, ctx.args.duration / 3, 0)
    finally:
        con.close()


if __name__ == "__main__" and sys.argv[1:2] == ["record"]:
    from bench.pages import _record as record  # the module's own classes, not __main__'s, go into the pickle

    record(*sys.argv[2:5])
