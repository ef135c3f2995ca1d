"""Many sessions at once, without a browser: fifty threads, each with its own cursor of one shared
connection (as the dashboard's sessions share ui.sesi.connection()), run the pages' analytics calls
over a mix of scopes and get exactly what one thread alone gets; and while an import commits, every
run held inside analytics.gerbang.GERBANG.baca() (as app.py holds it) sees one data version from its
first query to its last. Latencies are printed (`-rP` or `-s` shows them), never asserted: timings
belong to the benchmark suite."""

from __future__ import annotations

import inspect
import shutil
import statistics
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analytics import db, dimensions, ipasn, jp, overview, publish, smart, wilayah
from analytics.filters import Scope
from analytics.gerbang import GERBANG
from analytics.importer import import_file
from analytics.privacy import PENUH, Akses
from analytics.rules import load_rules
from tests.real_shapes import people, siasn_export_asn_pipe_csv

THREADS = 50
RUNS = 4  # page runs per thread in the first test
NEW_EMPLOYEES = 200
DEADLINE = 120  # seconds before a thread is called stuck
# the second test's sessions, as people use the dashboard: a pause between runs (reading the page) and,
# inside a run, a moment after each call (drawing its chart) in which a commit could land without the gate
THINK = 1.5
DRAW = 0.03
RULES = load_rules()
PIMPINAN = Akses(peran="pimpinan", nasional=True, pengguna="pimpinan.uji")


@dataclass(frozen=True)
class Panggilan:
    """One analytics call of a page: the function, its scope and its other arguments."""

    fn: object
    scope: Scope
    kwargs: tuple = ()

    def __call__(self, cur):
        """What ui.sesi._call runs: the function on the connection, with the rules file when it takes it."""
        extra = {"rules": RULES} if "rules" in inspect.signature(self.fn).parameters else {}
        return self.fn(cur, scope=self.scope, **dict(self.kwargs), **extra)

    def __str__(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}({dict(self.kwargs)})"


def page_calls(page: str, scope: Scope, ref) -> list[Panggilan]:
    """The ui.call calls of one run of `page` (pages/*.py) on `scope`, in the page's order, after the
    sidebar's small-selection guard (overview.jumlah)."""

    def c(fn, s=scope, **kw):
        return Panggilan(fn, s, tuple(sorted(kw.items())))  # s: the page's scope, or another (Wilayah)

    tahun = scope.tahun
    calls = [c(overview.jumlah)]
    if page == "ringkasan":
        calls += [
            c(overview.komposisi),
            c(overview.kegiatan_tahunan, sampai=ref.year),
            c(jp.tren),
            c(jp.per_kelompok, by="jenis_pegawai"),
            c(ipasn.per_kelompok, by="nasional"),
            c(ipasn.tren),
            c(smart.tren),
            c(smart.per_kelompok, by="nasional"),
            c(overview.kelengkapan, tahun=tahun),
        ]
    elif page == "kepatuhan_jp":
        calls += [
            c(jp.status_ringkas, ref=ref),
            c(jp.per_kelompok, by="nasional"),
            c(jp.tren),
            c(jp.per_kelompok, by="jenis_pegawai", median=False),
            c(jp.distribusi, batas=60),
            *([c(jp.progres_bulanan, ref=ref)] if tahun == ref.year else []),
            c(jp.per_kelompok, by="provinsi", median=False),
            c(jp.per_kelompok, by="unor", median=False),
        ]
    elif page == "ipasn":
        calls += [
            c(ipasn.per_kelompok, by="nasional"),
            c(ipasn.tren),
            c(ipasn.per_kelompok, by="instansi"),
            c(ipasn.per_kelompok, by="unor"),
        ]
    elif page == "smart_asn":
        calls += [
            c(smart.per_kelompok, by="nasional"),
            c(smart.tren),
            c(smart.per_kelompok, by="provinsi"),
            c(smart.per_kelompok, by="unor"),
        ]
    elif page == "wilayah":
        semua = Scope(tahun=tahun, jenis_jabatan=scope.jenis_jabatan, akses=scope.akses)  # ui.scope_with
        metrik = "ipasn" if tahun % 2 else "jp"  # the page's metric chooser, one per year here
        calls += [c(wilayah.per_kelompok, semua, by="provinsi", metrik=metrik)]
        if scope.provinsi_kode:
            s = replace(semua, provinsi_kode=scope.provinsi_kode)
            calls += [c(wilayah.per_kelompok, s, by="kabkota", metrik="smart")]
    return calls


PAGES = ["ringkasan", "kepatuhan_jp", "ipasn", "smart_asn", "wilayah"]


