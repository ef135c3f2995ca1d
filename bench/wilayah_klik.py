"""Benchmark: a click on a province tile of the Wilayah page redraws the page, in a real browser (issue
target: < 1 s median of 7 at 4.3 M employees; the map's figure JSON stays small).

What is measured, on a copy of an existing database (the one given is never opened: it is copied to a
temporary folder first, with the app's code, by default the committed HEAD exported with `git archive`,
so edits in progress in the working tree do not change what is measured; --tree work uses the tree):
1. in a real browser (Debian chromium driven by playwright against `streamlit run app.py`, headless on
   loopback, signed in as a bench admin added to the copy): the page /wilayah is opened, then
   - cold: the first click on a province tile (cold Streamlit and DuckDB caches for its scope), then
     back to all provinces through the sidebar's Provinsi box (timed as back);
   - first_visit: `runs` clicks, each on a province not clicked before (its kab/kota and profile
     queries uncached), going from one province to the next;
   - revisit: `runs` clicks on provinces clicked before (the data cached; Streamlit reruns and draws).
   A click's time starts at the tile's mousedown (performance.now() in the page) and ends when the
   page is redrawn: the new "Kabupaten/kota di <name>" heading shown, Streamlit's script state
   (stApp's data-test-script-state, Streamlit 1.67) back to notRunning, no stale element left
   (data-stale) and every plotly chart drawn (.js-plotly-plot with its .main-svg): `done`. `settled`
   is the last change of the page's DOM after the click (hover labels, plotly's mode bar and the
   element toolbars aside), once it has been quiet for --quiet ms: plotly finishing a redraw after the
   run, or a second rerun, shows there. `map` is when the clicked tile's outline (3 px) is drawn. The
   wall time of playwright's click() until its wait for `done` returns, and the websocket bytes the
   page received per click, are recorded too.
2. in-process on the copy (server stopped): the map's figure JSON (charts_wilayah.peta_tile of
   wilayah.per_kelompok by province, .to_json()) size, and the time of the page's data functions for
   the largest province (what a first visit computes: wilayah.per_kelompok by kabkota, the profile's
   jp.per_kelompok, jp.tren, smart.per_kelompok, ipasn.per_kelompok, ipasn.tren), median of `runs`;
3. a naive baseline: that province's 20 JP compliance by kab/kota (this year, last year, change)
   computed in pandas from jp_pegawai_tahun loaded into memory (the two years' rows), median of
   --naive-repeat, against wilayah.per_kelompok(by="kabkota").

    .venv/bin/python bench/wilayah_klik.py --db /tmp/big.duckdb --runs 7

Results go to bench/results/wilayah_klik.json (--out to change).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
USER = "bench.wilayah"
PASSWORD = "bench-wilayah-klik-123"
LOCAL = {"127.0.0.1", "localhost"}

# what a plotly chart drawn means for the tests too (tests/test_browser.py DRAWN)
DRAWN = "[...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"

# the page instrumentation: marks for one click, the last DOM change, the script-state transitions
INSTRUMENT = r"""
() => {
  if (window.__bench) return false;
  const SKIP = '.hoverlayer, .modebar-container, .modebar, [data-testid="stElementToolbar"], ' +
               '[data-testid="stStatusWidget"], [data-testid="stTooltipContent"], [data-baseweb="tooltip"]';
  const B = window.__bench = {t0: null, m: {}, last: 0, lastWhat: '', states: [], afterplot: 0, after: {},
                              i: -1, h: null};
  const app = () => document.querySelector('[data-testid="stApp"]');
  const describe = (el) => {
    if (!el || !el.closest) return '?';
    const c = el.closest('[data-testid]');
    const top = c ? c.getAttribute('data-testid')
                  : 'body/' + (el.parentElement ? el.parentElement.tagName.toLowerCase() : '');
    return top + ' > ' + el.tagName.toLowerCase() +
           (el.getAttribute && el.getAttribute('class') ? '.' + String(el.getAttribute('class')).split(' ')[0] : '');
  };
  new MutationObserver(recs => {
    if (B.t0 == null) return;
    const now = performance.now();
    for (const r of recs) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest && el.closest(SKIP)) continue;
      if (r.type === 'attributes' && r.attributeName === 'data-test-script-state') {
        B.states.push([now - B.t0, el.getAttribute('data-test-script-state')]);
      }
      B.last = now; B.lastWhat = describe(el);
      if (B.m.done != null) {  // what changes after `done`: first and last time, count
        const k = B.lastWhat, v = B.after[k] || (B.after[k] = [now - B.t0, 0, 0]);
        v[1] = now - B.t0; v[2] += 1;
      }
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const hook = () => {
    for (const p of document.querySelectorAll('.js-plotly-plot')) {
      if (!p.__benchHooked && typeof p.on === 'function') {
        p.__benchHooked = true;
        p.on('plotly_afterplot', () => { if (B.t0 != null) B.afterplot = performance.now(); });
      }
    }
  };
  const heading = () => [...document.querySelectorAll('h1, h2, h3, h4')].some(
    h => h.textContent.trim() === B.h && !h.closest('[data-stale="true"]'));
  const outlined = () => {
    const map = document.querySelector('.js-plotly-plot');
    if (!map) return false;
    const shapes = map.querySelectorAll('.shapelayer path[data-index="' + B.i + '"]');
    const s = shapes[0];
    return !!s && parseFloat(getComputedStyle(s).strokeWidth) >= 2.5;
  };
  B.loop = () => {
    const now = performance.now(), m = B.m;
    hook();
    const state = app().getAttribute('data-test-script-state');
    if (state === 'running' && m.running == null) m.running = now;
    const h = heading();
    if (h && m.heading == null) m.heading = now;
    if (B.i >= 0 && m.map == null && h && outlined()) m.map = now;
    if (m.done == null && h && state === 'notRunning' && !document.querySelector('[data-stale="true"]') &&
        document.querySelectorAll('.js-plotly-plot').length >= 2 && (DRAWN_JS)) {
      m.done = now;
      m.charts = document.querySelectorAll('.js-plotly-plot').length;
    }
    if (m.done == null || (B.i >= 0 && m.map == null && now - m.done < 5000)) requestAnimationFrame(B.loop);
  };
  B.arm = (i, h) => {
    B.t0 = null; B.m = {}; B.i = i; B.h = h; B.last = 0; B.lastWhat = ''; B.states = []; B.afterplot = 0; B.after = {};
    document.addEventListener('mousedown', () => {
      B.t0 = performance.now(); B.last = B.t0; requestAnimationFrame(B.loop);
    }, {capture: true, once: true});
  };
  B.result = () => {
    const r = {};
    for (const [k, v] of Object.entries(B.m)) r[k] = k === 'charts' ? v : (v - B.t0) / 1000;
    r.settled = (Math.max(B.last, B.m.done || 0) - B.t0) / 1000;
    r.last_change = B.lastWhat;
    r.afterplot = B.afterplot ? (B.afterplot - B.t0) / 1000 : null;
    r.states = B.states.map(([t, s]) => [Math.round(t) / 1000, s]);
    r.after_done = Object.entries(B.after).sort((a, b) => b[1][1] - a[1][1]).slice(0, 8)
      .map(([k, v]) => [k, Math.round(v[0]) / 1000, Math.round(v[1]) / 1000, v[2]]);
    r.reruns = B.states.filter(([t, s]) => s === 'running').length;
    return r;
  };
  return true;
}
""".replace("DRAWN_JS", DRAWN)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def export_commit(commit: str, dest: Path) -> None:
    """The committed tree of `commit` into `dest`, read-only for the repository (git archive)."""
    dest.mkdir(parents=True)
    archive = dest.parent / "head.tar"
    with archive.open("wb") as f:
        subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, stdout=f, check=True)
    with tarfile.open(archive) as t:
        t.extractall(dest, filter="data")
    archive.unlink()


def median(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 3) if xs else None


def p95(xs):
    xs = sorted(x for x in xs if x is not None)
    if len(xs) < 5:
        return None  # too few runs for a 95th percentile to mean anything
    return round(statistics.quantiles(xs, n=20, method="inclusive")[-1], 3)


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times), 4), [round(x, 4) for x in times]


# --- the browser part -----------------------------------------------------------------------------


def start_server(src: Path, db_path: Path, port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "SMARTASN_DB": str(db_path)}
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(src / "app.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
            "--server.fileWatcherType", "none",  # others edit the tree: no module reloads mid-run
            "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "full",
        ],
        cwd=src, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited ({proc.returncode}); see {log_path}")
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"streamlit did not become healthy; see {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def browser_part(url: str, clicks: dict, args) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {
        "outside_requests": [], "page_errors": [], "console_errors": [], "http_errors": [], "exceptions_shown": []
    }  # fmt: skip
    received = [0]
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        try:
            page = b.new_page(viewport={"width": 1440, "height": args.height}, locale="id-ID")

            def guard(route):
                u = urlparse(route.request.url)
                if u.scheme in ("data", "blob") or u.hostname in LOCAL:
                    route.continue_()
                else:
                    out["outside_requests"].append(route.request.url)
                    route.abort()

            def on_ws(ws):
                ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

            page.route("**/*", guard)
            page.on("websocket", on_ws)
            page.on("response", lambda r: r.status >= 400 and out["http_errors"].append(f"{r.status} {r.url}"))
            page.on("pageerror", lambda e: out["page_errors"].append(str(e)[:500]))
            page.on("console", lambda m: m.type == "error" and out["console_errors"].append(m.text[:500]))

            t = time.perf_counter()
            page.goto(url + "/wilayah")
            page.get_by_label("Nama pengguna").fill(USER)
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.get_by_role("heading", name="Wilayah", exact=True).wait_for(timeout=300_000)
            page.wait_for_function(
                f"""() => document.querySelectorAll('.js-plotly-plot').length >= 2 && {DRAWN} &&
                    document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')
                      === 'notRunning' && !document.querySelector('[data-stale="true"]')""",
                timeout=300_000,
            )
            out["open_page_s"] = round(time.perf_counter() - t, 3)  # login and the national view, cold
            page.wait_for_timeout(500)
            assert page.evaluate(INSTRUMENT), "instrumentation not installed"
            tiles = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").first.locator("path.point")
            out["tiles"] = tiles.count()
            assert out["tiles"] == 38, f"{out['tiles']} tiles on the map, 38 expected"
            shapes = page.locator(".js-plotly-plot").first.locator(".shapelayer path").count()
            out["map_shapes"] = shapes

            def click(c: dict) -> dict:
                page.evaluate("([i, h]) => window.__bench.arm(i, h)", [c["tile"], f"Kabupaten/kota di {c['nama']}"])
                before = received[0]
                t0 = time.perf_counter()
                tiles.nth(c["tile"]).click(force=True)
                page.wait_for_function("() => window.__bench.m.done != null", polling="raf", timeout=300_000)
                wall = time.perf_counter() - t0
                # settled: no DOM change (hover labels aside) for args.quiet ms
                page.wait_for_function(
                    f"() => performance.now() - Math.max(window.__bench.last, window.__bench.m.done) > {args.quiet}"
                    " && (window.__bench.m.map != null || performance.now() - window.__bench.m.done > 5000)",
                    polling=50,
                    timeout=120_000,
                )
                r = page.evaluate("() => window.__bench.result()")
                runs_ = [t for t, st in r["states"] if st == "running"]
                ends = [t for t, st in r["states"] if st == "notRunning"]
                r["script_run"] = ends[-1] - runs_[0] if runs_ and ends else None  # the server's rerun
                r["after_run"] = r["settled"] - ends[-1] if ends else None  # the browser after the run's end
                r["playwright_wall"] = round(wall, 3)
                r["ws_bytes"] = received[0] - before
                r["kode"], r["nama"], r["pegawai"] = c["kode"], c["nama"], c["pegawai"]
                err = page.locator('[data-testid="stException"]')
                if err.count():
                    text = err.first.inner_text()[:800]
                    out["exceptions_shown"].append({"after": c["kode"], "text": text})
                    r["exception"] = True
                assert page.get_by_role("combobox", name="Provinsi", exact=True).input_value() == c["nama"]
                r = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}
                print(
                    f"  {c['kode']} {c['nama'][:28]:28} done {r.get('done')} s, settled {r['settled']} s, "
                    f"map {r.get('map')} s, heading {r.get('heading')} s, wall {r['playwright_wall']} s, "
                    f"reruns {r['reruns']}, {r['ws_bytes']} B; last change: {r['last_change']}",
                    flush=True,
                )
                return r

            print("cold click:", flush=True)
            out["cold"] = click(clicks["cold"])
            # back to every province: the sidebar box's 'Semua provinsi'
            t0 = time.perf_counter()
            page.get_by_role("combobox", name="Provinsi", exact=True).click()
            page.get_by_role("option", name="Semua provinsi", exact=True).click()
            page.wait_for_function(
                f"""() => ![...document.querySelectorAll('h3')].some(h => h.textContent.startsWith('Kabupaten/kota di'))
                    && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')
                      === 'notRunning' && !document.querySelector('[data-stale="true"]') && {DRAWN}""",
                polling="raf",
                timeout=300_000,
            )
            out["back_s"] = round(time.perf_counter() - t0, 3)
            print(f"back to all provinces: {out['back_s']} s (playwright wall)", flush=True)
            page.mouse.move(2, 2)
            page.wait_for_timeout(args.quiet)
            print("first visits:", flush=True)
            out["first_visit"] = [click(c) for c in clicks["first_visit"]]
            print("revisits:", flush=True)
            out["revisit"] = [click(c) for c in clicks["revisit"]]
            out["url_after"] = page.url
            page.screenshot(path=str(Path(args.tmp_dir) / "wilayah_last.png"), full_page=True)
        finally:
            b.close()
    return out


# --- the in-process part --------------------------------------------------------------------------


def naive_kabkota(df, kode: str, tahun: int, names, ambang: float, ambang_pppk: float):
    """20 JP compliance by kab/kota of province `kode`, this year, last year and the change, from the
    employee-year rows in memory (pandas, no summary, no SQL)."""
    import numpy as np

    d = df[df["provinsi_kode"] == kode]
    target = np.where(d["jenis_pegawai"] == "PPPK", ambang_pppk, ambang)
    d = d.assign(ok=(d["jp_total"].to_numpy() >= target))
    g = d.groupby(["tahun", "kabkota_kode"])["ok"].agg(["size", "sum"])
    g["nilai"] = 100.0 * g["sum"] / g["size"]
    now = g.loc[tahun].rename(columns={"size": "pegawai"})[["pegawai", "nilai"]]
    before = g.loc[tahun - 1][["nilai"]].rename(columns={"nilai": "lalu"}) if tahun - 1 in g.index else None
    out = now.join(before, how="left") if before is not None else now.assign(lalu=np.nan)
    out = out.assign(selisih=out["nilai"] - out["lalu"]).reset_index().rename(columns={"kabkota_kode": "kode"})
    return out.merge(names, on="kode", how="left").sort_values("kode").reset_index(drop=True)


def in_process(db_path: Path, prov: dict, runs: int, naive_repeat: int) -> dict:
    from analytics import charts_wilayah, db, ipasn, jp, smart, wilayah
    from analytics.filters import Scope
    from analytics.rules import load_rules

    rules = load_rules()
    con = db.connect(db_path)
    try:
        year = prov["tahun"]
        nasional = Scope(tahun=year)
        scope = Scope(tahun=year, provinsi_kode=prov["kode"])
        # the map's figure JSON: national view, and with the province outlined
        per_prov = wilayah.per_kelompok(con, scope=nasional, rules=rules, by="provinsi")
        fig = charts_wilayah.peta_tile(per_prov, "x", persen=True)
        fig_sel = charts_wilayah.peta_tile(per_prov, "x", persen=True, terpilih=prov["kode"])
        bar = charts_wilayah.peringkat_bar(per_prov, "x", persen=True, terpilih=prov["kode"])
        kk = wilayah.per_kelompok(con, scope=scope, rules=rules, by="kabkota")
        kk_bar = charts_wilayah.peringkat_bar(kk, "x", persen=True)
        sizes = {
            "peta_tile_bytes": len(fig.to_json().encode()),
            "peta_tile_terpilih_bytes": len(fig_sel.to_json().encode()),
            "peringkat_provinsi_bytes": len(bar.to_json().encode()),
            "peringkat_kabkota_bytes": len(kk_bar.to_json().encode()),
        }
        figures = {
            "peta_tile": lambda: charts_wilayah.peta_tile(per_prov, "x", persen=True, terpilih=prov["kode"]),
            "peta_tile + to_json": lambda: charts_wilayah.peta_tile(
                per_prov, "x", persen=True, terpilih=prov["kode"]
            ).to_json(),
            "peringkat_bar(provinsi)": lambda: charts_wilayah.peringkat_bar(
                per_prov, "x", persen=True, terpilih=prov["kode"]
            ),
            "peringkat_bar(kabkota)": lambda: charts_wilayah.peringkat_bar(kk, "x", persen=True),
        }
        figure_s = {name: timed(fn, runs)[0] for name, fn in figures.items()}
        ip = year >= ipasn.first_year(rules)
        calls = {
            "wilayah.per_kelompok(provinsi), national: cached across clicks": lambda: wilayah.per_kelompok(
                con, scope=nasional, rules=rules, by="provinsi"
            ),
            "wilayah.per_kelompok(kabkota)": lambda: wilayah.per_kelompok(con, scope=scope, rules=rules, by="kabkota"),
            "jp.per_kelompok(nasional)": lambda: jp.per_kelompok(con, scope=scope, rules=rules, by="nasional"),
            "jp.tren": lambda: jp.tren(con, scope=scope, rules=rules),
            "smart.per_kelompok(nasional)": lambda: smart.per_kelompok(con, scope=scope, by="nasional"),
        }
        if ip:
            calls["ipasn.per_kelompok(nasional)"] = lambda: ipasn.per_kelompok(con, scope=scope, by="nasional")
            calls["ipasn.tren"] = lambda: ipasn.tren(con, scope=scope)
        for fn in calls.values():  # first touch of the columns
            fn()
        per_call = {}
        for name, fn in calls.items():
            m, all_ = timed(fn, runs)
            per_call[name] = {"median_s": m, "runs_s": all_}
        uncached = [n for n in calls if "cached across" not in n]
        bundle_s, bundle_runs = timed(lambda: [calls[n]() for n in uncached], runs)

        # naive baseline: the employee-year rows of the two years in memory, pandas per click
        t = time.perf_counter()
        raw = con.execute(
            """SELECT tahun, provinsi_kode, kabkota_kode, jenis_pegawai, jp_total FROM jp_pegawai_tahun
               WHERE tahun IN (?, ?)""",
            [year, year - 1],
        ).df()
        load_s = time.perf_counter() - t
        names = con.execute("SELECT kode, nama FROM kabkota").df()
        args = (raw, prov["kode"], year, names, rules.jp.ambang_tahunan, rules.jp.pppk.ambang_tahunan)
        naive_s, naive_runs = timed(lambda: naive_kabkota(*args), naive_repeat)
        ours_s, ours_runs = timed(
            lambda: wilayah.per_kelompok(con, scope=scope, rules=rules, by="kabkota"), naive_repeat
        )
        a = naive_kabkota(*args).set_index("kode")
        b = kk.set_index("kode")
        same = bool(
            set(a.index) == set(b.index)
            and (a["pegawai"] == b.loc[a.index, "pegawai"]).all()
            and ((a["nilai"] - b.loc[a.index, "nilai"]).abs() < 1e-9).all()
            and ((a["selisih"] - b.loc[a.index, "selisih"]).abs().fillna(0) < 1e-9).all()
        )
        naive = {
            "what": "20 JP compliance by kab/kota (value, last year, change) of the province in pandas from "
            "jp_pegawai_tahun's rows of the two years loaded into memory",
            "rows_in_memory": len(raw),
            "memory_mb": round(raw.memory_usage(deep=True).sum() / 2**20),
            "load_s": round(load_s, 3),
            "naive_compute_median_s": naive_s,
            "naive_runs_s": naive_runs,
            "ours_median_s": ours_s,
            "ours_runs_s": ours_runs,
            "ratio_naive_compute_over_ours": round(naive_s / ours_s, 1),
            "ratio_naive_load_and_compute_over_ours": round((load_s + naive_s) / ours_s, 1),
            "same_result": same,
        }
        del raw
        return {
            "province": {k: prov[k] for k in ("kode", "nama", "pegawai")},
            "figure_json": sizes,
            "figure_build_median_s": figure_s,
            "data_calls": per_call,
            "first_visit_data_median_s": bundle_s,
            "first_visit_data_runs_s": bundle_runs,
            "first_visit_data_calls": uncached,
            "naive_baseline": naive,
        }
    finally:
        con.close()


# --- main -----------------------------------------------------------------------------------------


def summarise(rows: list[dict]) -> dict:
    keys = ["done", "settled", "map", "heading", "script_run", "after_run", "playwright_wall"]
    s = {f"median_{k}_s": median([r.get(k) for r in rows]) for k in keys}
    s |= {f"p95_{k}_s": p95([r.get(k) for r in rows]) for k in ("done", "settled")}
    s["median_ws_bytes"] = median([r["ws_bytes"] for r in rows])
    return s


def report(out: dict, dest: Path) -> str:
    """The summary printed at the end."""
    ip = out["in_process"]
    nb = ip["naive_baseline"]
    lines = [
        "",
        f"{out['employees']} employees, {out['runs']} runs, commit {out['commit']} ({out['code']}), "
        f"{out['machine']['cpus']} cpus, load average before/after {out['load_average_before_after']}",
        f"open page {out['open_page_s']} s; cold click {out['cold_s']} s (settled {out['cold_settled_s']} s); "
        f"back to all provinces {out['back_s']} s",
    ]
    for name in ("first_visit", "revisit"):
        s = out[name]
        lines.append(
            f"{name}: settled median {s['median_settled_s']} s (p95 {s['p95_settled_s']}), done {s['median_done_s']} s "
            f"(p95 {s['p95_done_s']}), map outlined {s['median_map_s']} s, "
            f"playwright wall {s['median_playwright_wall_s']} s; server rerun {s['median_script_run_s']} s, "
            f"browser after it {s['median_after_run_s']} s; "
            f"websocket {s['median_ws_bytes']} B"
        )
    lines += [
        f"map figure JSON {out['map_figure_json_bytes']} B; all: {ip['figure_json']}",
        f"figures built in-process (median s): {ip['figure_build_median_s']}",
        f"data of a first visit ({ip['province']['nama']}, {ip['province']['pegawai']} employees): "
        f"{ip['first_visit_data_median_s']} s; per call: "
        + ", ".join(f"{k} {v['median_s']}" for k, v in ip["data_calls"].items()),
        f"naive pandas kab/kota {nb['naive_compute_median_s']} s "
        f"(+ load {nb['load_s']} s, {nb['rows_in_memory']} rows) "
        f"vs ours {nb['ours_median_s']} s: x{nb['ratio_naive_compute_over_ours']} "
        f"(x{nb['ratio_naive_load_and_compute_over_ours']} with the load), same result: {nb['same_result']}",
        f"page problems: {json.dumps(out['page_problems'], ensure_ascii=False)[:1500]}",
        f"written to {dest}",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="an existing database (copied first, never opened)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--port", type=int, default=None)
    ap.add_argument("--tree", choices=["head", "work"], default="head", help="the code: committed HEAD or the tree")
    ap.add_argument("--naive-repeat", type=int, default=3)
    ap.add_argument("--quiet", type=int, default=700, help="ms without DOM change that end a click's 'settled'")
    ap.add_argument("--height", type=int, default=3600, help="browser viewport height (every chart in view)")
    ap.add_argument("--tmp", default=None, help="folder for the copy (default: the system's temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (copy, server log)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "wilayah_klik.json"))
    args = ap.parse_args()
    source = Path(args.db)
    if not source.is_file():
        sys.exit(f"no database at {source}")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    tmp = Path(tempfile.mkdtemp(prefix="wilayah_klik_", dir=args.tmp))
    args.tmp_dir = str(tmp)
    proc = None
    try:
        commit = git("rev-parse", "--short", "HEAD")  # HEAD moves while others commit: this one throughout
        if args.tree == "head":
            src = tmp / "src"
            export_commit(commit, src)
        else:
            src = ROOT
        sys.path.insert(0, str(src))
        os.chdir(src)
        dirty = [line[3:] for line in git("status", "--porcelain").splitlines()]

        t = time.perf_counter()
        copy = tmp / "bench.duckdb"
        shutil.copyfile(source, copy)
        if Path(str(source) + ".wal").exists():
            shutil.copyfile(str(source) + ".wal", str(copy) + ".wal")
        copy_s = round(time.perf_counter() - t, 1)
        print(f"copied {source} ({source.stat().st_size / 2**30:.2f} GiB) to {copy} in {copy_s} s", flush=True)

        accounts = importlib.import_module("analytics.accounts")
        build = importlib.import_module("analytics.build")
        charts_wilayah = importlib.import_module("analytics.charts_wilayah")
        db = importlib.import_module("analytics.db")
        dimensions = importlib.import_module("analytics.dimensions")
        jp = importlib.import_module("analytics.jp")
        Scope = importlib.import_module("analytics.filters").Scope
        rules = importlib.import_module("analytics.rules").load_rules()
        assert Path(charts_wilayah.__file__).is_relative_to(src), charts_wilayah.__file__

        con = db.connect(copy)
        try:
            t = time.perf_counter()
            rebuilt = build.ensure_current(con, rules)
            rebuild_s = round(time.perf_counter() - t, 1)
            accounts.add_user(con, USER, PASSWORD, "admin", oleh="bench")
            employees = con.execute("SELECT count(*) FROM pegawai").fetchone()[0]
            year = dimensions.reference_date(con).year  # the page's default year (the data year)
            g = jp.per_kelompok(con, scope=Scope(tahun=year), rules=rules, by="provinsi", median=False)
        finally:
            con.close()
        tile = {k: i for i, k in enumerate(charts_wilayah.tata_letak()["kode"])}
        g = g[g["pegawai"] > 0].sort_values(["pegawai", "kode"], ascending=[False, True])
        ranked = [
            {"kode": r.kode, "nama": r.nama, "pegawai": int(r.pegawai), "tile": tile[r.kode]}
            for r in g.itertuples()
            if r.kode in tile
        ]
        if len(ranked) < args.runs + 1:
            sys.exit(f"{len(ranked)} provinces with employees; --runs {args.runs} needs {args.runs + 1}")
        # first visits spread over the size ranking (the largest first); cold: the median-sized one left
        step = (len(ranked) - 1) / max(args.runs - 1, 1) if args.runs > 1 else 0
        picks = sorted({round(k * step) for k in range(args.runs)})
        rest = [i for i in range(len(ranked)) if i not in picks]
        while len(picks) < args.runs:
            picks.append(rest.pop(0))
        rest = [i for i in range(len(ranked)) if i not in picks]
        cold = ranked[rest[len(rest) // 2]]
        first = [ranked[i] for i in picks]
        clicks = {"cold": cold, "first_visit": first, "revisit": first}  # revisit: the same, cached, in order
        print(
            f"{employees} employees, year {year}; cold click {cold['kode']} {cold['nama']}; first visits "
            + ", ".join(f"{c['kode']} ({c['pegawai']})" for c in first),
            flush=True,
        )

        port = args.port or free_port()
        log_path = tmp / "streamlit.log"
        load0 = os.getloadavg()
        t = time.perf_counter()
        proc = start_server(src, copy, port, log_path)
        start_s = round(time.perf_counter() - t, 1)
        print(f"streamlit up on 127.0.0.1:{port} in {start_s} s (code: {src})", flush=True)
        try:
            browser = browser_part(f"http://127.0.0.1:{port}", clicks, args)
        finally:
            stop_server(proc)
            proc = None
        load1 = os.getloadavg()
        log = log_path.read_text(errors="replace")
        problems = [ln for ln in log.splitlines() if any(w in ln for w in ("Traceback", "Error", "Warning", "WARN"))]

        print("in-process data times, figure JSON, naive baseline:", flush=True)
        largest = {**ranked[0], "tahun": year}
        inproc = in_process(copy, largest, args.runs, args.naive_repeat)

        out = {
            "what": "a click on a province tile of the Wilayah page until the page is redrawn, in Debian chromium "
            "(playwright) against streamlit run app.py; times from the tile's mousedown (see the docstring)",
            "redrawn_signal": "the new 'Kabupaten/kota di <name>' heading, stApp[data-test-script-state] == "
            "'notRunning', no [data-stale=true] element, every .js-plotly-plot with its .main-svg (done); settled "
            f"= the last DOM change after the click once quiet for {args.quiet} ms (hover labels, mode bar and "
            "element toolbars aside)",
            "db": str(source),
            "employees": employees,
            "year": year,
            "runs": args.runs,
            "code": "HEAD (git archive)" if args.tree == "head" else "working tree",
            "summary_rebuilt_at_start_s": rebuild_s if rebuilt else None,
            "copy_s": copy_s,
            "server_start_s": start_s,
            "open_page_s": browser["open_page_s"],
            "cold_s": browser["cold"].get("done"),
            "cold_settled_s": browser["cold"]["settled"],
            "back_s": browser["back_s"],
            "first_visit": summarise(browser["first_visit"]),
            "revisit": summarise(browser["revisit"]),
            "map_figure_json_bytes": inproc["figure_json"]["peta_tile_bytes"],
            "in_process": inproc,
            "clicks": {"cold": browser["cold"], "first_visit": browser["first_visit"], "revisit": browser["revisit"]},
            "tiles": browser["tiles"],
            "page_problems": {
                "exceptions_shown": browser["exceptions_shown"],
                "page_errors": browser["page_errors"],
                "console_errors": browser["console_errors"][:20],
                "http_errors": browser["http_errors"][:20],
                "outside_requests": browser["outside_requests"],
                "server_log_lines": problems[:40],
            },
            "load_average_before_after": [round(load0[0], 2), round(load1[0], 2)],
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "commit": commit,
            "worktree_dirty": dirty if args.tree == "work" else f"not measured (HEAD exported); {len(dirty)} changed",
        }
        dest = Path(args.out)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
        print(report(out, dest), flush=True)
    finally:
        if proc is not None:
            stop_server(proc)
        os.chdir(ROOT)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