def scopes(con) -> list[Scope]:
    """National (admin and pimpinan), a province, the largest agency (also as its unit operator), a unit
    subtree and a job type, over three years."""
    from analytics.demo import largest_instansi

    inst = largest_instansi(con)
    prov = con.execute("SELECT provinsi_kode FROM pegawai GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchall()
    unit = con.execute(  # the unit (not an agency's root) with the most units below it
        """SELECT c.leluhur_id FROM unor_closure c JOIN unor u ON u.id = c.leluhur_id
           WHERE u.induk_id IS NOT NULL AND c.jarak > 0 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    ).fetchall()
    operator = Akses(peran="unit", instansi_ids=(inst,), pengguna="operator.uji")
    return [
        Scope(tahun=2026, akses=PENUH),
        Scope(tahun=2025, akses=PIMPINAN),
        Scope(tahun=2026, provinsi_kode=prov[0][0], akses=PIMPINAN),
        Scope(tahun=2026, instansi_id=inst, akses=PENUH),
        Scope(tahun=2025, instansi_id=inst, akses=operator),
        Scope(tahun=2026, instansi_id=inst, unor_id=unit[0][0], akses=operator),
        Scope(tahun=2024, provinsi_kode=prov[0][0], jenis_jabatan="pelaksana", akses=PENUH),
    ]


def same(got, want, what: str) -> None:
    """A result equals the single-threaded one (frames: pandas' default float tolerance, since DuckDB may
    add doubles in another order on another thread; counts and texts exactly)."""
    if isinstance(want, pd.DataFrame):
        if not got.equals(want):  # the exact comparison first: it is much cheaper
            assert_frame_equal(got, want, obj=what)
    else:
        assert got == want, f"{what}: {got!r} != {want!r}"


def percentiles(seconds: list[float]) -> str:
    q = statistics.quantiles(seconds, n=20, method="inclusive")
    return f"p50 {1000 * statistics.median(seconds):.0f} ms, p95 {1000 * q[18]:.0f} ms (n={len(seconds)})"


def run_threads(target, n: int) -> list[BaseException]:
    """Start `n` threads on target(i), wait for them, and return what they raised."""
    errors: list[BaseException] = []

    def body(i):
        try:
            target(i)
        except BaseException as exc:  # noqa: BLE001 (reported by the test)
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    end = time.monotonic() + DEADLINE
    for t in threads:
        t.join(max(0.0, end - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "a reader thread is stuck"
    return errors


@pytest.fixture
def shared(demo_path, tmp_path):
    """One connection to a private copy of the demo database (the dashboard's one connection)."""
    path = tmp_path / "konkuren.duckdb"
    shutil.copyfile(demo_path, path)
    con = db.connect(path)
    yield con
    con.close()


def work(con) -> tuple[list[tuple[str, Scope]], object]:
    """Every (page, scope) pair a run may be, and the reference date."""
    return [(p, s) for s in scopes(con) for p in PAGES], dimensions.reference_date(con)


def baseline(con, runs, ref) -> dict[tuple[str, Scope], list]:
    cur = con.cursor()
    try:
        return {(p, s): [c(cur) for c in page_calls(p, s, ref)] for p, s in runs}
    finally:
        cur.close()


def test_fifty_sessions_get_what_one_session_gets(shared):
    runs, ref = work(shared)
    want = baseline(shared, runs, ref)
    run_times, call_times = [], []

    def session(i: int) -> None:
        cur = shared.cursor()  # one cursor per session thread, as each query of a page gets its own
        try:
            for k in range(RUNS):
                page, scope = runs[(i + 13 * k) % len(runs)]  # every pair, in another order per thread
                t0 = time.perf_counter()
                for call, expected in zip(page_calls(page, scope, ref), want[(page, scope)]):
                    t = time.perf_counter()
                    got = call(cur)
                    call_times.append(time.perf_counter() - t)
                    same(got, expected, f"{call} on {scope}")
                run_times.append(time.perf_counter() - t0)
        finally:
            cur.close()

    errors = run_threads(session, THREADS)
    assert not errors, f"{len(errors)} of {THREADS} sessions failed; the first: {errors[0]!r}"
    assert len(run_times) == THREADS * RUNS
    print(f"\n{THREADS} sessions x {RUNS} page runs: run {percentiles(run_times)}; call {percentiles(call_times)}")


def new_employees(folder: Path) -> Path:
    """A SIASN "Export Data ASN" file ('|', apostrophes before NIPs, literal null) of NEW_EMPLOYEES people
    who are not in the demo (the fixed generator's people whose age at appointment the import accepts)."""
    fit = [p for p in people(NEW_EMPLOYEES + 40) if (p.tmt_cpns - p.tgl_lahir).days >= 18 * 366]
    name, data = siasn_export_asn_pipe_csv(fit[:NEW_EMPLOYEES])
    path = folder / name
    path.write_bytes(data)
    return path


NATIONAL = Scope(tahun=2026, akses=PENUH)


def test_runs_inside_the_gate_see_one_version_while_an_import_commits(shared, demo_path, tmp_path):
    """Every run holds GERBANG.baca(): its version and national head count at its end are those of its
    start, and every figure of the run is the old data's or the new data's, never a mix. The new data's
    figures come from the same file imported beforehand into a second copy, alone."""
    csv = new_employees(tmp_path)
    runs, ref = work(shared)
    old = baseline(shared, runs, ref)
    after_path = tmp_path / "sesudah.duckdb"
    shutil.copyfile(demo_path, after_path)
    after = db.connect(after_path)
    try:
        assert import_file(after, csv, rules=RULES, user="uji").rows_loaded == NEW_EMPLOYEES
        new = baseline(after, runs, ref)
    finally:
        after.close()
    n_old = old[("ringkasan", NATIONAL)][0]
    assert new[("ringkasan", NATIONAL)][0] == n_old + NEW_EMPLOYEES

    v_old = publish.versi(shared)
    done, started = threading.Event(), threading.Event()
    lock, finished = threading.Lock(), [0]
    # per run: (version, head count) at its start and at its end, whose data its version is, a figure that was not
    seen: list[tuple[str, int, str, int, str, str | None]] = []
    run_times: list[float] = []
    result = {}

    def session(i: int) -> None:
        cur = shared.cursor()
        after_import = 0
        try:
            for k in range(1000):
                page, scope = runs[(i + 13 * k) % len(runs)]
                t0 = time.perf_counter()
                with GERBANG.baca():  # app.py: the sidebar and the page
                    v0, n0 = publish.versi(cur), overview.jumlah(cur, scope=NATIONAL)
                    got = []
                    for c in page_calls(page, scope, ref):
                        got.append(c(cur))
                        time.sleep(DRAW)
                    v1, n1 = publish.versi(cur), overview.jumlah(cur, scope=NATIONAL)
                run_times.append(time.perf_counter() - t0)
                data = "lama" if v0 == v_old else "baru"
                want = (old if data == "lama" else new)[(page, scope)]
                try:  # every figure of the run from the data of its version at the start
                    for call, g, w in zip(page_calls(page, scope, ref), got, want, strict=True):
                        same(g, w, f"{call} on {scope}, version {v0} ({data})")
                    beda = None
                except AssertionError as exc:
                    beda = str(exc).splitlines()[0]
                with lock:
                    seen.append((v0, n0, v1, n1, data, beda))
                    finished[0] += 1
                    if finished[0] >= THREADS:
                        started.set()  # every thread has had a run or so at the old version: import now
                if done.is_set():
                    after_import += 1
                    if after_import >= 2:
                        return
                if time.monotonic() > deadline:
                    raise TimeoutError("the import did not finish")
                time.sleep(THINK)
        finally:
            cur.close()

    def importer() -> None:  # the Impor page's import, on the process's one connection
        started.wait(DEADLINE)
        try:
            t = time.perf_counter()
            result["import"] = import_file(shared, csv, rules=RULES, user="uji")
            result["seconds"] = time.perf_counter() - t
        except BaseException as exc:  # noqa: BLE001 (reported by the test)
            result["error"] = exc
        finally:
            done.set()

    deadline = time.monotonic() + DEADLINE
    imp = threading.Thread(target=importer, daemon=True)
    imp.start()
    errors = run_threads(session, THREADS)
    imp.join(DEADLINE)
    assert "error" not in result, result["error"]
    mixed = [s for s in seen if s[:2] != s[2:4] or s[5]]
    assert not mixed, f"{len(mixed)} of {len(seen)} runs saw two versions, e.g. {mixed[:3]}"
    assert not errors, f"{len(errors)} of {THREADS} sessions failed; the first: {errors[0]!r}"
    assert result["import"].rows_loaded == NEW_EMPLOYEES
    v_new = publish.versi(shared)
    assert v_new != v_old
    counts = {}
    for v, n, *_ in seen:
        counts.setdefault(v, set()).add(n)
    assert counts == {v_old: {n_old}, v_new: {n_old + NEW_EMPLOYEES}}, counts  # both seen, one count each
    by_data = {d: sum(s[4] == d for s in seen) for d in ("lama", "baru")}
    print(
        f"\n{THREADS} sessions, {len(seen)} runs inside the gate ({by_data['lama']} old, {by_data['baru']} new) "
        f"while {NEW_EMPLOYEES} employees were imported in {result['seconds']:.1f} s: run {percentiles(run_times)}"
    )
